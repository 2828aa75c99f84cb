import type { EntityManager } from '@mikro-orm/postgresql';
import { Team } from '../db/entities/index.ts';

/** A league's teams, oldest first. */
export function leagueTeams(em: EntityManager, leagueId: string): Promise<Team[]> {
  return em.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}
