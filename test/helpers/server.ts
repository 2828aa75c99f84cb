import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ColyseusTestServer } from '@colyseus/testing';
import { matchMaker, type RegisteredHandler } from '@colyseus/core';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildServer, type App } from '../../src/app.ts';
import { forgetSharedPools } from '../../src/draft/shared-pool.ts';

/** The real PostgreSQL of this machine; CI creates the database (see .ci/run). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/clubhouse_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
/** Where test servers listen (TEST_PORT lets two suites run side by side). */
export const TEST_PORT = Number(process.env.TEST_PORT ?? 2568);
/** TEST_DB_POOL_SIZE=1 runs the suite as the embedded database would (one connection). */
export const POOL_SIZE = process.env.TEST_DB_POOL_SIZE ?? '4';

let schemaReset: Promise<void> | undefined;

/** Once per test run: an empty schema, so migrations run from scratch as on a new machine. */
export function resetSchemaOnce(): Promise<void> {
  schemaReset ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query('drop schema if exists public cascade; create schema public;');
    await client.end();
  })();
  return schemaReset;
}

/** Tests create far more leagues, drafts and games per user than a person would: quotas out of the way. */
export const RAISED_QUOTAS = {
  MAX_LEAGUES_PER_USER: '100000', MAX_OPEN_GAMES_PER_USER: '100000', MAX_OPEN_DRAFTS_PER_USER: '100000', MAX_CREATES_PER_HOUR: '100000',
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(TEST_PORT),
    DATABASE_URL: TEST_DATABASE_URL, DB_POOL_SIZE: POOL_SIZE,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'clubhouse-test-')),
    JWT_SECRET: 'test-secret-test-secret-test-secret-1234', SEED_ON_START: 'false',
    ...RAISED_QUOTAS,
    // Every test registers its users from 127.0.0.1.
    REGISTRATIONS_PER_HOUR: '1000000',
    // ...and reads from it without a token or with one API key, far past a person's pace.
    PUBLIC_READS_PER_MINUTE: '1000000', API_KEY_READS_PER_MINUTE: '1000000',
    ...env,
  });
}

export interface TestServer {
  app: App;
  colyseus: ColyseusTestServer;
  baseUrl: string;
  close(): Promise<void>;
}

/** Builds the real server on the test database and listens on TEST_PORT. */
export async function startTestServer(options: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture rooms differ in state types
  env?: Record<string, string>; rooms?: Record<string, RegisteredHandler<any>>; now?: () => number;
} = {}): Promise<TestServer> {
  await resetSchemaOnce();
  const app = await buildServer(testConfig(options.env), { rooms: options.rooms, now: options.now });
  // Listening ourselves: @colyseus/testing's boot() ignores the port for a Server instance.
  await app.server.listen(TEST_PORT, '127.0.0.1');
  const colyseus = new ColyseusTestServer(app.server);
  return {
    app, colyseus, baseUrl: `http://127.0.0.1:${TEST_PORT}`,
    async close() {
      await colyseus.shutdown();
      await app.shutdown();
    },
  };
}

/** What `useTestServer` starts, and whether tables are emptied before each test or once for the file. */
export type UseTestServerOptions = Parameters<typeof startTestServer>[0] & { truncate?: 'each' | 'once' };

/**
 * The hooks most test files share: one real server for the file (its `before`), empty tables
 * before each test (or once, for files whose tests share what `before` set up), closed after the
 * file. The returned server is usable inside tests and hooks.
 */
export function useTestServer({ truncate = 'each', ...options }: UseTestServerOptions = {}): TestServer {
  let started: TestServer | undefined;
  const server = (): TestServer => {
    if (!started) throw new Error('The test server starts in before(): use it inside tests and hooks');
    return started;
  };
  before(async () => {
    started = await startTestServer(options);
    if (truncate === 'once') await truncateAll(started.app);
  });
  after(async () => { await started?.close(); });
  if (truncate === 'each') beforeEach(async () => { await truncateAll(server().app); });
  return {
    get app() { return server().app; },
    get colyseus() { return server().colyseus; },
    get baseUrl() { return server().baseUrl; },
    close: () => server().close(),
  };
}

/** Makes a league public (no REST route changes it): every signed-in user may then see it, members alone act. */
export async function makePublic(app: App, leagueId: string): Promise<void> {
  await app.storage.orm.em.fork().getConnection().execute(`update leagues set visibility = 'public' where id = ?`, [leagueId]);
}

/**
 * Empties every table between tests (keeps the schema and migrations). Rooms are closed first:
 * a game plays on with nobody in it, and its writes would race (deadlock) the truncate.
 */
export async function truncateAll(app: App): Promise<void> {
  const open = await matchMaker.query({});
  await Promise.all(open.map((cache) => matchMaker.getLocalRoomById(cache.roomId)?.disconnect()));
  await app.store.idle();
  // A background job of the test before (a standings or finalize job BullMQ retries) may still be
  // writing: PostgreSQL then fails one side of the deadlock, here the truncate. Once that job is
  // through, the truncate goes through too.
  for (let attempt = 1; ; attempt++) {
    try {
      await app.storage.orm.em.fork().getConnection().execute(
        'truncate refresh_tokens, api_keys, games, draft_picks, drafts, stream_events, roster_entries, teams, league_members, leagues, players, users restart identity cascade');
      forgetSharedPools(); // the players are gone: the next room reads the pool again
      return;
    } catch (error) {
      if (attempt >= 5 || !/deadlock detected/.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
