import type { Pool, PoolPlayer } from './types.ts';

/**
 * The player pool of a sport is the same for every draft and auction of that sport: rooms share
 * one copy (a 300-player pool is ~100 KB of heap; a thousand rooms held a thousand copies). A
 * room reads the pool from the database when it opens (unless a read began within POOL_FRESH_MS),
 * so a changed pool (seed, new players) is seen by the rooms opened after it: the shared copy is
 * kept while what was read equals it, else the read pool replaces it for the rooms opened from
 * then on. A pool is never changed once built.
 */
const shared = new Map<string, Pool>();

/** Reads of a database's pools: the one under way, and the latest (with when it began, epoch ms). */
interface Reads {
  pending: Map<string, Promise<Pool>>;
  latest: Map<string, { pool: Pool; startedAt: number }>;
}
/** By database (the caller's ORM, say): one process may hold several apps, as the tests do. */
let readsBySource = new WeakMap<object, Reads>();

/**
 * How long a read of a pool serves the rooms opening after it. An open room never reads its pool
 * again, so a room opened this long after a change seeing the pool from before it is no staler
 * than a room opened just before the change. After a restart, 500 rooms open over ~5 s, each
 * once sharing only a read in flight: 230 reads of a 329-player pool (measured), a few ms of CPU
 * each (rows hydrated, then compared); with this, a handful.
 */
export const POOL_FRESH_MS = 1000;

/**
 * The sport's shared pool in the database `source`, read by `read` unless a read of it is under
 * way or began less than POOL_FRESH_MS ago: then this open shares that one.
 */
export function readSharedPool(source: object, sport: string, read: () => Promise<readonly PoolPlayer[]>, now = Date.now()): Promise<Pool> {
  let reads = readsBySource.get(source);
  if (!reads) readsBySource.set(source, reads = { pending: new Map(), latest: new Map() });
  const { pending, latest } = reads;
  const under = pending.get(sport);
  if (under) return under;
  const recent = latest.get(sport);
  if (recent && now - recent.startedAt < POOL_FRESH_MS) return Promise.resolve(recent.pool);
  const next = read().then((players) => {
    const pool = sharedPool(sport, players);
    latest.set(sport, { pool, startedAt: now });
    return pool;
  }).finally(() => pending.delete(sport));
  pending.set(sport, next);
  return next;
}

/**
 * This process just changed the players (seed, or a test's truncate): rooms opening from now on
 * read their pool again rather than share a read from before. Writers in other processes are seen
 * by rooms opened POOL_FRESH_MS later.
 */
export function forgetSharedPools(): void {
  // A read under way keeps writing into the maps it began with, which nobody reads any more.
  readsBySource = new WeakMap();
}

export function sharedPool(sport: string, read: readonly PoolPlayer[]): Pool {
  const current = shared.get(sport);
  if (current && samePool(current, read)) return current;
  const pool: Pool = new Map(read.map((p) => [p.id, Object.freeze({ ...p, positions: Object.freeze([...p.positions]) as string[] })]));
  shared.set(sport, pool);
  return pool;
}

function samePool(pool: Pool, read: readonly PoolPlayer[]): boolean {
  return pool.size === read.length && read.every((p) => {
    const held = pool.get(p.id);
    return held !== undefined && held.rank === p.rank && held.adp === p.adp
      && held.positions.length === p.positions.length && held.positions.every((position, i) => position === p.positions[i]);
  });
}
