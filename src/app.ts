import { defineServer, matchMaker, type RegisteredHandler, type Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { RedisPresence } from '@colyseus/redis-presence';
import { RedisDriver } from '@colyseus/redis-driver';
import { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { openStorage, type Storage } from './db/orm.ts';
import { EventStore } from './db/event-store.ts';
import { tokenService, type TokenService } from './auth/tokens.ts';
import { resolveJwtSecret } from './auth/secret.ts';
import { loginLimiter } from './auth/login-limiter.ts';
import { mountApi, type ApiDeps } from './http/api.ts';
import { seedIfEmpty } from './db/seed.ts';
import { setRoomServices } from '../rooms/base/services.ts';
import { roomDefinitions, apiRouters } from './features.ts';
import { log, setLogLevel } from './log.ts';

export interface App {
  server: Server;
  storage: Storage;
  store: EventStore;
  tokens: TokenService;
  redis?: Redis;
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
  const storage = await openStorage(config);
  if (config.seedOnStart) await seedIfEmpty(storage.orm);
  // Half the pool for event-log commits leaves connections for REST and room loads.
  const store = new EventStore(storage.orm, Math.max(1, Math.floor(config.database.poolSize / 2)));
  const tokens = tokenService(resolveJwtSecret(config), config.tokenTtlSeconds);
  // maxRetriesPerRequest: null lets a short Redis outage stall rather than fail every command.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false }) : undefined;
  setRoomServices({ orm: storage.orm, store, tokens, now: options.now ?? Date.now });

  const deps: ApiDeps = {
    orm: storage.orm, tokens, redis, embedded: storage.embedded, routers: apiRouters,
    limiter: loginLimiter({ ...config.login, redis }),
  };
  const server = defineServer({
    rooms: { ...roomDefinitions(), ...options.rooms },
    transport: new WebSocketTransport(),
    express: (app) => mountApi(app, deps),
    gracefullyShutdown: false,
    greet: false,
    ...(config.redisUrl ? {
      presence: new RedisPresence(config.redisUrl),
      driver: new RedisDriver(config.redisUrl),
      publicAddress: config.publicAddress ?? `localhost:${config.port}`,
    } : {}),
  });

  let closed = false;
  return {
    server, storage, store, tokens, redis,
    async shutdown() {
      if (closed) return;
      closed = true;
      await matchMaker.gracefullyShutdown().catch((error) => log.warn({ err: error }, 'matchmaker shutdown'));
      await store.idle();
      redis?.disconnect();
      await storage.close();
      setRoomServices(undefined);
    },
  };
}
