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
 * 1. finds processes that own listings or room counts but no longer listen on their `p:<id>`
 *    channel (a dead process's Redis connection is gone, so are its subscriptions), and removes
 *    their listings once the silence is confirmed (./dead-processes.ts: a fraction of a second,
 *    where Colyseus's own health check waits 2 s for an answer that cannot come), leaving a
 *    "swept" receipt, so a process that was only cut off lists its rooms again;
 * 2. opens the room of every game that should be running (live, or due within OPEN_AHEAD_MS) and has no listing (launchGame: a lock keeps two
 *    processes from opening the same game).
 * Drafts and auctions need no sweep: their rooms open on the next join, and their clocks run
 * from persisted deadlines.
 */

/**
 * How often each process sweeps (one HGETALL of the listings, like every joinOrCreate, and one
 * query of the unfinished games): an unwatched game is back about this plus SILENCE_CONFIRM_MS after its death.
 */
export const ORPHAN_SWEEP_MS = 1000;

type Listings = Awaited<ReturnType<typeof matchMaker.query>>;

/** Processes that own listings or a room count but no longer listen to their channel. */
async function silentProcesses(listings: Listings): Promise<string[]> {
  const [counts, channels] = await Promise.all([matchMaker.stats.fetchAll(), matchMaker.presence.channels('p:*')]);
  const listening = new Set(channels.map((channel) => channel.slice(2)));
  const owners = new Set([...listings.map((room) => room.processId), ...counts.map((stat) => stat.processId)]);
  return [...owners].filter((id) => id && id !== matchMaker.processId && !listening.has(id));
}

/**
 * Removes the listings of processes that are gone; returns the listings still standing (read once
 * here, less those of the processes found dead: the game sweep reads them instead of the driver again).
 */
export async function sweepDeadProcesses(): Promise<Listings> {
  const listings = await matchMaker.query({});
  const silent = await silentProcesses(listings);
  const gone = await Promise.all(silent.map((id) => processGone(id)));
  const dead = new Set(silent.filter((_, i) => gone[i]));
  return dead.size === 0 ? listings : listings.filter((room) => !dead.has(room.processId));
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
 * Opens the room of every unfinished game that has none (`listings`: the rooms listed now); the
 * number opened. With no game unfinished (most sweeps) nothing else is read.
 */
export async function sweepOrphanGames(orm: MikroORM, listings: Listings): Promise<number> {
  const unfinished = await unfinishedGameIds(orm, Date.now());
  if (unfinished.length === 0) return 0;
  const listed = new Set(listings.filter((room) => room.name === 'baseball').map((room) => (room.metadata as { gameId?: string } | undefined)?.gameId));
  let opened = 0;
  for (const gameId of unfinished) {
    if (listed.has(gameId)) continue;
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
      await sweepOrphanGames(orm, await sweepDeadProcesses());
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
