import type { MikroORM } from '@mikro-orm/postgresql';
import { ingestQueue, rescoreQueue, scoreQueue } from '../ingest/jobs.ts';
import { standingsQueue } from '../standings/snapshot.ts';
import { lineupReminderQueue, periodFinalizeQueue, seasonSweepQueue } from '../season/jobs.ts';
import { failedJobTable } from './failed-store.ts';
import { MemoryJobs } from './memory.ts';
import { draftStartQueue, draftSweepQueue } from './scheduled-drafts.ts';
import { draftReminderQueue } from './draft-reminders.ts';
import { gameOpenQueue, gameSweepQueue } from './scheduled-games.ts';
import { baseballScheduleQueue, baseballScheduleSweepQueue } from './baseball-schedule.ts';
import { raceDraftLockQueue, raceDraftOpenQueue, raceDraftSweepQueue } from './race-drafts.ts';
import { waiverRunQueue, waiverSweepQueue } from './waiver-runs.ts';
import { tradeReviewQueue, tradeSweepQueue } from './trade-reviews.ts';
import type { Jobs, QueueDefinition } from './types.ts';

export type { Jobs, JobInfo, QueueDefinition, Scheduling } from './types.ts';

/** Work any process with the database can do: the separate worker (`npm run worker`) runs these. */
export const BACKGROUND_QUEUES = ['ingest', 'score', 'rescore', 'standings', 'period-finalize', 'season-sweep', 'lineup-reminder', 'waiver-run', 'waiver-sweep', 'trade-review', 'trade-sweep'] as const;
/** Work that needs the rooms (and the draft reminders that go with the starts): only server processes run these. */
export const ROOM_QUEUES = ['draft-start', 'draft-sweep', 'draft-reminder', 'game-open', 'game-sweep', 'baseball-schedule', 'baseball-schedule-sweep', 'race-draft-open', 'race-draft-lock', 'race-draft-sweep'] as const;

/** What the queues take from the configuration. */
export interface QueueSettings {
  /** BASEBALL_SCHEDULE_RETRY_SECONDS in ms. */
  baseballRetryMs?: number;
}

/** Every queue with its processor; the same list for BullMQ and the in-process runner. */
export function queueDefinitions(orm: MikroORM, now: () => number, settings: QueueSettings = {}): QueueDefinition<any, any>[] {
  return [
    ingestQueue(orm), scoreQueue(orm, now), rescoreQueue(orm, now), standingsQueue(orm),
    periodFinalizeQueue(orm, now), seasonSweepQueue(orm, now), lineupReminderQueue(orm, now),
    draftStartQueue(orm, now), draftSweepQueue(orm, now), draftReminderQueue(orm, now), gameOpenQueue(orm, now), gameSweepQueue(orm, now),
    baseballScheduleQueue(orm, now, settings.baseballRetryMs), baseballScheduleSweepQueue(orm, now, settings.baseballRetryMs),
    raceDraftOpenQueue(orm, now), raceDraftLockQueue(orm, now), raceDraftSweepQueue(orm, now),
    waiverRunQueue(orm, now), waiverSweepQueue(orm, now), tradeReviewQueue(orm, now), tradeSweepQueue(orm, now),
  ];
}

/**
 * BullMQ when there is Redis; otherwise the same processors in this process (failed jobs in
 * failed_jobs). BullMQ is loaded only in the first case: a process without Redis starts without it.
 */
export async function createJobs(redisUrl: string | undefined, orm: MikroORM, definitions: QueueDefinition<any, any>[]): Promise<Jobs> {
  if (!redisUrl) return new MemoryJobs(definitions, failedJobTable(orm));
  const { BullJobs } = await import('./bull.ts');
  return new BullJobs(redisUrl, definitions);
}
