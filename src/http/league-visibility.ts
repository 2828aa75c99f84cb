import type { RequestHandler } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireUnarchived, requireVisible } from '../leagues/access.ts';
import { viewerOf } from './guard.ts';
import { idParam } from './parse.ts';

/**
 * Mounted on /leagues/:id ahead of every router, so no league-scoped route (read or write, today's
 * or a later feature's) can forget it: a user who may not see the league gets the 404 of an
 * unknown league (an anonymous reader sees public leagues only). Members without the right role still get their 403 from the route.
 *
 * The one exception is joining: the invite code is how a stranger becomes a member of a private
 * league, so POST /leagues/:id/join decides itself (a wrong code there is the same 404), archived
 * leagues included (src/leagues/service.ts).
 */
export function visibleLeaguesOnly(em: () => EntityManager): RequestHandler {
  return async (req, _res, next) => {
    if (req.method === 'POST' && req.path === '/join') return next();
    const league = await requireVisible(em(), idParam(req.params.id, 'League'), viewerOf(req));
    // An archived league is read-only, for every route that changes something in it (today's or a later one's).
    if (!READS.has(req.method)) requireUnarchived(league);
    next();
  };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
