import type { Application } from 'express';
import helmet from 'helmet';
import { matchMaker } from '@colyseus/core';

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
  allowOrigins(options.corsOrigins);
}

/**
 * CORS for every HTTP request (API and matchmaking) is answered by Colyseus before Express sees
 * it (OPTIONS included), and by default it reflects any Origin with credentials allowed. We replace
 * its headers: only listed origins get any (never `*`), and no credentials (the API takes bearer
 * tokens, not cookies).
 */
function allowOrigins(origins: string[]): void {
  const allowed = new Set(origins);
  (matchMaker.controller as { DEFAULT_CORS_HEADERS: Record<string, string> }).DEFAULT_CORS_HEADERS = {};
  matchMaker.controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get('origin');
    if (!origin || !allowed.has(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Allow-Methods': 'GET,HEAD,POST,DELETE',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  };
}
