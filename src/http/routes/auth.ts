import { Router, type Request } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../db/entities/index.ts';
import { hashPassword, verifyLogin } from '../../auth/password.ts';
import { newPassword } from '../../auth/password-policy.ts';
import type { Sessions, SessionTokens } from '../../auth/sessions.ts';
import type { TokenService } from '../../auth/tokens.ts';
import type { AttemptLimiter } from '../../auth/attempt-limiter.ts';
import { AppError, conflict, unauthenticated } from '../../errors.ts';
import { parse } from '../parse.ts';
import type { RouteDocs } from '../openapi/route-doc.ts';
import { session } from '../openapi/replies.ts';

const credentials = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,32}$/, '3-32 letters, digits, _ . or -'),
  password: newPassword,
});
const refreshRequest = z.object({ refreshToken: z.string().min(1).max(200) });
/** Logout ends the session of the refresh token given, else of the access token sent (Authorization). */
const logoutRequest = z.object({ refreshToken: z.string().min(1).max(200).optional() });

/** Login checks only the password's length limit: a password too short to exist is just wrong (401). */
const loginCredentials = credentials.pick({ username: true }).extend({ password: z.string().max(128) });

export const authDocs: RouteDocs = {
  tag: 'auth',
  description: 'Accounts and sessions: short access tokens (bearer JWT) renewed by single-use refresh tokens.',
  routes: [
    {
      method: 'post', path: '/register', auth: 'public', summary: 'Create an account', body: credentials,
      description: 'The password needs 10 or more characters and must not be a common one. REGISTRATIONS_PER_HOUR accounts per address per hour.',
      replies: { 201: { description: 'The new account and a token.', schema: session } }, errors: [409, 429],
    },
    {
      method: 'post', path: '/login', auth: 'public', summary: 'Sign in', body: loginCredentials,
      description: 'Starts a session. A locked account answers 403 ACCOUNT_LOCKED (only after a correct password).',
      replies: { 200: { description: 'An access token and a refresh token.', schema: session } }, errors: [401, 403, 429],
    },
    {
      method: 'post', path: '/refresh', auth: 'public', summary: 'Trade a refresh token for a new pair', body: refreshRequest,
      description: 'Rotation: the refresh token given is used up and a new one comes back. Presenting a used-up one again ends '
        + 'the whole session (the sign of a stolen copy): sign in again. 401 for an unknown, expired or revoked token.',
      replies: { 200: { description: 'A new access token and refresh token.', schema: session } }, errors: [401, 403],
    },
    {
      method: 'post', path: '/logout', auth: 'public', summary: 'End a session', body: logoutRequest,
      description: 'Ends the session of `refreshToken`, or of the access token in `Authorization` when none is given: '
        + 'its refresh token and every access token it issued stop working at once.',
      replies: { 204: { description: 'Signed out (also when the session had already ended).' } }, errors: [401],
    },
  ],
};

const wrongCredentials = () => new AppError(401, 'UNAUTHENTICATED', 'Wrong username or password');

export interface AuthLimiters {
  logins: AttemptLimiter;
  registrations: AttemptLimiter;
  /** Reads without a token, per address (PUBLIC_READS_PER_MINUTE). */
  publicReads: AttemptLimiter;
  /** Reads per API key (API_KEY_READS_PER_MINUTE). */
  apiKeyReads: AttemptLimiter;
}

/** The REST reply of a new session: `token` is the access token under its old name. */
export const sessionReply = (tokens: SessionTokens, user: User) => ({
  token: tokens.accessToken, ...tokens, user: { id: user.id, username: user.username },
});

const originOf = (req: Request) => ({ userAgent: req.get('user-agent'), ip: req.ip });

export function authRoutes(deps: { em: () => EntityManager; sessions: Sessions; tokens: TokenService; limiters: AuthLimiters }): Router {
  const router = Router();
  const start = async (req: Request, user: User) => sessionReply(await deps.sessions.start(deps.em(), user, originOf(req)), user);

  router.post('/register', async (req, res) => {
    const input = parse(credentials, req.body);
    await deps.limiters.registrations.consume(req.ip ?? 'unknown');
    const em = deps.em();
    if (await em.findOne(User, { username: input.username })) throw conflict('That username is taken');
    const user = em.create(User, { username: input.username, passwordHash: await hashPassword(input.password) });
    await em.flush();
    res.status(201).json(await start(req, user));
  });

  router.post('/login', async (req, res) => {
    const input = parse(loginCredentials, req.body);
    const key = `${input.username}|${req.ip}`;
    // The attempt counts before the password is checked, so a parallel burst cannot outrun the limit.
    await deps.limiters.logins.consume(key);
    const user = await deps.em().findOne(User, { username: input.username });
    // Unknown users cost the same scrypt work as known ones (verifyLogin), so timing names nobody.
    const valid = await verifyLogin(input.password, user?.passwordHash);
    if (!user || !valid) throw wrongCredentials();
    await deps.limiters.logins.reset(key);
    res.json(await start(req, user));
  });

  router.post('/refresh', async (req, res) => {
    const { refreshToken } = parse(refreshRequest, req.body);
    const em = deps.em();
    const tokens = await deps.sessions.refresh(em, refreshToken, originOf(req));
    const claims = await deps.tokens.verify(tokens.accessToken);
    const user = await em.findOneOrFail(User, { id: claims!.userId });
    res.json(sessionReply(tokens, user));
  });

  router.post('/logout', async (req, res) => {
    const { refreshToken } = parse(logoutRequest, req.body ?? {});
    const em = deps.em();
    const claims = refreshToken ? null : await bearerClaims(deps.tokens, req);
    const session = refreshToken
      ? await deps.sessions.familyOf(em, refreshToken)
      : claims && { familyId: claims.sessionId, userId: claims.userId };
    // An unknown refresh token is no session to end; saying so tells a guesser nothing useful.
    if (!session) throw unauthenticated('No session to end: give a refresh token or a valid access token');
    await deps.sessions.revokeFamily(em, session.userId, session.familyId);
    res.status(204).end();
  });

  return router;
}

async function bearerClaims(tokens: TokenService, req: Request) {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match ? tokens.verify(match[1]) : null;
}
