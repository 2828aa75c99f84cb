import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { emOf } from '../helpers/scoring.ts';
import { seasonBody, seasonLeague, weekStart } from '../helpers/season.ts';
import { createSeason } from '../../src/season/service.ts';
import { dueAt } from '../../src/season/finalize.ts';
import { periodFinalizeQueue } from '../../src/season/jobs.ts';
import { changeLineup, lineupView } from '../../src/season/lineup-service.ts';
import { playoffsView, scheduleView, seasonStandingsView } from '../../src/season/views.ts';
import { scoreStatEvents, storeStatEvents } from '../../src/scoring/ingest.ts';
import { weekFeed } from '../../src/seed/football-feed.ts';
import { isRuleError } from '../../src/rules/rule-error.ts';
import { Lineup, Season, SeasonPeriod } from '../../src/db/entities/index.ts';

let clock = weekStart(1);

/**
 * A whole season as it runs: 12 teams, 14 regular weeks and 3 playoff weeks (6 teams, the top two
 * with a bye), each week's stat feed from the sample generator ingested and scored, each period
 * finalized by the finalize job after its last kickoff + grace, until a champion.
 */
describe('a simulated season, week 1 to the champion', function () {
  this.timeout(60_000);
  const server = useTestServer({ now: () => clock });

  it('plays 12 teams through 14 + 3 weeks from the sample feed and crowns one champion', async () => {
    const started = Date.now();
    const l = await seasonLeague(server, 12);
    const season = await createSeason(emOf(server), l.leagueId, l.commish.userId, seasonBody(l.players, { regular: 14, playoffTeams: 6, playoffWeeks: 3 }), clock);
    const job = periodFinalizeQueue(server.app.storage.orm, () => clock);
    const periods = await emOf(server).find(SeasonPeriod, { season: season.id }, { orderBy: { number: 'asc' } });
    assert.equal(periods.length, 17);
    for (const period of periods) {
      clock = period.startsAt.getTime() + 3600_000;
      // The manager benches his best-ranked starter each week: his lineup, not the automatic one, scores.
      const lineup = await changeLineup(emOf(server), {
        leagueId: l.leagueId, teamId: l.teamIds[0], userId: l.manager.userId, now: clock,
        starters: [null, ...(await autoStarters(l.leagueId, l.teamIds[0])).slice(1)],
      });
      assert.ok(!isRuleError(lineup), JSON.stringify(lineup));
      const lines = weekFeed(l.players, 2026, period.number, period.fixtures);
      const { storedIds } = await storeStatEvents(emOf(server), lines);
      await scoreStatEvents(emOf(server), storedIds);
      clock = dueAt(period, season.settings.finalizeGraceMinutes);
      const ran = await job.process({ seasonId: season.id }, { id: `w${period.number}`, queue: 'period-finalize', attemptsMade: 0, jobs: server.app.jobs });
      // This week's period, unless the server's own sweep (every minute) got there first.
      assert.ok(ran.finalized.every((n) => n === period.number));
      assert.ok((await emOf(server).findOneOrFail(SeasonPeriod, { id: period.id })).finalizedAt, `week ${period.number} final`);
    }

    const done = await emOf(server).findOneOrFail(Season, { id: season.id });
    assert.equal(done.status, 'complete');
    assert.ok(done.champion && l.teamIds.includes(done.champion));
    const standings = await seasonStandingsView(emOf(server), l.leagueId);
    for (const row of standings.items) assert.equal(row.wins + row.losses + row.ties, 14, `${row.name} played 14`);
    const sum = (key: 'wins' | 'losses' | 'pointsFor' | 'pointsAgainst') => standings.items.reduce((s, r) => s + r[key], 0);
    assert.equal(sum('wins'), sum('losses'));
    assert.ok(Math.abs(sum('pointsFor') - sum('pointsAgainst')) < 0.01);
    assert.ok(standings.items.every((r) => r.pointsFor > 0));
    const bracket = await playoffsView(emOf(server), l.leagueId);
    assert.deepEqual(bracket.seeds!.map((s) => s!.teamId), standings.items.slice(0, 6).map((r) => r.teamId));
    assert.deepEqual(bracket.rounds.map((r) => r.games.filter((g) => !g.bye).length), [2, 2, 1]);
    assert.equal(bracket.champion?.teamId, done.champion);
    const schedule = await scheduleView(emOf(server), l.leagueId);
    assert.equal(schedule.periods.filter((p) => p.final).length, 17);
    // The manager's lineups stood every week; every other team played its automatic one, stored when final.
    const lineups = await emOf(server).find(Lineup, { season: season.id });
    const mine = lineups.filter((x) => x.team === l.teamIds[0]);
    assert.equal(mine.length, 17);
    assert.ok(mine.every((x) => !x.auto && x.starters[0] === null));
    assert.ok(lineups.filter((x) => x.team !== l.teamIds[0]).every((x) => x.auto));
    assert.ok(Date.now() - started < 60_000);
    console.log(`      simulated season: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  async function autoStarters(leagueId: string, teamId: string): Promise<Array<string | null>> {
    const view = await lineupView(emOf(server), leagueId, teamId, clock);
    return view.starters.map((s) => s.playerId);
  }
});
