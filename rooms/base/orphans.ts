import { matchMaker } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { log } from '../../src/log.ts';
import { launchGame, unfinishedGameIds } from '../baseball/launch.ts';
import { processGone } from './dead-processes.ts';

/**
 * The orphan sweep every server process runs: rooms whose process died come back elsewhere.
 *
 * A process killed outright (SIGKILL, OOM, lost host) leaves its room listings in the Redis driver
 * (`roomcaches`) and its entry in the room counts. Colyseus 0.18 only notices when a join lands
 * on such a listing: the seat reservation times out (COLYSEUS_PRESENCE_SHORT_TIMEOUT, 2 s), a
 * health check of the process times out too, and only then are its listings removed and the join
 * retried. Until then every `query` (launchGame's "already open?") still sees the dead rooms, so a
 * game nobody joins would never be reopened. The sweep therefore:
 * 1. finds processes that have a room count, or list the room of a game that should be running,
 *    but no longer listen on their `p:<id>` channel (a dead process's Redis connection is gone, so
 *    are its subscriptions), and removes their listings once the silence is confirmed
 *    (./dead-processes.ts: a fraction of a second, where Colyseus's own health check waits 2 s for
 *    an answer that cannot come), leaving a "swept" receipt, so a process that was only cut off
 *    lists its rooms again;
 * 2. opens the room of every game that should be running (live, or due within OPEN_AHEAD_MS) and
 *    has no listing of a live process (launchGame: a lock keeps two processes from opening the same game).
 * It reads no listing but those games' (each by its stream, rooms/base/stream-redis-driver.ts): every
 * listing of the cluster, read each second on every process, cost ~40 ms a second at 10,000 rooms.
 * Drafts and auctions need no sweep: their rooms open on the next join, and their clocks run
 * from persisted deadlines.
 */

/**
 * How often each process sweeps (the room counts, the channels, one query of the unfinished games
 * and a lookup of each one's room): an unwatched game is back about this plus SILENCE_CONFIRM_MS after its death.
 */
export const ORPHAN_SWEEP_MS = 1000;

type Listings = Awaited<ReturnType<typeof matchMaker.query>>;

/** Processes with a room count, and `owners` (of listings looked at), that no longer listen to their channel. */
async function silentProcesses(owners: Iterable<string>): Promise<string[]> {
  const [counts, channels] = await Promise.all([matchMaker.stats.fetchAll(), matchMaker.presence.channels('p:*')]);
  const listening = new Set(channels.map((channel) => channel.slice(2)));
  const all = new Set([...owners, ...counts.map((stat) => stat.processId)]);
  return [...all].filter((id) => id && id !== matchMaker.processId && !listening.has(id));
}

/**
 * Removes the listings of processes that are gone: every counted one, and the owners of `listings`
 * (a process no longer counted may still list rooms, say one killed in the middle of its removal).
 * Returns the processes found gone.
 */
export async function sweepDeadProcesses(listings: Listings = []): Promise<Set<string>> {
  const silent = await silentProcesses(listings.map((room) => room.processId));
  const gone = await Promise.all(silent.map((id) => processGone(id)));
  return new Set(silent.filter((_, i) => gone[i]));
}

/**
 * The same removal, once, before this process accepts (src/start.ts, before `server.listen`). A
 * process restarted after a kill -9 finds its predecessor's room count in Redis, and Colyseus's
 * `accept` health-checks every counted process that no longer listens on its channel: a request
 * nobody can answer, so the start waited its full 2 s timeout (measured: a restart of 500 drafts
 * sat idle 1.9 s). Removed here after the 150 ms of silence, that process is no longer counted
 * and `accept` has nothing to wait for. A failure only costs that wait again.
 */
export async function sweepDeadProcessesBeforeAccept(): Promise<void> {
  try {
    await matchMaker.onReady;
    await sweepDeadProcesses();
  } catch (error) {
    log.warn({ err: error }, 'could not look for dead server processes before accepting; Colyseus checks them itself');
  }
}

/**
 * One sweep: the processes that are gone lose their listings, and every unfinished game without a
 * room of a live process gets one; the number opened. With no game unfinished (most sweeps) no
 * listing is read.
 */
export async function sweepOrphans(orm: MikroORM): Promise<number> {
  const unfinished = await unfinishedGameIds(orm, Date.now()).catch((error: unknown) => {
    log.warn({ err: error }, 'could not read the unfinished games; sweeping dead processes only');
    return [];
  });
  const listings = await Promise.all(unfinished.map((gameId) => matchMaker.query({ name: 'baseball', gameId } as never)));
  const dead = await sweepDeadProcesses(listings.flat());
  let opened = 0;
  for (const [i, gameId] of unfinished.entries()) {
    if (listings[i].some((room) => !dead.has(room.processId))) continue;
    try {
      if (await launchGame(gameId)) opened++;
    } catch (error) {
      log.error({ err: error, gameId }, 'could not reopen an orphaned game');
    }
  }
  if (opened > 0) log.info({ games: opened }, 'reopened orphaned games');
  return opened;
}

export interface OrphanSweep {
  /** Stops sweeping; resolves once a sweep under way has finished (shutdown waits for it). */
  stop(): Promise<void>;
}

/** Sweeps every ORPHAN_SWEEP_MS while the matchmaker accepts rooms; one sweep at a time. */
export function startOrphanSweep(orm: MikroORM, everyMs = ORPHAN_SWEEP_MS): OrphanSweep {
  let running: Promise<void> | undefined;
  const sweep = async () => {
    if (matchMaker.state !== matchMaker.MatchMakerState.READY) return;
    try {
      await sweepOrphans(orm);
    } catch (error) {
      log.warn({ err: error }, 'orphan sweep failed; next one in a moment');
    }
  };
  const timer = setInterval(() => { running ??= sweep().finally(() => { running = undefined; }); }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
