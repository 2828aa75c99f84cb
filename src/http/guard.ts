import type { RequestHandler, Request } from 'express';
import type { TokenClaims, TokenService } from '../auth/tokens.ts';
import { unauthenticated } from '../errors.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: TokenClaims;
    }
  }
}

/** Reads `Authorization: Bearer <token>`; 401 when absent, forged or expired. */
export function requireUser(tokens: TokenService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = match ? await tokens.verify(match[1]) : null;
    if (!claims) return next(unauthenticated());
    req.user = claims;
    next();
  };
}

/** The signed-in user of a request that passed requireUser. */
export function userOf(req: Request): TokenClaims {
  if (!req.user) throw unauthenticated();
  return req.user;
}
