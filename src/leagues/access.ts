import type { EntityManager } from '@mikro-orm/postgresql';
import { League, LeagueMember, Team, type Role } from '../db/entities/index.ts';
import { forbidden, notFound } from '../http/errors.ts';

/** One place decides who may do what in a league: REST uses it, rooms use it. */
export async function findLeague(em: EntityManager, leagueId: string): Promise<League> {
  const league = await em.findOne(League, { id: leagueId });
  if (!league) throw notFound('League');
  return league;
}

export async function roleIn(em: EntityManager, leagueId: string, userId: string): Promise<Role | null> {
  const member = await em.findOne(LeagueMember, { league: leagueId, user: userId });
  return member?.role ?? null;
}

export async function requireCommissioner(em: EntityManager, leagueId: string, userId: string): Promise<League> {
  const league = await findLeague(em, leagueId);
  if ((await roleIn(em, leagueId, userId)) !== 'commissioner') {
    throw forbidden('Only the commissioner of this league may do that');
  }
  return league;
}

/** The team a user manages in a league, if any. */
export async function teamOwnedBy(em: EntityManager, leagueId: string, userId: string): Promise<Team | null> {
  return em.findOne(Team, { league: leagueId, owner: userId });
}

/** Makes the user a member with at least the given role (a commissioner stays commissioner). */
export async function ensureMember(em: EntityManager, leagueId: string, userId: string, role: Role): Promise<void> {
  const member = await em.findOne(LeagueMember, { league: leagueId, user: userId });
  if (!member) em.create(LeagueMember, { league: leagueId, user: userId, role });
}
