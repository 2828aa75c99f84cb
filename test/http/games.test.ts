import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { makePublic, useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { baseballLeague, playOutGame, storedGame } from '../helpers/baseball.ts';
import type { Signed } from '../helpers/league-rooms.ts';
import { Game, RosterEntry, Player } from '../../src/db/entities/index.ts';
import { loadGameForRoom } from '../../src/baseball/service.ts';
import { roomDefinitions } from '../../src/features.ts';

const run = promisify(execFile);
const sha256 = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
const FIELDERS = ['C', '1B', '2B', '3B', 'SS', 'LF', 'CF', 'RF'];
/** Long enough that nothing decides for a manager while a test runs. */
const IDLE = { decisionSeconds: 600 };

type RosterPlayer = { playerId: string; name: string; positions: string[] };

describe('baseball games REST', () => {
  const server = useTestServer();

  const em = () => server.app.storage.orm.em.fork();
  const fieldsOf = (body: { error: { details: { fields: Array<{ path: string }> } } }) => body.error.details.fields.map((f) => f.path);
  const gamesOf = (leagueId: string) => `/api/v1/leagues/${leagueId}/games`;

  async function rosterOf(leagueId: string, teamId: string, client: Signed['client']): Promise<RosterPlayer[]> {
    const teams = (await client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items as Array<{ id: string; roster: RosterPlayer[] }>;
    return teams.find((t) => t.id === teamId)!.roster;
  }

  /** A legal lineup from a roster: each fielder at his primary position, a pitcher at P (or a DH and a starter). */
  function lineupFrom(roster: RosterPlayer[], dh: boolean) {
    const used = new Set<string>();
    const take = (test: (p: RosterPlayer) => boolean) => {
      const player = roster.find((p) => !used.has(p.playerId) && test(p))!;
      used.add(player.playerId);
      return player.playerId;
    };
    const order = FIELDERS.map((position) => ({ playerId: take((p) => p.positions[0] === position), position }));
    const pitcher = take((p) => p.positions[0] === 'P');
    if (dh) return { order: [...order, { playerId: take((p) => p.positions[0] !== 'P'), position: 'DH' }], pitcher };
    return { order: [...order, { playerId: pitcher, position: 'P' }] };
  }

  describe('creating a game', () => {
    it('lets the commissioner create one: default lineups from the rosters, a dice commitment, the seed hidden', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const created = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: away, ...IDLE });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const game = created.body;
      assert.ok(['scheduled', 'live'].includes(game.status), 'its room may already have started it');
      assert.deepEqual([game.leagueId, game.rules, game.home.teamId, game.away.teamId, game.home.ai, game.away.ai], [leagueId, 'SBA', home, away, null, null]);
      assert.match(game.diceCommitment, /^[0-9a-f]{64}$/);
      assert.equal(game.diceSeed, null, 'the seed is secret until the game is final');
      assert.equal(Object.keys(game.players).length, 52, 'both rosters, 26 players each');
      const fetched = (await commish.client.get(`/api/v1/games/${game.id}`)).body;
      assert.deepEqual([fetched.id, fetched.diceCommitment, fetched.diceSeed], [game.id, game.diceCommitment, null]);

      const { config, seed } = (await loadGameForRoom(em(), game.id))!;
      assert.equal(sha256(seed), config.diceCommitment);
      const setup = config.home.setup;
      assert.equal(setup.lineup.length, 9);
      assert.equal(setup.lineup.filter((s) => s.position === 'P').length, 1, 'SBA: the pitcher bats');
      assert.deepEqual(Object.keys(setup.fielders).sort(), [...FIELDERS, 'P'].sort());
      assert.equal(setup.bench!.length, 13 - 8, 'the hitters not in the lineup');
      assert.equal(setup.bullpen.length, 8);
      assert.equal(config.home.players.length, 26);
      assert.deepEqual([config.decisionMs, config.paceMs], [600_000, 3000]);
    });

    it('turns the rotation: a team\'s next game starts its next starter', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const first = await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away });
      const second = await storedGame(server.app, leagueId, commish.userId, { homeTeamId: away, awayTeamId: home, pace: 'instant' });
      const [a, b] = [(await loadGameForRoom(em(), first))!.config, (await loadGameForRoom(em(), second))!.config];
      assert.notEqual(a.home.setup.fielders.P, b.away.setup.fielders.P);
      assert.equal(b.paceMs, 0);
    });

    it('lets a manager create a game of his own team only, and set only his own side', async () => {
      const { leagueId, managers: [mine, other, third] } = await baseballLeague(server, { teams: 3 });
      const own = await mine.client.post(gamesOf(leagueId), { homeTeamId: mine.teamId, awayTeamId: other.teamId, ai: { home: 'safe' }, ...IDLE });
      assert.equal(own.status, 201, JSON.stringify(own.body));
      assert.deepEqual([own.body.home.ai, own.body.away.ai], ['safe', null]);
      assert.equal(own.body.status, 'proposed', "against another manager's team: a challenge (test/http/game-challenges.test.ts)");
      const others = await mine.client.post(gamesOf(leagueId), { homeTeamId: other.teamId, awayTeamId: third.teamId });
      assert.deepEqual([others.status, others.body.error.code], [403, 'FORBIDDEN']);
      const theirAi = await mine.client.post(gamesOf(leagueId), { homeTeamId: mine.teamId, awayTeamId: other.teamId, ai: { away: 'aggressive' } });
      assert.deepEqual([theirAi.status, theirAi.body.error.code], [403, 'NOT_YOUR_SIDE']);
    });

    it('refuses a spectator (403) and plays an open team with the balanced AI', async () => {
      const { commish, leagueId, teamIds: [owned, open] } = await baseballLeague(server, { owned: 1 });
      await makePublic(server.app, leagueId); // a spectator of a public league; of a private one he gets 404
      const stranger = await signUp(server.baseUrl, 'watcher');
      const refused = await stranger.client.post(gamesOf(leagueId), { homeTeamId: owned, awayTeamId: open });
      assert.deepEqual([refused.status, refused.body.error.code], [403, 'FORBIDDEN']);
      const created = await commish.client.post(gamesOf(leagueId), { homeTeamId: owned, awayTeamId: open, pace: 60, ...IDLE });
      assert.equal(created.status, 201);
      assert.deepEqual([created.body.home.ai, created.body.away.ai], [null, 'balanced']);
    });

    it('takes a lineup as given and answers a bad one with a 400 naming the field', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const roster = await rosterOf(leagueId, home, commish.client);
      const good = lineupFrom(roster, false);
      const post = (homeLineup: unknown, extra = {}) => commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: away, homeLineup, ...IDLE, ...extra });

      const created = await post(good);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const setup = (await loadGameForRoom(em(), created.body.id))!.config.home.setup;
      assert.deepEqual(setup.lineup, good.order);
      assert.equal(setup.fielders.P, good.order[8].playerId);

      const swap = (i: number, change: object) => ({ ...good, order: good.order.map((s, j) => (j === i ? { ...s, ...change } : s)) });
      const otherTeam = (await rosterOf(leagueId, away, commish.client))[0].playerId;
      const hitter = roster.find((p) => p.positions[0] !== 'P' && !good.order.some((s) => s.playerId === p.playerId))!.playerId;
      const cases: Array<[unknown, string]> = [
        [swap(0, { playerId: otherTeam }), 'homeLineup.order.0.playerId'],
        [swap(1, { playerId: good.order[0].playerId }), 'homeLineup.order.1.playerId'],
        [swap(1, { position: 'C' }), 'homeLineup.order'],
        [swap(8, { playerId: hitter }), 'homeLineup.order.8.playerId'],
        [swap(8, { position: 'DH', playerId: hitter }), 'homeLineup.order'],
        [{ ...good, pitcher: roster.find((p) => p.positions[0] === 'P' && p.playerId !== good.order[8].playerId)!.playerId }, 'homeLineup.pitcher'],
        [{ order: good.order.slice(0, 8) }, 'homeLineup.order'],
        [swap(2, { position: 'XX' }), 'homeLineup.order.2.position'],
      ];
      for (const [lineup, field] of cases) {
        const refused = await post(lineup);
        assert.equal(refused.status, 400, `${field}: ${JSON.stringify(refused.body)}`);
        assert.deepEqual(fieldsOf(refused.body), [field], JSON.stringify(refused.body));
      }
    });

    it('plays a PD league with the DH: lineups have a DH and the pitcher does not bat', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server, { rules: 'PD' });
      assert.equal((await commish.client.get(`/api/v1/leagues/${leagueId}`)).body.baseballRules, 'PD');
      const roster = await rosterOf(leagueId, home, commish.client);
      const lineup = lineupFrom(roster, true);
      const created = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: away, homeLineup: lineup, ...IDLE });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.rules, 'PD');
      const { config } = (await loadGameForRoom(em(), created.body.id))!;
      assert.equal(config.home.setup.fielders.P, lineup.pitcher);
      for (const side of ['home', 'away'] as const) {
        assert.deepEqual(config[side].setup.lineup.map((s) => s.position).filter((p) => p === 'DH' || p === 'P'), ['DH']);
      }
      const sbaLineup = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: away, homeLineup: lineupFrom(roster, false) });
      assert.deepEqual([sbaLineup.status, fieldsOf(sbaLineup.body)], [400, ['homeLineup.order']]);
    });

    it('refuses teams that are the same or of another league (400), and a non-baseball league (400)', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const same = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: home });
      assert.deepEqual([same.status, fieldsOf(same.body)], [400, ['awayTeamId']]);
      const foreign = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: crypto.randomUUID() });
      assert.deepEqual([foreign.status, fieldsOf(foreign.body)], [400, ['awayTeamId']]);
      const missing = await commish.client.post(gamesOf(leagueId), { homeTeamId: home });
      assert.deepEqual([missing.status, fieldsOf(missing.body)], [400, ['awayTeamId']]);
      const pace = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: away, pace: 61, decisionSeconds: 0.5 });
      assert.deepEqual([pace.status, fieldsOf(pace.body).sort()], [400, ['decisionSeconds', 'pace']]);

      const football = (await commish.client.post('/api/v1/leagues', { name: 'Gridiron', sport: 'football' })).body;
      const teams = [];
      for (const name of ['A', 'B']) teams.push((await commish.client.post(`/api/v1/leagues/${football.id}/teams`, { name })).body.id);
      const refused = await commish.client.post(gamesOf(football.id), { homeTeamId: teams[0], awayTeamId: teams[1] });
      assert.deepEqual([refused.status, refused.body.error.code], [400, 'NOT_SUPPORTED']);
      const unknown = await commish.client.post(gamesOf(crypto.randomUUID()), { homeTeamId: home, awayTeamId: away });
      assert.equal(unknown.status, 404);
    });

    it('answers 409 ROSTER_INCOMPLETE when a roster cannot field a lineup', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const pitchers = await em().find(Player, { sport: 'baseball', positions: { $contains: ['P'] } }, { fields: ['id'] });
      await em().nativeDelete(RosterEntry, { team: away, player: { $in: pitchers.map((p) => p.id) } });
      const refused = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: away });
      assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.details.teamId], [409, 'ROSTER_INCOMPLETE', away]);
      assert.match(refused.body.error.message, /no starting pitcher/);
      assert.equal(await em().count(Game, {}), 0);
    });

    it('keeps baseball rules for baseball leagues: another sport naming them is a 400', async () => {
      const { client } = await signUp(server.baseUrl, 'founder');
      const refused = await client.post('/api/v1/leagues', { name: 'Gridiron', sport: 'football', baseballRules: 'PD' });
      assert.deepEqual([refused.status, fieldsOf(refused.body)], [400, ['baseballRules']]);
      const sba = (await client.post('/api/v1/leagues', { name: 'Sandlot', sport: 'baseball' })).body;
      assert.equal(sba.baseballRules, 'SBA');
      const pd = (await client.post('/api/v1/leagues', { name: 'Sandlot DH', sport: 'baseball', baseballRules: 'PD' })).body;
      assert.equal((await client.get(`/api/v1/leagues/${pd.id}`)).body.baseballRules, 'PD');
      const bad = await client.post('/api/v1/leagues', { name: 'Sandlot 2', sport: 'baseball', baseballRules: 'MLB' });
      assert.deepEqual([bad.status, fieldsOf(bad.body)], [400, ['baseballRules']]);
    });
  });

  describe('reading games', () => {
    it('lists a league\'s games newest first, by status and team, page by page', async () => {
      const { commish, leagueId, teamIds: [a, b, c] } = await baseballLeague(server, { teams: 3 });
      const ids = [];
      for (const [home, away] of [[a, b], [b, c], [c, a], [a, b]]) ids.push(await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away }));
      await playOutGame(server.app, ids[1]);
      const list = (query: string) => commish.client.get(`${gamesOf(leagueId)}${query}`);

      const all = (await list('')).body;
      assert.deepEqual(all.items.map((g: { id: string }) => g.id).sort(), [...ids].sort());
      const times = all.items.map((g: { createdAt: string }) => Date.parse(g.createdAt));
      assert.deepEqual(times, [...times].sort((x, y) => y - x), 'newest first');
      assert.equal(all.nextCursor, null);

      const final = (await list('?status=final')).body.items;
      assert.deepEqual(final.map((g: { id: string }) => g.id), [ids[1]]);
      assert.equal(final[0].status, 'final');
      assert.ok(final[0].home.score !== final[0].away.score && [b, c].includes(final[0].winnerId));
      assert.equal((await list('?status=scheduled')).body.items.length, 3);
      assert.deepEqual((await list(`?teamId=${c}`)).body.items.map((g: { id: string }) => g.id).sort(), [ids[1], ids[2]].sort());

      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
        seen.push(...page.items.map((g) => g.id));
        cursor = page.nextCursor;
      }
      assert.deepEqual(seen, all.items.map((g: { id: string }) => g.id), 'pages add up to the whole list');
      const badCursor = await list('?cursor=nonsense');
      assert.deepEqual([badCursor.status, fieldsOf(badCursor.body)], [400, ['cursor']]);
      assert.deepEqual(fieldsOf((await list('?status=paused')).body), ['status']);
    });

    it('serves a final game: line score, named box score, play-by-play with dice and WPA, the seed revealed', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const gameId = await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away });
      await playOutGame(server.app, gameId);
      const game = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
      assert.equal(game.status, 'final');
      assert.equal(sha256(game.diceSeed), game.diceCommitment);
      assert.ok(game.inning >= 9);
      assert.notEqual(game.home.score, game.away.score);
      assert.equal(game.winnerId, game.home.score > game.away.score ? home : away);
      assert.deepEqual([game.lineScore.totals.home.r, game.lineScore.totals.away.r], [game.home.score, game.away.score]);
      assert.equal(game.lineScore.away.length, game.inning);
      assert.ok(game.startedAt && game.finishedAt);

      const row = (await em().findOne(Game, { id: gameId }))!;
      assert.deepEqual([row.homeScore, row.awayScore, row.status], [game.home.score, game.away.score, 'final']);

      for (const side of ['home', 'away']) {
        const box = game.box[side];
        assert.equal(box.runs, game[side].score);
        assert.ok(box.batting.length >= 9 && box.pitching.length >= 1);
        for (const line of [...box.batting, ...box.pitching]) assert.equal(line.name, game.players[line.playerId]);
      }
      assert.ok(game.plays.length > 50);
      assert.deepEqual(game.plays.map((p: { number: number }) => p.number), game.plays.map((_: unknown, i: number) => i + 1));
      const first = game.plays[0];
      // The play-by-play fields, and the play record's (test/http/game-plays.test.ts).
      const keys = Object.keys(first);
      for (const key of [
        'awayScore', 'batterId', 'code', 'description', 'dice', 'half', 'homeScore', 'inning', 'kind', 'number',
        'onBaseCode', 'outs', 'outsBefore', 'pitcherId', 'runs', 'wpa', 're24', 'battingOrder', 'onFirstId', 'isGoAhead',
      ]) assert.ok(keys.includes(key), key);
      assert.ok(!keys.includes('moves') && !keys.includes('scored'), 'the raw moves are folded into the runners\' finals');
      assert.deepEqual([first.inning, first.half, first.outsBefore], [1, 'top', 0]);
      assert.ok(game.players[first.batterId] && game.players[first.pitcherId]);
      assert.ok(game.plays.every((p: { dice: Array<{ sides: number; value: number }>; wpa: number }) =>
        p.dice.every((d) => d.value >= 1 && d.value <= d.sides) && Number.isFinite(p.wpa)));
      assert.equal(game.plays.filter((p: { dice: unknown[] }) => p.dice.length > 0).length > 0, true);
    });

    it('never shows a sealed defense decision waiting for the offense', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const gameId = await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away });
      const decision = { infieldIn: true, holdRunners: true };
      await server.app.store.commit({
        stream: gameId,
        events: [
          { seq: 1, type: 'start', payload: { type: 'start', at: 1 }, actor: null },
          { seq: 2, type: 'defense', payload: { type: 'defense', side: 'home', decision, auto: false, at: 2 }, actor: null },
        ],
      });
      const game = await commish.client.get(`/api/v1/games/${gameId}`);
      assert.equal(game.status, 200);
      assert.deepEqual(game.body.plays, []);
      assert.doesNotMatch(JSON.stringify(game.body), /infieldIn|holdRunners/);
    });

    it('answers 404 for an unknown game and 400 for a malformed id', async () => {
      const { client } = await signUp(server.baseUrl, 'reader');
      const unknown = await client.get(`/api/v1/games/${crypto.randomUUID()}`);
      assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'NOT_FOUND']);
      const malformed = await client.get('/api/v1/games/not-a-game');
      assert.deepEqual([malformed.status, malformed.body.error.code], [400, 'INVALID_INPUT']);
      assert.equal((await client.get('/api/v1/games/not-a-game/dice')).status, 400);
      assert.equal((await client.get(`/api/v1/games/${crypto.randomUUID()}/dice`)).status, 404);
    });
  });

  describe('dice', () => {
    /** A league and a stored game of it that nothing plays until the test does. */
    async function leagueGame() {
      const league = await baseballLeague(server);
      const [home, away] = league.teamIds;
      const gameId = await storedGame(server.app, league.leagueId, league.commish.userId, { homeTeamId: home, awayTeamId: away });
      return { ...league, gameId };
    }

    /** Changes the first stored die of the game to another face. */
    async function tamperFirstRoll(gameId: string): Promise<void> {
      const connection = em().getConnection();
      const rows = await connection.execute<Array<{ id: string; payload: any }>>(
        `select id, payload from stream_events where stream = ? and type = 'turn' order by seq`, [gameId]);
      for (const row of rows) {
        const play = row.payload.events.find((e: any) => e.type === 'play' && e.play.dice.length > 0)?.play;
        if (!play) continue;
        play.dice[0].value = (play.dice[0].value % play.dice[0].sides) + 1;
        await connection.execute('update stream_events set payload = ?::jsonb where id = ?', [JSON.stringify(row.payload), row.id]);
        return;
      }
      throw new Error('no stored die');
    }

    it('keeps the seed until the game is final, then verifies every roll; a tampered roll fails', async () => {
      const { commish, gameId } = await leagueGame();
      const before = (await commish.client.get(`/api/v1/games/${gameId}/dice`)).body;
      assert.deepEqual([before.gameId, before.seed, before.rolls, before.verification], [gameId, null, 0, null]);
      assert.match(before.commitment, /^[0-9a-f]{64}$/);

      await playOutGame(server.app, gameId);
      const after = (await commish.client.get(`/api/v1/games/${gameId}/dice`)).body;
      const view = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
      const dice = view.plays.reduce((n: number, p: { dice: unknown[] }) => n + p.dice.length, 0);
      assert.equal(after.rolls, dice);
      assert.ok(after.rolls > 200);
      assert.equal(after.seed, view.diceSeed);
      assert.deepEqual(after.verification, { ok: true, commitmentOk: true, mismatches: [] });

      await tamperFirstRoll(gameId);
      const tampered = (await commish.client.get(`/api/v1/games/${gameId}/dice`)).body;
      assert.equal(tampered.verification.ok, false);
      assert.equal(tampered.verification.commitmentOk, true);
      assert.equal(tampered.verification.mismatches.length, 1);
    });

    it('dice:verify recomputes the rolls locally: exit 0 when they match, 1 when one was changed or the game is not over', async () => {
      const { commish, gameId } = await leagueGame();
      const verify = (...auth: string[]) => run(process.execPath, ['src/baseball/verify-cli.ts', '--url', server.baseUrl, '--game', gameId, ...auth])
        .then(({ stdout }) => ({ code: 0, out: stdout }), (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }));

      const early = await verify('--token', commish.token);
      assert.equal(early.code, 1);
      assert.match(early.out, /revealed when it is final/);

      await playOutGame(server.app, gameId);
      const rolls = (await commish.client.get(`/api/v1/games/${gameId}/dice`)).body.rolls;
      const ok = await verify('--username', commish.username, '--password', 'correct horse battery');
      assert.deepEqual(ok, { code: 0, out: `${rolls} rolls verified, commitment OK\n` });

      await tamperFirstRoll(gameId);
      const bad = await verify('--token', commish.token);
      assert.equal(bad.code, 1);
      assert.match(bad.out, /1 of \d+ rolls do not match the seed\n {2}roll 0 \(d\d+\)/);
    });

    it('a game of two AI sides plays by itself in its room to a verified end', async function () {
      if (!('baseball' in roomDefinitions())) this.skip();
      this.timeout(60_000);
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server, { owned: 0 });
      const created = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: away, pace: 'instant' });
      assert.equal(created.status, 201);
      let game = created.body;
      const until = Date.now() + 50_000;
      while (game.status !== 'final' && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        game = (await commish.client.get(`/api/v1/games/${created.body.id}`)).body;
      }
      assert.equal(game.status, 'final');
      const dice = (await commish.client.get(`/api/v1/games/${game.id}/dice`)).body;
      assert.equal(dice.verification.ok, true);
    });
  });

  describe('standings', () => {
    it('counts final games: W-L, PCT, GB, runs, streaks, home and away', async () => {
      const { commish, leagueId, teamIds: [a, b, c] } = await baseballLeague(server, { teams: 3 });
      for (const [home, away] of [[a, b], [b, c], [c, a]]) {
        await playOutGame(server.app, await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away }));
      }
      await storedGame(server.app, leagueId, commish.userId, { homeTeamId: a, awayTeamId: c }); // not played: not counted
      const games = (await commish.client.get(`${gamesOf(leagueId)}?status=final`)).body.items as Array<{ winnerId: string; home: { teamId: string; score: number }; away: { teamId: string; score: number } }>;
      const reply = await commish.client.get(`/api/v1/leagues/${leagueId}/standings`);
      assert.equal(reply.status, 200);
      const { items, rules } = reply.body;
      assert.equal(rules, 'SBA');
      assert.equal(items.length, 3);
      for (const row of items) {
        const played = games.filter((g) => g.home.teamId === row.teamId || g.away.teamId === row.teamId);
        const won = played.filter((g) => g.winnerId === row.teamId).length;
        assert.deepEqual([row.w, row.l], [won, played.length - won]);
        const runs = played.reduce((sum, g) => sum + (g.home.teamId === row.teamId ? g.home.score : g.away.score), 0);
        assert.equal(row.rs, runs);
        assert.equal(row.diff, row.rs - row.ra);
        assert.match(row.pct, /^(\.\d{3}|1\.000)$/);
        assert.match(row.streak, /^[WL][12]$/);
        assert.equal(row.gb, ((items[0].w - row.w) + (row.l - items[0].l)) / 2);
      }
      assert.equal(items.reduce((n: number, r: { w: number }) => n + r.w, 0), 3);
      assert.equal(items[0].gb, 0);

      const football = (await commish.client.post('/api/v1/leagues', { name: 'Gridiron', sport: 'football' })).body;
      const fantasy = await commish.client.get(`/api/v1/leagues/${football.id}/standings`);
      assert.deepEqual([fantasy.status, fantasy.body.sport, fantasy.body.items], [200, 'football', []], 'a fantasy league gets its fantasy standings');
    });
  });

  describe('listing games by date', () => {
    /** Seven games created at the given times: three of them at the same instant. */
    const CREATED = [
      '2030-04-01T12:00:00Z', '2030-04-02T09:00:00Z', '2030-04-02T09:00:00Z', '2030-04-02T09:00:00Z',
      '2030-04-03T23:59:59Z', '2030-04-04T00:00:00Z', '2030-04-05T08:00:00Z',
    ];

    async function datedGames() {
      const league = await baseballLeague(server, { teams: 3 });
      const { commish, leagueId, teamIds: [a, b, c] } = league;
      const games: Array<{ id: string; at: number; teams: string[] }> = [];
      for (const [i, at] of CREATED.entries()) {
        const [home, away] = [[a, b], [b, c], [c, a]][i % 3];
        const id = await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away });
        await em().nativeUpdate(Game, { id }, { createdAt: new Date(at) });
        games.push({ id, at: Date.parse(at), teams: [home, away] });
      }
      /** The ids created in [from, to), newest first and by id among equals, as the list orders them. */
      const between = (from: string, to: string, teamId?: string) => games
        .filter((g) => g.at >= Date.parse(from) && g.at < Date.parse(to) && (!teamId || g.teams.includes(teamId)))
        .sort((x, y) => y.at - x.at || (x.id < y.id ? 1 : -1))
        .map((g) => g.id);
      return { ...league, games, between };
    }

    it('keeps the games created from `from` (inclusive) to `to` (exclusive), page by page, each once, newest first', async () => {
      const { commish, leagueId, between, teamIds: [a] } = await datedGames();
      const list = (query: string) => commish.client.get(`${gamesOf(leagueId)}?${query}`);
      const pages = async (query: string) => {
        const seen: string[] = [];
        let cursor: string | null = '';
        while (cursor !== null) {
          const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await list(`${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
          seen.push(...page.items.map((g) => g.id));
          cursor = page.nextCursor;
        }
        return seen;
      };

      const days = await pages('from=2030-04-02&to=2030-04-04');
      assert.equal(days.length, 4, 'the 2nd (three games at one instant) and the 3rd; midnight of the 4th is out');
      assert.deepEqual(days, between('2030-04-02', '2030-04-04'));
      assert.equal(new Set(days).size, days.length, 'no game twice');

      assert.deepEqual(await pages('from=2030-04-04'), between('2030-04-04', '2031-01-01'));
      assert.deepEqual(await pages('to=2030-04-02'), between('2000-01-01', '2030-04-02'));
      // A time with an offset: 10:00+01:00 is 09:00Z, the instant of the three tied games.
      assert.deepEqual(await pages('from=2030-04-02T10:00:00%2B01:00&to=2030-04-02T09:00:01Z'), between('2030-04-02T09:00:00Z', '2030-04-02T09:00:01Z'));
      assert.deepEqual(await pages(`from=2030-04-02&teamId=${a}`), between('2030-04-02', '2031-01-01', a));
      assert.deepEqual((await list('from=2030-04-02&status=final')).body.items, []);
    });

    it('refuses a date it cannot read and a `to` not after `from` (400)', async () => {
      const { commish, leagueId } = await baseballLeague(server);
      const list = (query: string) => commish.client.get(`${gamesOf(leagueId)}?${query}`);
      for (const [query, field] of [
        ['from=yesterday', 'from'], ['to=2030-13-01', 'to'], ['from=2030-04-02T10:00:00', 'from'],
        ['from=2030-04-02&to=2030-04-01', 'to'], ['from=2030-04-02&to=2030-04-02', 'to'],
      ]) {
        const refused = await list(query);
        assert.deepEqual([refused.status, fieldsOf(refused.body)], [400, [field]], `${query}: ${JSON.stringify(refused.body)}`);
      }
    });
  });
});
