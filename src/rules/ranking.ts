import type { Pool, PoolPlayer } from '../draft/types.ts';

/** Best first: rank, then ADP, then id, so two players never tie. */
const byRank = (a: PoolPlayer, b: PoolPlayer) => a.rank - b.rank || a.adp - b.adp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A pool's players best first, sorted once per pool: pools are shared by every room of a sport and
 * never changed (a new pool is a new map), so the server's choices (autopick, nominations) walk
 * this instead of filtering and sorting the whole pool each time.
 */
export function ranked(pool: Pool): readonly PoolPlayer[] {
  let players = rankings.get(pool);
  if (!players) rankings.set(pool, (players = [...pool.values()].sort(byRank)));
  return players;
}
const rankings = new WeakMap<Pool, PoolPlayer[]>();
