import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { log } from '../log.ts';
import { jobOutcomes } from './metrics.ts';
import type { AddOptions, JobInfo, JobState, Jobs, QueueDefinition } from './types.ts';

/** Every key of ours in Redis starts with this (BullMQ's default is 'bull'). */
const PREFIX = 'clubhouse';

/**
 * The QueueDefinitions on BullMQ: a Queue each (producers), a Worker each for the queues this
 * process works. Retries, backoff, delays, job-id dedup and schedulers are BullMQ's own; failed
 * jobs stay in Redis (removeOnFail: false) for GET /api/v1/ingest/failed.
 */
export class BullJobs implements Jobs {
  readonly kind = 'bullmq';
  // BullMQ 6 takes a client instance (it no longer creates ioredis clients itself under ESM).
  // maxRetriesPerRequest null: a short Redis outage stalls commands instead of failing them.
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly definitions = new Map<string, QueueDefinition<any, any>>();
  private readonly workers: Worker[] = [];

  constructor(redisUrl: string, definitions: readonly QueueDefinition<any, any>[]) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (error) => log.warn({ err: error }, 'jobs: redis connection error'));
    for (const def of definitions) {
      this.definitions.set(def.name, def);
      this.queues.set(def.name, new Queue(def.name, {
        connection: this.connection, prefix: PREFIX,
        defaultJobOptions: {
          attempts: def.attempts,
          backoff: { type: 'exponential', delay: def.backoffMs },
          removeOnComplete: def.keepCompleted === 0 ? true : { count: def.keepCompleted },
          removeOnFail: false,
        },
      }));
    }
  }

  private queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name}`);
    return queue;
  }

  async add(queue: string, data: unknown, options: AddOptions = {}): Promise<string> {
    const job = await this.queue(queue).add(queue, data, { jobId: options.jobId ?? crypto.randomUUID(), delay: options.delayMs });
    return job.id!;
  }

  async get(queue: string, id: string): Promise<JobInfo | null> {
    const q = this.queue(queue);
    // The state first: a job read before it completes and a state read after would show
    // 'completed' without its result.
    const state = await q.getJobState(id);
    const job = state === 'unknown' ? undefined : await q.getJob(id);
    return job ? toInfo(job, queue, state) : null;
  }

  async failed(queue: string, limit: number): Promise<JobInfo[]> {
    const jobs = await this.queue(queue).getFailed(0, limit - 1);
    return jobs.map((job) => toInfo(job, queue, 'failed'));
  }

  work(queues: readonly string[]): void {
    for (const name of queues) {
      const def = this.definitions.get(name);
      if (!def) throw new Error(`no queue ${name}`);
      const worker = new Worker(name, (job) => this.process(def, job), { connection: this.connection, prefix: PREFIX, concurrency: def.concurrency });
      worker.on('completed', () => jobOutcomes.inc({ queue: name, outcome: 'completed' }));
      worker.on('failed', (job, error) => {
        const final = !job || error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
        jobOutcomes.inc({ queue: name, outcome: final ? 'failed' : 'retried' });
        if (final) log.error({ err: error, queue: name, jobId: job?.id, attempts: job?.attemptsMade }, 'job failed for good');
      });
      worker.on('error', (error) => log.warn({ err: error, queue: name }, 'jobs: worker error'));
      this.workers.push(worker);
    }
  }

  private async process(def: QueueDefinition<any, any>, job: Job): Promise<unknown> {
    const parsed = def.data.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid job data: ${parsed.error.message}`);
    return def.process(parsed.data, { id: job.id!, queue: def.name, attemptsMade: job.attemptsMade, jobs: this });
  }

  async every(queue: string, schedulerId: string, everyMs: number, data: unknown): Promise<void> {
    await this.queue(queue).upsertJobScheduler(schedulerId, { every: everyMs }, { name: queue, data });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}

function toInfo(job: Job, queue: string, state: string): JobInfo {
  return {
    id: job.id!, queue, state: toState(state), attempts: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1,
    data: job.data, result: job.returnvalue ?? null, failedReason: job.failedReason || null,
    createdAt: new Date(job.timestamp).toISOString(), finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** BullMQ's finer states folded into ours (prioritized and waiting-children jobs are waiting). */
function toState(state: string): JobState {
  return state === 'delayed' || state === 'active' || state === 'completed' || state === 'failed' ? state : 'waiting';
}
