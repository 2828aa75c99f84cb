import type { EntityManager } from '@mikro-orm/postgresql';
import { ServerError } from '@colyseus/core';
import { roleIn, teamOwnedBy } from '../../src/leagues/access.ts';
import type { TokenService } from '../../src/auth/tokens.ts';

export type SeatRole = 'commissioner' | 'manager' | 'spectator';

/** Who a connected client is in this room, decided once at join from the token and the league. */
export interface Seat {
  userId: string;
  username: string;
  role: SeatRole;
  /** The team this client acts for; null for spectators and team-less commissioners. */
  teamId: string | null;
}

/** Close code for a join refused for want of a valid token (4xxx are the application's). */
export const AUTH_FAILED = 4401;

export async function resolveSeat(
  em: EntityManager, tokens: TokenService, token: string | undefined, leagueId: string, spectate: boolean,
): Promise<Seat> {
  const claims = token ? await tokens.verify(token) : null;
  if (!claims) throw new ServerError(AUTH_FAILED, 'A valid token is required to join');
  const base = { userId: claims.userId, username: claims.username };
  if (spectate) return { ...base, role: 'spectator', teamId: null };
  const role = await roleIn(em, leagueId, claims.userId);
  const team = role ? await teamOwnedBy(em, leagueId, claims.userId) : null;
  if (role === 'commissioner') return { ...base, role, teamId: team?.id ?? null };
  if (role === 'manager' && team) return { ...base, role, teamId: team.id };
  // Anyone signed in may watch a league's rooms; only members with a team act.
  return { ...base, role: 'spectator', teamId: null };
}
