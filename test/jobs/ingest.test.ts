import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { seed } from '../../src/db/seed.ts';
import { StatEvent } from '../../src/db/entities/index.ts';
import { parseFeed } from '../../src/ingest/feed.ts';
import { ingestQueue } from '../../src/ingest/jobs.ts';
import { storeStatEvents } from '../../src/scoring/ingest.ts';
import type { Jobs } from '../../src/jobs/index.ts';
import { truncateAll, type TestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { JOB_MODES, jobsServer, registerAdmin, waitFor } from '../helpers/jobs.ts';

const SAMPLE = parseFeed(readFileSync('src/ingest/samples/football-week1.jsonl', 'utf8')).events;

describe('POST /api/v1/ingest (stat feeds as jobs)', function () {
  this.timeout(30_000);

  for (const mode of JOB_MODES) {
    describe(mode.name, () => {
      let server: TestServer;
      let admin: ReturnType<typeof api>;

      before(async () => { ({ server } = await jobsServer(mode.env)); });
      after(async () => { await server.close(); });
      beforeEach(async () => {
        await truncateAll(server.app);
        await seed(server.app.storage.orm, { withLeagues: false });
        admin = api(server.baseUrl, await registerAdmin(server));
      });

      /** GET …/jobs/:id until the job completed or failed for good. */
      const settledJob = (id: string) => waitFor(async () => {
        const reply = await admin.get(`/api/v1/ingest/jobs/${id}`);
        return reply.body.state === 'completed' || reply.body.state === 'failed' ? reply.body : undefined;
      }, 15_000, `job ${id}`);

      it('takes batches from admins only: 401 without a token, 403 for other users, 400 for a bad batch', async () => {
        const batch = { events: SAMPLE.slice(0, 2) };
        assert.equal((await api(server.baseUrl).post('/api/v1/ingest', batch)).status, 401);
        const someone = await signUp(server.baseUrl, 'feeder');
        assert.equal((await someone.client.post('/api/v1/ingest', batch)).status, 403);
        assert.equal((await someone.client.get('/api/v1/ingest/failed')).status, 403);
        assert.equal((await admin.post('/api/v1/ingest', { events: [] })).status, 400);
        const tooMany = await admin.post('/api/v1/ingest', { events: Array.from({ length: 1001 }, () => SAMPLE[0]) });
        assert.equal(tooMany.status, 400, 'at most 1000 lines a batch');
        const misspelt = await admin.post('/api/v1/ingest', { events: [{ ...SAMPLE[0], stats: { passYardz: 3 } }] });
        assert.equal(misspelt.status, 400);
        assert.equal(misspelt.body.error.code, 'INVALID_INPUT');
      });

      it('stores a batch sent twice once: the second ingest job counts its lines as duplicates', async () => {
        // 1000 lines (~250 KB, past the API's usual body limit) are one batch.
        const batch = { events: Array.from({ length: 1000 }, (_, i) => ({ ...SAMPLE[i % SAMPLE.length], key: `idem-${i}` })) };
        const first = await admin.post('/api/v1/ingest', batch);
        assert.equal(first.status, 202);
        assert.equal(first.body.accepted, 1000);
        const firstJob = await settledJob(first.body.jobId);
        assert.equal(firstJob.state, 'completed', firstJob.failedReason);
        assert.deepEqual([firstJob.result.stored, firstJob.result.duplicates, firstJob.result.unknownPlayers], [1000, 0, []]);
        const scoreJob = await settledJob(firstJob.result.scoreJobId);
        assert.equal(scoreJob.state, 'completed', 'the ingest job added a score job for what it stored');

        const second = await admin.post('/api/v1/ingest', batch);
        const secondJob = await settledJob(second.body.jobId);
        assert.deepEqual([secondJob.result.stored, secondJob.result.duplicates, secondJob.result.scoreJobId], [0, 1000, null]);
        assert.equal(await server.app.storage.orm.em.fork().count(StatEvent, { eventKey: { $like: 'idem-%' } }), 1000);
      });

      it('names unknown players and keeps failed jobs for GET /ingest/failed', async () => {
        const ghost = { ...SAMPLE[0], key: 'ghost-1', playerExternalId: 'football:nobody-99' };
        const job = await settledJob((await admin.post('/api/v1/ingest', { events: [ghost] })).body.jobId);
        assert.equal(job.state, 'completed', job.failedReason);
        assert.deepEqual(job.result.unknownPlayers, ['football:nobody-99']);

        const broken = await server.app.jobs.add('standings', { leagueId: 'not-a-league' });
        await waitFor(async () => ((await server.app.jobs.get('standings', broken))?.state === 'failed' ? true : undefined));
        const failed = await admin.get('/api/v1/ingest/failed?queue=standings');
        assert.equal(failed.status, 200);
        const kept = failed.body.items.find((j: { id: string }) => j.id === broken);
        assert.ok(kept, 'the failed job is listed');
        assert.deepEqual(kept.data, { leagueId: 'not-a-league' });
        assert.match(kept.failedReason, /invalid job data/);
        assert.equal((await admin.get('/api/v1/ingest/jobs/no-such-job')).status, 404);
      });
    });
  }

  describe('the ingest processor run twice (a retry after it stored)', () => {
    let server: TestServer;
    before(async () => { ({ server } = await jobsServer({})); });
    after(async () => { await server.close(); });

    it('scores the whole batch on a retry, since its lines now count as duplicates', async () => {
      await truncateAll(server.app);
      await seed(server.app.storage.orm, { withLeagues: false });
      const added: unknown[] = [];
      const jobs = { add: async (_queue: string, data: unknown, options?: { jobId?: string }) => { added.push(data); return options?.jobId ?? ''; } } as Jobs;
      const queue = ingestQueue(server.app.storage.orm);
      const batch = { events: SAMPLE.slice(0, 5) };
      const first = await queue.process(batch, { id: 'j1', queue: 'ingest', attemptsMade: 0, jobs });
      const retry = await queue.process(batch, { id: 'j1', queue: 'ingest', attemptsMade: 1, jobs });
      assert.deepEqual([first.stored, retry.stored, retry.duplicates], [5, 0, 5]);
      assert.equal(retry.scoreJobId, 'score-j1', 'the same score job id: added once');
      const [firstScore, retryScore] = added as Array<{ statEventIds: string[] }>;
      assert.deepEqual([...retryScore.statEventIds].sort(), [...firstScore.statEventIds].sort());
    });

    it('scores the whole batch when it runs again after a crash (a stalled job: attemptsMade still 0), or is sent again', async () => {
      await truncateAll(server.app);
      await seed(server.app.storage.orm, { withLeagues: false });
      const added: Array<{ statEventIds: string[] }> = [];
      const jobs = { add: async (_queue: string, data: unknown, options?: { jobId?: string }) => { added.push(data as never); return options?.jobId ?? ''; } } as Jobs;
      const queue = ingestQueue(server.app.storage.orm);
      const batch = { events: SAMPLE.slice(0, 5) };
      // The first run stored the lines and died before it added the score job: nothing added.
      await storeStatEvents(server.app.storage.orm.em.fork(), batch.events);
      const rerun = await queue.process(batch, { id: 'j2', queue: 'ingest', attemptsMade: 0, jobs });
      assert.deepEqual([rerun.stored, rerun.duplicates, rerun.scoreJobId], [0, 5, 'score-j2']);
      assert.equal(added[0].statEventIds.length, 5, 'every line of the batch is scored');
    });
  });
});
