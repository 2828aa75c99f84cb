import type { RequestHandler } from 'express';
import { forbidden } from '../http/errors.ts';
import { userOf } from '../http/guard.ts';

/**
 * Who may feed stats into the server and inspect its jobs: signed-in users whose username is in
 * ADMIN_USERNAMES (default `demo` outside production, nobody in production). Stats are site-wide
 * (every league that rosters a player scores them), so no league role is enough. Set by buildServer.
 */
let admins = new Set<string>();

export function setAdmins(usernames: readonly string[]): void {
  admins = new Set(usernames.map((name) => name.toLowerCase()));
}

/** 401 without a token (the API's guard), 403 for a user who is not an admin. */
export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (!admins.has(userOf(req).username.toLowerCase())) return next(forbidden('Only an admin (ADMIN_USERNAMES) may do that'));
  next();
};
