import { Router } from 'express';
import { z } from 'zod';
import { BACKGROUND_QUEUES, ROOM_QUEUES, type JobInfo, type Scheduling } from '../../jobs/index.ts';
import { ingestBatch } from '../../ingest/jobs.ts';
import { requireAdmin } from '../../ingest/access.ts';
import { notFound } from '../../errors.ts';
import { parse } from '../parse.ts';
import type { RouteDocs } from '../openapi/route-doc.ts';
import { failedJob, ingestAccepted, job } from '../openapi/replies.ts';

const QUEUES = [...BACKGROUND_QUEUES, ...ROOM_QUEUES] as const;
/** The jobs an ingest reply or job names: the ingest job and the score job it adds. */
const INGEST_QUEUES = ['ingest', 'score'] as const;
const JOB_ID = /^[A-Za-z0-9_-]{1,128}$/;

const failedQuery = z.object({
  queue: z.enum(QUEUES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ingestDocs: RouteDocs = {
  tag: 'ingest',
  description: 'Stat feeds in, as background jobs (admins only).',
  routes: [
    {
      method: 'post', path: '/ingest', auth: 'admin', summary: 'Feed a batch of stat lines', body: ingestBatch,
      description: 'Stores nothing itself: enqueues the batch as an ingest job, which stores it once (a line\'s `key` is its idempotency key: '
        + 'the same payload again is a duplicate, another payload a correction) and adds a score job. Body limit 2 MB.',
      replies: { 202: { description: 'Accepted.', schema: ingestAccepted, headers: { Location: 'The job: /api/v1/ingest/jobs/{jobId}.' } } },
    },
    {
      method: 'get', path: '/ingest/jobs/:id', auth: 'admin', summary: 'An ingest or score job',
      params: z.object({ id: z.string().regex(JOB_ID).meta({ description: 'A job id, as POST /ingest or an ingest job\'s result names it.' }) }),
      replies: { 200: { description: 'The job, without its data.', schema: job } },
    },
    {
      method: 'get', path: '/ingest/failed', auth: 'admin', summary: 'Jobs that used up their attempts', query: failedQuery,
      replies: { 200: { description: 'Newest first, with their data.', schema: z.object({ items: z.array(failedJob) }) } },
    },
  ],
};

/** A job as GET …/jobs/:id shows it: its data (up to a thousand feed lines) stays out. */
function jobView({ data: _data, ...job }: JobInfo) {
  return job;
}

/**
 * Stat feeds in, as jobs (PROTOCOL.md "Ingestion", "Jobs"): POST stores nothing itself, it
 * enqueues the batch; the ingest job stores it once and adds a score job. Admins only.
 */
export function ingestRoutes({ scheduling: { jobs } }: { scheduling: Scheduling }): Router {
  const router = Router();
  router.use('/ingest', requireAdmin);

  router.post('/ingest', async (req, res) => {
    const { events } = parse(ingestBatch, req.body);
    const jobId = await jobs.add('ingest', { events });
    res.status(202).location(`/api/v1/ingest/jobs/${jobId}`).json({ jobId, accepted: events.length });
  });

  router.get('/ingest/jobs/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!JOB_ID.test(id)) throw notFound('Job');
    for (const queue of INGEST_QUEUES) {
      const job = await jobs.get(queue, id);
      if (job) return void res.json(jobView(job));
    }
    throw notFound('Job');
  });

  /** Jobs that used up their attempts, newest first, with their data (to see why, and to send again). */
  router.get('/ingest/failed', async (req, res) => {
    const { queue, limit } = parse(failedQuery, req.query);
    const lists = await Promise.all((queue ? [queue] : QUEUES).map((name) => jobs.failed(name, limit)));
    const items = lists.flat().sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? '')).slice(0, limit);
    res.json({ items });
  });

  return router;
}
