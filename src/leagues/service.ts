import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  League, LeagueMember, ON_ROSTER, Player, RosterEntry, TEAM_OWNER_UNIQUE, Team, User, type BaseballRulesId, type Visibility,
} from '../db/entities/index.ts';
import type { Sport } from '../players/types.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { ensureMember, findLeague, requireCommissioner, requireUnarchived, roleIn, teamOwnedBy, visibleLeague } from './access.ts';
import { queueDefaultRules } from '../scoring/versions.ts';
import { lockLeague } from '../transactions/book.ts';

export function newInviteCode(): string {
  return randomBytes(9).toString('base64url').slice(0, 12);
}

export interface NewLeague {
  name: string;
  sport: Sport;
  baseballRules?: BaseballRulesId;
  /** Private (members only) unless asked otherwise. */
  visibility?: Visibility;
}

export async function createLeague(em: EntityManager, userId: string, input: NewLeague) {
  const league = em.create(League, {
    name: input.name, sport: input.sport, inviteCode: newInviteCode(), createdBy: userId,
    visibility: input.visibility ?? 'private',
    ...(input.baseballRules ? { baseballRules: input.baseballRules } : {}),
  });
  em.create(LeagueMember, { league: league.id, user: userId, role: 'commissioner' });
  queueDefaultRules(em, league); // football and F1 leagues start with scoring rules version 1
  await em.flush();
  return { ...leagueView(league, 'commissioner'), role: 'commissioner' as const };
}

/** What a user who may see the league sees of it; the invite code only for its commissioner. */
export async function getLeague(em: EntityManager, leagueId: string, userId: string | null) {
  const visible = await visibleLeague(em, leagueId, userId);
  if (!visible) throw notFound('League');
  const { league, role } = visible;
  const teams = await em.count(Team, { league: leagueId });
  const members = await em.count(LeagueMember, { league: leagueId });
  return { ...leagueView(league, role), role, teams, members };
}

export async function listMyLeagues(em: EntityManager, userId: string) {
  const memberships = await em.find(LeagueMember, { user: userId }, { orderBy: { joinedAt: 'asc' } });
  const leagues = await em.find(League, { id: { $in: memberships.map((m) => m.league) } });
  const roles = new Map(memberships.map((m) => [m.league, m.role]));
  return leagues.map((league) => ({ ...leagueView(league, roles.get(league.id) ?? null), role: roles.get(league.id) }));
}

export async function addTeam(em: EntityManager, leagueId: string, userId: string, input: { name: string; ownerId?: string }) {
  await requireCommissioner(em, leagueId, userId);
  if (input.ownerId) await assignableOwner(em, leagueId, input.ownerId);
  const team = em.create(Team, { league: leagueId, name: input.name, owner: input.ownerId ?? null });
  if (input.ownerId) await ensureMember(em, leagueId, input.ownerId, 'manager');
  await em.flush().catch(asOwnerConflict('That user already manages a team in this league'));
  return teamView(team, []);
}

async function assignableOwner(em: EntityManager, leagueId: string, ownerId: string): Promise<void> {
  if (!(await em.findOne(User, { id: ownerId }))) {
    throw new AppError(400, 'INVALID_INPUT', 'ownerId names no user', { fields: [{ path: 'ownerId', message: 'unknown user' }] });
  }
  if (await teamOwnedBy(em, leagueId, ownerId)) throw conflict('That user already manages a team in this league');
}

/**
 * Joins a league with its invite code (or as an existing member) and claims an open team:
 * the one named, else the first created. A user manages at most one team per league.
 */
export async function joinLeague(em: EntityManager, leagueId: string, userId: string, input: { inviteCode?: string; teamId?: string }) {
  const league = await findLeague(em, leagueId);
  const role = await roleIn(em, leagueId, userId);
  if (!role && input.inviteCode !== league.inviteCode) {
    // A stranger to a private league without its code must not learn that it exists.
    if (league.visibility !== 'public') throw notFound('League');
    throw new AppError(403, 'FORBIDDEN', 'A valid invite code is required to join this league');
  }
  requireUnarchived(league);
  if (await teamOwnedBy(em, leagueId, userId)) throw conflict(ALREADY_MANAGES);
  const team = await openTeam(em, leagueId, input.teamId);
  await em.transactional(async (tx) => {
    // The league's lock, as every change of who holds a team takes it (the commissioner's team
    // edits): a join and an edit of the same team never both win. Archiving takes it too.
    requireUnarchived(await lockLeague(tx, leagueId));
    // The owner check guards the claim: two users racing for one team cannot both win it; the
    // unique (league, owner) index stops one user racing for several teams (a 409 below).
    const claimed = await tx.nativeUpdate(Team, { id: team.id, owner: null }, { owner: userId });
    if (claimed !== 1) throw conflict('That team was just claimed by someone else');
    await ensureMember(tx, leagueId, userId, 'manager');
  }).catch(asOwnerConflict(ALREADY_MANAGES));
  team.owner = userId;
  return { league: leagueView(league, role ?? 'manager'), team: teamView(team, []) };
}

const ALREADY_MANAGES = 'You already manage a team in this league';

/** Maps a violation of "one team per manager and league" (a lost race) to a 409; rethrows anything else. */
function asOwnerConflict(message: string) {
  return (error: unknown): never => {
    if (error instanceof UniqueConstraintViolationException && error.message.includes(TEAM_OWNER_UNIQUE)) throw conflict(message);
    throw error;
  };
}

async function openTeam(em: EntityManager, leagueId: string, teamId?: string): Promise<Team> {
  if (teamId) {
    const team = await em.findOne(Team, { id: teamId, league: leagueId });
    if (!team) throw notFound('Team');
    if (team.owner) throw conflict('That team already has a manager');
    return team;
  }
  const team = await em.findOne(Team, { league: leagueId, owner: null }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  if (!team) throw conflict('This league has no open team to claim');
  return team;
}

export async function listTeams(em: EntityManager, leagueId: string) {
  await findLeague(em, leagueId);
  const teams = await em.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const entries = await em.find(RosterEntry, { team: { $in: teams.map((t) => t.id) }, ...ON_ROSTER }, { orderBy: { acquiredAt: 'asc', id: 'asc' } });
  const players = await em.find(Player, { id: { $in: entries.map((e) => e.player) } });
  const playerById = new Map(players.map((player) => [player.id, player]));
  const owners = await em.find(User, { id: { $in: teams.flatMap((t) => (t.owner ? [t.owner] : [])) } });
  const ownerName = new Map(owners.map((u) => [u.id, u.username]));
  return teams.map((team) => ({
    ...teamView(team, entries.filter((e) => e.team === team.id).map((e) => rosterView(e, playerById.get(e.player)))),
    ownerName: team.owner ? ownerName.get(team.owner) ?? null : null,
  }));
}

function leagueView(league: League, role: string | null) {
  return {
    id: league.id,
    name: league.name,
    sport: league.sport,
    createdBy: league.createdBy,
    createdAt: league.createdAt,
    visibility: league.visibility,
    // Which rules the league's games play (DH, extra-inning runner): baseball leagues only.
    ...(league.sport === 'baseball' ? { baseballRules: league.baseballRules } : {}),
    ...(role === 'commissioner' ? { inviteCode: league.inviteCode } : {}),
  };
}

function teamView(team: Team, roster: ReturnType<typeof rosterView>[]) {
  return { id: team.id, leagueId: team.league, name: team.name, ownerId: team.owner ?? null, park: team.park ?? null, roster };
}

function rosterView(entry: RosterEntry, player: Player | undefined) {
  return {
    playerId: entry.player,
    name: player?.name ?? null,
    positions: player?.positions ?? [],
    acquiredVia: entry.acquiredVia,
    sourceId: entry.sourceId ?? null,
    acquiredAt: entry.acquiredAt,
  };
}
