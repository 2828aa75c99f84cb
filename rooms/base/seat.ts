import { ServerError } from '@colyseus/core';
import { maySee } from '../../src/leagues/access.ts';
import type { TokenClaims } from '../../src/auth/tokens.ts';
import type { LeagueAccess } from './league-access.ts';

/** Who a connected client is in this room, decided once at join from the token and the league. */
interface SeatOf<Role extends string, Team extends string | null> {
  userId: string;
  username: string;
  role: Role;
  /** The team this client acts for. */
  teamId: Team;
  /** A member of the league (also when spectating); non-members of a public league only watch. */
  member: boolean;
  /** When matchmaking began to read the league for it (epoch ms): a seat change since may be missing. */
  decidedAt?: number;
}

export type Spectator = SeatOf<'spectator', null>;
export type Manager = SeatOf<'manager', string>;
/** The league's commissioner, who may own no team (then he runs the room but drafts for nobody). */
export type Commissioner = SeatOf<'commissioner', string | null>;
export type Seat = Spectator | Manager | Commissioner;
export type SeatRole = Seat['role'];

/*
 * Joins are refused at matchmaking (POST /matchmake/...), whose answer is an HTTP response: the
 * SDK's MatchMakeError carries its status as `code`, so these are HTTP statuses.
 */
/** A join whose seat the league changed between matchmaking and the room: it joins again. */
export const SEAT_CHANGED = 409;
/** A join without a valid token (was 4401 when the token was checked on the WebSocket). */
export const AUTH_FAILED = 401;
/** A join naming no stream, or not this room's. */
export const BAD_JOIN = 400;
/** A join naming a stream that does not exist (only ever answered to a signed-in user). */
export const NO_SUCH_STREAM = 404;

/** What a join asks for: the league of the stream it names, and whether only to watch. */
export interface SeatRequest {
  /**
   * The league of the stream the join names: null when there is no such stream; throws
   * ServerError(BAD_JOIN) when the options name none. Only called once the token is valid, so a
   * stranger learns nothing about which streams exist.
   */
  leagueOf: () => Promise<string | null>;
  /** The user's access to the league (./league-access.ts); null when there is no such league. */
  accessOf: (leagueId: string, userId: string) => Promise<LeagueAccess | null>;
  /** The 404 message, e.g. 'No such draft'. */
  notFound: string;
  spectate: boolean;
}

/**
 * The one place a join becomes a seat, at matchmaking (before any room is created for it): the
 * token first (401), then the stream (400 / 404), then who may see the league
 * (src/leagues/access.ts): a user who may not gets the 404 an unknown stream gets, so the room does
 * not reveal that it exists. Members act by role; others (public leagues) watch.
 *
 * The token is checked here only: a seat outlives its access token's expiry (the client stays
 * until it leaves), but joining again needs a valid token of a live session (docs/PROTOCOL.md).
 */
export async function resolveSeat(
  sessions: { verifyAccess(token: string): Promise<TokenClaims | null> }, token: string | undefined, request: SeatRequest,
): Promise<Seat> {
  const claims = token ? await sessions.verifyAccess(token) : null;
  if (!claims) throw new ServerError(AUTH_FAILED, 'A valid token is required to join');
  const leagueId = await request.leagueOf();
  const access = leagueId ? await request.accessOf(leagueId, claims.userId) : null;
  if (!leagueId || !access || !maySee(access.visibility, access.role)) throw new ServerError(NO_SUCH_STREAM, request.notFound);
  const { role } = access;
  const base = { userId: claims.userId, username: claims.username, member: role !== null };
  if (request.spectate) return { ...base, role: 'spectator', teamId: null };
  const teamId = role ? access.teamId : null;
  if (role === 'commissioner') return { ...base, role, teamId };
  if (role === 'manager' && teamId) return { ...base, role, teamId };
  // Only members with a team (and the commissioner) act; everyone else who may see the league watches.
  return { ...base, role: 'spectator', teamId: null };
}
