import assert from 'node:assert/strict';
import { SBA, PD } from '../../src/baseball/index.ts';
import { sampleClubs } from '../../src/seed/baseball.ts';
import { simulateSeason } from '../../loadtest/season.ts';

const clubs = sampleClubs();

describe('baseball season simulated end to end (npm run sim -- --season)', () => {
  it('plays 8 clubs 162 games each, 81 at home, into standings and season lines that add up', function () {
    this.timeout(120_000);
    const season = simulateSeason({ clubs, rules: SBA, seed: 1, style: 'balanced', gamesPerClub: 162, seriesLength: 3 });
    assert.equal(season.games, 648);
    for (const row of season.standings) {
      assert.equal(row.w + row.l, 162, row.name);
      const [hw, hl] = row.home.split('-').map(Number);
      assert.equal(hw + hl, 81, `${row.name} home games`);
    }
    const wins = season.standings.reduce((t, r) => t + r.w, 0);
    assert.equal(wins, 648, 'one win per game');
    const runs = season.standings.reduce((t, r) => t + r.rs, 0);
    assert.equal(runs, season.standings.reduce((t, r) => t + r.ra, 0), 'runs scored are runs allowed');
    const batting = [...season.batting.values()];
    assert.equal(batting.reduce((t, l) => t + l.r, 0), runs, "the batters' runs are the clubs' runs");
    const pitching = [...season.pitching.values()];
    assert.equal(pitching.reduce((t, l) => t + l.w, 0), 648, 'a winning pitcher every game');
    assert.equal(pitching.reduce((t, l) => t + l.l, 0), 648, 'a losing pitcher every game');
    assert.ok(season.winPctSd > 0.03 && season.winPctSd < 0.12, `win% SD ${season.winPctSd}`);
  });

  it('is the same season for the same seed, and another for another seed', () => {
    const run = (seed: number) => simulateSeason({ clubs, rules: PD, seed, style: 'balanced', gamesPerClub: 12, seriesLength: 3 }).standings;
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
  });
});
