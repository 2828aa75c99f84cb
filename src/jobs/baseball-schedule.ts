import { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createDueGames, leaguesWithPendingGames, nextCreationTime } from '../baseball/league-schedule.ts';
import { log } from '../log.ts';
import { scheduleGameOpen } from './scheduled-games.ts';
import type { Jobs, QueueDefinition, Scheduling } from './types.ts';

/**
 * A baseball league schedule's games come into being on time (src/baseball/league-schedule.ts):
 * the `baseball-schedule` job of a league creates the games due by now, gives each its game-open
 * job (scheduled-games.ts: the room opens shortly before the first pitch) and adds itself again for
 * the next game still to create. The `baseball-schedule-sweep` job (at boot and every minute)
 * re-adds that job for every league with games still to create, so the chain survives a restart,
 * the in-process runner (delayed jobs in memory) and a lost Redis. Creating is idempotent. A game
 * whose creation failed is tried again every BASEBALL_SCHEDULE_RETRY_SECONDS and at its first pitch,
 * then marked failed (league-schedule.ts `nextTryAt`, `tryFailed`).
 */

export const BASEBALL_SCHEDULE_SWEEP_EVERY_MS = 60_000;

/** How often a scheduled game whose creation failed is tried again, unless configured (BASEBALL_SCHEDULE_RETRY_SECONDS). */
export const DEFAULT_BASEBALL_RETRY_MS = 300_000;
/** A job that fires a little before its due time (timers, clock skew) waits for it, so a try at a first pitch is at it. */
const MAX_EARLY_WAIT_MS = 60_000;

const scheduleData = z.object({ leagueId: z.uuid(), due: z.number().int().optional() });

export function baseballScheduleQueue(orm: MikroORM, now: () => number, retryMs = DEFAULT_BASEBALL_RETRY_MS): QueueDefinition<z.infer<typeof scheduleData>, { created: string[] }> {
  return {
    name: 'baseball-schedule', data: scheduleData, attempts: 5, backoffMs: 1000, concurrency: 1, keepCompleted: 0,
    async process({ leagueId, due }, job) {
      const early = (due ?? 0) - now();
      if (early > 0 && early <= MAX_EARLY_WAIT_MS) await new Promise((resolve) => setTimeout(resolve, early));
      const created = await createDueGames(orm, leagueId, now(), retryMs);
      for (const game of created) await scheduleGameOpen(job.jobs, game.gameId, game.scheduledAt, now());
      await scheduleNextCreation(orm.em.fork(), job.jobs, leagueId, now(), retryMs);
      return { created: created.map((game) => game.gameId) };
    },
  };
}

export function baseballScheduleSweepQueue(orm: MikroORM, now: () => number, retryMs = DEFAULT_BASEBALL_RETRY_MS): QueueDefinition<Record<string, never>, { leagues: number }> {
  return {
    name: 'baseball-schedule-sweep', data: z.object({}).strict(), attempts: 3, backoffMs: 5000, concurrency: 1, keepCompleted: 0,
    // Reads only: the database is written by the league jobs, and only for games that are due.
    async process(_data, job) {
      const leagues = await leaguesWithPendingGames(orm.em.fork());
      for (const leagueId of leagues) await scheduleNextCreation(orm.em.fork(), job.jobs, leagueId, now(), retryMs);
      return { leagues: leagues.length };
    },
  };
}

/** Adds (or keeps) the league's job for its next game to try, delayed until that is due. */
export async function scheduleNextCreation(em: EntityManager, jobs: Jobs, leagueId: string, now: number, retryMs = DEFAULT_BASEBALL_RETRY_MS): Promise<void> {
  const due = await nextCreationTime(em, leagueId, retryMs);
  if (due === null) return;
  // One id per due time: the job running now (whose id is taken until it completes) never swallows the next one.
  await jobs.add('baseball-schedule', { leagueId, due }, { jobId: `baseball-schedule-${leagueId}-${due}`, delayMs: Math.max(0, due - now) });
}

/**
 * Called once a schedule is drawn: a failure is logged, not thrown (the sweep adds the job within a
 * minute). The first tries are CREATE_AHEAD_MS before a game's first pitch: the retry interval plays no part yet.
 */
export async function baseballScheduleDrawn(em: EntityManager, { jobs, now }: Scheduling, leagueId: string): Promise<void> {
  try {
    await scheduleNextCreation(em, jobs, leagueId, now());
  } catch (error) {
    log.error({ err: error, leagueId }, 'baseball schedule job not added: the sweep adds it');
  }
}
