import express, { Router, type Application } from 'express';
import { pinoHttp } from 'pino-http';
import { log } from '../log.ts';
import { RequestContext, type MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { TokenService } from '../auth/tokens.ts';
import type { Quotas } from '../leagues/quotas.ts';
import type { Scheduling } from '../jobs/types.ts';
import { authenticate, type GuardDeps } from './guard.ts';
import { requireAdmin } from '../ingest/access.ts';
import { applyHttpSecurity, type HttpSecurity } from './security.ts';
import { errorHandler, unknownRoute } from './errors.ts';
import { httpRequests } from '../metrics.ts';
import { authRoutes, type AuthLimiters } from './routes/auth.ts';
import { meRoutes } from './routes/me.ts';
import { notificationRoutes } from './routes/notifications.ts';
import type { Sessions } from '../auth/sessions.ts';
import { leagueRoutes } from './routes/leagues.ts';
import { playerRoutes } from './routes/players.ts';
import { healthRoutes } from './routes/health.ts';
import { openApiRoutes } from './openapi.ts';
import { webRoutes } from './web.ts';
import { visibleLeaguesOnly } from './league-visibility.ts';

export interface ApiDeps {
  orm: MikroORM;
  tokens: TokenService;
  sessions: Sessions;
  limiters: AuthLimiters;
  now: () => number;
  security: HttpSecurity;
  /** Per-user creation quotas (leagues, drafts, games). */
  quotas: Quotas;
  redis?: Redis;
  embedded: boolean;
  /** Load-test mode only (LOAD_ECHO_ROOM): `/metrics?gc=1` collects garbage first (src/http/load-gc.ts). */
  collectGarbage?: () => void;
  /** This process's jobs and clock, for routes that enqueue or schedule work. */
  scheduling: Scheduling;
  /** Extra routers mounted under /api/v1 by later features (drafts, games, ...). */
  routers?: Array<(deps: ApiDeps & { em: () => EntityManager }) => [string, Router]>;
}

const BODY_LIMIT = '100kb';
/** A feed batch of 1000 lines is ~250 KB, past BODY_LIMIT: the ingest route has its own. */
const INGEST_BODY_LIMIT = '2mb';
const INGEST_PATH = '/api/v1/ingest';

/** Headers that carry credentials: never written to the logs (LOG_LEVEL=debug logs every request). */
export const REDACTED_HEADERS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'];

/** Mounts the REST API on the Express app Colyseus serves. */
export function mountApi(app: Application, deps: ApiDeps): void {
  // One EntityManager per request (MikroORM's RequestContext); `em()` returns it.
  const em = () => RequestContext.getEntityManager() as EntityManager;
  applyHttpSecurity(app, deps.security);
  // Every request as a structured line at debug level (LOG_LEVEL=debug shows them), credentials redacted.
  app.use(pinoHttp({ logger: log, useLevel: 'debug', redact: { paths: REDACTED_HEADERS, censor: '[redacted]' } }));
  app.use((req, res, next) => {
    res.on('finish', () => httpRequests.inc({ method: req.method, route: req.route?.path ?? 'unmatched', status: res.statusCode }));
    RequestContext.create(deps.orm.em, next);
  });
  // Who is asking is settled before a 2 MB body is read: strangers cannot make us parse one.
  const guard: GuardDeps = {
    em, sessions: deps.sessions, now: deps.now,
    publicReads: deps.limiters.publicReads, apiKeyReads: deps.limiters.apiKeyReads,
  };
  app.use(INGEST_PATH, authenticate(guard), requireAdmin, express.json({ limit: INGEST_BODY_LIMIT }));
  app.use('/api', express.json({ limit: BODY_LIMIT }));
  app.use(healthRoutes(deps));

  const v1 = Router();
  v1.use('/auth', authRoutes({ em, sessions: deps.sessions, tokens: deps.tokens, limiters: deps.limiters }));
  v1.use(openApiRoutes()); // GET /api/v1/openapi.json and the docs page /api/v1/docs: public
  // A token, an API key (reads only) or, for the public reads alone, nobody (src/http/guard.ts).
  v1.use(authenticate(guard));
  v1.use('/me/notifications', notificationRoutes({ em, now: deps.now }));
  v1.use('/me', meRoutes({ em, sessions: deps.sessions, passwordChecks: deps.limiters.logins, now: deps.now }));
  // Every /leagues/:id/... route of every router: a 404 for whoever may not see the league.
  v1.use('/leagues/:id', visibleLeaguesOnly(em));
  v1.use('/leagues', leagueRoutes({ em, quotas: deps.quotas }));
  v1.use('/players', playerRoutes({ em }));
  for (const makeRouter of deps.routers ?? []) {
    const [path, router] = makeRouter({ ...deps, em });
    v1.use(path, router);
  }
  app.use('/api/v1', v1);
  app.use('/api', unknownRoute);
  // The browser client at / (after the API: /api, /health, /metrics and /matchmake stay the server's).
  app.use(webRoutes());
  app.use(errorHandler);
}
