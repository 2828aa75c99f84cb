import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sessions } from '../../auth/sessions.ts';
import type { AttemptLimiter } from '../../auth/attempt-limiter.ts';
import { newPassword } from '../../auth/password-policy.ts';
import { accountView, changePassword } from '../../auth/account.ts';
import { createApiKey, listApiKeys, revokeApiKey, MAX_ACTIVE_KEYS } from '../../auth/api-keys.ts';
import { sessionUserOf, userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, type RouteDocs } from '../openapi/route-doc.ts';
import { apiKey, me, newApiKey, session } from '../openapi/replies.ts';
import { sessionReply } from './auth.ts';

const passwordChange = z.object({ currentPassword: z.string().max(128), newPassword });
const keyRequest = z.object({ name: z.string().trim().min(1).max(80) });

export const meDocs: RouteDocs = {
  tag: 'account',
  description: 'The signed-in user: profile, password, API keys.',
  routes: [
    {
      method: 'get', path: '/', summary: 'Who I am: profile, leagues, teams',
      replies: { 200: { description: 'The account.', schema: me } },
    },
    {
      method: 'post', path: '/password', summary: 'Change my password', body: passwordChange,
      description: 'Needs the current password (403 WRONG_PASSWORD otherwise; counted like failed logins). '
        + 'Ends every session of the account, this one included, and answers a new session for the caller.',
      replies: { 200: { description: 'A new session (the old tokens no longer work).', schema: session } }, errors: [403, 429],
    },
    {
      method: 'post', path: '/api-keys', summary: 'Create a read-only API key', body: keyRequest,
      description: `The key (\`ck_...\`) is in this reply only: store it. It reads what you may read (GET routes), never writes. At most ${MAX_ACTIVE_KEYS} active keys (409).`,
      replies: { 201: { description: 'The new key, with its secret.', schema: newApiKey } }, errors: [409],
    },
    {
      method: 'get', path: '/api-keys', summary: 'My active API keys (without their secrets)', apiKeys: false,
      description: 'Needs a signed-in session: an API key cannot list or make keys (403).',
      replies: { 200: { description: 'The keys, oldest first.', schema: z.object({ items: z.array(apiKey) }) } },
    },
    {
      method: 'delete', path: '/api-keys/:keyId', summary: 'Revoke an API key', params: ids(['keyId', 'API key']),
      replies: { 204: { description: 'Revoked: the key no longer works.' } },
    },
  ],
};

export function meRoutes(deps: { em: () => EntityManager; sessions: Sessions; passwordChecks: AttemptLimiter; now: () => number }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await accountView(deps.em(), userOf(req).userId));
  });

  router.post('/password', async (req, res) => {
    const input = parse(passwordChange, req.body);
    const { userId, username } = userOf(req);
    // Same budget as logins: a stolen access token must not become a password-guessing oracle.
    await deps.passwordChecks.consume(`${username}|${req.ip}`);
    const { user, tokens } = await changePassword(deps.em(), deps.sessions, userId, input);
    await deps.passwordChecks.reset(`${username}|${req.ip}`);
    res.json(sessionReply(tokens, user));
  });

  router.post('/api-keys', async (req, res) => {
    const { name } = parse(keyRequest, req.body);
    res.status(201).json(await createApiKey(deps.em(), sessionUserOf(req).userId, name));
  });

  router.get('/api-keys', async (req, res) => {
    res.json({ items: await listApiKeys(deps.em(), sessionUserOf(req).userId) });
  });

  router.delete('/api-keys/:keyId', async (req, res) => {
    await revokeApiKey(deps.em(), sessionUserOf(req).userId, idParam(req.params.keyId, 'API key'), new Date(deps.now()));
    res.status(204).end();
  });

  return router;
}
