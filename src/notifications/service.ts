/**
 * Notifications for a user: stored first, then pushed live (src/live/publisher.ts) to every league
 * room the user has open (rooms/LeagueLiveRoom.ts sends them to his clients only). A user who was
 * not connected reads them on return: GET /api/v1/me/notifications.
 */
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Notification, type NotificationKind } from '../db/entities/index.ts';
import { cursorParts, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { publishLive, userNotificationsTopic } from '../live/publisher.ts';

/** What every kind carries: the league it is about (when it is about one) and the kind's own fields. */
export type NotificationPayload = { leagueId?: string } & Record<string, unknown>;

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  leagueId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export function notificationView(row: Notification): NotificationView {
  return {
    id: row.id, kind: row.kind, leagueId: row.league ?? null, payload: row.payload,
    createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null,
  };
}

export interface NotifyOptions {
  /**
   * Notifies once per (user, key): a retried job or a room restored from its log that notifies
   * again changes nothing and pushes nothing. E.g. `draft:<id>:pick:<n>`.
   */
  key?: string;
}

/**
 * Stores a notification for `userId` and pushes it to his connected clients. Call it once the
 * change it reports is committed (a client may act on it at once). Returns the stored
 * notification, or null when `key` was notified before.
 */
export async function notify(
  em: EntityManager, userId: string, kind: NotificationKind, payload: NotificationPayload, options: NotifyOptions = {},
): Promise<NotificationView | null> {
  const view = await storeNotification(em, userId, kind, payload, options);
  if (view) await pushNotification({ userId, view });
  return view;
}

/** A notification stored and not yet pushed: pushed once the transaction that stored it commits. */
export interface StoredNotification {
  userId: string;
  view: NotificationView;
}

/**
 * Stores a notification without pushing it, in the caller's transaction when `em` is one: the
 * notice commits with the change it reports, so a crash after the commit loses only the live push
 * (the client lists it on its next load). Null when `key` was notified before.
 */
export async function storeNotification(
  em: EntityManager, userId: string, kind: NotificationKind, payload: NotificationPayload, options: NotifyOptions = {},
): Promise<NotificationView | null> {
  const view: NotificationView = {
    id: crypto.randomUUID(), kind, leagueId: payload.leagueId ?? null, payload, createdAt: new Date().toISOString(), readAt: null,
  };
  // Plain SQL for ON CONFLICT DO NOTHING: a duplicate must not abort a caller's transaction.
  const inserted = await em.getConnection().execute<Array<{ id: string }>>(
    `insert into notifications (id, user_id, league_id, kind, payload, dedupe_key, created_at)
     values (?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (user_id, dedupe_key) do nothing returning id`,
    [view.id, userId, view.leagueId, kind, JSON.stringify(payload), options.key ?? null, view.createdAt],
    'all', em.getTransactionContext());
  return inserted.length === 0 ? null : view;
}

/** Pushes a stored notification to the user's connected clients (never throws: see publishLive). */
export async function pushNotification({ userId, view }: StoredNotification): Promise<void> {
  await publishLive(userNotificationsTopic(userId), view);
}

export const PAGE_MAX = 100;

export const listQuery = z.object({
  unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true')
    .meta({ description: '`true`: only those not marked read.' }),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(50),
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});
export type ListQuery = z.infer<typeof listQuery>;

const pageCursor = z.tuple([cursorParts.date, cursorParts.id]);

/** A user's notifications, newest first, a page at a time; `unread` counts all his unread ones. */
export async function listNotifications(em: EntityManager, userId: string, query: ListQuery) {
  const after = query.cursor ? decodeCursor(query.cursor, pageCursor) : undefined;
  const rows = await em.find(Notification, {
    user: userId,
    ...(query.unread ? { readAt: null } : {}),
    ...(after ? { $or: [{ createdAt: { $lt: after[0] } }, { createdAt: after[0], id: { $lt: after[1] } }] } : {}),
  }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(notificationView),
    unread: await unreadCount(em, userId),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

export function unreadCount(em: EntityManager, userId: string): Promise<number> {
  return em.count(Notification, { user: userId, readAt: null });
}

export const MARK_MAX = 200;

export const markReadBody = z.union([
  z.object({ ids: z.array(z.guid()).min(1).max(MARK_MAX) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]).meta({ description: `Either \`{ids}\` (at most ${MARK_MAX}; ids that are not yours are ignored) or \`{all: true}\`.` });
export type MarkRead = z.infer<typeof markReadBody>;

/** Marks the user's own notifications read (others' ids change nothing); how many changed, and what is left unread. */
export async function markRead(em: EntityManager, userId: string, input: MarkRead, at: Date): Promise<{ marked: number; unread: number }> {
  const which = 'ids' in input ? { id: { $in: input.ids.map((id) => id.toLowerCase()) } } : {};
  const marked = await em.nativeUpdate(Notification, { user: userId, readAt: null, ...which }, { readAt: at });
  return { marked, unread: await unreadCount(em, userId) };
}
