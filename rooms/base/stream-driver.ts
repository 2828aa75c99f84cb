import { LocalDriver, type IRoomCache, type RegisteredHandler } from '@colyseus/core';
import { LeagueRoom } from './LeagueRoom.ts';

/** Each league room kind's stream option (its one filterBy, e.g. draft → draftId): what the drivers index. */
export function streamKeysOf(rooms: Record<string, RegisteredHandler>): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, handler] of Object.entries(rooms)) {
    if (handler.klass.prototype instanceof LeagueRoom && handler.filterOptions.length === 1) keys[name] = String(handler.filterOptions[0]);
  }
  return keys;
}

/**
 * The stream a listing belongs to, or a lookup names, as one key `<room kind>:<stream id>`: the
 * index key of both drivers (this one, and rooms/base/stream-redis-driver.ts across processes).
 */
export class StreamKeys {
  /** Room kind → the option that names its stream (its filterBy), e.g. draft → draftId. */
  readonly #keys: ReadonlyMap<string, string>;

  constructor(streamKeys: Record<string, string>) {
    this.#keys = new Map(Object.entries(streamKeys));
  }

  /** The stream of a listing (from its metadata), or undefined for a room kind without one. */
  of(room: IRoomCache): string | undefined {
    const key = this.#keys.get(room.name);
    const stream = key === undefined ? undefined : (room.metadata as Record<string, unknown> | undefined)?.[key];
    return typeof stream === 'string' ? `${room.name}:${stream}` : undefined;
  }

  /** The stream lookup conditions name (a room kind and its stream option), or undefined. */
  named(conditions: Record<string, unknown>): string | undefined {
    const key = typeof conditions.name === 'string' ? this.#keys.get(conditions.name) : undefined;
    const stream = key === undefined ? undefined : conditions[key];
    return typeof stream === 'string' ? `${conditions.name as string}:${stream}` : undefined;
  }
}

/**
 * The matchmaking driver of a process without Redis: Colyseus's LocalDriver, whose every lookup
 * (a join's findOneRoomAvailable, an open's "is it listed?", a getRoomById) copies and scans the
 * whole list of rooms. After a restart each of a thousand joins looked up its room several times
 * over a list of hundreds: O(rooms × joins). Here the rooms of a stream kind (one room per draft,
 * game or league, named by its filterBy option, set in onCreate before the room is listed and never
 * changed after) are also kept by that option's value, and every room by its id: such lookups look
 * only at those few listings, with LocalDriver's own matching and sorting. Any other lookup scans.
 */
export class StreamIndexedDriver extends LocalDriver {
  readonly #streams: StreamKeys;
  readonly #byId = new Map<string, IRoomCache>();
  readonly #byStream = new Map<string, IRoomCache[]>();

  constructor(streamKeys: Record<string, string>) {
    super();
    this.#streams = new StreamKeys(streamKeys);
  }

  override async insert(room: IRoomCache): Promise<boolean> {
    const added = await super.insert(room);
    if (added) this.#add(room);
    return added;
  }

  override persist(room: IRoomCache, create = false): boolean {
    const added = super.persist(room, create);
    if (added) this.#add(room);
    return added;
  }

  override remove(roomId: string): boolean {
    const room = this.#byId.get(roomId);
    if (room) this.#forget(room);
    return super.remove(roomId);
  }

  override clear(): void {
    super.clear();
    this.#byId.clear();
    this.#byStream.clear();
  }

  override findOne(conditions: Partial<IRoomCache>, sortOptions?: unknown): ReturnType<LocalDriver['findOne']> {
    const few = this.#candidates(conditions as Record<string, unknown>);
    return few ? LocalDriver.prototype.findOne.call({ rooms: few }, conditions, sortOptions as never) : super.findOne(conditions, sortOptions as never);
  }

  override query(conditions: Partial<IRoomCache>, sortOptions?: unknown): ReturnType<LocalDriver['query']> {
    const few = this.#candidates(conditions as Record<string, unknown>);
    return few ? LocalDriver.prototype.query.call({ rooms: few }, conditions, sortOptions as never) : super.query(conditions, sortOptions as never);
  }

  /** The only listings that can match, or undefined when the conditions name neither a room id nor a stream. */
  #candidates(conditions: Record<string, unknown>): IRoomCache[] | undefined {
    if (typeof conditions.roomId === 'string') {
      const room = this.#byId.get(conditions.roomId);
      return room ? [room] : [];
    }
    const stream = this.#streams.named(conditions);
    return stream === undefined ? undefined : this.#byStream.get(stream) ?? [];
  }

  #add(room: IRoomCache): void {
    this.#byId.set(room.roomId, room);
    const key = this.#streams.of(room);
    if (key === undefined) return;
    const listed = this.#byStream.get(key);
    if (listed) listed.push(room);
    else this.#byStream.set(key, [room]);
  }

  #forget(room: IRoomCache): void {
    this.#byId.delete(room.roomId);
    const key = this.#streams.of(room);
    const listed = key === undefined ? undefined : this.#byStream.get(key);
    if (!listed || key === undefined) return;
    const rest = listed.filter((other) => other !== room);
    if (rest.length > 0) this.#byStream.set(key, rest);
    else this.#byStream.delete(key);
  }
}
