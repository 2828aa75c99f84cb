import type { MikroORM } from '@mikro-orm/postgresql';
import { ingestQueue, rescoreQueue, scoreQueue } from '../ingest/jobs.ts';
import { standingsQueue } from '../standings/snapshot.ts';
import { BullJobs } from './bull.ts';
import { failedJobTable } from './failed-store.ts';
import { MemoryJobs } from './memory.ts';
import { draftStartQueue, draftSweepQueue } from './scheduled-drafts.ts';
import { gameOpenQueue, gameSweepQueue } from './scheduled-games.ts';
import type { Jobs, QueueDefinition } from './types.ts';

export type { Jobs, JobInfo, QueueDefinition, Scheduling } from './types.ts';

/** Work any process with the database can do: the separate worker (`npm run worker`) runs these. */
export const BACKGROUND_QUEUES = ['ingest', 'score', 'rescore', 'standings'] as const;
/** Work that needs the rooms: only server processes run these. */
export const ROOM_QUEUES = ['draft-start', 'draft-sweep', 'game-open', 'game-sweep'] as const;

/** Every queue with its processor; the same list for BullMQ and the in-process runner. */
export function queueDefinitions(orm: MikroORM, now: () => number): QueueDefinition<any, any>[] {
  return [
    ingestQueue(orm), scoreQueue(orm), rescoreQueue(orm), standingsQueue(orm),
    draftStartQueue(orm, now), draftSweepQueue(orm, now), gameOpenQueue(orm, now), gameSweepQueue(orm, now),
  ];
}

/** BullMQ when there is Redis; otherwise the same processors in this process (failed jobs in failed_jobs). */
export function createJobs(redisUrl: string | undefined, orm: MikroORM, definitions: QueueDefinition<any, any>[]): Jobs {
  return redisUrl ? new BullJobs(redisUrl, definitions) : new MemoryJobs(definitions, failedJobTable(orm));
}
