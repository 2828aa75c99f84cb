import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { baseballLeague, playOutGame, playedGames, storedGame } from '../helpers/baseball.ts';
import { Game, Player, PlayerGameLine, type LineKind } from '../../src/db/entities/index.ts';
import { loadGameForRoom } from '../../src/baseball/service.ts';
import { playsOf } from '../../src/baseball/live.ts';
import { boxScore } from '../../src/baseball/stats.ts';
import { gameLinesProjection } from '../../src/stats/lines.ts';

const BATTING = ['pa', 'ab', 'r', 'h', 'double', 'triple', 'hr', 'rbi', 'bb', 'so', 'hbp', 'sac', 'sb', 'cs', 'gidp'] as const;
const PITCHING = ['outs', 'bf', 'h', 'r', 'er', 'bb', 'so', 'hr', 'hbp', 'wp', 'balk', 'pitches'] as const;
/** playOutGame plays every game in April 2030. */
const SEASON = 2030;

type Line = Record<string, number> & { playerId: string };
type Side = { runs: number; batting: Line[]; pitching: Line[] };
type Item = Record<string, any> & { playerId: string };

const pickAll = (line: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, line[k]]));

describe('season stats REST', () => {
  const server = useTestServer();

  const em = () => server.app.storage.orm.em.fork();
  const fieldsOf = (body: { error: { details: { fields: Array<{ path: string }> } } }) => body.error.details.fields.map((f) => f.path);
  const statsOf = (leagueId: string, kind: LineKind) => `/api/v1/leagues/${leagueId}/stats/${kind}`;

  /** Every page of a list, following nextCursor; fails on a page past the tenth. */
  async function allPages(client: { get(path: string): Promise<{ status: number; body: any }> }, path: string): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let page = 0; page === 0 || cursor !== null; page++) {
      assert.ok(page < 10, 'too many pages');
      const reply = await client.get(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      items.push(...reply.body.items);
      cursor = reply.body.nextCursor;
    }
    return items;
  }

  describe('the lines a final game writes', () => {
    it('writes every player\'s box line with the game\'s decisions when the game goes final, and again changes nothing', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const gameId = await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away });
      assert.equal(await em().count(PlayerGameLine, {}), 0);
      await playOutGame(server.app, gameId);
      const game = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
      const rows = await em().find(PlayerGameLine, { game: gameId });
      const teamOf = { home, away };
      let lines = 0;
      for (const side of ['home', 'away'] as const) {
        const box: Side = game.box[side];
        for (const line of box.batting) {
          const row = rows.find((r) => r.player === line.playerId && r.kind === 'batting')!;
          assert.deepEqual(pickAll(row, BATTING), pickAll(line, BATTING), line.playerId);
          assert.deepEqual([row.team, row.league, row.season], [teamOf[side], leagueId, SEASON]);
          assert.ok(row.sf <= row.sac);
        }
        box.pitching.forEach((line, i) => {
          const row = rows.find((r) => r.player === line.playerId && r.kind === 'pitching')!;
          assert.deepEqual(pickAll(row, PITCHING), pickAll(line, PITCHING), line.playerId);
          assert.equal(row.gs, i === 0 ? 1 : 0, 'the first pitcher of a side started');
        });
        lines += box.batting.length + box.pitching.length;
      }
      assert.equal(rows.length, lines);
      const winner = game.winnerId;
      const decided = (key: 'w' | 'l' | 'sv') => rows.filter((r) => r[key] === 1);
      assert.equal(decided('w').length, 1);
      assert.equal(decided('l').length, 1);
      assert.ok(decided('sv').length <= 1);
      assert.equal(decided('w')[0].team, winner);
      assert.notEqual(decided('l')[0].team, winner);
      for (const save of decided('sv')) assert.ok(save.team === winner && save.w === 0);

      // Written again (a retried commit), the lines stay as they were: one row a player and kind.
      const loaded = (await loadGameForRoom(em(), gameId))!;
      const plays = playsOf(loaded.events);
      const again = gameLinesProjection(loaded.config, plays, boxScore(plays), loaded.game.finishedAt!);
      await em().transactional(async (tx) => { await again(tx); await again(tx); });
      const after = await em().find(PlayerGameLine, { game: gameId });
      assert.equal(after.length, rows.length);
      const strip = (r: PlayerGameLine) => ({ ...r, id: 0 });
      assert.deepEqual(after.map(strip).sort((x, y) => `${x.player}${x.kind}`.localeCompare(`${y.player}${y.kind}`)),
        rows.map(strip).sort((x, y) => `${x.player}${x.kind}`.localeCompare(`${y.player}${y.kind}`)));
    });

    it('writes nothing for a game that is not final', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away });
      const reply = await commish.client.get(`${statsOf(leagueId, 'batting')}`);
      assert.equal(reply.status, 200);
      assert.deepEqual([reply.body.items, reply.body.nextCursor, reply.body.season], [[], null, new Date().getUTCFullYear()]);
    });
  });

  describe('league leaders', () => {
    it('adds up to the box scores of the league\'s final games, player by player', async () => {
      const { commish, leagueId, teamIds: [a, b, c] } = await baseballLeague(server, { teams: 3 });
      const ids = await playedGames(server.app, leagueId, commish.userId, [[a, b], [b, c], [c, a], [a, b]]);
      await storedGame(server.app, leagueId, commish.userId, { homeTeamId: c, awayTeamId: b }); // not played: not counted

      const expected = { batting: new Map<string, Line & { g: number; teamId: string }>(), pitching: new Map<string, Line & { g: number; teamId: string }>() };
      for (const id of ids) {
        const game = (await commish.client.get(`/api/v1/games/${id}`)).body;
        for (const side of ['home', 'away'] as const) {
          for (const kind of ['batting', 'pitching'] as const) {
            for (const line of (game.box[side] as Side)[kind]) {
              const keys = kind === 'batting' ? BATTING : PITCHING;
              const sum = expected[kind].get(line.playerId) ?? { playerId: line.playerId, g: 0, teamId: game[side].teamId, ...Object.fromEntries(keys.map((k) => [k, 0])) } as Line & { g: number; teamId: string };
              for (const k of keys) sum[k] += line[k];
              sum.g++;
              expected[kind].set(line.playerId, sum);
            }
          }
        }
      }

      for (const kind of ['batting', 'pitching'] as const) {
        const reply = await commish.client.get(`${statsOf(leagueId, kind)}?limit=100`);
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assert.deepEqual([reply.body.leagueId, reply.body.season, reply.body.nextCursor], [leagueId, SEASON, null]);
        const items: Item[] = reply.body.items;
        assert.equal(items.length, expected[kind].size, kind);
        const keys = kind === 'batting' ? BATTING : PITCHING;
        for (const item of items) {
          const sum = expected[kind].get(item.playerId)!;
          assert.ok(sum, `${item.playerId} played`);
          assert.deepEqual(pickAll(item, [...keys, 'g', 'teamId']), pickAll(sum, [...keys, 'g', 'teamId']), `${kind} ${item.name}`);
          assert.ok(item.name && ['Team 1', 'Team 2', 'Team 3'].includes(item.team));
        }
      }
      const pitching: Item[] = (await commish.client.get(`${statsOf(leagueId, 'pitching')}?limit=100`)).body.items;
      const total = (key: string) => pitching.reduce((n, p) => n + p[key], 0);
      assert.deepEqual([total('w'), total('l'), total('gs')], [4, 4, 8], 'a win, a loss and two starts a game');
      assert.ok(total('sv') <= 4);
    });

    it('computes the rates from the summed counts (a hand-made case)', async () => {
      const { commish, leagueId, line, players: [x, y, p, q] } = await handMade();
      await line(0, 0, x, 'batting', { pa: 5, ab: 4, h: 2, double: 1, bb: 1, r: 1, rbi: 2 });
      await line(1, 1, x, 'batting', { pa: 5, ab: 3, h: 1, hr: 1, hbp: 1, sac: 1, sf: 1, so: 1, r: 1, rbi: 1 });
      await line(0, 0, y, 'batting', { pa: 2, bb: 2 });
      await line(0, 0, p, 'pitching', { outs: 20, er: 5, r: 6, bb: 3, h: 7, so: 6, gs: 1, l: 1 });
      await line(1, 0, p, 'pitching', { outs: 7, h: 2, so: 3, w: 1 });
      await line(2, 0, q, 'pitching', { er: 2, r: 2, h: 2 });

      const batting: Item[] = (await commish.client.get(statsOf(leagueId, 'batting'))).body.items;
      const bx = batting.find((i) => i.playerId === x)!;
      // AVG 3/7; OBP (3+1+1)/(7+1+1+1); SLG (3 + 1 + 3×1)/7; OPS .500 + 1.000.
      assert.deepEqual(pickAll(bx, ['g', 'pa', 'ab', 'h', 'double', 'hr', 'bb', 'hbp', 'sac', 'sf', 'avg', 'obp', 'slg', 'ops']),
        { g: 2, pa: 10, ab: 7, h: 3, double: 1, hr: 1, bb: 1, hbp: 1, sac: 1, sf: 1, avg: '.429', obp: '.500', slg: '1.000', ops: '1.500' });
      const by = batting.find((i) => i.playerId === y)!;
      assert.deepEqual(pickAll(by, ['avg', 'obp', 'slg', 'ops']), { avg: null, obp: '1.000', slg: null, ops: null }, 'no at-bat: no AVG or SLG');

      const pitching: Item[] = (await commish.client.get(statsOf(leagueId, 'pitching'))).body.items;
      const pp = pitching.find((i) => i.playerId === p)!;
      // 27 outs = 9.0 IP; ERA 9×5/9; WHIP (3+9)/9.
      assert.deepEqual(pickAll(pp, ['g', 'gs', 'w', 'l', 'sv', 'outs', 'ip', 'er', 'era', 'whip']),
        { g: 2, gs: 1, w: 1, l: 1, sv: 0, outs: 27, ip: '9.0', er: 5, era: '5.00', whip: '1.33' });
      const pq = pitching.find((i) => i.playerId === q)!;
      assert.deepEqual(pickAll(pq, ['ip', 'era', 'whip']), { ip: '0.0', era: null, whip: null }, 'no out: no ERA or WHIP');
      assert.equal(pitching.at(-1)!.playerId, q, 'by ERA, a pitcher without one comes last');

      const log = (await commish.client.get(`/api/v1/players/${p}/stats`)).body.games;
      assert.deepEqual(log.map((g: { pitching: { ip: string; outs: number } }) => [g.pitching.ip, g.pitching.outs]), [['6.2', 20], ['2.1', 7]]);
    });

    it('sorts by any stat and pages through ties without repeating or skipping a player', async () => {
      const { commish, leagueId, line, players } = await handMade();
      const hits = [3, 1, 3, 2, 3, 2, 0];
      const batters = players.slice(0, hits.length);
      for (const [i, id] of batters.entries()) await line(0, 0, id, 'batting', { pa: 4, ab: 4, h: hits[i], hr: i % 2 });
      const ranked = (by: (id: string) => number) => [...batters].sort((u, v) => by(v) - by(u) || u.localeCompare(v));
      const hitsOf = (id: string) => hits[batters.indexOf(id)];

      const hrOf = (id: string) => batters.indexOf(id) % 2;
      for (const sort of ['h', 'avg']) {
        const items = await allPages(commish.client, `${statsOf(leagueId, 'batting')}?sort=${sort}&limit=2`);
        assert.deepEqual(items.map((i) => i.playerId), ranked(hitsOf), `by ${sort}: most first, ties by player id`);
      }
      const byHr = await allPages(commish.client, `${statsOf(leagueId, 'batting')}?sort=hr&limit=3`);
      assert.deepEqual(byHr.map((i) => i.playerId), ranked(hrOf));
      // OPS = H/AB + (H + 3 HR)/AB: 1.750 twice, 1.500 three times, 1.250, .000.
      const byOps = await allPages(commish.client, `${statsOf(leagueId, 'batting')}?sort=ops&limit=2`);
      assert.deepEqual(byOps.map((i) => i.playerId), ranked((id) => 2 * hitsOf(id) + 3 * hrOf(id)));
      assert.deepEqual(byOps.map((i) => i.ops), ['1.750', '1.750', '1.500', '1.500', '1.500', '1.250', '.000']);

      // ERA ascending, equal ERAs (3.00 over 3 and over 6 innings) by player id, no ERA last.
      const [p0, p1, p2, p3, p4] = players.slice(hits.length);
      await line(0, 0, p0, 'pitching', { outs: 9, er: 1 });
      await line(0, 0, p1, 'pitching', { outs: 18, er: 2 });
      await line(0, 0, p2, 'pitching', { outs: 3, er: 0 });
      await line(0, 0, p3, 'pitching', { outs: 0, er: 1 });
      await line(0, 0, p4, 'pitching', { outs: 0, h: 1 });
      // A page may end on a pitcher without an ERA: its cursor continues to the next one.
      const byEra = await allPages(commish.client, `${statsOf(leagueId, 'pitching')}?sort=era&limit=1`);
      assert.deepEqual(byEra.map((i) => i.playerId), [p2, ...[p0, p1].sort(), ...[p3, p4].sort()]);
      assert.deepEqual(byEra.map((i) => i.era), ['0.00', '3.00', '3.00', null, null]);
      const byIp = await allPages(commish.client, `${statsOf(leagueId, 'pitching')}?sort=ip&limit=3`);
      assert.deepEqual(byIp.map((i) => i.ip), ['6.0', '3.0', '1.0', '0.0', '0.0']);

      // A cursor continues only the list it came from.
      const first = (await commish.client.get(`${statsOf(leagueId, 'batting')}?sort=h&limit=2`)).body;
      const mixed = await commish.client.get(`${statsOf(leagueId, 'batting')}?sort=hr&limit=2&cursor=${first.nextCursor}`);
      assert.deepEqual([mixed.status, fieldsOf(mixed.body)], [400, ['cursor']]);
      const otherKind = await commish.client.get(`${statsOf(leagueId, 'pitching')}?sort=h&limit=2&cursor=${first.nextCursor}`);
      assert.deepEqual([otherKind.status, fieldsOf(otherKind.body)], [400, ['cursor']]);
    });

    it('leaves out players under minPa / minOuts, filters by team and season', async () => {
      const { commish, leagueId, line, teamIds: [a, b], players: [x, y, p, q] } = await handMade();
      await line(0, 0, x, 'batting', { pa: 6, ab: 6, h: 2 });
      await line(1, 1, x, 'batting', { pa: 4, ab: 4, h: 2 }); // traded: his later game is for team B
      await line(0, 0, y, 'batting', { pa: 9, ab: 9, h: 1 });
      await line(0, 0, p, 'pitching', { outs: 21 });
      await line(1, 0, q, 'pitching', { outs: 20 });
      await line(2, 0, y, 'batting', { pa: 4, ab: 4, h: 4 }, 2029);
      const ids = (items: Item[]) => items.map((i) => i.playerId);
      const batting = (query: string) => commish.client.get(`${statsOf(leagueId, 'batting')}?${query}`);

      assert.deepEqual(ids((await batting('minPa=10')).body.items), [x]);
      assert.deepEqual(ids((await batting('minPa=9&sort=pa')).body.items), [x, y]);
      assert.deepEqual(ids((await commish.client.get(`${statsOf(leagueId, 'pitching')}?minOuts=21`)).body.items), [p]);

      const all = (await batting('sort=pa')).body;
      assert.equal(all.season, SEASON, 'the latest season with stats');
      const traded = all.items.find((i: Item) => i.playerId === x);
      assert.deepEqual([traded.pa, traded.teamId, traded.team], [10, b, 'Team 2'], 'shown with his latest team');
      const withA = (await batting(`teamId=${a}&sort=pa`)).body.items;
      assert.deepEqual(withA.map((i: Item) => [i.playerId, i.pa, i.teamId]), [[y, 9, a], [x, 6, a]]);

      const earlier = (await batting('season=2029')).body;
      assert.deepEqual([earlier.season, ids(earlier.items), earlier.items[0].avg], [2029, [y], '1.000']);
      assert.deepEqual((await batting('season=2031')).body.items, []);
    });

    it('answers 404 for an unknown league and 400 for a bad query or another sport', async () => {
      const { commish, leagueId } = await baseballLeague(server);
      const get = (path: string) => commish.client.get(path);
      assert.equal((await get(statsOf(crypto.randomUUID(), 'batting'))).status, 404);
      assert.equal((await get('/api/v1/leagues/nope/stats/pitching')).status, 404);
      assert.equal((await get(`/api/v1/leagues/${leagueId}/stats/fielding`)).status, 404);
      const cases: Array<[string, string]> = [
        ['batting?sort=era', 'sort'], ['pitching?sort=avg', 'sort'], ['batting?minPa=-1', 'minPa'],
        ['pitching?minOuts=x', 'minOuts'], ['batting?season=abc', 'season'], ['batting?limit=0', 'limit'],
        [`batting?teamId=${crypto.randomUUID()}`, 'teamId'], ['batting?teamId=nope', 'teamId'], ['pitching?cursor=nonsense', 'cursor'],
      ];
      for (const [query, field] of cases) {
        const reply = await get(`/api/v1/leagues/${leagueId}/stats/${query}`);
        assert.deepEqual([reply.status, fieldsOf(reply.body)], [400, [field]], `${query}: ${JSON.stringify(reply.body)}`);
      }
      const football = (await commish.client.post('/api/v1/leagues', { name: 'Gridiron', sport: 'football' })).body;
      const refused = await get(statsOf(football.id, 'batting'));
      assert.deepEqual([refused.status, refused.body.error.code], [400, 'NOT_SUPPORTED']);
    });
  });

  describe('a player\'s season', () => {
    it('sums his lines per league and logs his games, oldest first, with the result of each', async () => {
      const { commish, leagueId, teamIds: [a, b] } = await baseballLeague(server);
      const ids = await playedGames(server.app, leagueId, commish.userId, [[a, b], [b, a], [a, b]]);
      const games = await Promise.all(ids.map(async (id) => (await commish.client.get(`/api/v1/games/${id}`)).body));
      // A starter of the first game: team A's first pitcher (he may or may not pitch again).
      const starter: string = games[0].box.home.pitching[0].playerId;
      const hitter: string = games[0].box.home.batting[0].playerId;

      const reply = await commish.client.get(`/api/v1/players/${hitter}/stats`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const season = reply.body;
      assert.deepEqual([season.playerId, season.season, season.seasons], [hitter, SEASON, [SEASON]]);
      assert.equal(season.name, games[0].players[hitter]);
      const leader = (await commish.client.get(`${statsOf(leagueId, 'batting')}?limit=100`)).body.items.find((i: Item) => i.playerId === hitter);
      assert.equal(season.leagues.length, 1);
      assert.deepEqual(season.leagues[0].batting, pickAll(leader, Object.keys(season.leagues[0].batting)));
      assert.deepEqual([season.leagues[0].leagueId, season.leagues[0].teamId, season.leagues[0].team], [leagueId, a, 'Team 1']);

      const played = games.filter((g) => [...g.box.home.batting, ...g.box.away.batting].some((l: Line) => l.playerId === hitter))
        .sort((g, h) => Date.parse(g.finishedAt) - Date.parse(h.finishedAt) || g.id.localeCompare(h.id));
      assert.deepEqual(season.games.map((g: { gameId: string }) => g.gameId), played.map((g) => g.id), 'oldest first');
      for (const [i, entry] of season.games.entries()) {
        const game = played[i];
        const side = game.home.teamId === a ? 'home' : 'away';
        const other = side === 'home' ? 'away' : 'home';
        const line = (game.box[side] as Side).batting.find((l) => l.playerId === hitter)!;
        assert.deepEqual(pickAll(entry.batting, BATTING), pickAll(line, BATTING));
        assert.deepEqual([entry.teamId, entry.opponentId, entry.opponent, entry.home, entry.leagueId], [a, b, 'Team 2', side === 'home', leagueId]);
        const [runs, allowed] = [game[side].score, game[other].score];
        assert.equal(entry.result, `${runs > allowed ? 'W' : 'L'} ${runs}-${allowed}`);
        assert.equal(entry.pitching, null);
      }

      const pitcher = (await commish.client.get(`/api/v1/players/${starter}/stats?leagueId=${leagueId}`)).body;
      assert.equal(pitcher.leagues[0].batting === null, games[0].box.home.batting.every((l: Line) => l.playerId !== starter), 'SBA: a pitcher bats');
      assert.equal(pitcher.leagues[0].pitching.gs >= 1, true);
      assert.equal(pitcher.games[0].pitching.gs, 1);
      assert.match(pitcher.games[0].pitching.ip, /^\d+\.[012]$/);

      const none = (await commish.client.get(`/api/v1/players/${hitter}/stats?season=2029`)).body;
      assert.deepEqual([none.season, none.seasons, none.leagues, none.games], [2029, [SEASON], [], []]);
    });

    it('answers 404 for an unknown player or league and 400 for a bad season', async () => {
      const { client } = await signUp(server.baseUrl, 'reader');
      await baseballLeague(server);
      const player = (await em().findOne(Player, { sport: 'baseball' }))!;
      assert.equal((await client.get(`/api/v1/players/${crypto.randomUUID()}/stats`)).status, 404);
      assert.equal((await client.get('/api/v1/players/nobody/stats')).status, 404);
      assert.equal((await client.get(`/api/v1/players/${player.id}/stats?leagueId=${crypto.randomUUID()}`)).status, 404);
      const bad = await client.get(`/api/v1/players/${player.id}/stats?season=20x`);
      assert.deepEqual([bad.status, fieldsOf(bad.body)], [400, ['season']]);
      const empty = (await client.get(`/api/v1/players/${player.id}/stats`)).body;
      assert.deepEqual([empty.name, empty.leagues, empty.games, empty.seasons], [player.name, [], [], []]);
    });
  });

  /**
   * A baseball league with three stored games (not played) and a way to write lines for them by
   * hand: line(game, team, player, kind, counts, season?) — game and team by index.
   */
  async function handMade() {
    const league = await baseballLeague(server, { teams: 2 });
    const { commish, leagueId, teamIds } = league;
    const games: string[] = [];
    for (let i = 0; i < 3; i++) games.push(await storedGame(server.app, leagueId, commish.userId, { homeTeamId: teamIds[0], awayTeamId: teamIds[1] }));
    const players = (await em().find(Player, { sport: 'baseball' }, { orderBy: { externalId: 'asc' }, limit: 16 })).map((p) => p.id);
    const line = async (game: number, team: number, player: string, kind: LineKind, counts: Partial<PlayerGameLine>, season = SEASON) => {
      await em().insert(PlayerGameLine, {
        game: games[game], league: leagueId, team: teamIds[team], player, kind, season,
        finishedAt: new Date(Date.UTC(season, 4, 1 + game)), ...counts,
      });
    };
    await em().nativeUpdate(Game, { id: { $in: games } }, { status: 'final', homeScore: 5, awayScore: 3, winner: teamIds[0] });
    return { ...league, games, players, line };
  }
});
