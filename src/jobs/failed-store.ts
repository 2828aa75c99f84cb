import type { MikroORM } from '@mikro-orm/postgresql';
import { FailedJob } from '../db/entities/index.ts';
import type { FailedJobStore } from './memory.ts';
import type { JobInfo } from './types.ts';

/** The in-process runner's failed jobs, in the failed_jobs table (they outlive a restart). */
export function failedJobTable(orm: MikroORM): FailedJobStore {
  return {
    async record(job) {
      await orm.em.fork().upsert(FailedJob, {
        queue: job.queue, jobId: job.id, data: job.data, attempts: job.attempts, maxAttempts: job.maxAttempts,
        failedReason: job.failedReason ?? '', createdAt: new Date(job.createdAt), failedAt: new Date(job.finishedAt ?? Date.now()),
      }, { onConflictFields: ['queue', 'jobId'], onConflictAction: 'merge', onConflictExcludeFields: ['id'] });
    },
    async get(queue, id) {
      const row = await orm.em.fork().findOne(FailedJob, { queue, jobId: id });
      return row ? toInfo(row) : null;
    },
    async list(queue, limit) {
      const rows = await orm.em.fork().find(FailedJob, { queue }, { orderBy: { failedAt: 'desc' }, limit });
      return rows.map(toInfo);
    },
  };
}

function toInfo(row: FailedJob): JobInfo {
  return {
    id: row.jobId, queue: row.queue, state: 'failed', attempts: row.attempts, maxAttempts: row.maxAttempts,
    data: row.data, result: null, failedReason: row.failedReason,
    createdAt: row.createdAt.toISOString(), finishedAt: row.failedAt.toISOString(),
  };
}
