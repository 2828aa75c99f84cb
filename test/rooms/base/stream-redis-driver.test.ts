import { strict as assert } from 'node:assert';
import { initializeRoomCache, type IRoomCache } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { Redis } from 'ioredis';
import { STREAM_INDEX_KEY, StreamIndexedRedisDriver } from '../../../rooms/base/stream-redis-driver.ts';
import { TEST_REDIS_URL } from '../../helpers/server.ts';
import { flushTestRedis } from '../../helpers/jobs.ts';

const STREAM_KEYS = { draft: 'draftId', baseball: 'gameId' };

function listing(roomId: string, name: string, metadata?: Record<string, unknown>, extra: Partial<IRoomCache> = {}): IRoomCache {
  return initializeRoomCache({ roomId, name, processId: 'p1', ...(metadata ? { metadata } : {}), ...extra });
}

const ids = (rooms: IRoomCache[]) => rooms.map((room) => room.roomId).sort();

describe('the stream-indexed Redis matchmaking driver', () => {
  // Colyseus's drivers bring their own ioredis: they take plain options, not our client.
  const { host, port, db } = new Redis(TEST_REDIS_URL, { lazyConnect: true }).options;
  let redis: Redis;
  let indexed: StreamIndexedRedisDriver;
  let plain: RedisDriver;

  beforeEach(async () => {
    await flushTestRedis();
    redis = new Redis(TEST_REDIS_URL);
    indexed = new StreamIndexedRedisDriver({ host, port, db }, STREAM_KEYS, new Redis(TEST_REDIS_URL));
    plain = new RedisDriver({ host, port, db });
  });

  afterEach(async () => {
    await indexed.shutdown();
    await plain.shutdown();
    redis.disconnect();
    await flushTestRedis();
  });

  const byStream = (stream: string) => indexed.findOne({ locked: false, name: 'draft', private: false, draftId: stream } as never);

  it('finds the room of a stream, by id and by its filter, as Colyseus\'s RedisDriver does over the same listings', async () => {
    for (let i = 0; i < 30; i++) await indexed.persist(listing(`d${i}`, 'draft', { draftId: `draft-${i}` }, { processId: `p${i % 2}` }), true);
    await indexed.persist(listing('g1', 'baseball', { gameId: 'draft-7' }), true);
    await indexed.persist(listing('e1', 'echo'), true);
    await indexed.persist(listing('locked', 'draft', { draftId: 'draft-locked' }, { locked: true }), true);
    const lookups: Array<Record<string, unknown>> = [
      { locked: false, name: 'draft', private: false, draftId: 'draft-7' },
      { locked: false, name: 'draft', private: false, draftId: 'draft-locked' },
      { name: 'draft', draftId: 'draft-locked' },
      { name: 'baseball', gameId: 'draft-7' },
      { name: 'draft', draftId: 'nobody' },
      { roomId: 'd3' }, { roomId: 'gone' }, { name: 'echo' }, { processId: 'p1' },
    ];
    for (const conditions of lookups) {
      const [mine, theirs] = await Promise.all([indexed.findOne(conditions as never), plain.findOne(conditions as never)]);
      assert.equal(mine?.roomId, theirs?.roomId, JSON.stringify(conditions));
      assert.deepEqual(ids(await indexed.query(conditions as never)), ids(await plain.query(conditions as never)), JSON.stringify(conditions));
    }
    assert.equal((await byStream('draft-7'))?.roomId, 'd7');
    assert.deepEqual(await byStream('draft-7'), await plain.findOne({ name: 'draft', draftId: 'draft-7' } as never), 'the listing as Colyseus reads it');
  });

  it('forgets a removed room and finds the stream\'s next room; removing an older room keeps the newer one\'s entry', async () => {
    await indexed.persist(listing('d1', 'draft', { draftId: 'x' }), true);
    assert.equal(await indexed.remove('d1'), true);
    assert.equal(await byStream('x'), undefined);
    assert.equal(await redis.hexists(STREAM_INDEX_KEY, 'draft:x'), 0, 'no entry left behind');

    await indexed.persist(listing('d2', 'draft', { draftId: 'x' }), true);
    await indexed.persist(listing('d3', 'draft', { draftId: 'x' }, { processId: 'p2' }), true);
    await indexed.remove('d2');
    assert.equal((await byStream('x'))?.roomId, 'd3');
  });

  it('sweeps a dead process\'s entries with its listings, but not the entry of a room opened since on another process', async () => {
    await indexed.persist(listing('a1', 'draft', { draftId: 'x' }, { processId: 'dead' }), true);
    await indexed.persist(listing('a2', 'draft', { draftId: 'y' }, { processId: 'dead' }), true);
    await indexed.persist(listing('b1', 'draft', { draftId: 'x' }, { processId: 'alive' }), true);
    await indexed.cleanup('dead');
    assert.equal((await byStream('x'))?.roomId, 'b1');
    assert.equal(await byStream('y'), undefined);
    assert.deepEqual(await redis.hgetall(STREAM_INDEX_KEY), { 'draft:x': 'b1' });
    assert.deepEqual(ids(await indexed.query({ processId: 'dead' } as never)), []);
  });

  it('finds nothing for a stream whose entry names a listing that is gone (the index decides, no scan)', async () => {
    await indexed.persist(listing('d1', 'draft', { draftId: 'x' }), true);
    // Gone behind the index's back (deleted by a driver without the index).
    await plain.remove('d1');
    assert.equal(await byStream('x'), undefined);
    assert.deepEqual(await indexed.query({ name: 'draft', draftId: 'x' } as never), []);
  });
});
