import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { ColyseusTestServer } from '@colyseus/testing';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildServer, type App } from '../../src/app.ts';
import { openStorage, type Storage } from '../../src/db/orm.ts';
import { DEMO_USER } from '../../src/db/seed.ts';
import { EventStore } from '../../src/db/event-store.ts';
import { SEQ_TAKEN } from '../../src/db/event-log.ts';
import { League, Player, User } from '../../src/db/entities/index.ts';
import { api } from '../helpers/http.ts';
import { TEST_PORT } from '../helpers/server.ts';

/** The embedded default: no DATABASE_URL, so PGlite in DATA_DIR (pool of one). */
function embeddedConfig(dataDir: string, seedOnStart: boolean): Config {
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(TEST_PORT), DATA_DIR: dataDir, SEED_ON_START: String(seedOnStart),
  });
  assert.equal(config.database.url, undefined);
  return config;
}

/** Builds the whole server on the embedded database and listens on TEST_PORT. */
async function startEmbedded(dataDir: string, seedOnStart: boolean) {
  const app = await buildServer(embeddedConfig(dataDir, seedOnStart));
  // Release the data directory if listening fails, or every later test finds it locked.
  await app.server.listen(TEST_PORT, '127.0.0.1').catch(async (error: unknown) => { await app.shutdown(); throw error; });
  const colyseus = new ColyseusTestServer(app.server);
  return {
    app, baseUrl: `http://127.0.0.1:${TEST_PORT}`,
    async close() {
      await colyseus.shutdown();
      await app.shutdown();
    },
  };
}

async function counts(app: App) {
  const em = app.storage.orm.em.fork();
  return {
    football: await em.count(Player, { sport: 'football' }),
    f1: await em.count(Player, { sport: 'f1' }),
    baseball: await em.count(Player, { sport: 'baseball' }),
    leagues: await em.count(League, {}),
    users: await em.count(User, {}),
  };
}

/** A pid that belonged to a process which has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.ok(child.pid);
  return child.pid;
}

const lockFile = (dir: string) => join(dir, 'clubhouse.lock');

describe('embedded database (PGlite in DATA_DIR)', function () {
  // PGlite's initdb takes a few seconds per new directory; every test reuses `dataDir`.
  this.timeout(60_000);
  let dataDir: string;
  let firstCounts: Awaited<ReturnType<typeof counts>>;
  const keeper = { username: 'keeper', password: 'kept across restarts' };
  let keeperToken: string;

  before(() => { dataDir = mkdtempSync(join(tmpdir(), 'clubhouse-embedded-')); });
  after(() => { rmSync(dataDir, { recursive: true, force: true }); });

  it('seeds itself on first start: all three sports, the sample leagues and the demo user', async () => {
    const server = await startEmbedded(dataDir, true);
    try {
      assert.equal(server.app.storage.embedded, true);
      const health = await api(server.baseUrl).get('/health');
      assert.equal(health.status, 200);
      assert.equal(health.body.storage, 'embedded');

      firstCounts = await counts(server.app);
      assert.ok(firstCounts.football >= 300, `football players: ${firstCounts.football}`);
      assert.equal(firstCounts.f1, 20);
      assert.ok(firstCounts.baseball >= 208, `baseball players: ${firstCounts.baseball}`);
      assert.equal(firstCounts.leagues, 3);
      const leagues = await server.app.storage.orm.em.fork().find(League, {}, { orderBy: { name: 'asc' } });
      assert.deepEqual(leagues.map((l) => l.sport).sort(), ['baseball', 'f1', 'football']);

      const demo = await api(server.baseUrl).post('/api/v1/auth/login', DEMO_USER);
      assert.equal(demo.status, 200, JSON.stringify(demo.body));
      const mine = await api(server.baseUrl, demo.body.token).get('/api/v1/leagues');
      assert.equal(mine.status, 200);
      assert.equal(mine.body.items.length, 3);

      const registered = await api(server.baseUrl).post('/api/v1/auth/register', keeper);
      assert.equal(registered.status, 201);
      keeperToken = registered.body.token;
    } finally {
      await server.close();
    }
    assert.equal(existsSync(lockFile(dataDir)), false, 'the lock is released on shutdown');
  });

  it('keeps data across a restart on the same DATA_DIR and does not seed twice', async () => {
    assert.ok(firstCounts, 'needs the first start');
    const server = await startEmbedded(dataDir, true);
    try {
      const again = await counts(server.app);
      assert.deepEqual(again, { ...firstCounts, users: firstCounts.users + 1 });
      assert.ok(await server.app.storage.orm.em.fork().findOne(User, { username: keeper.username }));
      // The generated token secret lives in DATA_DIR too, so a token from before the restart still works.
      assert.equal((await api(server.baseUrl, keeperToken).get('/api/v1/leagues')).status, 200);
      const login = await api(server.baseUrl).post('/api/v1/auth/login', keeper);
      assert.equal(login.status, 200);
    } finally {
      await server.close();
    }
  });

  it('keeps rows written with the ORM after storage is closed and opened again', async () => {
    const config = embeddedConfig(dataDir, false);
    const externalId = `test:persist-${Date.now()}`;
    const first = await openStorage(config);
    try {
      const em = first.orm.em.fork();
      em.create(Player, { externalId, sport: 'f1', name: 'Persisted Driver', positions: ['DRV'], team: 'TEST', rank: 999, adp: 999, attributes: { note: 'kept' } });
      await em.flush();
    } finally {
      await first.close();
    }
    const second = await openStorage(config);
    try {
      const found = await second.orm.em.fork().findOne(Player, { externalId });
      assert.ok(found, 'the row survives closing and reopening');
      assert.equal(found.name, 'Persisted Driver');
      assert.deepEqual(found.attributes, { note: 'kept' });
      await second.orm.em.fork().nativeDelete(Player, { externalId });
    } finally {
      await second.close();
    }
  });

  it('commits event batches as the server does here (values inlined by MikroORM), a taken seq refused as such', async () => {
    const storage = await openStorage(embeddedConfig(dataDir, false));
    try {
      // Values bound by the driver: a failing statement would cost the one connection (see EventStore).
      const store = new EventStore(storage.orm, 1, { bindValues: false });
      const stream = crypto.randomUUID();
      for (let seq = 1; seq <= 3; seq++) await store.commit({ stream, events: [{ seq, type: 'test', payload: { seq, text: "it's ? $1" }, actor: null }] });
      await assert.rejects(store.commit({ stream, events: [{ seq: 2, type: 'test', payload: {}, actor: null }] }), { constraint: SEQ_TAKEN });
      await store.commit({ stream, events: [{ seq: 4, type: 'test', payload: { seq: 4, text: '' }, actor: null }] });
      assert.deepEqual((await store.load(stream)).map((e) => e.payload), [1, 2, 3, 4].map((seq) => ({ seq, text: seq < 4 ? "it's ? $1" : '' })));
    } finally {
      await storage.close();
    }
  });

  it('refuses a second openStorage on the same DATA_DIR while the first is open', async () => {
    const config = embeddedConfig(dataDir, false);
    const first = await openStorage(config);
    try {
      const second = await openStorage(config).catch((error: unknown) => error);
      if (!(second instanceof Error)) {
        await (second as Storage).close();
        assert.fail('a second openStorage on an open DATA_DIR succeeded: two PGlite instances on one directory');
      }
      assert.match(second.message, /in use/);
      assert.ok(second.message.includes(dataDir), second.message);
      // The refused attempt leaves the first one's lock and database alone.
      assert.equal(readFileSync(lockFile(dataDir), 'utf8'), String(process.pid));
      assert.equal(await first.orm.em.fork().count(Player, { sport: 'f1' }), 20);
    } finally {
      await first.close();
    }
    assert.equal(existsSync(lockFile(dataDir)), false);
  });

  it('refuses a DATA_DIR locked by another live process, naming the directory', async () => {
    const holder: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      assert.ok(holder.pid);
      writeFileSync(lockFile(dataDir), String(holder.pid));
      await assert.rejects(openStorage(embeddedConfig(dataDir, false)), (error: Error) => {
        assert.match(error.message, /in use/);
        assert.ok(error.message.includes(dataDir), error.message);
        assert.ok(error.message.includes(String(holder.pid)), error.message);
        return true;
      });
      assert.equal(readFileSync(lockFile(dataDir), 'utf8'), String(holder.pid), 'the live owner keeps its lock');
    } finally {
      holder.kill();
      await once(holder, 'exit');
      rmSync(lockFile(dataDir), { force: true });
    }
  });

  it('takes over a stale lock left by a dead process', async () => {
    writeFileSync(lockFile(dataDir), String(deadPid()));
    const storage = await openStorage(embeddedConfig(dataDir, false));
    try {
      assert.equal(readFileSync(lockFile(dataDir), 'utf8'), String(process.pid));
      assert.equal(await storage.orm.em.fork().count(Player, { sport: 'f1' }), 20);
    } finally {
      await storage.close();
    }
    assert.equal(existsSync(lockFile(dataDir)), false);
  });
});
