/**
 * Client pools shared by the load tests: one SDK client per user, reused across rooms (each join is
 * its own room connection); the commissioner's join creates a room (restored from the log) and the
 * managers' joins find it; the commissioner then starts every room at once and leaves.
 */
import { Client, type Room } from '@colyseus/sdk';
import { pool, type User } from './rest.ts';
import { sleep } from './stats.ts';
import { stateClassOf, type StateClass } from './room-states.ts';

export function sdkClient(baseUrl: string, user: User): Client {
  const client = new Client(baseUrl);
  client.auth.token = user.token;
  return client;
}

/**
 * joinOrCreate (or `how`; joinById takes a roomId as `roomName`, and `kind` names the room kind),
 * tried 3 times; each failure is counted as `JOIN:<message>`. The state decodes into the kind's own
 * schema classes (./room-states.ts).
 */
export async function joinWithRetry(
  client: Client, roomName: string, options: Record<string, unknown>, countError: (code: string) => void,
  how: 'joinOrCreate' | 'create' | 'joinById' = 'joinOrCreate', kind = roomName,
): Promise<Room> {
  const join = client[how] as (name: string, options: Record<string, unknown>, rootSchema?: StateClass) => Promise<Room>;
  for (let attempt = 1; ; attempt++) {
    try {
      return await join.call(client, roomName, options, stateClassOf(kind));
    } catch (error) {
      countError(`JOIN:${(error as Error).message.slice(0, 60)}`);
      if (attempt >= 3) throw error;
      await sleep(200 * attempt);
    }
  }
}

export interface JoinedRooms {
  /** The commissioner's room of each game, by game index (missing when its join failed). */
  commishRooms: Room[];
  joinFailures: number;
  /** Games whose clients did not all land in the commissioner's room. */
  splitRooms: number;
}

/**
 * Joins the commissioner, then one client per manager, to every game. `attach` receives each
 * manager's room (by manager index) once all of that game's joins succeeded.
 */
export async function joinGames<G extends { index: number }>(
  games: G[],
  options: {
    roomName: string;
    joinOptions: (game: G) => Record<string, unknown>;
    commishClient: Client;
    managerClients: Client[];
    concurrency: number;
    countError: (code: string) => void;
    attach: (game: G, rooms: Room[]) => void;
  },
): Promise<JoinedRooms> {
  const { roomName, joinOptions, commishClient, managerClients, concurrency, countError, attach } = options;
  const commishRooms: Room[] = [];
  let joinFailures = 0;
  let splitRooms = 0;
  await pool(games, concurrency, async (game) => {
    try {
      const room = await joinWithRetry(commishClient, roomName, joinOptions(game), countError);
      room.reconnection.enabled = false;
      commishRooms[game.index] = room;
      const rooms = await Promise.all(managerClients.map((client) => joinWithRetry(client, roomName, joinOptions(game), countError)));
      attach(game, rooms);
      if (rooms.some((r) => r.roomId !== room.roomId)) splitRooms++;
    } catch {
      joinFailures++;
    }
  });
  return { commishRooms, joinFailures, splitRooms };
}

/** The commissioner starts each room (all at once), then leaves it; a refusal is counted as `START:<code>`. */
export async function startAndLeave(rooms: Room[], countError: (code: string) => void): Promise<void> {
  await Promise.all(rooms.map(async (room) => {
    try {
      await room.request('start', {});
    } catch (error) {
      countError(`START:${(error as { reason?: { code?: string } }).reason?.code ?? (error as Error).message}`);
    }
    await room.leave(true).catch(() => undefined);
  }));
}

/** Leaves a room if its connection is still open. */
export function leaveRoom(room: Room | undefined): Promise<unknown> {
  return room?.connection?.isOpen ? room.leave(true).catch(() => undefined) : Promise.resolve();
}

/** What a measured client tells `watchRoom`. */
export interface Watcher {
  onState(state: any): void;
  /** Whether the measured phase runs (a departure before or after it is not an error). */
  running(): boolean;
  /** Whether this client's room is finished (leaving then is expected). */
  finished(): boolean;
}

/** Wires a measured client's room: state changes to the bot; departures and room errors counted. */
export function watchRoom(room: Room, watcher: Watcher, countError: (code: string) => void): void {
  // A reconnect would blur the figures (and the server may be the cause): count it instead.
  room.reconnection.enabled = false;
  room.onStateChange((state) => watcher.onState(state));
  room.onLeave((code) => {
    if (watcher.running() && !watcher.finished()) countError(`LEFT_${code}`);
  });
  room.onError((code, message) => countError(`ROOM_ERROR_${code}${message ? `:${message}` : ''}`));
  room.onMessage('*', () => { /* chat and other broadcasts: not measured */ });
}
