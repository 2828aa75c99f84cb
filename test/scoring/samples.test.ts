import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { emOf, playerIds, readSample, scoringLeague } from '../helpers/scoring.ts';
import { DEMO_USER, seed } from '../../src/db/seed.ts';
import { generateSampleData } from '../../src/seed/index.ts';
import { scoreStatEvents, storeStatEvents } from '../../src/scoring/ingest.ts';

describe('sample stat feeds', () => {
  const server = useTestServer();

  it('ship a week of football over every position and one race weekend of all 20 drivers, with unique keys', () => {
    const football = readSample('football-week1.jsonl');
    const f1 = readSample('f1-monaco.jsonl');
    const externalIds = new Set(generateSampleData().players.map((p) => p.externalId));
    for (const line of [...football, ...f1]) assert.ok(externalIds.has(line.playerExternalId), line.playerExternalId);
    assert.equal(new Set([...football, ...f1].map((l) => l.key)).size, football.length + f1.length);
    const positions = new Set(football.map((l) => l.playerExternalId.split(':')[1].split('-')[0]));
    assert.deepEqual([...positions].sort(), ['def', 'k', 'qb', 'rb', 'te', 'wr']);
    assert.ok(football.length >= 200);
    assert.deepEqual(new Set(football.map((l) => l.period)), new Set(['2026-W01']));
    assert.equal(new Set(f1.map((l) => l.playerExternalId)).size, 20);
    const finishes = f1.flatMap((l) => (l.sport === 'f1' && l.stats.finish ? [l.stats.finish] : [])).sort((a, b) => a - b);
    assert.deepEqual(finishes, Array.from({ length: finishes.length }, (_, i) => i + 1), 'finish places are 1..n once each');
  });

  it('score for rostered teams, and ingesting them again changes nothing', async () => {
    const football = await scoringLeague(server, 'football', 2);
    await football.roster(football.teamIds[0], ['football:qb-01', 'football:rb-01', 'football:wr-01', 'football:te-01', 'football:k-01', 'football:def-01']);
    await football.roster(football.teamIds[1], ['football:qb-02', 'football:rb-02', 'football:wr-02', 'football:te-02', 'football:k-02', 'football:def-02']);
    const f1 = await scoringLeague(server, 'f1', 2);
    await f1.roster(f1.teamIds[0], ['f1:drv-01', 'f1:drv-02']);
    await f1.roster(f1.teamIds[1], ['f1:drv-16', 'f1:drv-18']);
    const lines = [...readSample('football-week1.jsonl'), ...readSample('f1-monaco.jsonl')];
    const stored = await storeStatEvents(emOf(server), lines);
    assert.deepEqual([stored.storedIds.length, stored.duplicates, stored.unknownPlayers], [lines.length, 0, []]);
    assert.deepEqual(await scoreStatEvents(emOf(server), stored.storedIds), { scores: 12 + 4 });
    // Each league's own commissioner reads it: leagues are private to their members.
    const standings = async (league: typeof football) => (await league.commish.client.get(`/api/v1/leagues/${league.leagueId}/fantasy-standings`)).body;
    const footballBefore = await standings(football);
    assert.ok(footballBefore.items.every((t: { total: number }) => t.total !== 0));
    // drv-16 won from 3rd on the grid after qualifying 3rd (25 + 2 + 1); drv-18 retired (-5).
    const f1Standings = await standings(f1);
    assert.deepEqual(f1Standings.items.find((t: { teamId: string }) => t.teamId === f1.teamIds[1]).periods, { 'monaco-2026': 23 });
    const again = await storeStatEvents(emOf(server), lines);
    assert.deepEqual([again.storedIds, again.duplicates], [[], lines.length]);
    assert.deepEqual(await standings(football), footballBefore);
  });

  it('score in the seeded sample leagues as they come (football rosters by a snake by rank, F1 by race drafts), under the default rules they get on first use', async () => {
    await seed(server.app.storage.orm, { withLeagues: true });
    const login = await api(server.baseUrl).post('/api/v1/auth/login', DEMO_USER);
    const demo = api(server.baseUrl, login.body.token);
    const leagues = (await demo.get('/api/v1/leagues')).body.items as Array<{ id: string; name: string }>;
    const f1 = leagues.find((l) => l.name === 'Sample F1 League')!;
    const football = leagues.find((l) => l.name === 'Sample Football League')!;
    const f1Teams = (await demo.get(`/api/v1/leagues/${f1.id}/teams`)).body.items as Array<{ roster: unknown[] }>;
    assert.ok(f1Teams.every((t) => t.roster.length === 0), 'F1 teams hold drivers race by race, not on season rosters');
    const footballTeams = (await demo.get(`/api/v1/leagues/${football.id}/teams`)).body.items as Array<{ roster: unknown[] }>;
    // 15 drafted, plus a kicker and a defense for a team the snake by rank left without.
    assert.ok(footballTeams.every((t) => t.roster.length >= 15 && t.roster.length <= 17), 'each football team has 15 drafted players, a kicker and a defense');
    const raced = [...readSample('f1-aurora-2026.jsonl'), ...readSample('f1-solano-2026.jsonl')];
    const { storedIds } = await storeStatEvents(emOf(server), [...raced, ...readSample('football-week1.jsonl')]);
    const { scores } = await scoreStatEvents(emOf(server), storedIds);
    assert.ok(scores >= 2 * 20 + 12 * 10, `every F1 driver of both races and most rostered football players score (${scores})`);
    // The football league plays a season: its week 1 matchups score the sample week's starters live.
    const week1 = (await demo.get(`/api/v1/leagues/${football.id}/matchups?period=1`)).body;
    assert.equal(week1.items.length, 6);
    assert.equal(week1.period.key, '2026-W01');
    type Side = { points: number; auto: boolean; starters: Array<{ playerId: string | null }> };
    assert.ok(week1.items.every((m: { home: Side; away: Side }) => m.home.auto && m.home.points > 0 && m.away.points > 0));
    assert.ok(week1.items.every((m: { home: Side; away: Side }) => [m.home, m.away].every((side) => side.starters.every((s) => s.playerId))), 'every slot filled');
    const rules = (await demo.get(`/api/v1/leagues/${f1.id}/scoring-rules`)).body;
    assert.deepEqual([rules.activeVersion, rules.active.preset], [1, 'f1']);
    for (const league of [f1, football]) {
      const standings = (await demo.get(`/api/v1/leagues/${league.id}/fantasy-standings`)).body;
      assert.ok(standings.items.length >= 10 && standings.items.every((t: { total: number }) => t.total !== 0), `${league.name} standings`);
    }
  });
});
