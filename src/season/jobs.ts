/**
 * Finalizing periods on time: the `period-finalize` job finalizes a season's periods that are due
 * (their last kickoff + the season's grace), in order; the `season-sweep` job (at boot and every
 * minute) adds the finalize job of each unfinished season's next period, delayed until it is due,
 * so the schedule survives a restart and the in-process runner (which keeps delayed jobs in memory).
 * Finalizing is idempotent (src/season/finalize.ts), so a retried or doubled job changes nothing.
 */
import { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { log } from '../log.ts';
import { Season, SeasonPeriod } from '../db/entities/index.ts';
import type { Jobs, QueueDefinition, Scheduling } from '../jobs/types.ts';
import { dueAt, finalizePeriod, refinalizeLeague, type FinalizeResult } from './finalize.ts';
import { firstLock } from './store.ts';
import { notifyLineupNotSet } from '../notifications/season.ts';

export const SEASON_SWEEP_EVERY_MS = 60_000;

const finalizeData = z.object({ seasonId: z.uuid() });

export function periodFinalizeQueue(orm: MikroORM, now: () => number): QueueDefinition<z.infer<typeof finalizeData>, { finalized: number[] }> {
  return {
    name: 'period-finalize', data: finalizeData, attempts: 5, backoffMs: 1000, concurrency: 1, keepCompleted: 0,
    async process({ seasonId }, job) {
      const finalized = await finalizeDuePeriods(orm, seasonId, now());
      await scheduleSeasonJobs(orm.em.fork(), job.jobs, seasonId, now());
      return { finalized };
    },
  };
}

export function seasonSweepQueue(orm: MikroORM, now: () => number): QueueDefinition<Record<string, never>, { seasons: number }> {
  return {
    name: 'season-sweep', data: z.object({}).strict(), attempts: 3, backoffMs: 5000, concurrency: 1, keepCompleted: 0,
    async process(_data, job) {
      const seasons = await orm.em.fork().find(Season, { status: { $ne: 'complete' } }, { fields: ['id'] });
      for (const season of seasons) await scheduleSeasonJobs(orm.em.fork(), job.jobs, season.id, now());
      return { seasons: seasons.length };
    },
  };
}

const reminderData = z.object({ seasonId: z.uuid(), period: z.number().int().min(1) });

/** Reminds the managers without a lineup of their own before a period's first lock (src/notifications/season.ts). */
export function lineupReminderQueue(orm: MikroORM, now: () => number): QueueDefinition<z.infer<typeof reminderData>, { notified: number }> {
  return {
    name: 'lineup-reminder', data: reminderData, attempts: 5, backoffMs: 1000, concurrency: 1, keepCompleted: 0,
    async process({ seasonId, period }) {
      return { notified: await notifyLineupNotSet(orm.em.fork(), seasonId, period, now()) };
    },
  };
}

/** Finalizes every period of the season that is due and not final yet, first to last; stops at the first not due. */
export async function finalizeDuePeriods(orm: MikroORM, seasonId: string, now: number): Promise<number[]> {
  const em = orm.em.fork();
  const season = await em.findOne(Season, { id: seasonId });
  if (!season) return [];
  const periods = await em.find(SeasonPeriod, { season: seasonId, finalizedAt: null }, { orderBy: { number: 'asc' } });
  const done: number[] = [];
  for (const period of periods) {
    if (dueAt(period, season.settings.finalizeGraceMinutes) > now) break;
    await finalizePeriod(orm.em.fork(), seasonId, period.number, now);
    done.push(period.number);
  }
  return done;
}

/** Every job a season has pending: the next finalize, and the lineup reminder of the next period to lock. */
export async function scheduleSeasonJobs(em: EntityManager, jobs: Jobs, seasonId: string, now: number): Promise<void> {
  await scheduleNextFinalize(em, jobs, seasonId, now);
  await scheduleLineupReminder(em, jobs, seasonId, now);
}

/** How long before a period's first kickoff its managers without a lineup are reminded. */
export const LINEUP_REMINDER_MS = 2 * 3600_000;

/** Adds (or keeps) the lineup reminder of the next period whose first lock is still ahead. */
async function scheduleLineupReminder(em: EntityManager, jobs: Jobs, seasonId: string, now: number): Promise<void> {
  const periods = await em.find(SeasonPeriod, { season: seasonId, finalizedAt: null }, { orderBy: { number: 'asc' } });
  const next = periods.find((p) => firstLock(p) > now);
  if (!next) return;
  const at = firstLock(next) - LINEUP_REMINDER_MS;
  await jobs.add('lineup-reminder', { seasonId, period: next.number }, { jobId: `lineup-reminder-${seasonId}-${next.number}`, delayMs: Math.max(0, at - now) });
}

/** Adds (or keeps) the finalize job of the season's next unfinished period, delayed until it is due. */
export async function scheduleNextFinalize(em: EntityManager, jobs: Jobs, seasonId: string, now: number): Promise<void> {
  const season = await em.findOne(Season, { id: seasonId });
  const next = season && await em.findOne(SeasonPeriod, { season: seasonId, finalizedAt: null }, { orderBy: { number: 'asc' } });
  if (!season || !next) return;
  const due = dueAt(next, season.settings.finalizeGraceMinutes);
  await jobs.add('period-finalize', { seasonId }, { jobId: `period-finalize-${seasonId}-${next.number}`, delayMs: Math.max(0, due - now) });
}

/** Called once a season is stored: a failure is logged, not thrown (the sweep schedules it within a minute). */
export async function seasonScheduled(em: EntityManager, { jobs, now }: Scheduling, seasonId: string): Promise<void> {
  try {
    await scheduleSeasonJobs(em, jobs, seasonId, now());
  } catch (error) {
    log.error({ err: error, seasonId }, 'period finalize not scheduled: the sweep schedules it');
  }
}

/**
 * After stored scores changed (a stat correction scored again): the final periods of those
 * leagues and periods are re-finalized, and say so (`refinalized`).
 */
export async function refinalizeScored(orm: MikroORM, statEventIds: readonly string[], now: number): Promise<FinalizeResult[]> {
  if (statEventIds.length === 0) return [];
  const em = orm.em.fork();
  const touched = await em.getConnection().execute<Array<{ league_id: string; period: string }>>(
    `select distinct s.league_id, s.period from fantasy_scores s
       join seasons on seasons.league_id = s.league_id
       join season_periods p on p.season_id = seasons.id and p.key = s.period and p.finalized_at is not null
      where s.stat_event_id in (${statEventIds.map(() => '?').join(',')})`, [...statEventIds]);
  const byLeague = new Map<string, string[]>();
  for (const row of touched) byLeague.set(row.league_id, [...(byLeague.get(row.league_id) ?? []), row.period]);
  const results: FinalizeResult[] = [];
  for (const [leagueId, keys] of byLeague) results.push(...await refinalizeLeague(orm.em.fork(), leagueId, now, keys));
  return results;
}
