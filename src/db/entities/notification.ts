import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { League } from './league.ts';
import { User } from './user.ts';

/** What a notification is about (src/notifications/kinds.ts says what each carries). */
export const NOTIFICATION_KINDS = ['draftStarting', 'onTheClock', 'lineupNotSet', 'periodFinal', 'playoffResult', 'tradeExecuted', 'waiverResult'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One notification for one user (src/notifications/service.ts). Stored before it is pushed, so a
 * user who was not connected reads it on return. `dedupeKey` makes a retried job or a restored
 * room notify once: one row per (user, key).
 */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  uniques: [{ properties: ['user', 'dedupeKey'] }],
  indexes: [{ properties: ['user', 'createdAt', 'id'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    /** The league it is about, if any: league rooms push it, and it goes when the league does. */
    league: () => p.manyToOne(League).mapToPk().nullable().deleteRule('cascade'),
    kind: p.enum(NOTIFICATION_KINDS),
    payload: p.json<Record<string, unknown>>(),
    dedupeKey: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    readAt: p.datetime().nullable(),
  },
});
export type Notification = InferEntity<typeof Notification>;
