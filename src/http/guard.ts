import type { RequestHandler, Request } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sessions } from '../auth/sessions.ts';
import type { AttemptLimiter } from '../auth/attempt-limiter.ts';
import { looksLikeApiKey, verifyApiKey } from '../auth/api-keys.ts';
import { forbidden, unauthenticated } from '../errors.ts';

/** Who is calling: a signed-in user (access token) or a user's API key. */
export interface RequestUser {
  userId: string;
  username: string;
  /** The session of the access token; null for an API key. */
  sessionId: string | null;
  /** The API key used; null for an access token. */
  apiKeyId: string | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: RequestUser;
    }
  }
}

export interface GuardDeps {
  em: () => EntityManager;
  sessions: Sessions;
  /** Anonymous reads per address; API key reads per key. */
  publicReads: AttemptLimiter;
  apiKeyReads: AttemptLimiter;
  now: () => number;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The reads anyone may make without a token (paths under /api/v1): a league's routes, its drafts
 * and games, the player pool and the F1 race calendar. Each still decides visibility itself (src/leagues/access.ts):
 * a private league answers an anonymous caller 404, as to any outsider.
 */
const PUBLIC_READ = /^\/(leagues\/[^/]+(\/.*)?|drafts\/[^/]+|games\/[^/]+(\/dice|\/plays)?|players(\/[^/]+)?|f1\/races)\/?$/;

/** Whether a GET of this path under /api/v1 is open to anonymous readers (also used by the OpenAPI document). */
export const isPublicRead = (path: string) => PUBLIC_READ.test(path);

/**
 * Routes an API key may not use even to read: managing keys takes a signed-in session. Without
 * regard to case, as Express routes match (`/ME/API-KEYS` reaches the same handlers); those
 * handlers refuse a key too (sessionUserOf).
 */
const NOT_FOR_API_KEYS = /^\/me\/api-keys(\/|$)/i;
export const refusesApiKeys = (path: string) => NOT_FOR_API_KEYS.test(path);

/** The credential of a request: `Authorization: Bearer <jwt | ck_...>` or `X-API-Key: ck_...`. */
function credentialOf(req: Request): string | null {
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match ? match[1] : null;
}

/**
 * Who is asking, for everything mounted after it: a valid access token of a live session, a valid
 * API key (reads only, rate limited per key), or nobody for the public reads (rate limited per
 * address). A credential that is present but wrong is always a 401, never treated as anonymous,
 * so a client learns its token expired. Everything else without a credential: 401.
 */
export function authenticate(deps: GuardDeps): RequestHandler {
  return async (req, _res, next) => {
    if (req.user) return next(); // already settled (the ingest path authenticates before its body)
    const credential = credentialOf(req);
    if (credential === null) {
      if (!READ_METHODS.has(req.method) || !isPublicRead(req.path)) return next(unauthenticated());
      await deps.publicReads.consume(req.ip ?? 'unknown');
      return next();
    }
    if (looksLikeApiKey(credential)) {
      const key = await verifyApiKey(deps.em(), credential, new Date(deps.now()));
      if (!key) return next(unauthenticated('The API key is invalid or revoked'));
      if (!READ_METHODS.has(req.method) || refusesApiKeys(req.path)) {
        return next(forbidden('API keys are read-only; sign in to change anything'));
      }
      await deps.apiKeyReads.consume(key.keyId);
      req.user = { userId: key.userId, username: key.username, sessionId: null, apiKeyId: key.keyId };
      return next();
    }
    const claims = await deps.sessions.verifyAccess(credential);
    if (!claims) return next(unauthenticated());
    req.user = { userId: claims.userId, username: claims.username, sessionId: claims.sessionId, apiKeyId: null };
    next();
  };
}

/** The caller, signed in with a session: an API key is refused (403), whichever path led here. */
export function sessionUserOf(req: Request): RequestUser {
  const user = userOf(req);
  if (user.apiKeyId) throw forbidden('API keys cannot manage API keys; sign in');
  return user;
}

/** The caller of a request past authenticate that needs one (401 for an anonymous reader). */
export function userOf(req: Request): RequestUser {
  if (!req.user) throw unauthenticated();
  return req.user;
}

/** The caller's user id, or null for an anonymous reader of a public route. */
export function viewerOf(req: Request): string | null {
  return req.user?.userId ?? null;
}
