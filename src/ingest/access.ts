import type { RequestHandler } from 'express';
import { RequestContext, type EntityManager } from '@mikro-orm/postgresql';
import { isAdmin } from '../auth/admin.ts';
import { forbidden } from '../errors.ts';
import { userOf } from '../http/guard.ts';

/**
 * Who may feed stats into the server and inspect its jobs: signed-in users with the stored admin
 * role (`npm run admin -- grant <user>`). Stats are site-wide (every league that rosters a player
 * scores them), so no league role is enough. Read from the database on every request, so a
 * revoke takes effect at once, not when the token expires.
 * 401 without a token (the API's guard), 403 for a user who is not an admin.
 */
export const requireAdmin: RequestHandler = async (req, _res, next) => {
  try {
    const em = RequestContext.getEntityManager() as EntityManager;
    if (!(await isAdmin(em, userOf(req).userId))) return next(forbidden('Only an admin may do that'));
    next();
  } catch (error) {
    next(error);
  }
};
