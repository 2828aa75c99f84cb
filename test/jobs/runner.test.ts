import assert from 'node:assert/strict';
import { z } from 'zod';
import { openStorage, type Storage } from '../../src/db/orm.ts';
import { FailedJob } from '../../src/db/entities/index.ts';
import { createJobs, type Jobs, type QueueDefinition } from '../../src/jobs/index.ts';
import { resetSchemaOnce, testConfig } from '../helpers/server.ts';
import { JOB_MODES, flushTestRedis, settled } from '../helpers/jobs.ts';

const BACKOFF_MS = 40;
const ATTEMPTS = 5;

/** A queue whose job fails its first `failTimes` attempts; `runs` counts the attempts per job. */
function flakyQueue(runs: Map<string, number>): QueueDefinition<{ failTimes: number }, { succeededOn: number }> {
  return {
    name: 'flaky', data: z.object({ failTimes: z.number().int() }), attempts: ATTEMPTS, backoffMs: BACKOFF_MS, concurrency: 2, keepCompleted: 100,
    async process({ failTimes }, job) {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      if (job.attemptsMade < failTimes) throw new Error(`attempt ${job.attemptsMade + 1} failed on purpose`);
      return { succeededOn: job.attemptsMade + 1 };
    },
  };
}

/**
 * The one jobs API on both runners: BullMQ on Redis and the in-process runner of the embedded
 * default run the same definitions with the same retries, backoff, dedup and failed-job keeping.
 */
describe('jobs runner', function () {
  this.timeout(30_000);
  let storage: Storage;

  before(async () => {
    await resetSchemaOnce();
    storage = await openStorage(testConfig());
  });
  after(async () => { await storage.close(); });

  for (const mode of JOB_MODES) {
    describe(mode.name, () => {
      let jobs: Jobs;
      const runs = new Map<string, number>();
      const start = async () => {
        const started = await createJobs(mode.env.REDIS_URL, storage.orm, [flakyQueue(runs)]);
        started.work(['flaky']);
        return started;
      };

      before(async () => {
        if (mode.env.REDIS_URL) await flushTestRedis(mode.env.REDIS_URL);
        await storage.orm.em.fork().nativeDelete(FailedJob, {});
        jobs = await start();
      });
      after(async () => { await jobs.close(); });

      it('runs a job that fails twice then succeeds, and keeps a job that always fails for inspection', async () => {
        const startedAt = Date.now();
        const flaky = await jobs.add('flaky', { failTimes: 2 });
        const hopeless = await jobs.add('flaky', { failTimes: 99 });

        const done = await settled(jobs, 'flaky', flaky);
        assert.equal(done.state, 'completed');
        assert.deepEqual(done.result, { succeededOn: 3 });
        assert.equal(done.attempts, 3);
        assert.equal(runs.get(flaky), 3);
        // Exponential backoff: BACKOFF_MS before the first retry, twice that before the second.
        assert.ok(Date.now() - startedAt >= BACKOFF_MS * 3, 'the retries waited their backoff');

        const failed = await settled(jobs, 'flaky', hopeless);
        assert.equal(failed.state, 'failed');
        assert.equal(failed.attempts, ATTEMPTS);
        assert.equal(runs.get(hopeless), ATTEMPTS, 'no attempt past the limit');
        assert.match(failed.failedReason ?? '', /attempt 5 failed on purpose/);
        assert.deepEqual(failed.data, { failTimes: 99 });
        const kept = await jobs.failed('flaky', 10);
        assert.deepEqual(kept.map((j) => j.id), [hopeless], 'the failed job is kept, the completed one is not among them');
      });

      it('keeps failed jobs across a restart of the runner', async () => {
        const hopeless = await jobs.add('flaky', { failTimes: 99 });
        await settled(jobs, 'flaky', hopeless);
        await jobs.close();
        jobs = await start();
        const again = await jobs.get('flaky', hopeless);
        assert.equal(again?.state, 'failed');
        assert.ok((await jobs.failed('flaky', 10)).some((j) => j.id === hopeless));
        if (!mode.env.REDIS_URL) {
          const row = await storage.orm.em.fork().findOne(FailedJob, { queue: 'flaky', jobId: hopeless });
          assert.equal(row?.attempts, ATTEMPTS, 'in-process: kept in the failed_jobs table');
        }
      });

      it('adds a job id once, and fails malformed data at once without retrying it', async () => {
        const id = `dedup-${crypto.randomUUID()}`;
        assert.equal(await jobs.add('flaky', { failTimes: 0 }, { jobId: id }), id);
        assert.equal(await jobs.add('flaky', { failTimes: 0 }, { jobId: id }), id);
        await settled(jobs, 'flaky', id);
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(runs.get(id), 1, 'a second add under a taken id is a no-op');

        const malformed = await jobs.add('flaky', { failTimes: 'twice' });
        const failed = await settled(jobs, 'flaky', malformed);
        assert.equal(failed.state, 'failed');
        assert.equal(failed.attempts, 1);
        assert.match(failed.failedReason ?? '', /invalid job data/);
      });

      it('runs a delayed job no sooner than its delay', async () => {
        const addedAt = Date.now();
        const id = await jobs.add('flaky', { failTimes: 0 }, { delayMs: 300 });
        assert.equal((await jobs.get('flaky', id))?.state, 'delayed');
        const done = await settled(jobs, 'flaky', id);
        assert.ok(Date.parse(done.finishedAt!) - addedAt >= 300);
      });
    });
  }
});
