import { matchMaker } from '@colyseus/core';

/** How long a process holds the right to open a room (seconds): long enough to create it. */
const OPEN_LOCK_SECONDS = 30;

/**
 * Opens the room `roomName` for `filter` (its filterBy options, e.g. {gameId}) unless one is listed,
 * so it runs with nobody in it (a game's clock, a scheduled draft's start). Idempotent across
 * processes: a short lock in the shared presence keeps two processes from opening it at once, and
 * the listing is looked at again under the lock (another process may have opened it and released
 * its lock between our first look and our lock). True when this call opened it.
 */
export async function openRoomOnce(roomName: string, filter: Record<string, string>): Promise<boolean> {
  const listed = async () => (await matchMaker.query({ name: roomName, ...filter } as never)).length > 0;
  if (await listed()) return false;
  const lock = `${roomName}:open:${Object.values(filter).join(':')}`;
  if ((await matchMaker.presence.hincrbyex(lock, 'n', 1, OPEN_LOCK_SECONDS)) !== 1) return false;
  try {
    if (await listed()) return false;
    await matchMaker.createRoom(roomName, filter);
    return true;
  } finally {
    await matchMaker.presence.del(lock);
  }
}
