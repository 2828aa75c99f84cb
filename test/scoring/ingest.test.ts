import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { emOf, footballLine, playerIds, scoringLeague } from '../helpers/scoring.ts';
import { FantasyScore, Player, RosterEntry, ScoringRulesVersion, StatEvent } from '../../src/db/entities/index.ts';
import {
  fantasyStandings, rescoreLeague, scoreStatEvents, scoreStatEventsInLeagues, statEventInput, storeStatEvents, type StatEventInput,
} from '../../src/scoring/ingest.ts';
import { presetRules } from '../../src/scoring/presets.ts';
import { livePeriodPoints } from '../../src/scoring/period-points.ts';
import { roundPoints, scoreLine } from '../../src/scoring/scorer.ts';
import { numericStats } from '../../src/scoring/stats.ts';

describe('stat event ingestion and scoring', () => {
  const server = useTestServer();

  const ingest = async (lines: StatEventInput[]) => {
    const stored = await storeStatEvents(emOf(server), lines);
    const scored = await scoreStatEvents(emOf(server), stored.storedIds);
    return { ...stored, ...scored };
  };
  const scoresOf = (leagueId: string, where: Record<string, unknown> = {}) =>
    emOf(server).find(FantasyScore, { league: leagueId, ...where }, { orderBy: { period: 'asc', player: 'asc' } });

  it('counts the same stat event once however often it is ingested', async () => {
    const { leagueId, teamIds: [team], roster } = await scoringLeague(server);
    await roster(team, ['football:wr-01']);
    const line = footballLine('football:wr-01', { receptions: 7, recYards: 95, recTd: 1 });
    const first = await ingest([line, line]);
    assert.deepEqual([first.storedIds.length, first.duplicates, first.scores], [1, 1, 1]);
    // The same line again, its stats in another key order, and a plain re-score of the stored id.
    const again = await ingest([statEventInput.parse({ ...line, stats: { recTd: 1, recYards: 95, receptions: 7 } })]);
    assert.deepEqual([again.storedIds, again.duplicates], [[], 1]);
    await scoreStatEvents(emOf(server), first.storedIds);
    await scoreStatEvents(emOf(server), first.storedIds);
    // Concurrent writers of one new key: one stores it, the others lose the race and see a duplicate.
    const racing = await Promise.all([1, 2, 3].map(() => storeStatEvents(emOf(server), [footballLine('football:wr-09', { receptions: 1 })])));
    assert.deepEqual([racing.flatMap((r) => r.storedIds).length, racing.reduce((n, r) => n + r.duplicates, 0)], [1, 2]);
    assert.equal(await emOf(server).count(StatEvent, {}), 2);
    const scores = await scoresOf(leagueId);
    assert.deepEqual(scores.map((s) => [s.team, s.points, s.rulesVersion]), [[team, 22.5, 1]]);
    assert.equal((await fantasyStandings(emOf(server), leagueId)).items.find((t) => t.teamId === team)?.total, 22.5);
  });

  it('stores a changed payload under a known key as a correction that the scores follow', async () => {
    const { leagueId, teamIds: [team], roster } = await scoringLeague(server);
    await roster(team, ['football:rb-01']);
    const { storedIds: [id] } = await ingest([footballLine('football:rb-01', { rushYards: 80, rushTd: 1 })]);
    const corrected = await ingest([footballLine('football:rb-01', { rushYards: 87, rushTd: 1, fumblesLost: 1 })]);
    assert.deepEqual([corrected.storedIds, corrected.duplicates], [[id], 0], 'the correction is the same event');
    const event = await emOf(server).findOneOrFail(StatEvent, { id });
    assert.equal(event.revision, 2);
    assert.deepEqual(event.stats, { rushYards: 87, rushTd: 1, fumblesLost: 1 });
    assert.deepEqual(event.history.map((h) => [h.revision, h.stats]), [[1, { rushYards: 80, rushTd: 1 }]]);
    assert.deepEqual((await scoresOf(leagueId)).map((s) => s.points), [12.7]);
  });

  it('moves a corrected line that names another player to the team that has that player', async () => {
    const { leagueId, teamIds: [a, b], roster } = await scoringLeague(server);
    await roster(a, ['football:wr-10']);
    await roster(b, ['football:wr-11']);
    const key = 'test:2026-W01:misattributed';
    await ingest([footballLine('football:wr-10', { receptions: 3, recYards: 30 }, { key })]);
    await ingest([footballLine('football:wr-11', { receptions: 3, recYards: 30 }, { key })]);
    const [playerId] = await playerIds(server, ['football:wr-11']);
    assert.deepEqual((await scoresOf(leagueId)).map((s) => [s.team, s.player, s.points]), [[b, playerId, 6]]);
  });

  it('reports feed players it does not know, and players of another sport, and stores nothing for them', async () => {
    await scoringLeague(server);
    const stranger = footballLine('football:qb-99', { passYards: 100 });
    const driverAsFootball = footballLine('f1:drv-01', { passYards: 100 });
    const result = await storeStatEvents(emOf(server), [stranger, driverAsFootball, footballLine('football:qb-01', { passYards: 250 })]);
    assert.deepEqual([result.storedIds.length, result.unknownPlayers.sort()], [1, ['f1:drv-01', 'football:qb-99']]);
  });

  it('gives the points to the team that had the player when the event was scored, and to no league without him', async () => {
    const { commish, leagueId, teamIds: [first, second], roster } = await scoringLeague(server);
    const other = await scoringLeague(server);
    await roster(first, ['football:te-01']);
    const { storedIds } = await ingest([footballLine('football:te-01', { receptions: 5, recYards: 50 })]);
    const [playerId] = await playerIds(server, ['football:te-01']);
    await commish.client.raw('DELETE', `/api/v1/leagues/${leagueId}/teams/${first}/players/${playerId}`);
    await roster(second, ['football:te-01']);
    await scoreStatEvents(emOf(server), storedIds);
    assert.deepEqual((await scoresOf(leagueId)).map((s) => s.team), [first]);
    assert.equal((await scoresOf(other.leagueId)).length, 0);
  });

  it('stores each line once per rules set for every league, commits before announcing, and a retry counts nothing twice', async () => {
    const leagues = [await scoringLeague(server), await scoringLeague(server), await scoringLeague(server)];
    for (const league of leagues) await league.roster(league.teamIds[0], ['football:wr-05', 'football:rb-05']);
    const { storedIds } = await storeStatEvents(emOf(server), [
      footballLine('football:wr-05', { receptions: 4, recYards: 40 }), footballLine('football:rb-05', { rushYards: 30 }),
    ]);
    const ours = new Set(leagues.map((l) => l.leagueId));
    const announced: string[][] = [];
    // Read on another connection the moment the leagues are announced: their scores are committed by then.
    const readAtAnnouncement: Array<Promise<number>> = [];
    const result = await scoreStatEventsInLeagues(emOf(server), storedIds, {
      committed: (changes) => {
        const mine = changes.map((c) => c.leagueId).filter((id) => ours.has(id));
        announced.push(mine);
        for (const id of mine) readAtAnnouncement.push(emOf(server).count(FantasyScore, { league: id }));
      },
    });
    assert.deepEqual(announced.map((ids) => ids.length), [3], 'one announcement of every league');
    assert.deepEqual(await Promise.all(readAtAnnouncement), [2, 2, 2]);
    assert.equal(result.scores >= 6, true);
    // Three leagues on one preset: two stored lines, not six rows.
    const stored = await emOf(server).getConnection().execute('select count(*)::int as n from line_scores where stat_event_id in (?, ?)', storedIds);
    assert.equal(stored[0].n, 2);
    // A retried job (the whole batch again) upserts the same rows: same count, same points.
    const before = await Promise.all(announced[0].map(async (id) => (await scoresOf(id)).map((s) => [s.statEvent, s.team, s.points])));
    await scoreStatEventsInLeagues(emOf(server), storedIds);
    const after = await Promise.all(announced[0].map(async (id) => (await scoresOf(id)).map((s) => [s.statEvent, s.team, s.points])));
    assert.deepEqual(after, before);
  });

  it('keeps a scored line with the team that had the player, and gives nobody a line scored while nobody held him until it is scored again', async () => {
    const { commish, leagueId, teamIds: [first, second], roster } = await scoringLeague(server);
    const [held, free] = await playerIds(server, ['football:wr-12', 'football:rb-12']);
    await roster(first, ['football:wr-12']);
    const { storedIds } = await ingest([
      footballLine('football:wr-12', { receptions: 2, recYards: 20 }), footballLine('football:rb-12', { rushYards: 50 }),
    ]);
    assert.deepEqual((await scoresOf(leagueId)).map((s) => [s.team, s.player]), [[first, held]]);
    // The scorer moves to the second team and the free agent joins it: nothing scored changes hands.
    await commish.client.raw('DELETE', `/api/v1/leagues/${leagueId}/teams/${first}/players/${held}`);
    await roster(second, ['football:wr-12', 'football:rb-12']);
    assert.deepEqual((await scoresOf(leagueId)).map((s) => [s.team, s.player]), [[first, held]]);
    const standings = await fantasyStandings(emOf(server), leagueId);
    assert.deepEqual(standings.items.map((t) => [t.teamId, t.total]), [[first, 4], [second, 0]]);
    // The league room's sums (per held player, then the league's exceptions) are the view's, line by line.
    const sums = async () => {
      const [rows] = await livePeriodPoints(emOf(server), [{ leagueId, version: 1, period: '2026-W01', occurredAt: 0 }]);
      const fast = rows.map((r) => `${r.team_id}:${r.player_id}:${roundPoints(Number(r.points))}`).filter((r) => !r.endsWith(':0')).sort();
      const byRow = new Map<string, number>();
      for (const s of await scoresOf(leagueId)) byRow.set(`${s.team}:${s.player}`, (byRow.get(`${s.team}:${s.player}`) ?? 0) + Number(s.points));
      assert.deepEqual(fast, [...byRow].map(([k, v]) => `${k}:${roundPoints(v)}`).sort());
      return fast.length;
    };
    assert.equal(await sums(), 1);
    // Scored again (a correction): the free agent's line is first scored in this league now, for his team.
    await scoreStatEvents(emOf(server), storedIds);
    assert.deepEqual((await scoresOf(leagueId)).map((s) => [s.team, s.player]).sort(), [[first, held], [second, free]].sort());
    assert.equal(await sums(), 2);
  });

  it('keeps a scored line with its team when the roster row is deleted (a draft undone)', async () => {
    const { leagueId, teamIds: [team], roster } = await scoringLeague(server);
    await roster(team, ['football:qb-03']);
    await ingest([footballLine('football:qb-03', { passYards: 100 }, { key: 'test:2026-W01:draft-undone' })]);
    const [playerId] = await playerIds(server, ['football:qb-03']);
    assert.equal(await emOf(server).nativeDelete(RosterEntry, { team, player: playerId }), 1);
    assert.deepEqual((await scoresOf(leagueId)).map((s) => [s.team, s.player, s.points]), [[team, playerId, 4]]);
  });

  it('rescoring under a new version equals scoring the stored events fresh under it', async () => {
    const lines = [
      footballLine('football:qb-01', { passYards: 301, passTd: 2, passInt: 1 }),
      footballLine('football:wr-02', { receptions: 9, recYards: 120, recTd: 1 }),
      footballLine('football:te-03', { receptions: 6, recYards: 58 }, { period: '2026-W02', occurredAt: '2026-09-20T17:00:00Z' }),
      footballLine('football:def-04', { sacks: 4, pointsAllowed: 9 }),
    ];
    const custom = { ...presetRules('standard'), positionPerUnit: { TE: { receptions: 0.5 } }, bonuses: [{ label: '100+ receiving yards', when: { recYards: { min: 100 } }, points: 3 }] };
    const replayed = await scoringLeague(server);
    const fresh = await scoringLeague(server);
    for (const league of [replayed, fresh]) {
      await league.roster(league.teamIds[0], ['football:qb-01', 'football:te-03']);
      await league.roster(league.teamIds[1], ['football:wr-02', 'football:def-04']);
    }
    // `fresh` has the new rules before any event; `replayed` scores under v1 (PPR), then rescored.
    assert.equal((await fresh.commish.client.post(fresh.rules, { rules: custom })).status, 201);
    await ingest(lines);
    const created = await replayed.commish.client.post(replayed.rules, { rules: custom });
    assert.deepEqual([created.status, created.body.version, created.body.active, created.body.rescored], [201, 2, true, { scores: 4 }]);

    const view = (rows: FantasyScore[], teamIds: string[]) =>
      rows.map((s) => ({ event: s.statEvent, team: teamIds.indexOf(s.team), points: s.points, breakdown: s.breakdown, version: s.rulesVersion }))
        .sort((a, b) => a.event.localeCompare(b.event));
    const rescored = view(await scoresOf(replayed.leagueId, { rulesVersion: 2 }), replayed.teamIds);
    assert.deepEqual(rescored, view(await scoresOf(fresh.leagueId, { rulesVersion: 2 }), fresh.teamIds));
    // And both equal the pure scorer on the stored lines.
    const events = new Map((await emOf(server).find(StatEvent, {})).map((e) => [e.id, e]));
    const positions = new Map((await emOf(server).find(Player, { sport: 'football' })).map((p) => [p.id, p.positions[0]]));
    for (const row of rescored) {
      const event = events.get(row.event)!;
      const position = positions.get(event.player)!;
      assert.deepEqual(scoreLine(custom, position, numericStats('football', event.stats)), { points: row.points, breakdown: row.breakdown });
    }
    assert.deepEqual((await fantasyStandings(emOf(server), replayed.leagueId)).items.map((t) => t.total),
      (await fantasyStandings(emOf(server), fresh.leagueId)).items.map((t) => t.total));
  });

  it('never edits an old version', async () => {
    const { commish, leagueId, teamIds: [team], roster, rules } = await scoringLeague(server);
    await roster(team, ['football:wr-05']);
    await ingest([footballLine('football:wr-05', { receptions: 4, recYards: 40 })]);
    const before = await emOf(server).findOneOrFail(ScoringRulesVersion, { league: leagueId, version: 1 });
    const v1Scores = (await scoresOf(leagueId, { rulesVersion: 1 })).map((s) => [s.id, s.points]);
    assert.equal((await commish.client.post(rules, { preset: 'standard' })).status, 201);
    assert.equal((await commish.client.post(rules, { rules: { perUnit: { receptions: 2 } } })).status, 201);
    const after = await emOf(server).findOneOrFail(ScoringRulesVersion, { league: leagueId, version: 1 });
    assert.deepEqual([after.id, after.preset, after.rules, after.createdAt], [before.id, before.preset, before.rules, before.createdAt]);
    assert.deepEqual((await commish.client.get(`${rules}/1`)).body.rules, presetRules('ppr'));
    assert.deepEqual((await scoresOf(leagueId, { rulesVersion: 1 })).map((s) => [s.id, s.points]), v1Scores, 'v1 scores stay as v1 made them');
    assert.deepEqual((await scoresOf(leagueId, { rulesVersion: 3 })).map((s) => s.points), [8]);
    await assert.rejects(rescoreLeague(emOf(server), leagueId, 9), /not found/);
  });

  it('sums fantasy standings per team for the season and per period, under the active version', async () => {
    const { leagueId, teamIds: [a, b], roster } = await scoringLeague(server);
    await roster(a, ['football:qb-02', 'football:k-01']);
    await roster(b, ['football:rb-02']);
    await ingest([
      footballLine('football:qb-02', { passYards: 250, passTd: 2 }, { period: '2026-W02', occurredAt: '2026-09-20T17:00:00Z' }),
      footballLine('football:qb-02', { passYards: 200, passTd: 1 }, { period: '2026-W01' }),
      footballLine('football:k-01', { fg40to49: 2, xpMade: 2 }, { period: '2026-W01' }),
      footballLine('football:rb-02', { rushYards: 120, rushTd: 2, receptions: 3, recYards: 20 }, { period: '2026-W01' }),
    ]);
    const standings = await fantasyStandings(emOf(server), leagueId);
    assert.deepEqual([standings.rulesVersion, standings.periods], [1, ['2026-W01', '2026-W02']]);
    assert.deepEqual(standings.items.map((t) => [t.rank, t.teamId, t.total, t.periods]), [
      [1, a, 40, { '2026-W01': 22, '2026-W02': 18 }],
      [2, b, 29, { '2026-W01': 29, '2026-W02': 0 }],
    ]);
  });
});
