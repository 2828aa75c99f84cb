import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from '../log.ts';

/** Where `npm run build:web` (Vite, web/vite.config.ts) writes the browser client. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Paths the server itself answers: never the web client's, even for a browser GET. */
const SERVER_PATHS = /^\/(api|matchmake|health|metrics)(\/|$)/;
/** Vite names built assets by content hash: a new build is a new name, so they may be cached for good. */
const HASHED_ASSETS_MAX_AGE = '365d';

/**
 * The web client as static files: hashed assets cached for a year (immutable), index.html never
 * cached (it names the current assets), and every other browser GET (a client-side route such as
 * /drafts/:id after a reload) answered with index.html. Mounted after the API, so it only sees
 * what the API did not answer.
 */
export function webRoutes(dist = WEB_DIST): Router {
  const router = Router();
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    log.warn({ dist }, 'the web client is not built: run `npm run build:web` (npm start builds it when missing)');
    return router;
  }
  router.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: HASHED_ASSETS_MAX_AGE, fallthrough: false }));
  router.use(express.static(dist, { index: false, maxAge: 0, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));
  router.get(/.*/, (req, res, next) => {
    if (SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
