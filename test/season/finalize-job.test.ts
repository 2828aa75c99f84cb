import assert from 'node:assert/strict';
import { startTestServer, truncateAll } from '../helpers/server.ts';
import { forEachJobMode, waitFor } from '../helpers/jobs.ts';
import { seasonBody, seasonLeague } from '../helpers/season.ts';
import { emOf } from '../helpers/scoring.ts';
import { createSeason } from '../../src/season/service.ts';
import { finalizePeriod } from '../../src/season/finalize.ts';
import { periodFinalizeQueue } from '../../src/season/jobs.ts';
import { Season } from '../../src/db/entities/index.ts';

/**
 * Periods finalize by themselves after their last kickoff + grace (the `period-finalize` job, under
 * BullMQ and in-process), a retried or doubled job changes nothing, and the schedule is re-derived
 * at boot. The sample season is September 2026, long past, so every period is due at once.
 */
describe('period finalize job', function () {
  this.timeout(120_000);

  forEachJobMode((running) => {
    it('finalizes every due period in order, seeds the playoffs, plays them and records the champion', async () => {
      const server = running();
      const l = await seasonLeague(server, 4);
      const created = await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 }));
      assert.equal(created.status, 201);
      const done = await waitFor(async () => {
        const season = (await l.manager.client.get(`${l.base}/seasons`)).body.items[0];
        return season.status === 'complete' ? season : undefined;
      }, 30_000, 'the season complete');
      assert.ok(done.periods.every((p: { final: boolean }) => p.final));
      const bracket = (await l.manager.client.get(`${l.base}/playoffs`)).body;
      const standings = (await l.manager.client.get(`${l.base}/standings`)).body.season.items;
      assert.deepEqual(bracket.seeds.map((s: { teamId: string }) => s.teamId), standings.slice(0, 2).map((r: { teamId: string }) => r.teamId));
      assert.equal(bracket.champion.teamId, done.championTeamId);
      assert.ok([bracket.seeds[0].teamId, bracket.seeds[1].teamId].includes(done.championTeamId));
    // The next season starts from a finished one, which stays readable.
    const next = await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 }));
    assert.deepEqual([next.status, next.body.number], [201, 2]);
    assert.deepEqual((await l.manager.client.get(`${l.base}/seasons`)).body.items.map((x: { number: number }) => x.number), [2, 1]);
    assert.equal((await l.manager.client.get(`${l.base}/playoffs?season=1`)).body.champion.teamId, done.championTeamId);
    assert.equal((await l.manager.client.get(`${l.base}/schedule?season=1`)).body.periods.length, 4);
    // Season 2 is past too: its job finalizes it; wait, so that no job runs into the next test's truncate.
    await waitFor(async () => ((await l.manager.client.get(`${l.base}/seasons`)).body.items[0].status === 'complete' ? true : undefined), 30_000, 'season 2 complete');
    });

    it('is idempotent: a retried job and two finalizations at once change nothing more', async () => {
      const server = running();
      const l = await seasonLeague(server, 4);
      // Stored without its job (as if the job was lost), then finalized by hand-run jobs.
      const season = await createSeason(emOf(server), l.leagueId, l.commish.userId, seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 }), Date.parse('2026-09-01T00:00:00Z'));
      const [first, second] = await Promise.all([1, 2].map(() => finalizePeriod(emOf(server), season.id, 1, Date.now())));
      assert.deepEqual([first.finalized, second.finalized].sort(), [false, true], 'one finalized it, the other found it final');
      assert.ok(!first.refinalized && !second.refinalized);
      const queue = periodFinalizeQueue(server.app.storage.orm, Date.now);
      const ctx = { id: 'retry', queue: 'period-finalize', attemptsMade: 0, jobs: server.app.jobs };
      const run1 = await queue.process({ seasonId: season.id }, ctx);
      // [2, 3, 4], unless the server's own sweep got there first (it runs every minute).
      assert.ok(run1.finalized.every((n) => [2, 3, 4].includes(n)));
      const schedule = (await l.manager.client.get(`${l.base}/schedule`)).body;
      assert.ok(schedule.periods.every((p: { final: boolean }) => p.final));
      const run2 = await queue.process({ seasonId: season.id }, { ...ctx, attemptsMade: 1 });
      assert.deepEqual(run2.finalized, []);
      assert.deepEqual((await l.manager.client.get(`${l.base}/schedule`)).body, schedule);
      assert.ok(schedule.periods.every((p: { refinalized: number }) => p.refinalized === 0));
    });
  });

  it('a season whose job was lost is finalized after a restart (the boot sweep re-derives it)', async () => {
    const first = await startTestServer();
    await truncateAll(first.app);
    const l = await seasonLeague(first, 4);
    const season = await createSeason(emOf(first), l.leagueId, l.commish.userId, seasonBody(l.players, { regular: 1, playoffTeams: 2, playoffWeeks: 1 }), Date.parse('2026-09-01T00:00:00Z'));
    await first.close();
    const second = await startTestServer();
    try {
      const complete = await waitFor(async () => {
        const row = await emOf(second).findOne(Season, { id: season.id });
        return row?.status === 'complete' ? row : undefined;
      }, 30_000, 'the season finalized after the restart');
      assert.ok(complete.champion);
    } finally {
      await second.close();
    }
  });
});
