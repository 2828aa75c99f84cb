import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { lookupsCli } from '../../loadtest/lib/lookups-cli.ts';
import { TEST_REDIS_URL } from '../helpers/server.ts';
import { flushTestRedis } from '../helpers/jobs.ts';

describe('load harness: matchmaking lookups in Redis (npm run load -- --kind lookups)', () => {
  beforeEach(() => flushTestRedis());
  afterEach(() => flushTestRedis());

  it('times a lookup by stream with both drivers at each size, finding the right room every time, and leaves no listing behind', async () => {
    const printed: string[] = [];
    const log = console.log;
    console.log = (line: string) => { printed.push(line); };
    let code: number;
    try {
      code = await lookupsCli(['--rooms', '40,120', '--lookups', '10', '--redis-url', TEST_REDIS_URL], 'test');
    } finally {
      console.log = log;
    }
    assert.equal(code, 0);
    const { rows } = JSON.parse(printed.at(-1)!) as { rows: Array<{ rooms: number; driver: string; cpuMs: number }> };
    assert.deepEqual(rows.map((row) => `${row.rooms} ${row.driver}`),
      ['40 RedisDriver', '40 StreamIndexedRedisDriver', '120 RedisDriver', '120 StreamIndexedRedisDriver']);
    assert.ok(rows.every((row) => row.cpuMs > 0));
    const redis = new Redis(TEST_REDIS_URL);
    try {
      assert.equal(await redis.exists('roomcaches', 'clubhouse:stream-rooms'), 0);
    } finally {
      redis.disconnect();
    }
  });
});
