import type { z } from 'zod';

/**
 * One background-jobs API over two runners: BullMQ on Redis (REDIS_URL) and an in-process runner
 * for the embedded default. Both run the same QueueDefinitions with the same semantics: retries
 * with exponential backoff, failed jobs kept for inspection, an existing job id never added twice.
 */

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

/**
 * This server process's jobs and clock, passed to what schedules work from a request (the API's
 * dependencies) instead of a module global; tests inject the clock through buildServer.
 */
export interface Scheduling {
  jobs: Jobs;
  now: () => number;
}

/** What a processor sees of its job besides the data. */
export interface JobContext {
  id: string;
  queue: string;
  /** Attempts before this one (0 on the first run; 2 on the third). */
  attemptsMade: number;
  /** To enqueue follow-up work (an ingest job adds a score job). */
  jobs: Jobs;
}

/**
 * A queue and its processor. The processor must be safe to run twice (a retry after a crash, or a
 * job enqueued twice): every processor here writes by upsert or checks before it acts.
 */
export interface QueueDefinition<D = unknown, R = unknown> {
  name: string;
  /** Job data is parsed at the processor (it crossed Redis): a malformed job fails without retries. */
  data: z.ZodType<D>;
  process: (data: D, job: JobContext) => Promise<R>;
  /** Tries in all, the first included. */
  attempts: number;
  /** The first retry waits this long, each further one twice as long (BullMQ's 'exponential'). */
  backoffMs: number;
  concurrency: number;
  /** Completed jobs kept (for GET …/jobs/:id); 0 removes a job once it completed, so its id can be added again. */
  keepCompleted: number;
}

export interface JobInfo {
  id: string;
  queue: string;
  state: JobState;
  /** Attempts made so far (finished ones, successful or not). */
  attempts: number;
  maxAttempts: number;
  data: unknown;
  result: unknown;
  failedReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface AddOptions {
  /** A job with this id that still exists (in any state) makes the add a no-op. No ':' allowed. */
  jobId?: string;
  delayMs?: number;
}

export interface Jobs {
  readonly kind: 'bullmq' | 'in-process';
  /** Enqueues a job; returns its id (the existing one's when `jobId` is taken). */
  add(queue: string, data: unknown, options?: AddOptions): Promise<string>;
  get(queue: string, id: string): Promise<JobInfo | null>;
  /** Failed jobs of a queue, newest first. */
  failed(queue: string, limit: number): Promise<JobInfo[]>;
  /** Starts processing these queues in this process (a producer-only process calls it for none). */
  work(queues: readonly string[]): void;
  /** Adds `data` to `queue` every `everyMs`, the first time now; one schedule per id cluster-wide. */
  every(queue: string, schedulerId: string, everyMs: number, data: unknown): Promise<void>;
  /** Stops taking jobs, waits for running ones, closes connections. */
  close(): Promise<void>;
}

/** The delay before retry n (1-based), as BullMQ's built-in 'exponential' backoff computes it. */
export function backoffDelay(backoffMs: number, retry: number): number {
  return Math.round(2 ** (retry - 1) * backoffMs);
}
