import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../db/entities/index.ts';
import { hashPassword, verifyLogin } from '../../auth/password.ts';
import { newPassword } from '../../auth/password-policy.ts';
import type { TokenService } from '../../auth/tokens.ts';
import type { AttemptLimiter } from '../../auth/attempt-limiter.ts';
import { AppError, conflict } from '../../errors.ts';
import { parse } from '../parse.ts';
import type { RouteDocs } from '../openapi/route-doc.ts';
import { session } from '../openapi/replies.ts';

const credentials = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,32}$/, '3-32 letters, digits, _ . or -'),
  password: newPassword,
});
/** Login checks only the password's length limit: a password too short to exist is just wrong (401). */
const loginCredentials = credentials.pick({ username: true }).extend({ password: z.string().max(128) });

export const authDocs: RouteDocs = {
  tag: 'auth',
  description: 'Accounts and bearer tokens.',
  routes: [
    {
      method: 'post', path: '/register', auth: 'public', summary: 'Create an account', body: credentials,
      description: 'The password needs 10 or more characters and must not be a common one. REGISTRATIONS_PER_HOUR accounts per address per hour.',
      replies: { 201: { description: 'The new account and a token.', schema: session } }, errors: [409, 429],
    },
    {
      method: 'post', path: '/login', auth: 'public', summary: 'Sign in', body: loginCredentials,
      replies: { 200: { description: 'A token.', schema: session } }, errors: [401, 429],
    },
  ],
};

const wrongCredentials = () => new AppError(401, 'UNAUTHENTICATED', 'Wrong username or password');

export interface AuthLimiters {
  logins: AttemptLimiter;
  registrations: AttemptLimiter;
}

export function authRoutes(deps: { em: () => EntityManager; tokens: TokenService; limiters: AuthLimiters }): Router {
  const router = Router();
  const session = async (user: User) => ({
    token: await deps.tokens.issue({ userId: user.id, username: user.username }),
    user: { id: user.id, username: user.username },
  });

  router.post('/register', async (req, res) => {
    const input = parse(credentials, req.body);
    await deps.limiters.registrations.consume(req.ip ?? 'unknown');
    const em = deps.em();
    if (await em.findOne(User, { username: input.username })) throw conflict('That username is taken');
    const user = em.create(User, { username: input.username, passwordHash: await hashPassword(input.password) });
    await em.flush();
    res.status(201).json(await session(user));
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
    res.json(await session(user));
  });

  return router;
}
