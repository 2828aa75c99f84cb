import { log } from '../log.ts';
import { jobOutcomes } from './metrics.ts';
import { backoffDelay, type AddOptions, type JobInfo, type JobState, type Jobs, type QueueDefinition } from './types.ts';

/** The longest delay a Node timer takes (2^31 - 1 ms); longer delays re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Failed jobs kept in memory per queue (the FailedJobStore keeps every one). */
const KEEP_FAILED = 1000;
/** How long close() waits for running jobs before it lets go of them. */
const CLOSE_WAIT_MS = 10_000;

/**
 * A job that must not be tried again (its data does not parse), as BullMQ's UnrecoverableError is for
 * src/jobs/bull.ts. Our own: this runner is the one used without Redis, and BullMQ (a couple of
 * hundred modules) is then never loaded.
 */
class UnrecoverableError extends Error {}

interface Entry {
  id: string;
  data: unknown;
  state: JobState;
  attemptsMade: number;
  result: unknown;
  failedReason: string | null;
  createdAt: number;
  finishedAt: number | null;
  timer?: NodeJS.Timeout;
}

/** Where jobs that used up their attempts are kept, so they outlive the process (the failed_jobs table). */
export interface FailedJobStore {
  record(job: JobInfo): Promise<void>;
  get(queue: string, id: string): Promise<JobInfo | null>;
  list(queue: string, limit: number): Promise<JobInfo[]>;
}

/**
 * The runner of the embedded default (no REDIS_URL): the same QueueDefinitions as BullMQ, run in
 * this process with the same semantics (attempts, exponential backoff, a taken job id is a no-op,
 * completed jobs kept up to keepCompleted, failed ones logged and kept in `failedStore`). Jobs waiting
 * here are lost when the process stops: what must survive a restart is re-derived at boot from
 * the database (scheduled drafts), and an ingest batch is idempotent, so sending it again is safe.
 */
export class MemoryJobs implements Jobs {
  readonly kind = 'in-process';
  private readonly queues = new Map<string, LocalQueue>();
  private readonly failedStore: FailedJobStore;

  constructor(definitions: readonly QueueDefinition<any, any>[], failedStore: FailedJobStore) {
    this.failedStore = failedStore;
    for (const def of definitions) this.queues.set(def.name, new LocalQueue(def, this, failedStore));
  }

  private queue(name: string): LocalQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name}`);
    return queue;
  }

  async add(queue: string, data: unknown, options: AddOptions = {}): Promise<string> {
    return this.queue(queue).add(data, options);
  }

  /** A job of this run, else one that failed in an earlier run (only failed jobs are stored). */
  async get(queue: string, id: string): Promise<JobInfo | null> {
    return this.queue(queue).info(id) ?? this.failedStore.get(queue, id);
  }

  async failed(queue: string, limit: number): Promise<JobInfo[]> {
    this.queue(queue);
    return this.failedStore.list(queue, limit);
  }

  work(queues: readonly string[]): void {
    for (const name of queues) this.queue(name).start();
  }

  async every(queue: string, schedulerId: string, everyMs: number, data: unknown): Promise<void> {
    const target = this.queue(queue);
    const tick = () => {
      try {
        target.add(data, {});
      } catch (error) {
        log.error({ err: error, schedulerId }, 'scheduled job not added');
      }
    };
    tick();
    target.schedulers.push(setInterval(tick, everyMs).unref());
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.stop()));
  }
}

class LocalQueue {
  readonly schedulers: NodeJS.Timeout[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private readonly completed: string[] = [];
  private readonly failedIds: string[] = [];
  private readonly running = new Set<Promise<void>>();
  private working = false;
  private stopped = false;

  private readonly def: QueueDefinition<any, any>;
  private readonly jobs: Jobs;
  private readonly failedStore: FailedJobStore;

  constructor(def: QueueDefinition<any, any>, jobs: Jobs, failedStore: FailedJobStore) {
    this.def = def;
    this.jobs = jobs;
    this.failedStore = failedStore;
  }

  add(data: unknown, options: AddOptions): string {
    if (this.stopped) throw new Error(`queue ${this.def.name} is closed`);
    const id = options.jobId ?? crypto.randomUUID();
    if (this.entries.has(id)) return id;
    const entry: Entry = { id, data, state: 'waiting', attemptsMade: 0, result: null, failedReason: null, createdAt: Date.now(), finishedAt: null };
    this.entries.set(id, entry);
    this.wait(entry, options.delayMs ?? 0);
    return id;
  }

  start(): void {
    this.working = true;
    this.pump();
  }

  info(id: string): JobInfo | null {
    const entry = this.entries.get(id);
    return entry ? this.toInfo(entry) : null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.working = false;
    for (const timer of this.schedulers) clearInterval(timer);
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise((resolve) => { timer = setTimeout(resolve, CLOSE_WAIT_MS); });
    await Promise.race([Promise.all(this.running), gaveUp]);
    clearTimeout(timer);
  }

  /** Into the waiting line now, or after `delayMs`. */
  private wait(entry: Entry, delayMs: number): void {
    this.waitUntil(entry, Date.now() + delayMs);
  }

  /**
   * Into the waiting line once the clock reads `dueAt`. A Node timer may fire a millisecond before
   * its delay by the wall clock (its start is the event loop's cached time), and it takes at most
   * 2^31 - 1 ms, so the timer re-arms until the clock has passed `dueAt`: a job never runs early.
   */
  private waitUntil(entry: Entry, dueAt: number): void {
    const left = dueAt - Date.now();
    if (left <= 0) {
      entry.state = 'waiting';
      this.waiting.push(entry);
      this.pump();
      return;
    }
    entry.state = 'delayed';
    // unref: a far-off job (a draft next month) must not keep a script or a test alive.
    entry.timer = setTimeout(() => this.waitUntil(entry, dueAt), Math.min(left, MAX_TIMER_MS)).unref();
  }

  private pump(): void {
    while (this.working && this.running.size < this.def.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      const run = this.run(entry).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(entry: Entry): Promise<void> {
    entry.state = 'active';
    try {
      const parsed = this.def.data.safeParse(entry.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid job data: ${parsed.error.message}`);
      const result = await this.def.process(parsed.data, { id: entry.id, queue: this.def.name, attemptsMade: entry.attemptsMade, jobs: this.jobs });
      entry.attemptsMade++;
      this.complete(entry, result);
    } catch (error) {
      entry.attemptsMade++;
      await this.fail(entry, error as Error);
    }
  }

  private complete(entry: Entry, result: unknown): void {
    jobOutcomes.inc({ queue: this.def.name, outcome: 'completed' });
    entry.state = 'completed';
    entry.result = result ?? null;
    entry.finishedAt = Date.now();
    this.completed.push(entry.id);
    while (this.completed.length > this.def.keepCompleted) this.entries.delete(this.completed.shift()!);
  }

  private async fail(entry: Entry, error: Error): Promise<void> {
    entry.failedReason = error.message;
    const final = error instanceof UnrecoverableError || entry.attemptsMade >= this.def.attempts;
    if (!final) {
      jobOutcomes.inc({ queue: this.def.name, outcome: 'retried' });
      // Closing: the retry is lost with every other waiting job (see the class comment).
      if (!this.stopped) this.wait(entry, backoffDelay(this.def.backoffMs, entry.attemptsMade));
      return;
    }
    jobOutcomes.inc({ queue: this.def.name, outcome: 'failed' });
    entry.finishedAt = Date.now();
    log.error({ err: error, queue: this.def.name, jobId: entry.id, attempts: entry.attemptsMade }, 'job failed for good');
    // Recorded before it shows as failed: whoever sees the state finds the job among failed() too.
    await this.failedStore.record({ ...this.toInfo(entry), state: 'failed' })
      .catch((storeError) => log.error({ err: storeError, jobId: entry.id }, 'failed job not recorded'));
    entry.state = 'failed';
    this.failedIds.push(entry.id);
    if (this.failedIds.length > KEEP_FAILED) this.entries.delete(this.failedIds.shift()!);
  }

  private toInfo(entry: Entry): JobInfo {
    return {
      id: entry.id, queue: this.def.name, state: entry.state, attempts: entry.attemptsMade, maxAttempts: this.def.attempts,
      data: entry.data, result: entry.result, failedReason: entry.failedReason,
      createdAt: new Date(entry.createdAt).toISOString(), finishedAt: entry.finishedAt ? new Date(entry.finishedAt).toISOString() : null,
    };
  }
}
