import { z } from 'zod';
import { matchMaker } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Game } from '../db/entities/index.ts';
import type { Jobs, QueueDefinition } from './types.ts';
import { launchGame } from '../../rooms/baseball/launch.ts';
import { OPEN_AHEAD_MS, isFarOff } from '../baseball/opening.ts';
import { log } from '../log.ts';

/**
 * A game dated later than OPEN_AHEAD_MS from now holds no room (src/baseball/opening.ts). The game-open job opens its
 * room OPEN_AHEAD_MS before the first pitch; the room's clock then starts the game at its time
 * (rooms/BaseballRoom.ts `scheduled()`). The sweep re-adds the job of every game still to open at
 * boot and every minute, so an opening survives a restart, an in-process runner and a lost Redis,
 * as the draft starts do (scheduled-drafts.ts).
 */

/** A job that runs this much early (clock skew between processes) waits; earlier ones leave it to the sweep. */
const EARLY_WAIT_MS = 60_000;
export const GAME_SWEEP_EVERY_MS = 60_000;
/** Games due longer ago than this and still not started are left alone (their opening keeps failing). */
const SWEEP_PAST_MS = 24 * 60 * 60 * 1000;

const gameOpenData = z.object({ gameId: z.uuid() });

/** One open job per game; removed once done so that a later sweep may add it again if still needed. */
export function gameOpenQueue(orm: MikroORM, now: () => number): QueueDefinition<z.infer<typeof gameOpenData>, unknown> {
  return {
    name: 'game-open', data: gameOpenData, attempts: 5, backoffMs: 1000, concurrency: 4, keepCompleted: 0,
    process: ({ gameId }) => openDueGame(orm, gameId, now),
  };
}

export function gameSweepQueue(orm: MikroORM, now: () => number): QueueDefinition<Record<string, never>, { games: number }> {
  return {
    name: 'game-sweep', data: z.object({}).strict(), attempts: 3, backoffMs: 5000, concurrency: 1, keepCompleted: 0,
    process: (_data, job) => sweepScheduledGames(orm, job.jobs, now),
  };
}

/** Adds (or keeps) the open job of a game, due OPEN_AHEAD_MS before its first pitch. */
export function scheduleGameOpen(jobs: Jobs, gameId: string, scheduledAt: Date, now: number): Promise<string> {
  const delayMs = Math.max(0, scheduledAt.getTime() - OPEN_AHEAD_MS - now);
  return jobs.add('game-open', { gameId }, { jobId: `game-open-${gameId}`, delayMs });
}

/**
 * A game just created or accepted (status scheduled): its room opens now, unless its first pitch is
 * more than OPEN_AHEAD_MS away; then the game-open job opens it in time. A failure is logged, not
 * thrown: the game is stored, and its room also opens on the first join, the sweeps or the next boot.
 */
export async function openOrScheduleGame(jobs: Jobs | undefined, gameId: string, scheduledAt: Date | null, now: number): Promise<void> {
  try {
    if (scheduledAt && isFarOff(scheduledAt.getTime(), now)) {
      if (jobs) await scheduleGameOpen(jobs, gameId, scheduledAt, now);
    } else {
      await launchGame(gameId);
    }
  } catch (error) {
    log.error({ err: error, gameId }, 'game stored but its room neither opened nor was scheduled: the sweeps or the first join open it');
  }
}

/** Accepted games with a first pitch still ahead (or just past): each gets its open job. */
export async function sweepScheduledGames(orm: MikroORM, jobs: Jobs, now: () => number): Promise<{ games: number }> {
  const games = await orm.em.fork().find(Game, { status: 'scheduled', scheduledAt: { $gte: new Date(now() - SWEEP_PAST_MS) } }, { fields: ['id', 'scheduledAt'] });
  for (const game of games) await scheduleGameOpen(jobs, game.id, game.scheduledAt!, now());
  return { games: games.length };
}

async function openDueGame(orm: MikroORM, gameId: string, now: () => number): Promise<unknown> {
  const game = await orm.em.fork().findOne(Game, { id: gameId }, { fields: ['status', 'scheduledAt'] });
  // A challenge not (or no longer) accepted has nothing to open; a live or final one is the orphan sweep's.
  if (game?.status !== 'scheduled') return { skipped: 'not waiting to open' };
  const early = (game.scheduledAt?.getTime() ?? 0) - OPEN_AHEAD_MS - now();
  if (early > EARLY_WAIT_MS) return { skipped: 'not due yet' };
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  // Thrown, so retried: the job may run before this process listens (jobs start with the server).
  if (matchMaker.state !== matchMaker.MatchMakerState.READY) throw new Error('rooms are not accepting yet');
  return { opened: await launchGame(gameId) };
}
