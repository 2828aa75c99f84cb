import assert from 'node:assert/strict';
import type { Room } from '@colyseus/sdk';
import { TEST_REDIS_URL, useTestServer } from '../helpers/server.ts';
import { flushTestRedis } from '../helpers/jobs.ts';
import { startWorker } from '../helpers/process.ts';
import { footballLine } from '../helpers/scoring.ts';
import { finishedJobs, ingest, joinLeague, liveLeague, seenAt, teamOf } from './helpers.ts';

describe('League room: scores pushed from another process (npm run worker, Redis presence)', function () {
  this.timeout(60_000);
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  // This server works no background queue: the worker process scores, and its push crosses Redis.
  before(async () => { await flushTestRedis(); });
  const server = useTestServer({ env: { REDIS_URL: TEST_REDIS_URL, BACKGROUND_JOBS: 'false' } });
  before(async () => { worker = await startWorker(); });
  after(async () => {
    if (!worker || worker.child.exitCode !== null) return;
    const gone = new Promise((resolve) => worker!.child.once('exit', resolve));
    worker.child.kill('SIGTERM');
    await gone;
  });
  const rooms: Room[] = [];
  afterEach(async () => { await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined))); });

  it('reaches the room within 1 s of the worker\'s score job finishing', async () => {
    const { managers, leagueId, teamIds, admin } = await liveLeague(server);
    const room = await joinLeague(server.baseUrl, managers[0].token, leagueId);
    rooms.push(room);
    await seenAt(room, (s) => s.teams.length === 2);
    const seen = seenAt(room, (s) => teamOf(s, teamIds[0]).points > 0, 20_000);
    const jobId = await ingest(admin, [footballLine('football:qb-01', { passYards: 250 })]);
    const { scoreJob } = await finishedJobs(admin, jobId);
    const at = await seen;
    assert.ok(at - new Date(scoreJob.finishedAt).getTime() < 1000, `seen ${at - new Date(scoreJob.finishedAt).getTime()} ms after the job`);
    assert.equal(teamOf(room.state, teamIds[0]).points, 10);
    assert.match(worker!.output(), /taking background jobs/);
  });
});
