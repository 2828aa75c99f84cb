import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { baseballLeague, playedGames } from '../helpers/baseball.ts';

/** GET /api/v1/games/:id/plays and the play record in GET /api/v1/games/:id (PROTOCOL.md "The play record"). */
describe('the play record over REST', () => {
  const server = useTestServer();

  it('serves every play as a row with runners by id, RE24 and the situation flags, and every substitution', async () => {
    const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server, { teams: 2, owned: 0 });
    const [gameId] = await playedGames(server.app, leagueId, commish.userId, [[home, away]]);
    const reply = await commish.client.get(`/api/v1/games/${gameId}/plays`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const { plays, substitutions } = reply.body;
    const view = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
    assert.equal(reply.body.status, 'final');
    assert.deepEqual([reply.body.homeTeamId, reply.body.awayTeamId], [home, away]);
    assert.equal(plays.length, view.plays.length);
    assert.deepEqual(plays.map((p: any) => p.number), view.plays.map((p: any) => p.number));
    const runs = plays.reduce((sum: number, p: any) => sum + p.runs, 0);
    assert.equal(runs, view.away.score + view.home.score);
    const players = new Set(Object.keys(view.players));
    for (const row of plays) {
      for (const id of [row.batterId, row.pitcherId, row.catcherId, row.onFirstId, row.onSecondId, row.onThirdId]) if (id) assert.ok(players.has(id), id);
      assert.ok(Number.isInteger(row.battingOrder) && row.battingOrder >= 1 && row.battingOrder <= 9);
      assert.equal(typeof row.re24, 'number');
      assert.equal(typeof row.isGoAhead, 'boolean');
      assert.ok(Array.isArray(row.tactics));
    }
    assert.equal(plays[0].isNewInning, true);
    assert.equal(plays[0].isTied, true);
    assert.ok(plays.some((p: any) => p.isGoAhead));
    assert.deepEqual(view.plays[0].re24, plays[0].re24, 'GET /games/:id carries the same rows');
    assert.deepEqual(view.substitutions, substitutions);
    for (const sub of substitutions) {
      assert.ok(players.has(sub.inId) && players.has(sub.outId));
      assert.ok([home, away].includes(sub.teamId));
      assert.ok(sub.afterPlay >= 0 && sub.afterPlay <= plays.length);
    }
    assert.ok(substitutions.some((s: any) => s.kind === 'pitcher'), 'an AI game changes pitchers');
  });

  it("shows a hitters' park's ballpark results as their own plays, in the box and in season stats", async () => {
    const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server, { teams: 2, owned: 0 });
    const patched = await commish.client.raw('PATCH', `/api/v1/leagues/${leagueId}/teams/${home}`, { park: 'thin-air' });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    // About two ballpark results a game: play games (each with its own secret dice) until both kinds have come up.
    const rows: any[] = [];
    const sum = (lines: any[], key: string) => lines.reduce((n: number, line: any) => n + line[key], 0);
    for (let game = 0; game < 8 && !(rows.some((r) => r.outcome === 'BP-HR') && rows.some((r) => r.outcome === 'BP-1B')); game++) {
      const [gameId] = await playedGames(server.app, leagueId, commish.userId, [[home, away]]);
      const view = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
      assert.deepEqual(view.park.bp, { hr: 18, single: 20 }, "the game's park with its ballpark ratings");
      const record = (await commish.client.get(`/api/v1/games/${gameId}/plays`)).body.plays;
      for (const key of ['bphr', 'bpfo', 'bp1b', 'bplo']) {
        const played = record.filter((p: any) => p[key] === 1).length;
        assert.equal(view.plays.filter((p: any) => p[key] === 1).length, played, `GET /games/:id has the ${key} rows too`);
        const box = [...view.box.away.batting, ...view.box.home.batting];
        assert.equal(sum(box, key), played, `the batting lines count ${key}`);
        assert.equal(sum([...view.box.away.pitching, ...view.box.home.pitching], key), played, `the pitching lines count ${key}`);
      }
      rows.push(...record);
    }
    const ballpark = rows.filter((r) => r.outcome === 'BP-HR' || r.outcome === 'BP-1B');
    assert.ok(ballpark.some((r) => r.outcome === 'BP-HR') && ballpark.some((r) => r.outcome === 'BP-1B'), 'both kinds came up');
    for (const row of ballpark) {
      // The park's d20 comes after the card's four dice (a play may roll others first: a steal, a jump).
      const rolled = Number(/park d20 (\d+)/.exec(row.description)?.[1]);
      const park = row.dice.find((d: { sides: number; value: number }, i: number) => i >= 4 && d.sides === 20 && d.value === rolled);
      assert.ok(park, `the park's d20 (${rolled}) is among the play's dice after the card's four: ${JSON.stringify(row.dice)}`);
      if (row.outcome === 'BP-HR') {
        assert.equal(row.bphr + row.bpfo, 1);
        assert.equal(row.bphr, park.value <= 18 ? 1 : 0, 'a homer on a roll of 18 or less');
        assert.equal(row.hr, row.bphr);
        assert.match(row.description, row.bphr ? /ballpark home run/ : /ballpark fly out/);
      } else {
        assert.deepEqual([row.bp1b, row.bplo, row.code], [1, 0, '1B'], 'rated 20: every BP 1B is a single');
        assert.match(row.description, /ballpark single/);
      }
    }
    for (const row of rows.filter((r) => !r.outcome?.startsWith('BP-'))) assert.equal(row.bphr + row.bpfo + row.bp1b + row.bplo, 0);
    const season = (await commish.client.get(`/api/v1/leagues/${leagueId}/stats/batting?limit=100`)).body.items;
    const pitching = (await commish.client.get(`/api/v1/leagues/${leagueId}/stats/pitching?limit=100`)).body.items;
    for (const key of ['bphr', 'bpfo', 'bp1b', 'bplo']) {
      const played = rows.filter((r) => r[key] === 1).length;
      assert.equal(sum(season, key), played, `season batting ${key}`);
      assert.equal(sum(pitching, key), played, `season pitching ${key}`);
    }
  });

  it('answers 400 for an id that is not a uuid and 404 for an unknown game', async () => {
    const { commish } = await baseballLeague(server, { teams: 2, owned: 0 });
    assert.equal((await commish.client.get('/api/v1/games/nope/plays')).status, 400);
    assert.equal((await commish.client.get(`/api/v1/games/${crypto.randomUUID()}/plays`)).status, 404);
  });
});
