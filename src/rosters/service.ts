import type { EntityManager } from '@mikro-orm/postgresql';
import { Player, RosterEntry, Team } from '../db/entities/index.ts';
import { requireCommissioner } from '../leagues/access.ts';
import { AppError, conflict, notFound } from '../errors.ts';

/**
 * Commissioner roster moves: put players on a team or take them off, outside any draft (the
 * "commissioner" acquisition). A player is on at most one team of a league.
 */
async function commissionersTeam(em: EntityManager, leagueId: string, teamId: string, userId: string) {
  const league = await requireCommissioner(em, leagueId, userId);
  const team = await em.findOne(Team, { id: teamId, league: leagueId });
  if (!team) throw notFound('Team');
  return { league, team };
}

export async function addToRoster(em: EntityManager, leagueId: string, teamId: string, userId: string, playerIds: string[]) {
  const { league, team } = await commissionersTeam(em, leagueId, teamId, userId);
  const unique = [...new Set(playerIds)];
  const players = await em.find(Player, { id: { $in: unique } });
  const missing = unique.filter((id) => !players.some((p) => p.id === id));
  if (missing.length > 0) throw new AppError(400, 'INVALID_INPUT', 'Unknown players', { playerIds: missing });
  const otherSport = players.filter((p) => p.sport !== league.sport).map((p) => p.id);
  if (otherSport.length > 0) throw new AppError(400, 'INVALID_INPUT', `Players must be ${league.sport} players`, { playerIds: otherSport });
  const leagueTeams = await em.find(Team, { league: leagueId }, { fields: ['id'] });
  const taken = await em.find(RosterEntry, { player: { $in: unique }, team: { $in: leagueTeams.map((t) => t.id) } });
  const elsewhere = taken.filter((e) => e.team !== team.id).map((e) => e.player);
  if (elsewhere.length > 0) throw new AppError(409, 'CONFLICT', 'Players already on another team of this league', { playerIds: elsewhere });
  const already = new Set(taken.map((e) => e.player));
  for (const playerId of unique) {
    if (!already.has(playerId)) em.create(RosterEntry, { team: team.id, player: playerId, acquiredVia: 'commissioner' });
  }
  await em.flush();
  return { teamId: team.id, added: unique.filter((id) => !already.has(id)).length };
}

export async function removeFromRoster(em: EntityManager, leagueId: string, teamId: string, userId: string, playerId: string) {
  const { team } = await commissionersTeam(em, leagueId, teamId, userId);
  const removed = await em.nativeDelete(RosterEntry, { team: team.id, player: playerId });
  if (removed === 0) throw conflict('That player is not on this team');
}
