import assert from 'node:assert/strict';
import { LeagueStandingsSnapshot } from '../../src/db/entities/index.ts';
import { leagueStandings } from '../../src/baseball/service.ts';
import { standingsSnapshot } from '../../src/standings/snapshot.ts';
import { truncateAll, type TestServer } from '../helpers/server.ts';
import { baseballLeague, playOutGame, storedGame } from '../helpers/baseball.ts';
import { leagueWithOpenTeams } from '../helpers/league-rooms.ts';
import { JOB_MODES, jobsServer, waitFor } from '../helpers/jobs.ts';

const AI = { home: 'balanced', away: 'balanced' };

describe('standings snapshot (league_standings)', function () {
  this.timeout(90_000);

  for (const mode of JOB_MODES) {
    describe(mode.name, () => {
      let server: TestServer;
      const em = () => server.app.storage.orm.em.fork();
      before(async () => { ({ server } = await jobsServer(mode.env)); });
      after(async () => { await server.close(); });
      beforeEach(async () => { await truncateAll(server.app); });

      it('recomputes a league\'s standings in a job once one of its games goes final', async () => {
        const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server, { owned: 0 });
        const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, { homeTeamId: home, awayTeamId: away, ai: AI, pace: 'instant' });
        assert.equal(created.status, 201, JSON.stringify(created.body));

        const row = await waitFor(async () => (await em().findOne(LeagueStandingsSnapshot, { league: leagueId })) ?? undefined, 60_000, 'snapshot');
        assert.equal((await commish.client.get(`/api/v1/games/${created.body.id}`)).body.status, 'final');
        const items = (row.payload as { items: Array<{ teamId: string; w: number; l: number }> }).items;
        assert.deepEqual(items.map((t) => t.w + t.l), [1, 1], 'the final game counted for both teams');
        assert.deepEqual(items, (await leagueStandings(em(), leagueId)).items, 'what computing on read gives');

        const read = await standingsSnapshot(em(), leagueId);
        assert.equal(read.computedAt, row.computedAt.toISOString(), 'a current snapshot is read, not recomputed');
        assert.deepEqual(read.items, items);
      });
    });
  }

  describe('reading', () => {
    let server: TestServer;
    const em = () => server.app.storage.orm.em.fork();
    before(async () => { ({ server } = await jobsServer({})); });
    after(async () => { await server.close(); });

    it('computes afresh (and stores) when a game went final after the snapshot, e.g. before its job ran', async () => {
      await truncateAll(server.app);
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const first = await standingsSnapshot(em(), leagueId);
      assert.deepEqual(first.items.map((t) => t.w + t.l), [0, 0]);
      // Played out without a room: no standings job runs for it.
      await playOutGame(server.app, await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away }));
      const fresh = await standingsSnapshot(em(), leagueId);
      assert.deepEqual(fresh.items.map((t) => t.w + t.l), [1, 1]);
      assert.ok(fresh.computedAt > first.computedAt);
      const row = await em().findOneOrFail(LeagueStandingsSnapshot, { league: leagueId });
      assert.equal(row.computedAt.toISOString(), fresh.computedAt, 'stored for the next reader');
      const again = await standingsSnapshot(em(), leagueId);
      assert.equal(again.computedAt, fresh.computedAt);
    });

    it('fails like computing them for an unknown league or a league of another sport', async () => {
      await assert.rejects(standingsSnapshot(em(), '00000000-0000-4000-8000-000000000000'), { status: 404 });
      const { leagueId } = await leagueWithOpenTeams(server.baseUrl, 'football', 2);
      await assert.rejects(standingsSnapshot(em(), leagueId), (error: { status: number }) => error.status >= 400 && error.status < 500);
    });
  });
});
