import type { EntityManager } from '@mikro-orm/postgresql';
import { ServerError } from '@colyseus/core';
import { teamOwnedBy, visibleLeague } from '../../src/leagues/access.ts';
import type { TokenService } from '../../src/auth/tokens.ts';

export type SeatRole = 'commissioner' | 'manager' | 'spectator';

/** Who a connected client is in this room, decided once at join from the token and the league. */
export interface Seat {
  userId: string;
  username: string;
  role: SeatRole;
  /** The team this client acts for; null for spectators and team-less commissioners. */
  teamId: string | null;
  /** A member of the league (also when spectating); non-members of a public league only watch. */
  member: boolean;
}

/** Close code for a join refused for want of a valid token (4xxx are the application's). */
export const AUTH_FAILED = 4401;

/**
 * Who may be in a league's room is who may see the league (src/leagues/access.ts): a user who
 * may not is refused with `notFoundMessage`, the refusal an unknown draft or game gets, so the
 * room does not reveal that it exists. Members act by role; others (public leagues) watch.
 */
export async function resolveSeat(
  em: EntityManager, tokens: TokenService, token: string | undefined, leagueId: string, spectate: boolean, notFoundMessage: string,
): Promise<Seat> {
  const claims = token ? await tokens.verify(token) : null;
  if (!claims) throw new ServerError(AUTH_FAILED, 'A valid token is required to join');
  const visible = await visibleLeague(em, leagueId, claims.userId);
  if (!visible) throw new ServerError(404, notFoundMessage);
  const { role } = visible;
  const base = { userId: claims.userId, username: claims.username, member: role !== null };
  if (spectate) return { ...base, role: 'spectator', teamId: null };
  const team = role ? await teamOwnedBy(em, leagueId, claims.userId) : null;
  if (role === 'commissioner') return { ...base, role, teamId: team?.id ?? null };
  if (role === 'manager' && team) return { ...base, role, teamId: team.id };
  // Only members with a team (and the commissioner) act; everyone else who may see the league watches.
  return { ...base, role: 'spectator', teamId: null };
}
