import type { Application, RequestHandler } from 'express';
import helmet from 'helmet';
import cors from 'cors';

/**
 * The HTTP hardening every response gets: security headers (helmet), CORS only for the origins
 * an operator lists, no X-Powered-By, and X-Forwarded-For believed only from TRUST_PROXY.
 */
export interface HttpSecurity {
  /** express's `trust proxy`: off by default, so a client cannot choose its address (login limits key on it). */
  trustProxy: boolean | number | string;
  /** Origins allowed cross-site; empty: no CORS headers at all (browsers then refuse cross-site calls). */
  corsOrigins: string[];
}

/**
 * Scripts from this server only (the docs page loads its start-up script as a file); styles may
 * be inline (Swagger UI and a web client set style attributes); images may be data: URIs;
 * WebSockets to this server for the rooms. Nothing may frame the pages.
 */
const CONTENT_SECURITY_POLICY = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    fontSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
};

export function applyHttpSecurity(app: Application, options: HttpSecurity): void {
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  if (options.corsOrigins.length > 0) app.use(corsFor(options.corsOrigins));
}

/**
 * Only listed origins get CORS headers (never `*`): the API takes bearer tokens, not cookies, so
 * credentials are not allowed either.
 */
function corsFor(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: false,
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
}
