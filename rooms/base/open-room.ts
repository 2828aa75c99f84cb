import { matchMaker } from '@colyseus/core';

/** How long a process holds the right to open a room (seconds): long enough to create it. */
const OPEN_LOCK_SECONDS = 30;

/**
 * What an open came to: this call opened the room; it waited for this process's open of it (under
 * way when it was asked) to end; or it did neither (the room is listed, or another process holds
 * the lock and is opening it).
 */
export type OpenOutcome = 'opened' | 'awaited' | 'not-opened';

/** Opens under way in this process, by lock key: a second ask waits for the first instead of polling. */
const openingHere = new Map<string, Promise<boolean>>();

/**
 * Opens the room `roomName` for `filter` (its filterBy options, e.g. {gameId}) unless one is listed,
 * so it runs with nobody in it (a game's clock, a scheduled draft's start). Idempotent across
 * processes: a short lock in the shared presence keeps two processes from opening it at once, and
 * the listing is looked at again under the lock (another process may have opened it and released
 * its lock between our first look and our lock). True when this call opened it.
 */
export async function openRoomOnce(roomName: string, filter: Record<string, string>): Promise<boolean> {
  return (await openRoom(roomName, filter)) === 'opened';
}

/**
 * openRoomOnce, telling also whether it waited for an open of this process. After a restart every
 * client of a room asks for it at once; the first ask opens it and the others wait for that open
 * (one promise) rather than each looking again every few ms while the room loads from its log.
 */
export async function openRoom(roomName: string, filter: Record<string, string>): Promise<OpenOutcome> {
  const lock = `${roomName}:open:${Object.values(filter).join(':')}`;
  const pending = openingHere.get(lock);
  if (pending) {
    await pending.catch(() => undefined);
    return 'awaited';
  }
  const opening = openLocked(roomName, filter, lock).finally(() => openingHere.delete(lock));
  openingHere.set(lock, opening);
  return (await opening) ? 'opened' : 'not-opened';
}

async function openLocked(roomName: string, filter: Record<string, string>, lock: string): Promise<boolean> {
  const listed = async () => (await matchMaker.query({ name: roomName, ...filter } as never)).length > 0;
  if (await listed()) return false;
  if ((await matchMaker.presence.hincrbyex(lock, 'n', 1, OPEN_LOCK_SECONDS)) !== 1) return false;
  try {
    if (await listed()) return false;
    await matchMaker.createRoom(roomName, filter);
    return true;
  } finally {
    await matchMaker.presence.del(lock);
  }
}
