import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCode, ServerError, matchMaker, type AuthContext, type IRoomCache } from '@colyseus/core';
import type { ISeatReservation } from '@colyseus/shared-types';
import { LeagueRoom } from './LeagueRoom.ts';
import { openRoom } from './open-room.ts';
import { processGone } from './dead-processes.ts';
import { BAD_JOIN, type Seat } from './seat.ts';

/** `create` of a league room by a client: the room of a stream is opened by joining it. */
export const CREATE_REFUSED = 405;
/** How long a join waits for its stream's room while another call (or process) opens it. */
const OPEN_WAIT_MS = 10_000;
const OPEN_POLL_MS = 50;

type Invoke = typeof matchMaker.controller.invokeMethod;
let original: Invoke | undefined;

/** Whether `roomName` is a league room kind (draft, auction, baseball...): one room per stream. */
function isLeagueRoom(roomName: string): boolean {
  return matchMaker.getRoomClass(roomName)?.prototype instanceof LeagueRoom;
}

/**
 * The matchmaking edge (POST /matchmake/:method/:room) for league rooms, so that a room for a
 * stream exists once cluster-wide and only a signed-in user who may see its league makes one:
 * - `create` is refused: it would make a second room for a stream that has one.
 * - `joinOrCreate` seats the client first (the room class's static onAuth: token, stream, league;
 *   nothing is created for a refused join), then opens the stream's room through openRoomOnce, the
 *   presence lock every server-side open takes too, and reserves the seat in it.
 * - `join` and `joinById` never create; both seat the client with the same static onAuth first,
 *   and a joinById must name the room's stream (so must every join: LeagueRoom.onJoin).
 * Other rooms (the echo room) keep Colyseus's behaviour. Installed once per process.
 */
export function installLeagueMatchmaking(): void {
  if (original) return;
  const controller = matchMaker.controller;
  const colyseus = controller.invokeMethod;
  original = colyseus;
  controller.invokeMethod = async function (this: typeof controller, method, roomName, options = {}, auth) {
    try {
      // joinById names a room id where the others name a room kind.
      const byId = method === 'joinById' ? await matchMaker.getRoomById(roomName) : undefined;
      if (byId && isLeagueRoom(byId.name)) return await joinLeagueRoomById(byId, options, auth);
      if (!isLeagueRoom(roomName) || (method !== 'create' && method !== 'joinOrCreate')) {
        return await colyseus.call(this, method, roomName, options, auth);
      }
      if (method === 'create') {
        throw new ServerError(CREATE_REFUSED, `create is not allowed for "${roomName}" rooms: use joinOrCreate with the stream's id`);
      }
      return await joinOrOpen(roomName, options, auth);
    } catch (error) {
      const e = error as { code?: number; message: string };
      throw new ServerError(e.code ?? ErrorCode.MATCHMAKE_UNHANDLED, e.message);
    }
  } satisfies Invoke;
}

/**
 * joinById into a league room: seated as any join (token first), and the options must name this
 * room's stream, for the seat comes from them and must not be another league's (where the client
 * may commission). LeagueRoom.onJoin checks it again in the room.
 */
async function joinLeagueRoomById(listing: IRoomCache, options: Record<string, unknown>, auth: AuthContext | undefined): Promise<ISeatReservation> {
  if (listing.locked) throw new ServerError(ErrorCode.MATCHMAKE_INVALID_ROOM_ID, `room "${listing.roomId}" is locked`);
  const seat = await seatFor(listing.name, options, auth);
  const keys = matchMaker.getHandler(listing.name).filterOptions.map(String);
  const metadata = (listing.metadata ?? {}) as Record<string, unknown>;
  if (keys.some((key) => metadata[key] === undefined || options[key] !== metadata[key])) {
    throw new ServerError(BAD_JOIN, `the join options must name this room's ${keys.join(' and ')}`);
  }
  return matchMaker.reserveSeatFor(listing, options, seat);
}

/** The room kind's static onAuth (rooms/base/admission.ts): 401, 400, 404 or the seat. */
function seatFor(roomName: string, options: Record<string, unknown>, auth: AuthContext | undefined): Promise<Seat> {
  const kind = matchMaker.getRoomClass(roomName) as unknown as typeof LeagueRoom;
  return kind.onAuth(auth?.token as string, options, auth as AuthContext);
}

/** Seats the client in the room of the stream its options name, opening that room once if needed. */
async function joinOrOpen(roomName: string, options: Record<string, unknown>, auth: AuthContext | undefined): Promise<ISeatReservation> {
  const seat = await seatFor(roomName, options, auth);
  const filter = matchMaker.getHandler(roomName).getFilterOptions(options) as Record<string, string>;
  if (Object.keys(filter).length === 0) throw new ServerError(BAD_JOIN, `a join must name its ${roomName}`);
  const until = Date.now() + OPEN_WAIT_MS;
  for (;;) {
    const room = await matchMaker.findOneRoomAvailable(roomName, filter);
    // A listing of a crashed process: removed here (with its others) and the room opened again, where
    // a seat reservation on it would wait 4 s for Colyseus's timeouts (./dead-processes.ts).
    if (room && await processGone(room.processId)) continue;
    if (room) {
      // Refused only when the room went away meanwhile (disposed, process gone): look again.
      const reserved = await matchMaker.reserveSeatFor(room, options, seat).catch(() => undefined);
      if (reserved) return reserved;
    } else if ((await openRoom(roomName, filter)) !== 'not-opened') {
      // Opened now, by this join or by another join of this process it waited for: take a seat.
      continue;
    }
    // Another call holds the open lock, or the listed room is closing: it is there (or gone) shortly.
    if (Date.now() > until) throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, `the ${roomName} room is not available yet; join again`);
    await delay(OPEN_POLL_MS);
  }
}
