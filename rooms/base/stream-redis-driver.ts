import { initializeRoomCache, type IRoomCache, type SortOptions } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { Query } from '@colyseus/redis-driver/Query';
import type { Redis } from 'ioredis';
import { StreamKeys } from './stream-driver.ts';

/** The hash of the cluster's league rooms by stream: field `<room kind>:<stream id>`, value its room id. */
export const STREAM_INDEX_KEY = 'clubhouse:stream-rooms';
/** The listings of every process, as Colyseus's RedisDriver keeps them (room id → JSON). */
const ROOMCACHES_KEY = 'roomcaches';

/**
 * Deletes an index entry only while it still names the given room: the entry of a room opened since
 * for the same stream (on any process) is never taken away by the removal of an older one.
 */
const DELETE_IF_SAME = `if redis.call('hget', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('hdel', KEYS[1], ARGV[1]) end return 0`;

/**
 * The matchmaking driver of a cluster: Colyseus's RedisDriver, whose every lookup by filter (a
 * join's findOneRoomAvailable, an open's "is it listed?") reads and parses the listings of every
 * room of every process (HGETALL): ~5 ms of CPU per lookup at 500 rooms, ~17 ms at 2,000, ~43 ms at
 * 10,000 (measured), and a join makes one to three. Here each league room is also indexed by its
 * stream (draftId, gameId, leagueId: set in onCreate before the room is listed, never changed) in a
 * Redis hash, so such a lookup reads one index field and one listing, and matches it with Colyseus's
 * own Query. Any other lookup reads everything as before.
 *
 * The index is authoritative for league rooms: a stream without an entry, or whose entry names a
 * listing that is gone, has no room. Each process writes the entries of the rooms it lists (after
 * the listing, so an entry always finds its listing) and removes them with the listing; the sweep
 * of a dead process (rooms/base/dead-processes.ts, Colyseus's own health check) removes its entries
 * with its listings, each only while it still names that process's room. So every process of a
 * deployment must run this driver: a process without it lists rooms nobody else can find by stream.
 */
export class StreamIndexedRedisDriver extends RedisDriver {
  readonly #streams: StreamKeys;
  readonly #redis: Redis;

  /** `redis`: a connection of this process's own for the index (closed with the driver). */
  constructor(options: ConstructorParameters<typeof RedisDriver>[0], streamKeys: Record<string, string>, redis: Redis) {
    super(options);
    this.#streams = new StreamKeys(streamKeys);
    this.#redis = redis;
  }

  override async persist(room: IRoomCache, create = false): Promise<boolean> {
    const saved = await super.persist(room, create);
    const field = this.#streams.of(room);
    if (saved && field !== undefined) await this.#redis.hset(STREAM_INDEX_KEY, field, room.roomId);
    return saved;
  }

  override async remove(roomId: string): Promise<boolean> {
    const listed = await this.#redis.hget(ROOMCACHES_KEY, roomId);
    const removed = await super.remove(roomId);
    if (listed) await this.#unindex([parseListing(listed)]);
    return removed;
  }

  override async cleanup(processId: string): Promise<void> {
    const listings = await super.query({ processId });
    await super.cleanup(processId);
    await this.#unindex(listings);
  }

  override async clear(): Promise<void> {
    await super.clear();
    await this.#redis.del(STREAM_INDEX_KEY);
  }

  override async shutdown(): Promise<void> {
    await super.shutdown();
    await this.#redis.quit().catch(() => undefined);
  }

  override findOne(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<IRoomCache> {
    const field = this.#streams.named(conditions as Record<string, unknown>);
    if (field === undefined) return super.findOne(conditions, sortOptions);
    return this.#matching(field, conditions, sortOptions) as unknown as Promise<IRoomCache>;
  }

  override async query(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<IRoomCache[]> {
    const field = this.#streams.named(conditions as Record<string, unknown>);
    if (field === undefined) return super.query(conditions, sortOptions);
    return this.#matching(field, conditions, sortOptions).all();
  }

  /** The stream's indexed listing, if any, as a Colyseus Query over it: the same matching and sorting as a scan. */
  #matching(field: string, conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Query<IRoomCache> {
    const query = new Query<IRoomCache>(this.#indexed(field), conditions);
    if (sortOptions) query.sort(sortOptions);
    return query;
  }

  async #indexed(field: string): Promise<IRoomCache[]> {
    const roomId = await this.#redis.hget(STREAM_INDEX_KEY, field);
    const listed = roomId ? await this.#redis.hget(ROOMCACHES_KEY, roomId) : null;
    return listed ? [parseListing(listed)] : [];
  }

  async #unindex(listings: IRoomCache[]): Promise<void> {
    await Promise.all(listings.map((room) => {
      const field = this.#streams.of(room);
      return field === undefined ? undefined : this.#redis.eval(DELETE_IF_SAME, 1, STREAM_INDEX_KEY, field, room.roomId);
    }));
  }
}

function parseListing(json: string): IRoomCache {
  return initializeRoomCache(JSON.parse(json));
}
