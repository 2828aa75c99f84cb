import assert from 'node:assert/strict';
import { makePublic, useTestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { emOf } from '../helpers/scoring.ts';
import { ADMIN, registerAdmin, waitFor } from '../helpers/jobs.ts';
import { MINUTE_MS, addRace, clearCalendar, externalIds, racingLeague, resultLine } from '../helpers/f1.ts';
import { Draft, RacePick, User, type F1Race } from '../../src/db/entities/index.ts';
import { presetRules } from '../../src/scoring/presets.ts';
import { numericStats } from '../../src/scoring/stats.ts';
import { roundPoints, scoreLine } from '../../src/scoring/scorer.ts';
import type { DraftConfig } from '../../src/draft/types.ts';

const DAY_MS = 24 * 60 * MINUTE_MS;
const RACES = 24;
const LEAD_MINUTES = 120;

/** Race `round`'s result: a finishing order that shifts with the round, one retirement, the winner's fastest lap. */
function results(round: number, drivers: string[]): Array<{ externalId: string; stats: Record<string, unknown> }> {
  const n = drivers.length;
  return drivers.map((externalId, i) => {
    const grid = ((i + round) % n) + 1;
    const finish = ((i * 7 + round * 3) % n) + 1;
    if (finish === n) return { externalId, stats: { qualifying: grid, grid, dnf: true } };
    return { externalId, stats: { qualifying: grid, grid, finish, ...(finish === 1 ? { fastestLap: true } : {}) } };
  });
}

/**
 * A whole season of 24 races on a server whose clock the test moves: each race's draft opens (its
 * job), the bots pick, two absent managers leave it unfinished until the lock job finishes it by
 * autopick, the results are ingested over REST and scored; the next race's order is the reverse of
 * the standings so far. Every race and the season are checked against points computed here.
 */
describe('a 24-race F1 season, end to end', function () {
  this.timeout(60_000);
  let offset = 0;
  const server = useTestServer({ now: () => Date.now() + offset });
  beforeEach(async () => { await clearCalendar(server); offset = 0; });

  it('drafts, locks, scores and ranks every race of the season; no driver twice in a race; points always to that race\'s team', async () => {
    const started = Date.now();
    const admin = api(server.baseUrl, await registerAdmin(server));
    const firstLock = Date.now() + 2 * LEAD_MINUTES * MINUTE_MS;
    const races: F1Race[] = [];
    for (let round = 1; round <= RACES; round++) races.push(await addRace(admin, 2035, round, firstLock + (round - 1) * 3 * DAY_MS) as never);
    const { leagueId, teamIds } = await racingLeague(server, {
      season: 2035, teams: 4, owned: 2, settings: { draftLeadMinutes: LEAD_MINUTES, orderMode: 'standings', pickSeconds: 3600 },
    });
    await makePublic(server.app, leagueId);
    const ext = await externalIds(emOf(server));
    const drivers = [...ext.values()].sort();
    const rules = presetRules('f1');
    const season = new Map(teamIds.map((id) => [id, 0]));
    const anonymous = api(server.baseUrl);

    for (const race of races) {
      const data = { leagueId, raceId: race.id };
      const locksAt = new Date(race.locksAt).getTime();
      // The draft opens at its time: the clock moves there, the job runs.
      offset = locksAt - LEAD_MINUTES * MINUTE_MS - Date.now();
      await server.app.jobs.add('race-draft-open', data, { jobId: `sim-open-${race.id}` });
      const opened = await waitFor(async () => {
        const draft = await emOf(server).findOne(Draft, { league: leagueId, race: race.id }, { disableIdentityMap: true });
        return draft?.status === 'live' ? draft : undefined;
      }, 10_000, `race ${race.round} live`);
      // The order: the standings so far reversed (last first); ties keep the rotation (round 1: the base order).
      const order = (opened.config as DraftConfig).order;
      const points = order.map((id) => season.get(id)!);
      assert.deepEqual([...points].sort((a, b) => a - b), points, `race ${race.round}: last in the standings picks first`);
      if (race.round === 1) assert.deepEqual(order, teamIds);

      // The lock: an absent manager is on the clock; the lock job finishes the draft by autopick.
      offset = locksAt - Date.now();
      await server.app.jobs.add('race-draft-lock', data, { jobId: `sim-lock-${race.id}` });
      await waitFor(async () => ((await emOf(server).findOne(Draft, { id: opened.id }, { disableIdentityMap: true }))?.status === 'complete' ? true : undefined),
        10_000, `race ${race.round} complete`);
      const picks = await emOf(server).find(RacePick, { league: leagueId, race: race.id });
      assert.equal(picks.length, 8, `race ${race.round}: two drivers per team`);
      assert.equal(new Set(picks.map((p) => p.player)).size, 8, `race ${race.round}: no driver twice`);

      // Results come in: each drafted driver scores for the team that has him in this race.
      const lines = results(race.round, drivers);
      // The clock moved days: a fresh session (as a login makes it, without the password hash's cost).
      const adminUser = await emOf(server).findOneOrFail(User, { username: ADMIN.username });
      const admin2 = api(server.baseUrl, (await server.app.sessions.start(emOf(server), adminUser)).accessToken);
      const sent = await admin2.post('/api/v1/ingest', { events: lines.map((l) => resultLine(race.period, l.externalId, l.stats)) });
      assert.equal(sent.status, 202, JSON.stringify(sent.body));
      const expected = new Map(teamIds.map((id) => [id, 0]));
      for (const pick of picks) {
        const line = lines.find((l) => l.externalId === ext.get(pick.player))!;
        const { points: driverPoints } = scoreLine(rules, 'DRV', numericStats('f1', line.stats));
        expected.set(pick.team, roundPoints(expected.get(pick.team)! + driverPoints));
      }
      const board = await waitFor(async () => {
        const reply = (await anonymous.get(`/api/v1/leagues/${leagueId}/f1/leaderboard?race=${race.id}`)).body;
        const scored = reply.items?.every((t: { drivers: Array<{ points: number | null }> }) => t.drivers.every((d) => d.points !== null));
        return scored ? reply : undefined;
      }, 10_000, `race ${race.round} scored`);
      for (const team of board.items) assert.equal(team.points, expected.get(team.teamId), `race ${race.round}, ${team.name}`);
      for (const [teamId, p] of expected) season.set(teamId, roundPoints(season.get(teamId)! + p));
    }

    const final = (await anonymous.get(`/api/v1/leagues/${leagueId}/f1/leaderboard`)).body;
    assert.equal(final.races.filter((r: { scored: boolean }) => r.scored).length, RACES);
    for (const team of final.items) {
      assert.equal(team.total, season.get(team.teamId), team.name);
      assert.equal(Object.keys(team.races).length, RACES);
    }
    const totals = final.items.map((t: { total: number }) => t.total);
    assert.deepEqual(totals, [...totals].sort((a: number, b: number) => b - a), 'ranked best first');
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 45_000, `a season in ${elapsed} ms`);
  });
});
