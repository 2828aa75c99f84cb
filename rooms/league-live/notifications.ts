import type { Presence } from '@colyseus/core';
import { userNotificationsTopic } from '../../src/live/publisher.ts';
import type { NotificationView } from '../../src/notifications/service.ts';
import type { SeatClient } from '../base/LeagueRoom.ts';

/**
 * The user's new notifications to his connected clients, whatever league rooms of this process
 * they are in: one presence subscription per user and process (not per room), so a user with many
 * league rooms open costs one listener. Each client hears it once per room it has open.
 */
const listening = new Map<string, { clients: Set<SeatClient>; listener: (n: NotificationView) => void }>();

export async function listenForNotifications(presence: Presence, client: SeatClient): Promise<void> {
  const userId = client.auth?.userId;
  if (!userId) return;
  const entry = listening.get(userId);
  if (entry) {
    entry.clients.add(client);
    return;
  }
  const clients = new Set([client]);
  const listener = (notification: NotificationView) => {
    for (const each of clients) each.send('notification', notification);
  };
  listening.set(userId, { clients, listener });
  await presence.subscribe(userNotificationsTopic(userId), listener);
}

export function stopListeningForNotifications(presence: Presence, client: SeatClient): void {
  const userId = client.auth?.userId;
  const entry = userId ? listening.get(userId) : undefined;
  if (!userId || !entry || !entry.clients.delete(client) || entry.clients.size > 0) return;
  listening.delete(userId);
  presence.unsubscribe(userNotificationsTopic(userId), entry.listener);
}
