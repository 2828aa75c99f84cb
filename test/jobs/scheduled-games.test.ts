import assert from 'node:assert/strict';
import { matchMaker } from '@colyseus/core';
import { testConfig, truncateAll, type TestServer } from '../helpers/server.ts';
import { openStorage } from '../../src/db/orm.ts';
import { Game } from '../../src/db/entities/index.ts';
import { baseballLeague } from '../helpers/baseball.ts';
import { freePort, seedSharedDatabase, ServerProcess } from '../helpers/process.ts';
import { signUp } from '../helpers/http.ts';
import { JOB_MODES, flushTestRedis, jobsServer, waitFor } from '../helpers/jobs.ts';
import { OPEN_AHEAD_MS } from '../../src/baseball/opening.ts';

const FAR_OFF = '2099-04-01T19:05:00Z';
const IDLE = { decisionSeconds: 600 };

/** A far-off game holds no room: the game-open job opens it OPEN_AHEAD_MS before its first pitch. */
describe('scheduled games open their room shortly before their time', function () {
  this.timeout(120_000);

  for (const mode of JOB_MODES) {
    describe(mode.name, () => {
      let server: TestServer;
      before(async () => { ({ server } = await jobsServer(mode.env)); });
      after(async () => { await server.close(); });
      beforeEach(async () => { await truncateAll(server.app); });

      const baseballRooms = async () => (await matchMaker.query({ name: 'baseball' })).map((room) => (room.metadata as { gameId?: string }).gameId);

      it('opens no room for games dated far ahead, and opens one when its time comes', async () => {
        const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server, { owned: 0 });
        const post = (scheduledAt: string) => commish.client.post(`/api/v1/leagues/${leagueId}/games`, { homeTeamId: home, awayTeamId: away, scheduledAt, ...IDLE });
        const before = await baseballRooms();
        for (let i = 0; i < 5; i++) {
          const far = await post(FAR_OFF);
          assert.deepEqual([far.status, far.body.status, far.body.scheduledAt], [201, 'scheduled', new Date(FAR_OFF).toISOString()]);
        }
        const opensAt = Date.now() + 1500;
        const soon = (await post(new Date(opensAt + OPEN_AHEAD_MS).toISOString())).body;
        assert.deepEqual(await baseballRooms(), before, 'no room for a game dated beyond the open-ahead time');

        const openedAt = await waitFor(async () => ((await baseballRooms()).includes(soon.id) ? Date.now() : undefined), 10_000, 'the soon game\'s room');
        assert.ok(openedAt >= opensAt, 'not before its opening time');
        assert.equal((await baseballRooms()).length, before.length + 1, 'the far-off games still hold none');
      });
    });
  }

  /** The opening outlives its process: in Redis (BullMQ) or re-derived by the boot sweep (in-process). */
  describe('across a restart of the real server process', () => {
    const processes: ServerProcess[] = [];
    before(async () => { await seedSharedDatabase(); });
    // Counts are exact only if no earlier test's game is due on the shared database: end them all.
    beforeEach(async () => { await endUnfinishedGames(); });
    after(async () => { for (const p of processes) await p.kill().catch(() => undefined); });

    /** Baseball rooms open in that process, from its /metrics. */
    async function openGames(baseUrl: string): Promise<number> {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      return Number(/clubhouse_rooms_open\{room="baseball"\} (\d+)/.exec(text)?.[1] ?? 0);
    }

    for (const mode of JOB_MODES) {
      it(`reopens only the game whose time is near after a kill -9, not the far-off ones (${mode.name})`, async () => {
        if (mode.env.REDIS_URL) await flushTestRedis(mode.env.REDIS_URL);
        const port = await freePort();
        const start = async () => {
          const server = new ServerProcess(port, mode.env);
          processes.push(server);
          await server.ready();
          return server;
        };
        const first = await start();
        const { client, leagueId, teamIds } = await openLeague(first.baseUrl);
        const post = (scheduledAt: string) => client.post(`/api/v1/leagues/${leagueId}/games`, { homeTeamId: teamIds[0], awayTeamId: teamIds[1], scheduledAt, ...IDLE });
        for (let i = 0; i < 5; i++) assert.equal((await post(FAR_OFF)).status, 201);
        const opensAt = Date.now() + 15_000;
        assert.equal((await post(new Date(opensAt + OPEN_AHEAD_MS).toISOString())).status, 201);
        assert.equal(await openGames(first.baseUrl), 0, 'no room before its opening time');
        await first.kill();
        assert.ok(Date.now() < opensAt, 'killed before the game was due to open');

        const second = await start();
        await waitFor(async () => ((await openGames(second.baseUrl)) > 0 ? true : undefined), 20_000, 'the near game\'s room');
        assert.ok(Date.now() >= opensAt, 'opened at its time, not before');
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(await openGames(second.baseUrl), 1, 'only the near game: the boot reopened no far-off one');
        await second.kill();
      });
    }
  });
});

/** Marks every unfinished game of the shared test database final, so no server process reopens it. */
async function endUnfinishedGames(): Promise<void> {
  const storage = await openStorage(testConfig());
  try {
    await storage.orm.em.fork().nativeUpdate(Game, { status: { $in: ['scheduled', 'live'] } }, { status: 'final' });
  } finally {
    await storage.close();
  }
}

/** A baseball league of two unowned teams, each rostered with a sample club, on a server process. */
async function openLeague(baseUrl: string) {
  const commish = await signUp(baseUrl, 'bbsched');
  const league = (await commish.client.post('/api/v1/leagues', { name: `bb sched ${crypto.randomUUID().slice(0, 8)}`, sport: 'baseball' })).body;
  const players: Array<{ id: string; team: string }> = [];
  for (let cursor = ''; ;) {
    const page = (await commish.client.get(`/api/v1/players?sport=baseball&limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
    players.push(...page.items);
    if (!page.nextCursor) break;
    cursor = encodeURIComponent(page.nextCursor);
  }
  const teamIds: string[] = [];
  for (const club of [...new Set(players.map((p) => p.team))].sort().slice(0, 2)) {
    const team = (await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: `Club ${club}` })).body;
    const roster = await commish.client.post(`/api/v1/leagues/${league.id}/teams/${team.id}/players`, { playerIds: players.filter((p) => p.team === club).map((p) => p.id) });
    assert.equal(roster.status, 201, JSON.stringify(roster.body));
    teamIds.push(team.id);
  }
  return { client: commish.client, leagueId: league.id as string, teamIds };
}
