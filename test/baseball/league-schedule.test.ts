import assert from 'node:assert/strict';
import { type TestServer, truncateAll } from '../helpers/server.ts';
import { startTestServer } from '../helpers/server.ts';
import { baseballLeague } from '../helpers/baseball.ts';
import { leagueWithOpenTeams } from '../helpers/league-rooms.ts';
import { JOB_MODES, flushTestRedis, waitFor } from '../helpers/jobs.ts';
import { CREATE_AHEAD_MS } from '../../src/baseball/league-schedule.ts';
import { BaseballScheduledGame, Game, RosterEntry } from '../../src/db/entities/index.ts';

const HOUR = 3600_000;

interface ScheduledRow {
  id: string; homeTeamId: string; awayTeamId: string; status: string; gameId: string | null; day: number; scheduledAt: string;
  problem: string | null; triedAt: string | null; failedAt: string | null;
}

/** A team whose players are all released cannot field a lineup (createGame's ROSTER_INCOMPLETE); `fix` puts them back. */
async function breakRoster(server: TestServer, teamId: string) {
  const em = () => server.app.storage.orm.em.fork();
  await em().nativeUpdate(RosterEntry, { team: teamId, releasedAt: null }, { releasedAt: new Date() });
  return { fix: async () => { await em().nativeUpdate(RosterEntry, { team: teamId }, { releasedAt: null }); } };
}

const involves = (teamId: string) => (g: ScheduledRow) => g.homeTeamId === teamId || g.awayTeamId === teamId;

/**
 * A baseball league's season over REST: the commissioner draws the schedule, the
 * `baseball-schedule` job creates each game day's games on time, their rooms play them, and the
 * final games count in the standings (src/baseball/league-schedule.ts, src/jobs/baseball-schedule.ts).
 */
describe('baseball league schedule', function () {
  this.timeout(120_000);

  for (const mode of JOB_MODES) {
    describe(mode.name, () => {
      let server: TestServer;
      before(async () => {
        if (mode.env.REDIS_URL) await flushTestRedis(mode.env.REDIS_URL);
        server = await startTestServer({ env: mode.env });
      });
      after(async () => { await server.close(); });
      beforeEach(async () => { await truncateAll(server.app); });

      it('lets the commissioner draw a balanced schedule that members read, and nobody else draw it', async () => {
        const { commish, managers, leagueId, teamIds } = await baseballLeague(server, { teams: 4, owned: 1 });
        const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
        assert.equal((await commish.client.get(path)).body.error.code, 'NO_SCHEDULE');
        const startsAt = new Date(Date.now() + 48 * HOUR).toISOString();
        const body = { startsAt, gamesPerClub: 6, seriesLength: 3 };

        assert.equal((await managers[0].client.post(path, body)).status, 403, 'a manager may not draw it');
        assert.equal((await commish.client.post(path, { ...body, gamesPerClub: 0 })).status, 400);
        assert.equal((await commish.client.post(path, { ...body, startsAt: new Date(Date.now() - HOUR).toISOString() })).status, 400, 'not in the past');
        const tooLate = await commish.client.post(path, { ...body, startsAt: '9999-12-30T12:00:00Z' });
        assert.deepEqual([tooLate.status, tooLate.body.error.details?.fields?.[0]?.path], [400, 'startsAt'], 'game days past the year 9999 (they were a 500)');
        assert.equal((await commish.client.get(path)).status, 404, 'refused draws store nothing');

        const drawn = await commish.client.post(path, body);
        assert.equal(drawn.status, 201, JSON.stringify(drawn.body));
        const read = await managers[0].client.get(path);
        assert.deepEqual(read.body, drawn.body, 'a member reads what was drawn');
        const games = read.body.games as ScheduledRow[];
        assert.equal(games.length, 4 * 6 / 2);
        for (const team of teamIds) {
          assert.equal(games.filter((g) => g.homeTeamId === team).length, 3, 'three home games each');
          assert.equal(games.filter((g) => g.awayTeamId === team).length, 3, 'three away games each');
        }
        assert.ok(games.every((g) => g.status === 'pending' && g.gameId === null));
        assert.deepEqual([...new Set(games.map((g) => g.scheduledAt))], [0, 1, 2, 3, 4, 5].map((day) => new Date(Date.parse(startsAt) + day * 24 * HOUR).toISOString()));
        assert.equal((await commish.client.get(`/api/v1/leagues/${leagueId}/games`)).body.items.length, 0, 'no game created two days ahead');

        const redrawn = await commish.client.post(path, { ...body, gamesPerClub: 3 });
        assert.equal(redrawn.status, 201, 'drawn again while no game is created');
        assert.equal(redrawn.body.games.length, 6);

        const football = await leagueWithOpenTeams(server.baseUrl, 'football', 2);
        assert.equal((await football.client.post(`/api/v1/leagues/${football.leagueId}/baseball/schedule`, body)).body.error.code, 'NOT_SUPPORTED');
      });

      it("creates a game day's games on time, with managed and AI sides, plays them, and the standings count them; then the schedule is locked", async () => {
        const { commish, managers, leagueId, teamIds } = await baseballLeague(server, { teams: 4, owned: 1 });
        const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
        // Day 0 a few seconds ahead (created at once: within CREATE_AHEAD_MS), day 1 a day later (not yet).
        const startsAt = Date.now() + 3000;
        const drawn = await commish.client.post(path, { startsAt: new Date(startsAt).toISOString(), gamesPerClub: 2, seriesLength: 2, pace: 'instant' });
        assert.equal(drawn.status, 201, JSON.stringify(drawn.body));

        const created = await waitFor(async () => {
          const rows = (await commish.client.get(path)).body.games as ScheduledRow[];
          return rows.filter((g) => g.day === 0).every((g) => g.gameId) ? rows : undefined;
        }, 15_000, "day 0's games created");
        assert.ok(created.filter((g) => g.day === 1).every((g) => g.status === 'pending' && !g.gameId), "day 1's games are not created yet");
        const games = (await commish.client.get(`/api/v1/leagues/${leagueId}/games`)).body.items as Array<Record<string, any>>;
        assert.equal(games.length, 2);
        for (const game of games) {
          assert.equal(game.mode, 'ranked');
          assert.equal(game.scheduledAt, new Date(startsAt).toISOString());
          // The managed team's side is his; the open teams' sides the AI's.
          for (const side of ['home', 'away']) assert.equal(game[side].ai === null, game[side].teamId === managers[0].teamId);
        }
        const mine = games.find((g) => g.home.teamId === managers[0].teamId || g.away.teamId === managers[0].teamId)!;
        // The manager gives his game up; the AI-vs-AI game plays itself from its first pitch.
        const forfeit = await managers[0].client.post(`/api/v1/games/${mine.id}/forfeit`, {});
        assert.equal(forfeit.status, 200, JSON.stringify(forfeit.body));
        const final = await waitFor(async () => {
          const rows = ((await commish.client.get(path)).body.games as ScheduledRow[]).filter((g) => g.day === 0);
          return rows.every((g) => g.status === 'final') ? rows : undefined;
        }, 60_000, "day 0's games final");
        const aiGame = (await commish.client.get(`/api/v1/games/${final.find((g) => g.gameId !== mine.id)!.gameId}`)).body;
        assert.ok(Date.parse(aiGame.startedAt) >= startsAt - 50, 'the AI game started at its first pitch, not before'); // 50 ms: clock ticks with the patch loop

        const standings = (await commish.client.get(`/api/v1/leagues/${leagueId}/standings`)).body.items as Array<{ teamId: string; w: number; l: number }>;
        assert.equal(standings.reduce((n, t) => n + t.w, 0), 2, 'both scheduled games count');
        assert.equal(standings.find((t) => t.teamId === managers[0].teamId)!.l, 1, 'the forfeit is a loss');
        assert.equal(standings.length, teamIds.length);

        const again = await commish.client.post(path, { startsAt: new Date(Date.now() + 48 * HOUR).toISOString(), gamesPerClub: 2 });
        assert.deepEqual([again.status, again.body.error.code], [409, 'SCHEDULE_LOCKED']);
      });

      it('says on the schedule why a game could not be created, and creates the others', async () => {
        const { commish, leagueId, teamIds } = await baseballLeague(server, { teams: 4, owned: 0 });
        // The last team's roster is empty: it cannot field a lineup.
        await server.app.storage.orm.em.fork().nativeDelete(RosterEntry, { team: teamIds[3] });
        const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
        const startsAt = new Date(Date.now() + HOUR).toISOString();
        assert.equal((await commish.client.post(path, { startsAt, gamesPerClub: 1, seriesLength: 1 })).status, 201);
        const rows = await waitFor(async () => {
          const games = (await commish.client.get(path)).body.games as ScheduledRow[];
          return games.every((g) => g.status !== 'pending') ? games : undefined;
        }, 15_000, 'both games settled');
        const broken = rows.find((g) => g.homeTeamId === teamIds[3] || g.awayTeamId === teamIds[3])!;
        assert.equal(broken.status, 'not created');
        assert.match(broken.problem!, /^ROSTER_INCOMPLETE: /);
        assert.deepEqual(rows.filter((g) => g !== broken).map((g) => [g.status, g.problem]), [['scheduled', null]]);
      });

      it('tries a game that could not be created again at its first pitch, then marks it failed; the commissioner retries it by hand', async () => {
        const { commish, managers, leagueId, teamIds } = await baseballLeague(server, { teams: 4, owned: 1 });
        const brokenTeam = teamIds.find((id) => id !== managers[0].teamId)!;
        const roster = await breakRoster(server, brokenTeam);
        const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
        // The first try is at once (within CREATE_AHEAD_MS); the retry interval is 300 s: the next try is the first pitch's.
        const startsAt = Date.now() + 8000;
        const drawn = await commish.client.post(path, { startsAt: new Date(startsAt).toISOString(), gamesPerClub: 1, seriesLength: 1, pace: 'instant' });
        assert.equal(drawn.status, 201, JSON.stringify(drawn.body));
        const rowOf = async () => ((await commish.client.get(path)).body.games as ScheduledRow[]).find(involves(brokenTeam))!;

        const first = await waitFor(async () => { const row = await rowOf(); return row.status !== 'pending' ? row : undefined; }, 15_000, 'the first try');
        assert.equal(first.status, 'not created', 'tried again until its first pitch');
        assert.match(first.problem!, /^ROSTER_INCOMPLETE: /);
        assert.ok(Date.parse(first.triedAt!) < startsAt && first.failedAt === null);

        const failed = await waitFor(async () => { const row = await rowOf(); return row.status === 'failed' ? row : undefined; }, 30_000, 'marked failed');
        assert.ok(Date.parse(failed.failedAt!) >= startsAt, 'failed by the try at its first pitch, not before');
        assert.ok(Date.parse(failed.failedAt!) < startsAt + 60_000, 'at its first pitch, not at the 300 s retry');
        assert.equal(failed.triedAt, failed.failedAt);
        assert.deepEqual([failed.gameId, failed.scheduledAt], [null, new Date(startsAt).toISOString()]);
        assert.match(failed.problem!, /^ROSTER_INCOMPLETE: /);
        const other = ((await commish.client.get(path)).body.games as ScheduledRow[]).find((g) => !involves(brokenTeam)(g))!;
        assert.ok(other.gameId, 'the other game was created');

        // By hand: the commissioner only; an unknown or created game is refused; still broken, the creation's own error.
        const retry = (id: string, client = commish.client) => client.post(`${path}/games/${id}/retry`, {});
        assert.equal((await retry(failed.id, managers[0].client)).status, 403);
        assert.deepEqual(await retry(crypto.randomUUID()).then((r) => [r.status, r.body.error.code]), [404, 'NOT_FOUND']);
        assert.deepEqual(await retry(other.id).then((r) => [r.status, r.body.error.code]), [409, 'ALREADY_CREATED']);
        const again = await retry(failed.id);
        assert.deepEqual([again.status, again.body.error.code], [409, 'ROSTER_INCOMPLETE']);
        const stillFailed = await rowOf();
        assert.deepEqual([stillFailed.status, stillFailed.gameId], ['failed', null]);
        assert.ok(Date.parse(stillFailed.triedAt!) > Date.parse(failed.triedAt!), 'the refused try is the last one');

        await roster.fix();
        const created = await retry(failed.id);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        assert.deepEqual([created.body.id, created.body.problem, created.body.failedAt], [failed.id, null, null]);
        assert.ok(created.body.gameId);
        const row = await rowOf();
        assert.equal(row.gameId, created.body.gameId, 'the schedule shows its game');
        const game = await server.app.storage.orm.em.fork().findOneOrFail(Game, { id: created.body.gameId });
        assert.deepEqual([game.mode, game.scheduledAt?.toISOString(), game.homeTeam, game.awayTeam], ['ranked', failed.scheduledAt, failed.homeTeamId, failed.awayTeamId]);
        assert.deepEqual(await retry(failed.id).then((r) => [r.status, r.body.error.code]), [409, 'ALREADY_CREATED']);
      });

      it('refuses to retry a game whose creation time has not come (NOT_TRIED)', async () => {
        const { commish, leagueId } = await baseballLeague(server, { teams: 2, owned: 0 });
        const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
        const drawn = await commish.client.post(path, { startsAt: new Date(Date.now() + 48 * HOUR).toISOString(), gamesPerClub: 1, seriesLength: 1 });
        const [row] = drawn.body.games as ScheduledRow[];
        const refused = await commish.client.post(`${path}/games/${row.id}/retry`, {});
        assert.deepEqual([refused.status, refused.body.error.code], [409, 'NOT_TRIED']);
        assert.deepEqual((await commish.client.get(path)).body, drawn.body, 'nothing changed');
      });

      it('re-derives the creation job at boot: games due while the server was down are created by the next one', async () => {
        const { commish, leagueId } = await baseballLeague(server, { teams: 2, owned: 0 });
        const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
        // Created 4 s from now: after this server is gone.
        const startsAt = Date.now() + CREATE_AHEAD_MS + 4000;
        assert.equal((await commish.client.post(path, { startsAt: new Date(startsAt).toISOString(), gamesPerClub: 1, seriesLength: 1 })).status, 201);
        await server.close();
        const em = () => server.app.storage.orm.em.fork();
        server = await startTestServer({ env: mode.env });
        const gameId = await waitFor(async () => (await em().findOne(BaseballScheduledGame, { league: leagueId }))?.game ?? undefined, 20_000, 'the game created after the restart');
        const game = await em().findOneOrFail(Game, { id: gameId });
        assert.ok(Date.now() >= startsAt - CREATE_AHEAD_MS, 'not before it was due');
        assert.deepEqual([game.status, game.scheduledAt?.toISOString()], ['scheduled', new Date(startsAt).toISOString()]);
      });
    });
  }

  describe('with BASEBALL_SCHEDULE_RETRY_SECONDS=1', () => {
    let server: TestServer;
    before(async () => { server = await startTestServer({ env: { BASEBALL_SCHEDULE_RETRY_SECONDS: '1' } }); });
    after(async () => { await server.close(); });
    beforeEach(async () => { await truncateAll(server.app); });

    it('tries a game that could not be created again every interval before its first pitch, and creates it once its roster is fixed', async () => {
      const { commish, leagueId, teamIds } = await baseballLeague(server, { teams: 2, owned: 0 });
      const roster = await breakRoster(server, teamIds[1]);
      const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
      // A first pitch far enough ahead that the retries, not the first pitch, create it.
      const startsAt = Date.now() + 60_000;
      assert.equal((await commish.client.post(path, { startsAt: new Date(startsAt).toISOString(), gamesPerClub: 1, seriesLength: 1 })).status, 201);
      const rowOf = async () => ((await commish.client.get(path)).body.games as ScheduledRow[])[0];
      const first = await waitFor(async () => { const row = await rowOf(); return row.triedAt ? row : undefined; }, 15_000, 'the first try');
      assert.equal(first.status, 'not created');
      const second = await waitFor(async () => { const row = await rowOf(); return row.triedAt !== first.triedAt ? row : undefined; }, 15_000, 'a second try');
      assert.deepEqual([second.status, second.gameId, second.failedAt], ['not created', null, null]);
      const gap = Date.parse(second.triedAt!) - Date.parse(first.triedAt!);
      assert.ok(gap >= 1000 && gap < 10_000, `tried again after the 1 s interval (${gap} ms)`);

      await roster.fix();
      const created = await waitFor(async () => { const row = await rowOf(); return row.gameId ? row : undefined; }, 15_000, 'created by a retry');
      assert.deepEqual([created.status, created.problem, created.failedAt], ['scheduled', null, null]);
      assert.ok(Date.now() < startsAt, 'before its first pitch: by a retry');
    });
  });
});
