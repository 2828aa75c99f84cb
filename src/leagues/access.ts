import type { EntityManager } from '@mikro-orm/postgresql';
import { League, LeagueMember, Team, type Role, type Visibility } from '../db/entities/index.ts';
import { AppError, forbidden, notFound } from '../errors.ts';

/** One place decides who may do what in a league: REST uses it, rooms use it. */
export async function findLeague(em: EntityManager, leagueId: string): Promise<League> {
  const league = await em.findOne(League, { id: leagueId });
  if (!league) throw notFound('League');
  return league;
}

/** An archived league is read-only: every change in it is refused (409 LEAGUE_ARCHIVED). */
export function requireUnarchived(league: { archivedAt?: Date | null }): void {
  if (league.archivedAt) throw new AppError(409, 'LEAGUE_ARCHIVED', 'This league is archived: nothing changes in it any more');
}

/** A league a user may see, with his role in it (null: a signed-in stranger to a public league). */
export interface VisibleLeague {
  league: League;
  role: Role | null;
}

/**
 * Who may see a league: its members and, for a public league, everyone (a signed-in user, or an
 * anonymous reader of the public read routes: userId null). Null for everyone else, who must not
 * learn that it exists (callers answer as for an unknown id).
 */
export async function visibleLeague(em: EntityManager, leagueId: string, userId: string | null): Promise<VisibleLeague | null> {
  const league = await em.findOne(League, { id: leagueId });
  if (!league) return null;
  const role = userId ? await roleIn(em, leagueId, userId) : null;
  return maySee(league.visibility, role) ? { league, role } : null;
}

/** The rule of visibleLeague, for callers that read the league and the role themselves (rooms/base/league-access.ts). */
export function maySee(visibility: Visibility, role: Role | null): boolean {
  return role !== null || visibility === 'public';
}

/**
 * The league if the user may see it, else the same 404 an unknown id gets: `what` names the
 * resource the caller was asked for (a draft, a game), so the reply is that of an unknown one.
 */
export async function requireVisible(em: EntityManager, leagueId: string, userId: string | null, what = 'League'): Promise<League> {
  const visible = await visibleLeague(em, leagueId, userId);
  if (!visible) throw notFound(what);
  return visible.league;
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
