import { randomUUID } from 'node:crypto';
import { defineServer, ServerError, type RegisteredHandler, type Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { ColyseusTestServer } from '@colyseus/testing';
import { MemoryEventLog } from '../../src/db/memory-event-log.ts';
import { setRoomServices } from '../../rooms/base/services.ts';
import { AUTH_FAILED, BAD_JOIN, type Seat } from '../../rooms/base/seat.ts';
import type { SeatResolver, StreamKind } from '../../rooms/base/admission.ts';
import { MAX_MESSAGE_BYTES } from '../../rooms/base/limits.ts';
import { TEST_PORT } from './server.ts';

/** Someone a memory server seats: the token he joins with names him, as a signed-in user's would. */
export interface MemoryUser { token: string; userId: string; username: string }

/**
 * Seats from a map of tokens, the in-memory twin of databaseSeats: an unknown token is refused
 * (401) and options that name no stream (400) as the server does; `{spectate: true}` watches.
 * There are no leagues to look up, so a known token is seated in whatever stream it names.
 */
export class MemorySeats implements SeatResolver {
  readonly #seats = new Map<string, Seat>();

  /** A user who joins in `seat`'s role (and team). */
  add(username: string, seat: Pick<Seat, 'role' | 'teamId' | 'member'>): MemoryUser {
    const user = { token: randomUUID(), userId: randomUUID(), username };
    this.#seats.set(user.token, { userId: user.userId, username, ...seat } as Seat);
    return user;
  }

  async seat<Options>(token: string | undefined, kind: StreamKind<Options>, options: unknown): Promise<Seat> {
    const seat = token ? this.#seats.get(token) : undefined;
    if (!seat) throw new ServerError(AUTH_FAILED, 'A valid token is required to join');
    if (!kind.options.safeParse(options ?? {}).success) throw new ServerError(BAD_JOIN, kind.invalid);
    if ((options as { spectate?: unknown }).spectate === true) return { ...seat, role: 'spectator', teamId: null };
    return seat;
  }
}

export interface MemoryServer {
  store: MemoryEventLog;
  seats: MemorySeats;
  colyseus: ColyseusTestServer;
  baseUrl: string;
  close(): Promise<void>;
}

/** A Colyseus server with the given rooms on a MemoryEventLog: no PostgreSQL, no Redis, no REST. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture rooms differ in state types
export async function startMemoryServer(rooms: Record<string, RegisteredHandler<any>>): Promise<MemoryServer> {
  const store = new MemoryEventLog();
  const seats = new MemorySeats();
  setRoomServices({ store, seats, now: Date.now });
  const server: Server = defineServer({
    rooms, transport: new WebSocketTransport({ maxPayload: MAX_MESSAGE_BYTES }), gracefullyShutdown: false, greet: false,
  });
  await server.listen(TEST_PORT, '127.0.0.1');
  const colyseus = new ColyseusTestServer(server);
  return {
    store, seats, colyseus, baseUrl: `http://127.0.0.1:${TEST_PORT}`,
    async close() {
      await colyseus.shutdown();
      setRoomServices(undefined);
    },
  };
}
