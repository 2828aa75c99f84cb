import { setTimeout as delay } from 'node:timers/promises';
import { matchMaker } from '@colyseus/core';
import { log } from '../../src/log.ts';

/**
 * Telling a dead server process from a live one fast, so its rooms come back elsewhere within a second.
 *
 * Every Colyseus process subscribes to its IPC channel `p:<processId>` on the shared Redis for as
 * long as it runs. A process that crashed (kill -9, OOM, a panic) loses its Redis connections the
 * moment the kernel closes its sockets, and with them that subscription: PUBSUB CHANNELS stops
 * naming it at once. Colyseus itself only finds out when a seat reservation on one of its rooms
 * times out (COLYSEUS_PRESENCE_SHORT_TIMEOUT, 2 s) and a health check sent to that same channel
 * times out too (2 s more): a request to a channel nobody listens on cannot be answered, so those
 * 4 s were the bulk of a client's failover. Here a process counts as gone once its channel has
 * had no listener in two looks SILENCE_CONFIRM_MS apart (a live process whose Redis connection
 * blipped resubscribes within that: ioredis retries after 50 ms), and its listings and room count
 * are removed the way Colyseus's failed health check removes them, receipt included: a process
 * that was alive after all lists its rooms again, and a stream's second copy loses its first write
 * and closes (StreamRoom.superseded), so one room per stream still holds.
 *
 * Not covered: a host that vanishes without closing its sockets keeps its subscription until Redis's
 * TCP keepalive gives up; such a process is still found by Colyseus's own 4 s path on the next join.
 */

/** How long a silent channel must stay silent before its process is given up for dead. */
export const SILENCE_CONFIRM_MS = 150;

/** Colyseus's "your listings were swept" receipt (MatchMaker getProcessSweptKey); the process re-lists its rooms on seeing it. */
const sweptKey = (processId: string) => `swept:${processId}`;
/** Seconds the receipt is kept, as Colyseus keeps it (COLYSEUS_SWEPT_RECEIPT_TTL). */
const SWEPT_RECEIPT_SECONDS = Number(process.env.COLYSEUS_SWEPT_RECEIPT_TTL || 600);

/** Whether some connection listens on the process's IPC channel right now. */
async function listening(processId: string): Promise<boolean> {
  return (await matchMaker.presence.channels(`p:${processId}`)).length > 0;
}

/** One confirmation per process at a time: every join to its rooms waits on the same one. */
const confirming = new Map<string, Promise<boolean>>();

/**
 * True when `processId` is another process that is gone (its listings and room count are removed
 * then, so the caller can open its rooms at once); false for this process and for live ones.
 */
export function processGone(processId: string): Promise<boolean> {
  if (!processId || processId === matchMaker.processId) return Promise.resolve(false);
  const pending = confirming.get(processId);
  if (pending) return pending;
  const check = confirmGone(processId).finally(() => confirming.delete(processId));
  confirming.set(processId, check);
  return check;
}

async function confirmGone(processId: string): Promise<boolean> {
  if (await listening(processId)) return false;
  await delay(SILENCE_CONFIRM_MS);
  if (await listening(processId)) return false;
  await removeProcess(processId);
  return true;
}

/** What Colyseus does after a failed health check: no room count, no listings, a receipt. */
async function removeProcess(processId: string): Promise<void> {
  await matchMaker.stats.excludeProcess(processId);
  await matchMaker.driver.cleanup?.(processId);
  await matchMaker.presence.setex(sweptKey(processId), '1', SWEPT_RECEIPT_SECONDS);
  log.warn({ processId }, 'a server process stopped listening: removed its room listings');
}
