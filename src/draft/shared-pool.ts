import type { Pool, PoolPlayer } from './types.ts';

/**
 * The player pool of a sport is the same for every draft and auction of that sport: rooms share
 * one copy (a 300-player pool is ~100 KB of heap; a thousand rooms held a thousand copies). Each
 * room still reads the pool from the database when it opens, so a changed pool (seed, new
 * players) is seen at once: the shared copy is kept while what was read equals it, else the read
 * pool replaces it for the rooms opened from then on. A pool is never changed once built.
 */
const shared = new Map<string, Pool>();

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
