import { defineServer, matchMaker, type RegisteredHandler, type Server } from '@colyseus/core';
import type { Server as HttpServer } from 'node:http';
import { SpreadPingTransport } from '../rooms/base/spread-ping-transport.ts';
import type { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { openStorage, type Storage } from './db/orm.ts';
import { DEFAULT_PIPELINES, EventStore } from './db/event-store.ts';
import { tokenService, type TokenService } from './auth/tokens.ts';
import { resolveJwtSecret } from './auth/secret.ts';
import { loginLimiter, readLimiter, registrationLimiter } from './auth/attempt-limiter.ts';
import { Sessions } from './auth/sessions.ts';
import { creationQuotas } from './leagues/quotas.ts';
import { mountApi, type ApiDeps } from './http/api.ts';
import { loadTestCollector } from './http/load-gc.ts';
import { seedIfEmpty } from './db/seed.ts';
import { setRoomServices } from '../rooms/base/services.ts';
import { databaseSeats } from '../rooms/base/admission.ts';
import { shutdownRooms } from '../rooms/base/LeagueRoom.ts';
import { MAX_MESSAGE_BYTES } from '../rooms/base/limits.ts';
import { installLeagueMatchmaking } from '../rooms/base/matchmaking.ts';
import { StreamIndexedDriver, streamKeysOf } from '../rooms/base/stream-driver.ts';
import { roomDefinitions, apiRouters } from './features.ts';
import { log, setLogLevel } from './log.ts';
import { keepPm2AgentOut } from './pm2-agent.ts';
import { setLivePublisher } from './live/publisher.ts';
import { BACKGROUND_QUEUES, ROOM_QUEUES, createJobs, queueDefinitions, type Jobs } from './jobs/index.ts';
import { SWEEP_EVERY_MS } from './jobs/scheduled-drafts.ts';
import { GAME_SWEEP_EVERY_MS } from './jobs/scheduled-games.ts';
import { BASEBALL_SCHEDULE_SWEEP_EVERY_MS } from './jobs/baseball-schedule.ts';
import { SEASON_SWEEP_EVERY_MS } from './season/jobs.ts';
import { WAIVER_SWEEP_EVERY_MS } from './jobs/waiver-runs.ts';
import { TRADE_SWEEP_EVERY_MS } from './jobs/trade-reviews.ts';

export interface App {
  server: Server;
  storage: Storage;
  store: EventStore;
  tokens: TokenService;
  sessions: Sessions;
  redis?: Redis;
  /** Background jobs: BullMQ with REDIS_URL, else the in-process runner (src/jobs/). */
  jobs: Jobs;
  /** Stops taking joins, lets in-flight writes finish, closes storage. */
  shutdown(): Promise<void>;
}

export interface BuildOptions {
  /** Extra rooms (tests register fixtures this way). */
  rooms?: Record<string, RegisteredHandler<any>>;
  now?: () => number;
}

/** Builds the whole server (storage, REST, rooms) without listening: main, tests and loadtest share it. */
export async function buildServer(config: Config, options: BuildOptions = {}): Promise<App> {
  setLogLevel(config.logLevel);
  // Before the matchmaker's setup imports @pm2/io (src/pm2-agent.ts says why).
  keepPm2AgentOut();
  const storage = await openStorage(config);
  if (config.seedOnStart) await seedIfEmpty(storage.orm);
  // Each batch takes every pending unit, so a couple of batches in flight keep commits flowing
  // while leaving the rest of the pool to REST and room loads.
  const store = new EventStore(storage.orm, Math.min(DEFAULT_PIPELINES, config.database.poolSize), { bindValues: !storage.embedded });
  const now = options.now ?? Date.now;
  const tokens = tokenService(resolveJwtSecret(config), config.tokenTtlSeconds, now);
  const sessions = new Sessions(storage.orm, tokens, config.refreshTokenTtlSeconds, now);
  // maxRetriesPerRequest: null lets a short Redis outage stall rather than fail every command.
  // The Redis clients are loaded only with REDIS_URL: a process without Redis starts without them.
  const cluster = config.redisUrl ? await redisCluster(config.redisUrl) : undefined;
  const redis = cluster ? new cluster.Redis(cluster.url, { maxRetriesPerRequest: null, lazyConnect: false }) : undefined;
  const jobs = await createJobs(config.redisUrl, storage.orm, queueDefinitions(storage.orm, now, { baseballRetryMs: config.baseballScheduleRetrySeconds * 1000 }));
  // Room queues need this process's rooms; the background ones may be left to `npm run worker`.
  jobs.work(config.backgroundJobs ? [...BACKGROUND_QUEUES, ...ROOM_QUEUES] : ROOM_QUEUES);
  setRoomServices({ orm: storage.orm, store, seats: databaseSeats(storage.orm, sessions), jobs, now });
  // Live pushes (scores, notifications) go through the matchmaker's presence: Redis across processes.
  setLivePublisher({ publish: (topic, data) => matchMaker.presence.publish(topic, data) });
  // Clients may not create league rooms, and joinOrCreate opens one room per stream (rooms/base/matchmaking.ts).
  installLeagueMatchmaking();
  // Every pending scheduled draft gets its start job: now (a restart) and every minute.
  await jobs.every('draft-sweep', 'draft-sweep', SWEEP_EVERY_MS, {});
  // Likewise every accepted game dated beyond the open-ahead time gets its open job.
  await jobs.every('game-sweep', 'game-sweep', GAME_SWEEP_EVERY_MS, {});
  // And every baseball league schedule with games still to create the job that creates the next ones.
  await jobs.every('baseball-schedule-sweep', 'baseball-schedule-sweep', BASEBALL_SCHEDULE_SWEEP_EVERY_MS, {});
  // And every league's F1 race drafts their open and lock jobs (src/jobs/race-drafts.ts).
  await jobs.every('race-draft-sweep', 'race-draft-sweep', SWEEP_EVERY_MS, {});
  // And every unfinished season's next period gets its finalize job (re-derived here at boot).
  await jobs.every('season-sweep', 'season-sweep', SEASON_SWEEP_EVERY_MS, {});
  // And every league with players on waivers gets the job of their waiver run (a missed one at once).
  await jobs.every('waiver-sweep', 'waiver-sweep', WAIVER_SWEEP_EVERY_MS, {});
  // ...and every trade in a league's veto window the job that executes it when the window ends.
  await jobs.every('trade-sweep', 'trade-sweep', TRADE_SWEEP_EVERY_MS, {});

  const deps: ApiDeps = {
    orm: storage.orm, tokens, sessions, now, redis, embedded: storage.embedded, routers: apiRouters, scheduling: { jobs, now },
    limiters: {
      logins: loginLimiter({ ...config.login, redis }),
      registrations: registrationLimiter({ perHour: config.registrationsPerHour, redis }),
      publicReads: readLimiter({ name: 'public-read', perMinute: config.readLimits.publicPerMinute, redis }),
      apiKeyReads: readLimiter({ name: 'apikey-read', perMinute: config.readLimits.apiKeyPerMinute, redis }),
    },
    security: { trustProxy: config.trustProxy, corsOrigins: config.corsOrigins },
    quotas: creationQuotas(config.quotas, redis),
    ...(config.loadEchoRoom ? { collectGarbage: loadTestCollector() } : {}),
  };
  const rooms = { ...roomDefinitions(), ...options.rooms };
  const server = defineServer({
    rooms,
    transport: new SpreadPingTransport({ maxPayload: MAX_MESSAGE_BYTES, pingInterval: config.wsPingIntervalMs }),
    express: (app) => mountApi(app, deps),
    gracefullyShutdown: false,
    greet: false,
    ...(cluster ? {
      presence: new cluster.RedisPresence(cluster.colyseusOptions),
      driver: new cluster.StreamIndexedRedisDriver(cluster.colyseusOptions, streamKeysOf(rooms), new cluster.Redis(cluster.url, { enableAutoPipelining: true })),
      publicAddress: config.publicAddress ?? `localhost:${config.port}`,
    } : { driver: new StreamIndexedDriver(streamKeysOf(rooms)) }),
  });

  let closed = false;
  return {
    server, storage, store, tokens, sessions, redis, jobs,
    async shutdown() {
      if (closed) return;
      closed = true;
      stopListening(server);
      // In-flight actions are committed and answered, then clients are told the room moved.
      await shutdownRooms().catch((error) => log.warn({ err: error }, 'matchmaker shutdown'));
      // Running jobs finish (they write to the database); waiting ones stay in Redis, or are lost in-process.
      await jobs.close().catch((error) => log.warn({ err: error }, 'jobs shutdown'));
      await store.idle();
      redis?.disconnect();
      await storage.close();
      setRoomServices(undefined);
      setLivePublisher(undefined);
    },
  };
}

/**
 * No new connections (REST, matchmaking, WebSockets) from the moment a shutdown starts: clients
 * and load balancers go to the other processes. Open WebSockets stay until their rooms close them.
 */
function stopListening(server: Server): void {
  const http = (server.transport as { server?: HttpServer } | undefined)?.server;
  if (!http?.listening) return;
  http.close();
  http.closeIdleConnections();
}

/** The Redis client, presence and driver classes, imported when the process has a REDIS_URL. */
async function redisCluster(url: string) {
  const [{ Redis }, { RedisPresence }, { StreamIndexedRedisDriver }] = await Promise.all([
    import('ioredis'), import('@colyseus/redis-presence'), import('../rooms/base/stream-redis-driver.ts'),
  ]);
  return { url, Redis, RedisPresence, StreamIndexedRedisDriver, colyseusOptions: colyseusRedisOptions(Redis, url) };
}

/**
 * The options of the presence's and driver's Redis connections. Auto-pipelining sends the commands
 * issued in one event-loop turn as one write: a restart's burst of joins (each a few presence and
 * listing commands) otherwise costs one write syscall per command (a profile showed ~115 ms of them
 * for 500 drafts; README "Performance" has the restart figures). Colyseus brings its own
 * ioredis 5, so an ioredis 6 client of ours is not an instance of its class (it would read one as
 * options and connect to localhost, database 0): it gets plain options, parsed from the URL by ours
 * (a lazy client opens no connection).
 */
function colyseusRedisOptions(Redis: typeof import('ioredis').Redis, url: string) {
  const { host, port, username, password, db, tls, family } = new Redis(url, { lazyConnect: true }).options;
  return { host, port, username, password, db, tls, family, enableAutoPipelining: true };
}
