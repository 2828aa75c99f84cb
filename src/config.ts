import { z } from 'zod';
import type { QuotaLimits } from './leagues/quotas.ts';
import { DEFAULT_HOST, DEFAULT_LISTEN_BACKLOG, DEFAULT_PORT } from './early-listen.ts';

/**
 * Every environment variable the server reads, parsed once at start. README.md documents each one;
 * keep the two in step. A bad value stops the process with a message that names the variable.
 */
const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = (protocols: string[]) =>
  z.string().url().refine((url) => protocols.some((p) => url.startsWith(p)), `must start with ${protocols.join(' or ')}`).optional();

/** A per-user limit: at least one (zero would forbid the feature; lift it high instead). */
const quota = z.coerce.number().int().min(1).max(1_000_000);

/** Own schema so roomDefinitions() (which gets no Config) parses it the same way: see echoRoomEnabled. */
const echoRoomFlag = z.enum(['true', 'false']).default('false');

/**
 * express's `trust proxy`: true/false, a hop count, or names/addresses/CIDRs (loopback, 10.0.0.0/8, ...).
 * Off by default: trusting loopback let any local client pick its address with X-Forwarded-For.
 */
const trustProxy = z.string().trim().regex(/^(true|false|\d{1,2}|[\w.:/-]+(\s*,\s*[\w.:/-]+)*)$/, 'must be true, false, a hop count or addresses/CIDRs separated by commas');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(DEFAULT_PORT),
  HOST: z.string().min(1).default(DEFAULT_HOST),
  /** Where the embedded database and generated secrets live. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL; when unset the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Redis; when set, Colyseus presence and matchmaking are shared through it (several processes). */
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  /** host:port other processes and clients use to reach this one (required with REDIS_URL in production). */
  PUBLIC_ADDRESS: z.string().regex(/^[^\s/]+(:\d+)?$/, 'must be host[:port]').optional(),
  /** HMAC secret for tokens: required in production; generated into DATA_DIR otherwise. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Lifetime of an access token (the bearer JWT); short, since a refresh token renews it. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(60 * 60 * 24).optional(),
  /** The former name of ACCESS_TOKEN_TTL_SECONDS, still read when the new one is unset. */
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(60 * 60 * 24).optional(),
  /** Lifetime of a refresh token (each refresh rotates it and starts a new lifetime). */
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(60 * 60 * 24 * 365).default(60 * 60 * 24 * 30),
  /** Reads one address may make without a token (public leagues, the player pool) per minute. */
  PUBLIC_READS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Reads one API key may make per minute. */
  API_KEY_READS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Failed logins allowed per username and address within LOGIN_WINDOW_SECONDS. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  /** Per-user quotas (429 QUOTA_EXCEEDED beyond them): leagues created, games not final, drafts not complete. */
  MAX_LEAGUES_PER_USER: quota.default(20),
  MAX_OPEN_GAMES_PER_USER: quota.default(20),
  MAX_OPEN_DRAFTS_PER_USER: quota.default(20),
  /** Leagues, drafts and games together one user may create per rolling hour. */
  MAX_CREATES_PER_HOUR: quota.default(60),
  /** Accounts one address may create per hour (tests and load tests that register many users raise it). */
  REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** Which proxies' X-Forwarded-For to believe for the client address: express's `trust proxy` (off by default). */
  TRUST_PROXY: trustProxy.default('false'),
  /** Browser origins (comma-separated) allowed to call the API cross-site; none by default (no CORS headers). */
  CORS_ORIGINS: z.string().regex(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, 'must be origins (http[s]://host[:port]) separated by commas').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the sample leagues and players at start (default: only with the embedded database). */
  SEED_ON_START: z.enum(['true', 'false']).optional(),
  /** Whether this server process also works the background queues (ingest, score, standings); false leaves them to `npm run worker`. */
  BACKGROUND_JOBS: z.enum(['true', 'false']).default('true'),
  /** Gone: admin is a stored role (`npm run admin -- grant <user>`). Refused so that a deployment still setting it is told, not silently left without admins. */
  ADMIN_USERNAMES: z.undefined({ error: 'is no longer read: grant admins with `npm run admin -- grant <user>`' }).optional(),
  /**
   * How often the server pings each WebSocket; a client that misses 2 pings in a row is dropped
   * (then onDrop holds its seat for reconnection). Every ping is a write and a pong a read per
   * client: at the old 3 s, 2,400 idle clients cost as many socket writes as 70 picks/s fanned out.
   * A closed tab or a dead server is seen at once (TCP close); pings only catch silent losses.
   */
  WS_PING_INTERVAL_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  /**
   * Connections the kernel holds for the server before it accepts them (listen backlog; the
   * kernel caps it at net.core.somaxconn). After a restart every client of the process reconnects
   * at once (a thousand matchmaking requests, then as many WebSockets): past Node's default 511 the
   * kernel drops the connection and the client's retry comes 1, 2, 4 s later.
   */
  LISTEN_BACKLOG: z.coerce.number().int().min(16).max(65_535).default(DEFAULT_LISTEN_BACKLOG),
  /**
   * A scheduled baseball game whose creation failed (a roster that cannot field a lineup) is tried
   * again this often, and at its first pitch; it is marked failed when that try fails too.
   */
  BASEBALL_SCHEDULE_RETRY_SECONDS: z.coerce.number().int().min(1).max(24 * 60 * 60).default(300),
  /** Registers the unauthenticated `echo` room, the load tests' baseline (loadtest/load.ts --baseline). */
  LOAD_ECHO_ROOM: echoRoomFlag,
}).superRefine((env, ctx) => {
  if (env.BACKGROUND_JOBS === 'false' && !env.REDIS_URL) {
    ctx.addIssue({ code: 'custom', path: ['BACKGROUND_JOBS'], message: 'false needs REDIS_URL (a worker process takes the jobs through Redis)' });
  }
  if (env.NODE_ENV !== 'production') return;
  if (env.LOAD_ECHO_ROOM === 'true') {
    // The echo room has no auth at all: anyone could open rooms on a production server.
    ctx.addIssue({ code: 'custom', path: ['LOAD_ECHO_ROOM'], message: 'must not be true in production (an unauthenticated load-test room)' });
  }
  if (!env.JWT_SECRET) ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
  if (env.REDIS_URL && !env.PUBLIC_ADDRESS) {
    ctx.addIssue({ code: 'custom', path: ['PUBLIC_ADDRESS'], message: 'is required in production when REDIS_URL is set' });
  }
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  database: { url: string | undefined; poolSize: number };
  redisUrl: string | undefined;
  publicAddress: string | undefined;
  jwtSecret: string | undefined;
  /** Access token (JWT) lifetime. */
  tokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Per-minute read limits: anonymous callers per address, API keys per key. */
  readLimits: { publicPerMinute: number; apiKeyPerMinute: number };
  login: { maxFailures: number; windowSeconds: number };
  quotas: QuotaLimits;
  registrationsPerHour: number;
  /** express's `trust proxy` value. */
  trustProxy: boolean | number | string;
  /** Origins allowed cross-site (CORS); empty: no CORS headers at all. */
  corsOrigins: string[];
  logLevel: Env['LOG_LEVEL'];
  seedOnStart: boolean;
  /** Whether this server process works the background queues (always, without Redis). */
  backgroundJobs: boolean;
  /** Whether the `echo` load-test room is registered. */
  loadEchoRoom: boolean;
  /** WebSocket ping period (ms); 2 missed pongs drop the client. */
  wsPingIntervalMs: number;
  /** The listen backlog: connections waiting to be accepted. */
  listenBacklog: number;
  /** How often a scheduled baseball game whose creation failed is tried again (s). */
  baseballScheduleRetrySeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'} ${i.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_URL ? env.DB_POOL_SIZE : 1 },
    redisUrl: env.REDIS_URL,
    publicAddress: env.PUBLIC_ADDRESS,
    jwtSecret: env.JWT_SECRET,
    tokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS ?? env.TOKEN_TTL_SECONDS ?? 15 * 60,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    readLimits: { publicPerMinute: env.PUBLIC_READS_PER_MINUTE, apiKeyPerMinute: env.API_KEY_READS_PER_MINUTE },
    login: { maxFailures: env.LOGIN_MAX_FAILURES, windowSeconds: env.LOGIN_WINDOW_SECONDS },
    quotas: {
      leaguesPerUser: env.MAX_LEAGUES_PER_USER,
      openGamesPerUser: env.MAX_OPEN_GAMES_PER_USER,
      openDraftsPerUser: env.MAX_OPEN_DRAFTS_PER_USER,
      createsPerHour: env.MAX_CREATES_PER_HOUR,
    },
    registrationsPerHour: env.REGISTRATIONS_PER_HOUR,
    trustProxy: trustProxyValue(env.TRUST_PROXY),
    corsOrigins: env.CORS_ORIGINS?.split(',') ?? [],
    logLevel: env.LOG_LEVEL,
    seedOnStart: env.SEED_ON_START ? env.SEED_ON_START === 'true' : !env.DATABASE_URL,
    backgroundJobs: env.BACKGROUND_JOBS === 'true',
    loadEchoRoom: env.LOAD_ECHO_ROOM === 'true',
    wsPingIntervalMs: env.WS_PING_INTERVAL_MS,
    listenBacklog: env.LISTEN_BACKLOG,
    baseballScheduleRetrySeconds: env.BASEBALL_SCHEDULE_RETRY_SECONDS,
  };
}

function trustProxyValue(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** For entry points (server, worker): the config, or the message naming every bad variable and exit 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** LOAD_ECHO_ROOM alone, for src/features.ts; loadConfig has already refused a bad value at start. */
export function echoRoomEnabled(source: Record<string, string | undefined> = process.env): boolean {
  // Never in production, even if something bypassed loadConfig's refusal.
  if (source.NODE_ENV === 'production') return false;
  return echoRoomFlag.safeParse(source.LOAD_ECHO_ROOM || undefined).data === 'true';
}
