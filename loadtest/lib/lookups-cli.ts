/**
 * `npm run load -- --kind lookups`: what one matchmaking lookup of a league room by its stream
 * costs a server process of a cluster, as the rooms listed in Redis grow. Lists N draft rooms (over
 * two process ids) in a Redis database of its own, then times findOne({name, draftId}) (a join's
 * findOneRoomAvailable) one at a time, with Colyseus's RedisDriver (reads and parses every listing)
 * and with ours (rooms/base/stream-redis-driver.ts: one index field and one listing):
 *
 *   npm run load -- --kind lookups [--rooms 500,2000,10000] [--lookups 50] [--redis-url redis://127.0.0.1:6379/10]
 *
 * Prints CPU and wall ms per lookup for each size and driver, and one JSON line. The database must
 * be empty or one these tools marked as their own (as for `--kind recovery`); it is emptied after.
 */
import { RedisDriver } from '@colyseus/redis-driver';
import { initializeRoomCache, type IRoomCache, type MatchMakerDriver } from '@colyseus/core';
import { Redis } from 'ioredis';
import { StreamIndexedRedisDriver } from '../../rooms/base/stream-redis-driver.ts';
import { cli } from './cli.ts';
import { claimRedis, loopbackOption } from './own-server.ts';

const OPTIONS = {
  kind: { type: 'string' },
  rooms: { type: 'string', default: '500,2000,10000' },
  lookups: { type: 'string', default: '50' },
  'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379/10' },
} as const;

interface Row { rooms: number; driver: string; cpuMs: number; wallMs: number }

export async function lookupsCli(argv: string[], tool: string): Promise<number> {
  const { fail, int, options } = cli(tool);
  const values = options(argv, OPTIONS);
  const url = loopbackOption(String(values['redis-url']), 'redis-url', fail);
  const sizes = String(values.rooms).split(',').map((size) => int(size, 'rooms', 1, 100_000));
  const lookups = int(values.lookups, 'lookups', 1, 10_000);
  await claimRedis(url, 'npm run load -- --kind lookups', fail);
  // Colyseus's drivers bring their own ioredis: they take plain options, not our client.
  const { host, port, username, password, db } = new Redis(url, { lazyConnect: true }).options;
  const connection = { host, port, username, password, db };
  const admin = new Redis(url);
  const drivers: Array<[string, MatchMakerDriver & { shutdown(): Promise<void> }]> = [
    ['RedisDriver', new RedisDriver(connection)],
    ['StreamIndexedRedisDriver', new StreamIndexedRedisDriver(connection, { draft: 'draftId' }, new Redis(url))],
  ];
  const indexed = drivers[1][1];
  const rows: Row[] = [];
  try {
    for (const rooms of sizes) {
      await admin.del('roomcaches', 'clubhouse:stream-rooms');
      const streams = await listRooms(indexed, rooms);
      for (const [driver, instance] of drivers) rows.push({ rooms, driver, ...await timeLookups(instance, streams, lookups) });
    }
  } finally {
    await admin.del('roomcaches', 'clubhouse:stream-rooms');
    admin.disconnect();
    await Promise.all(drivers.map(([, driver]) => driver.shutdown()));
  }
  for (const row of rows) {
    console.log(`${String(row.rooms).padStart(6)} rooms listed  ${row.driver.padEnd(25)} ${row.cpuMs.toFixed(2).padStart(7)} ms CPU  ${row.wallMs.toFixed(2).padStart(7)} ms wall per lookup`);
  }
  console.log(JSON.stringify({ kind: 'lookups', lookups, rows }));
  return 0;
}

/** Lists `rooms` draft rooms over two process ids (through the indexed driver, which lists them for both); their draft ids. */
async function listRooms(driver: MatchMakerDriver, rooms: number): Promise<string[]> {
  const streams = Array.from({ length: rooms }, () => crypto.randomUUID());
  for (let i = 0; i < rooms; i += 500) {
    await Promise.all(streams.slice(i, i + 500).map((draftId, j) => driver.persist(initializeRoomCache({
      roomId: `lookup-${i + j}`, name: 'draft', processId: `process-${(i + j) % 2}`, clients: 12, maxClients: 100,
      publicAddress: '127.0.0.1:2567', metadata: { draftId },
    }) as IRoomCache, true)));
  }
  return streams;
}

/** One lookup at a time (a join's, the way a quiet process makes them): CPU and wall ms per lookup. */
async function timeLookups(driver: MatchMakerDriver, streams: string[], lookups: number): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < lookups; i++) {
    const draftId = streams[(i * 7919) % streams.length];
    const found = await driver.findOne({ locked: false, name: 'draft', private: false, draftId } as never);
    if (found?.metadata?.draftId !== draftId) throw new Error(`lookup of draft ${draftId} found ${found?.roomId ?? 'nothing'}`);
  }
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000 / lookups, wallMs: (performance.now() - started) / lookups };
}
