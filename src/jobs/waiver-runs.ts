import { z } from 'zod';
import type { MikroORM } from '@mikro-orm/postgresql';
import { processWaiverRun, type RunSummary } from '../transactions/waiver-service.ts';
import { AppError } from '../errors.ts';
import { announceWaiverRun } from '../transactions/announce.ts';
import type { Jobs, QueueDefinition, Scheduling } from './types.ts';
import { log } from '../log.ts';

/**
 * Waiver runs (src/transactions/waiver-service.ts) as jobs: a dropped player's waivers clear at a
 * waiver run time of his league (settings.waivers: hour and weekdays); the waiver-run job of that
 * (league, time) settles the claims then. Like the scheduled draft starts (scheduled-drafts.ts),
 * the sweep re-adds the job of every run still to come at boot and every minute, so a run
 * survives a restart, the in-process runner (embedded mode) and a lost Redis; one that was missed
 * while no process ran is due at once. A run is stored per (league, runAt): a retry, or the same
 * job added twice, changes nothing more.
 */

/** A job that runs this much early (clock skew between processes) waits; earlier ones leave it to the sweep. */
const EARLY_WAIT_MS = 60_000;
export const WAIVER_SWEEP_EVERY_MS = 60_000;

const waiverRunData = z.object({ leagueId: z.uuid(), runAt: z.iso.datetime() });

export function waiverRunQueue(orm: MikroORM, now: () => number): QueueDefinition<z.infer<typeof waiverRunData>, unknown> {
  return {
    name: 'waiver-run', data: waiverRunData, attempts: 5, backoffMs: 1000, concurrency: 2, keepCompleted: 0,
    process: ({ leagueId, runAt }, job) => runDueWaivers(orm, job.jobs, leagueId, new Date(runAt), now),
  };
}

export function waiverSweepQueue(orm: MikroORM, now: () => number): QueueDefinition<Record<string, never>, { runs: number }> {
  return {
    name: 'waiver-sweep', data: z.object({}).strict(), attempts: 3, backoffMs: 5000, concurrency: 1, keepCompleted: 0,
    process: (_data, job) => sweepWaiverRuns(orm, job.jobs, now),
  };
}

/** Adds (or keeps) the run job of a league at a time. */
export function scheduleWaiverRun(jobs: Jobs, leagueId: string, runAt: Date, now: number): Promise<string> {
  return jobs.add('waiver-run', { leagueId, runAt: runAt.toISOString() }, {
    jobId: `waiver-run-${leagueId}-${runAt.getTime()}`, delayMs: Math.max(0, runAt.getTime() - now),
  });
}

/** After a drop is committed: its run gets a job. A failure is logged, not thrown (the sweep adds it). */
export async function waiversScheduled({ jobs, now }: Scheduling, leagueId: string, runAt: Date | null): Promise<void> {
  if (!runAt) return;
  try {
    await scheduleWaiverRun(jobs, leagueId, runAt, now());
  } catch (error) {
    log.error({ err: error, leagueId }, 'waiver run not scheduled: the sweep schedules it');
  }
}

/** Every (league, time) some player on waivers clears at gets its job, past ones due at once. */
export async function sweepWaiverRuns(orm: MikroORM, jobs: Jobs, now: () => number): Promise<{ runs: number }> {
  const rows = await orm.em.fork().getConnection().execute<Array<{ league_id: string; clears_at: Date }>>(
    `select distinct league_id, clears_at from waiver_players where status = 'waiting'`);
  for (const row of rows) await scheduleWaiverRun(jobs, row.league_id, new Date(row.clears_at), now());
  return { runs: rows.length };
}

async function runDueWaivers(orm: MikroORM, jobs: Jobs, leagueId: string, runAt: Date, now: () => number): Promise<unknown> {
  const early = runAt.getTime() - now();
  if (early > EARLY_WAIT_MS) return { skipped: 'not due yet' };
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  let summary: RunSummary;
  try {
    summary = await processWaiverRun(orm.em.fork(), leagueId, runAt, now());
  } catch (error) {
    // An archived or deleted league has nothing to run: done, not retried.
    if (error instanceof AppError && error.status < 500) return { skipped: error.code };
    throw error;
  }
  // Committed: the league room and the claiming managers hear of it (again on a retry: keyed, harmless).
  for (const run of summary.earlier) await announceWaiverRun(leagueId, run.runId, run.outcomes, run.notifications);
  if (summary.runId) await announceWaiverRun(leagueId, summary.runId, summary.outcomes, summary.notifications);
  // Players dropped by winning claims are on waivers in turn: their run gets its job.
  await waiversScheduled({ jobs, now }, leagueId, summary.waiverRunAt);
  return { runId: summary.runId, claims: summary.outcomes.length, repeated: summary.repeated };
}
