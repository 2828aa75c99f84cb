import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadConfig, ConfigError, echoRoomEnabled } from '../src/config.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-chars!';
const PG = 'postgres://postgres@127.0.0.1:5432/clubhouse_test';

/** Asserts that loadConfig(env) throws a ConfigError whose message names `variable`. */
function assertRejects(env: Record<string, string | undefined>, variable: string): ConfigError {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${String(caught)}`);
  assert.match(caught.message, new RegExp(`\\b${variable}\\b`));
  return caught;
}

describe('configuration', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    assert.equal(config.env, 'development');
    assert.equal(config.port, 2567);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, './data');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.redisUrl, undefined);
    assert.equal(config.jwtSecret, undefined);
  });

  it('uses the default creation quotas and takes raised ones from the environment', () => {
    assert.deepEqual(loadConfig({}).quotas, { leaguesPerUser: 20, openGamesPerUser: 20, openDraftsPerUser: 20, createsPerHour: 60 });
    const raised = loadConfig({
      MAX_LEAGUES_PER_USER: '500', MAX_OPEN_GAMES_PER_USER: '7', MAX_OPEN_DRAFTS_PER_USER: '8', MAX_CREATES_PER_HOUR: '10000',
    });
    assert.deepEqual(raised.quotas, { leaguesPerUser: 500, openGamesPerUser: 7, openDraftsPerUser: 8, createsPerHour: 10000 });
  });

  it('refuses a quota that is not a positive whole number, naming it', () => {
    assertRejects({ MAX_LEAGUES_PER_USER: '0' }, 'MAX_LEAGUES_PER_USER');
    assertRejects({ MAX_OPEN_GAMES_PER_USER: 'many' }, 'MAX_OPEN_GAMES_PER_USER');
    assertRejects({ MAX_OPEN_DRAFTS_PER_USER: '-1' }, 'MAX_OPEN_DRAFTS_PER_USER');
    assertRejects({ MAX_CREATES_PER_HOUR: '1.5' }, 'MAX_CREATES_PER_HOUR');
  });

  it('uses the embedded database with one connection and seeds on start when DATABASE_URL is unset', () => {
    const config = loadConfig({});
    assert.equal(config.database.url, undefined);
    assert.equal(config.database.poolSize, 1);
    assert.equal(config.seedOnStart, true);
    // DB_POOL_SIZE does not apply to the embedded database: PGlite serves one session.
    assert.equal(loadConfig({ DB_POOL_SIZE: '8' }).database.poolSize, 1);
  });

  it('uses PostgreSQL with the pool size and does not seed by default when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: PG });
    assert.equal(config.database.url, PG);
    assert.equal(config.database.poolSize, 10);
    assert.equal(config.seedOnStart, false);
    assert.equal(loadConfig({ DATABASE_URL: PG, DB_POOL_SIZE: '3' }).database.poolSize, 3);
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).database.url, 'postgresql://u@h/db');
  });

  it('lets SEED_ON_START override the default either way', () => {
    assert.equal(loadConfig({ DATABASE_URL: PG, SEED_ON_START: 'true' }).seedOnStart, true);
    assert.equal(loadConfig({ SEED_ON_START: 'false' }).seedOnStart, false);
    assertRejects({ SEED_ON_START: 'yes' }, 'SEED_ON_START');
  });

  it('parses numbers from strings', () => {
    const config = loadConfig({ PORT: '8080', TOKEN_TTL_SECONDS: '3600', LOGIN_MAX_FAILURES: '7', LOGIN_WINDOW_SECONDS: '60' });
    assert.equal(config.port, 8080);
    assert.equal(config.tokenTtlSeconds, 3600);
    assert.deepEqual(config.login, { maxFailures: 7, windowSeconds: 60 });
  });

  it('gives short access tokens and long refresh tokens by default; TOKEN_TTL_SECONDS still sets the access TTL', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.tokenTtlSeconds, 900);
    assert.equal(defaults.refreshTokenTtlSeconds, 30 * 24 * 3600);
    assert.deepEqual(defaults.readLimits, { publicPerMinute: 120, apiKeyPerMinute: 600 });
    assert.equal(loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '300' }).tokenTtlSeconds, 300);
    assert.equal(loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '300', TOKEN_TTL_SECONDS: '3600' }).tokenTtlSeconds, 300, 'the new name wins');
    assertRejects({ ACCESS_TOKEN_TTL_SECONDS: '10' }, 'ACCESS_TOKEN_TTL_SECONDS');
    assertRejects({ PUBLIC_READS_PER_MINUTE: '0' }, 'PUBLIC_READS_PER_MINUTE');
  });

  it('rejects a bad PORT naming the variable', () => {
    for (const value of ['abc', '70000', '-1', '80.5']) assertRejects({ PORT: value }, 'PORT');
  });

  it('rejects a DATABASE_URL that is not a postgres:// URL naming the variable', () => {
    assertRejects({ DATABASE_URL: 'mysql://root@localhost/db' }, 'DATABASE_URL');
    assertRejects({ DATABASE_URL: 'not a url' }, 'DATABASE_URL');
  });

  it('rejects a REDIS_URL that is not a redis:// URL naming the variable', () => {
    assertRejects({ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL');
    assert.equal(loadConfig({ REDIS_URL: 'rediss://cache:6380' }).redisUrl, 'rediss://cache:6380');
  });

  it('rejects an unknown LOG_LEVEL naming the variable', () => {
    assertRejects({ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL');
  });

  it('names every bad variable in one error', () => {
    const error = assertRejects({ PORT: 'abc', LOG_LEVEL: 'loud' }, 'PORT');
    assert.match(error.message, /\bLOG_LEVEL\b/);
  });

  it('requires JWT_SECRET in production', () => {
    assertRejects({ NODE_ENV: 'production', DATABASE_URL: PG }, 'JWT_SECRET');
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: PG, JWT_SECRET: SECRET });
    assert.equal(config.env, 'production');
    assert.equal(config.jwtSecret, SECRET);
  });

  it('rejects a JWT_SECRET shorter than 32 characters in any environment', () => {
    assertRejects({ JWT_SECRET: 'x'.repeat(31) }, 'JWT_SECRET');
    assertRejects({ NODE_ENV: 'production', JWT_SECRET: 'short' }, 'JWT_SECRET');
    assert.equal(loadConfig({ JWT_SECRET: 'x'.repeat(32) }).jwtSecret, 'x'.repeat(32));
  });

  it('requires PUBLIC_ADDRESS in production when REDIS_URL is set', () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_URL: PG, REDIS_URL: 'redis://cache:6379' };
    assertRejects(env, 'PUBLIC_ADDRESS');
    assert.equal(loadConfig({ ...env, PUBLIC_ADDRESS: 'game-1.internal:2567' }).publicAddress, 'game-1.internal:2567');
    // Outside production the address is optional (the server falls back to localhost:PORT).
    assert.equal(loadConfig({ REDIS_URL: 'redis://cache:6379' }).publicAddress, undefined);
  });

  it('refuses LOAD_ECHO_ROOM=true in production, and never registers the echo room there', () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_URL: PG };
    assert.match(assertRejects({ ...env, LOAD_ECHO_ROOM: 'true' }, 'LOAD_ECHO_ROOM').message, /production/);
    assert.equal(loadConfig({ ...env, LOAD_ECHO_ROOM: 'false' }).loadEchoRoom, false);
    assert.equal(loadConfig({ LOAD_ECHO_ROOM: 'true' }).loadEchoRoom, true, 'allowed outside production');
    assert.equal(echoRoomEnabled({ NODE_ENV: 'production', LOAD_ECHO_ROOM: 'true' }), false);
    assert.equal(echoRoomEnabled({ NODE_ENV: 'test', LOAD_ECHO_ROOM: 'true' }), true);
  });

  it('pings WebSockets every 10 s unless WS_PING_INTERVAL_MS says otherwise (1 s to 2 min)', () => {
    assert.equal(loadConfig({}).wsPingIntervalMs, 10_000);
    assert.equal(loadConfig({ WS_PING_INTERVAL_MS: '3000' }).wsPingIntervalMs, 3000);
    assertRejects({ WS_PING_INTERVAL_MS: '0' }, 'WS_PING_INTERVAL_MS');
    assertRejects({ WS_PING_INTERVAL_MS: 'often' }, 'WS_PING_INTERVAL_MS');
  });

  it('holds 4096 connections waiting to be accepted unless LISTEN_BACKLOG says otherwise (16 to 65535)', () => {
    assert.equal(loadConfig({}).listenBacklog, 4096);
    assert.equal(loadConfig({ LISTEN_BACKLOG: '1024' }).listenBacklog, 1024);
    assertRejects({ LISTEN_BACKLOG: '0' }, 'LISTEN_BACKLOG');
    assertRejects({ LISTEN_BACKLOG: 'deep' }, 'LISTEN_BACKLOG');
  });

  it('tries a scheduled baseball game that failed to create again every 300 s unless BASEBALL_SCHEDULE_RETRY_SECONDS says otherwise (1 s to a day)', () => {
    assert.equal(loadConfig({}).baseballScheduleRetrySeconds, 300);
    assert.equal(loadConfig({ BASEBALL_SCHEDULE_RETRY_SECONDS: '60' }).baseballScheduleRetrySeconds, 60);
    assertRejects({ BASEBALL_SCHEDULE_RETRY_SECONDS: '0' }, 'BASEBALL_SCHEDULE_RETRY_SECONDS');
    assertRejects({ BASEBALL_SCHEDULE_RETRY_SECONDS: '86401' }, 'BASEBALL_SCHEDULE_RETRY_SECONDS');
    assertRejects({ BASEBALL_SCHEDULE_RETRY_SECONDS: 'often' }, 'BASEBALL_SCHEDULE_RETRY_SECONDS');
  });

  it('rejects a PUBLIC_ADDRESS that is not host[:port]', () => {
    assertRejects({ PUBLIC_ADDRESS: 'http://game-1:2567' }, 'PUBLIC_ADDRESS');
  });

  it('treats empty-string variables as unset', () => {
    const config = loadConfig({
      NODE_ENV: '', PORT: '', DATA_DIR: '', DATABASE_URL: '', REDIS_URL: '', PUBLIC_ADDRESS: '',
      JWT_SECRET: '', LOG_LEVEL: '', SEED_ON_START: '', DB_POOL_SIZE: '',
    });
    assert.deepEqual(config, loadConfig({}));
    // An empty JWT_SECRET in production is missing, not "too short".
    const error = assertRejects({ NODE_ENV: 'production', JWT_SECRET: '', DATABASE_URL: PG }, 'JWT_SECRET');
    assert.match(error.message, /required/);
  });

  it('stops the real server process with exit code 1 and a message naming a bad variable', function () {
    this.timeout(30_000);
    const result = spawnSync(process.execPath, ['src/launch.js'], {
      cwd: new URL('..', import.meta.url),
      env: { ...process.env, PORT: 'abc', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 25_000,
    });
    assert.equal(result.error, undefined);
    assert.equal(result.status, 1, `stderr: ${result.stderr}`);
    assert.match(result.stderr, /\bPORT\b/);
  });

  it('limits registrations per address (REGISTRATIONS_PER_HOUR, default 20)', () => {
    assert.equal(loadConfig({}).registrationsPerHour, 20);
    assert.equal(loadConfig({ REGISTRATIONS_PER_HOUR: '500' }).registrationsPerHour, 500);
    assertRejects({ REGISTRATIONS_PER_HOUR: '0' }, 'REGISTRATIONS_PER_HOUR');
  });

  it('trusts no proxy unless TRUST_PROXY says which (express trust proxy values)', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy, 'loopback');
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).trustProxy, '10.0.0.0/8, 192.168.1.1');
    assertRejects({ TRUST_PROXY: 'any proxy at all!' }, 'TRUST_PROXY');
  });

  it('sends CORS headers only for CORS_ORIGINS (none by default, never a wildcard)', () => {
    assert.deepEqual(loadConfig({}).corsOrigins, []);
    assert.deepEqual(loadConfig({ CORS_ORIGINS: 'https://a.example,http://localhost:5173' }).corsOrigins, ['https://a.example', 'http://localhost:5173']);
    assertRejects({ CORS_ORIGINS: '*' }, 'CORS_ORIGINS');
    assertRejects({ CORS_ORIGINS: 'https://a.example/path' }, 'CORS_ORIGINS');
  });
});
