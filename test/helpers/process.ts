import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { RAISED_QUOTAS, TEST_DATABASE_URL, TEST_REDIS_URL, resetSchemaOnce, testConfig } from './server.ts';
import { openStorage } from '../../src/db/orm.ts';
import { seed } from '../../src/db/seed.ts';
import { ServerNode } from '../../loadtest/lib/chaos-process.ts';
import { Cluster } from '../../loadtest/lib/chaos-cluster.ts';

/** Real server processes (`node src/launch.js`, as `npm start`) for crash, restart and scale-out tests. */

export const PROCESS_JWT_SECRET = 'process-test-secret-process-test-secret-1';
const DATA_DIR = mkdtempSync(join(tmpdir(), 'clubhouse-process-'));

/**
 * Before real processes start on the shared test database: migrated schema and the sample player
 * pool, written through a storage opened and closed here (the processes migrate nothing then).
 */
export async function seedSharedDatabase(): Promise<void> {
  await resetSchemaOnce();
  const storage = await openStorage(testConfig());
  try {
    await seed(storage.orm, { withLeagues: false });
  } finally {
    await storage.close();
  }
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of a test server process: the shared test database, quiet logs, a fixed secret. */
export function processEnv(extraEnv: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: TEST_DATABASE_URL, DB_POOL_SIZE: '4', DATA_DIR,
    JWT_SECRET: PROCESS_JWT_SECRET, LOG_LEVEL: 'warn', SEED_ON_START: 'false', NODE_ENV: 'test',
    ...RAISED_QUOTAS,
    REGISTRATIONS_PER_HOUR: '1000000',
    ...extraEnv,
  };
}

/** One server process on the shared test database (Node 24, since the tests run under it); `extraEnv` adds or overrides variables. */
export class ServerProcess extends ServerNode {
  constructor(port: number, extraEnv: Record<string, string> = {}) {
    super(port, processEnv(extraEnv));
  }
}

/** A process of a cluster sharing matchmaking through `redisUrl`, reachable at its own address. */
export function clusterProcess(port: number, redisUrl: string): ServerProcess {
  return new ServerProcess(port, { REDIS_URL: redisUrl, PUBLIC_ADDRESS: `127.0.0.1:${port}` });
}

/** Empties a Redis database: room listings of servers of an earlier run would be stale. */
export async function flushRedis(url: string): Promise<void> {
  const redis = new Redis(url);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/** Starts (and restarts, on the same port) a server process, remembered in `processes` for the after hook to kill. */
export function processStarter(port: number, env: Record<string, string>, processes: ServerProcess[]): () => Promise<ServerProcess> {
  return async () => {
    const server = new ServerProcess(port, env);
    processes.push(server);
    await server.ready();
    return server;
  };
}

/**
 * Two real processes sharing matchmaking through `redisUrl` (emptied first: listings of an earlier
 * run would be stale) and the shared test database (seeded first), each on a free port.
 */
export async function startTestCluster(redisUrl: string): Promise<Cluster> {
  await seedSharedDatabase();
  await flushRedis(redisUrl);
  const cluster = new Cluster({ ports: [await freePort(), await freePort()], env: processEnv({ REDIS_URL: redisUrl }) });
  await cluster.start();
  return cluster;
}

/**
 * `npm run worker` as its own process on the test database and Redis (`nodeArgs` before the entry,
 * `env` over the test's); resolves once it takes jobs, fails at once if it exits before.
 */
export async function startWorker({ nodeArgs = [], env = {} }: { nodeArgs?: string[]; env?: Record<string, string> } = {}): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, 'src/jobs/worker.ts'], {
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, DATABASE_URL: TEST_DATABASE_URL, DB_POOL_SIZE: '2', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const until = Date.now() + 45_000;
  while (!output.includes('worker taking background jobs')) {
    assert.ok(child.exitCode === null && Date.now() < until, `the worker did not start:\n${output}`);
    await sleep(50);
  }
  return { child, output: () => output };
}
