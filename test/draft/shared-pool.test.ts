import assert from 'node:assert/strict';
import { forgetSharedPools, POOL_FRESH_MS, readSharedPool } from '../../src/draft/shared-pool.ts';
import type { PoolPlayer } from '../../src/draft/types.ts';

describe('shared player pool', () => {
  const players = (...ids: string[]): PoolPlayer[] => ids.map((id, i) => ({ id, positions: ['QB'], rank: i + 1, adp: i + 1 }));
  /** A read of `rows` that counts itself. */
  function counted(rows: () => PoolPlayer[]) {
    const read = async () => { read.calls++; return rows(); };
    read.calls = 0;
    return read;
  }

  it('reads a sport\'s pool once for the rooms opening within POOL_FRESH_MS, and again after', async () => {
    const db = {};
    const read = counted(() => players('a', 'b'));
    const first = await readSharedPool(db, 'sport-fresh', read, 1_000);
    const soon = await readSharedPool(db, 'sport-fresh', read, 1_000 + POOL_FRESH_MS - 1);
    assert.equal(read.calls, 1);
    assert.equal(soon, first, 'the same shared copy');
    await readSharedPool(db, 'sport-fresh', read, 1_000 + POOL_FRESH_MS);
    assert.equal(read.calls, 2, 'a room opening later reads the pool again');
  });

  it('shares a read under way with every room opening meanwhile', async () => {
    const db = {};
    const read = counted(() => players('a'));
    const pools = await Promise.all([1, 2, 3].map(() => readSharedPool(db, 'sport-pending', read, 0)));
    assert.equal(read.calls, 1);
    assert.ok(pools.every((pool) => pool === pools[0]));
  });

  it('sees a changed pool in the rooms opened after the window', async () => {
    const db = {};
    let rows = players('a');
    const read = counted(() => rows);
    await readSharedPool(db, 'sport-changed', read, 0);
    rows = players('a', 'new');
    assert.equal((await readSharedPool(db, 'sport-changed', read, 10)).has('new'), false, 'within the window: the read from before');
    assert.equal((await readSharedPool(db, 'sport-changed', read, POOL_FRESH_MS)).has('new'), true);
  });

  it('keeps the pools of two databases apart', async () => {
    const read = (ids: string[]) => counted(() => players(...ids));
    const one = await readSharedPool({}, 'sport-two-dbs', read(['x']), 0);
    const other = await readSharedPool({}, 'sport-two-dbs', read(['y']), 1);
    assert.deepEqual([...one.keys()], ['x']);
    assert.deepEqual([...other.keys()], ['y']);
  });

  it('reads again at once when this process changed the players (seed, a test\'s truncate)', async () => {
    const db = {};
    let rows = players('old');
    const read = counted(() => rows);
    await readSharedPool(db, 'sport-forget', read, 0);
    rows = players('fresh');
    forgetSharedPools();
    assert.deepEqual([...(await readSharedPool(db, 'sport-forget', read, 1)).keys()], ['fresh']);
    assert.equal(read.calls, 2);
  });
});
