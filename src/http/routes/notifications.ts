import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NOTIFICATION_KINDS } from '../../db/entities/index.ts';
import { listNotifications, listQuery, markRead, markReadBody } from '../../notifications/service.ts';
import { userOf } from '../guard.ts';
import { parse } from '../parse.ts';
import type { RouteDocs } from '../openapi/route-doc.ts';
import { nextCursor, time, uuid } from '../openapi/replies.ts';

export const notificationReply = z.object({
  id: uuid,
  kind: z.enum(NOTIFICATION_KINDS),
  leagueId: uuid.nullable(),
  payload: z.record(z.string(), z.unknown()).meta({ description: 'What the kind says (docs/PROTOCOL.md "Notifications").' }),
  createdAt: time,
  readAt: time.nullable(),
}).meta({ id: 'Notification' });

const unread = z.number().int().meta({ description: 'All my unread notifications (not only this page).' });

export const notificationDocs: RouteDocs = {
  tag: 'notifications',
  description: 'My notifications: stored, and pushed live to my clients in any league room I have open.',
  routes: [
    {
      method: 'get', path: '/', summary: 'My notifications, newest first', query: listQuery,
      replies: { 200: { description: 'A page, and how many are unread.', schema: z.object({ items: z.array(notificationReply), unread, nextCursor }) } },
    },
    {
      method: 'post', path: '/read', summary: 'Mark notifications read', body: markReadBody,
      description: 'By id (ids that are not mine change nothing) or all at once. Marking one twice keeps its first `readAt`.',
      replies: { 200: { description: 'How many were marked now, and how many stay unread.', schema: z.object({ marked: z.number().int(), unread }) } },
    },
  ],
};

/** GET /api/v1/me/notifications and POST /api/v1/me/notifications/read: the caller's own only. */
export function notificationRoutes(deps: { em: () => EntityManager; now: () => number }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await listNotifications(deps.em(), userOf(req).userId, parse(listQuery, req.query)));
  });

  router.post('/read', async (req, res) => {
    res.json(await markRead(deps.em(), userOf(req).userId, parse(markReadBody, req.body), new Date(deps.now())));
  });

  return router;
}
