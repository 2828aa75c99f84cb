import type { Pool, PoolPlayer } from './types.ts';

/**
 * The player pool of a sport is the same for every draft and auction of that sport: rooms share
 * one copy (a 300-player pool is ~100 KB of heap; a thousand rooms held a thousand copies). Each
 * room still reads the pool from the database when it opens, so a changed pool (seed, new
 * players) is seen at once: the shared copy is kept while what was read equals it, else the read
 * pool replaces it for the rooms opened from then on. A pool is never changed once built.
 */
const shared = new Map<string, Pool>();
/** The read of a sport's pool under way: rooms opening meanwhile share it (see readSharedPool). */
const reading = new Map<string, Promise<Pool>>();

/**
 * The sport's shared pool, read from the database by `read` unless a read of it is already under
 * way: then this open shares that one. After a crash, hundreds of rooms open at once; each read
 * of a 300-player pool costs a few ms of CPU (rows hydrated, then compared), so they share one.
 * A read that started a moment before this room asked is as fresh as the room needs.
 */
export function readSharedPool(sport: string, read: () => Promise<readonly PoolPlayer[]>): Promise<Pool> {
  const pending = reading.get(sport);
  if (pending) return pending;
  const next = read().then((players) => sharedPool(sport, players)).finally(() => reading.delete(sport));
  reading.set(sport, next);
  return next;
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
