import assert from 'node:assert/strict';
import { scoreLine } from '../../src/scoring/scorer.ts';
import { PRESETS, presetRules, presetSport } from '../../src/scoring/presets.ts';
import { rulesSchema, type ScoringRules } from '../../src/scoring/rules.ts';
import { f1Stats, footballStats, numericStats, type F1Stats, type FootballStats } from '../../src/scoring/stats.ts';
import { rankTeams } from '../../src/scoring/standings.ts';

const football = (rules: ScoringRules, position: string, stats: FootballStats) => scoreLine(rules, position, numericStats('football', stats));
const f1 = (stats: F1Stats) => scoreLine(presetRules('f1'), 'DRV', numericStats('f1', stats));
const labels = (score: ReturnType<typeof scoreLine>) => score.breakdown.map((l) => l.label);

describe('fantasy scorer (pure)', () => {
  const standard = presetRules('standard');
  const ppr = presetRules('ppr');

  it('gives PPR a point per reception that standard does not', () => {
    const catches = { receptions: 8, recYards: 112, recTd: 1 };
    assert.equal(football(standard, 'WR', catches).points, 17.2);
    assert.equal(football(ppr, 'WR', catches).points, 25.2);
  });

  it('scores a quarterback line to the hundredth, with every line of the breakdown', () => {
    const score = football(standard, 'QB', { passYards: 312, passTd: 3, passInt: 1, rushYards: 23, fumblesLost: 1, twoPointConversions: 1 });
    assert.equal(score.points, 24.78);
    assert.deepEqual(score.breakdown, [
      { label: 'passYards', value: 312, points: 12.48 },
      { label: 'passTd', value: 3, points: 12 },
      { label: 'passInt', value: 1, points: -2 },
      { label: 'rushYards', value: 23, points: 2.3 },
      { label: 'fumblesLost', value: 1, points: -2 },
      { label: 'twoPointConversions', value: 1, points: 2 },
    ]);
  });

  it('pays a threshold bonus from the threshold on, not below it', () => {
    const rules = { ...ppr, bonuses: [...ppr.bonuses, { label: '100+ rushing yards', when: { rushYards: { min: 100 } }, points: 3 }] };
    assert.equal(football(rules, 'RB', { rushYards: 99 }).points, 9.9);
    assert.equal(football(rules, 'RB', { rushYards: 100 }).points, 13);
    assert.ok(labels(football(rules, 'RB', { rushYards: 140 })).includes('100+ rushing yards'));
    assert.equal(football(rules, 'WR', { recYards: 150 }).points, 15, 'a bonus on a stat the line lacks never applies');
  });

  it('gives the TE premium to tight ends only', () => {
    const rules = { ...ppr, positionPerUnit: { TE: { receptions: 0.5 } } };
    const line = { receptions: 6, recYards: 60 };
    assert.equal(football(rules, 'TE', line).points, 15);
    assert.equal(football(rules, 'WR', line).points, 12);
    assert.ok(labels(football(rules, 'TE', line)).includes('TE receptions'));
  });

  it('scores kickers by field-goal distance and defenses by points-allowed tier', () => {
    assert.equal(football(standard, 'K', { fg0to39: 2, fg40to49: 1, fg50plus: 1, fgMissed: 1, xpMade: 3 }).points, 17);
    assert.equal(football(standard, 'DEF', { sacks: 3, defInterceptions: 1, pointsAllowed: 10 }).points, 9);
    assert.equal(football(standard, 'DEF', { pointsAllowed: 0 }).points, 10);
    assert.equal(football(standard, 'DEF', { pointsAllowed: 24 }).points, 0);
    assert.equal(football(standard, 'DEF', { pointsAllowed: 35, defTd: 1 }).points, 2);
    assert.equal(football(standard, 'QB', { pointsAllowed: 0 }).points, 0, 'defense tiers are for DEF only');
  });

  it('scores an F1 race by finish place, places gained and lost, fastest lap in the top ten, qualifying and DNF', () => {
    const winner = f1({ qualifying: 3, grid: 3, finish: 1, fastestLap: true });
    assert.equal(winner.points, 25 + 2 + 1 + 1);
    assert.deepEqual(labels(winner), ['positionsGained', 'finish', 'qualifying', 'fastest lap in the top 10']);
    assert.equal(f1({ qualifying: 8, grid: 8, finish: 12, fastestLap: true }).points, -4, 'no fastest-lap point outside the top ten');
    assert.equal(f1({ qualifying: 5, grid: 5, dnf: true }).points, -5, 'a DNF neither gains nor loses places');
    assert.equal(f1({ qualifying: 20, grid: 20, finish: 10 }).points, 1 + 10);
  });
});

describe('scoring rules and stat lines (zod)', () => {
  it('accepts every preset under its sport\'s schema', () => {
    for (const preset of PRESETS) {
      const sport = presetSport(preset);
      assert.deepEqual(rulesSchema(sport).parse(presetRules(preset)), presetRules(preset), preset);
    }
  });

  it('names each rule that refers to a stat or position the sport does not have', () => {
    const result = rulesSchema('football').safeParse({
      sport: 'football', perUnit: { passYards: 0.04, lapsLed: 1 }, positionPerUnit: { DRV: { receptions: 1 } },
      bonuses: [{ label: 'x', when: { rushYards: { min: 200, max: 100 } }, points: 2, positions: ['GK'] }],
    });
    assert.ok(!result.success);
    assert.deepEqual(result.error.issues.map((i) => i.path.join('.')).sort(), [
      'bonuses.0.positions.0', 'bonuses.0.when.rushYards', 'perUnit.lapsLed', 'positionPerUnit.DRV',
    ]);
  });

  it('checks stat lines per sport: no unknown stat, a finish place unless the driver retired', () => {
    assert.ok(!footballStats.safeParse({ passYards: 200, passingYards: 200 }).success);
    assert.ok(!f1Stats.safeParse({ grid: 3 }).success);
    assert.ok(!f1Stats.safeParse({ grid: 3, finish: 2, dnf: true }).success);
    assert.ok(f1Stats.safeParse({ grid: 3, dnf: true }).success);
  });
});

describe('fantasy standings (pure)', () => {
  it('totals per team and period, periods in the order played, equal totals sharing a rank', () => {
    const teams = [{ id: 'a', name: 'Alpha' }, { id: 'b', name: 'Bravo' }, { id: 'c', name: 'Charlie' }];
    const { periods, items } = rankTeams(teams, [
      { teamId: 'a', period: 'W02', points: 10.1, firstAt: 200 },
      { teamId: 'a', period: 'W01', points: 20.2, firstAt: 100 },
      { teamId: 'b', period: 'W01', points: 30.3, firstAt: 90 },
    ]);
    assert.deepEqual(periods, ['W01', 'W02']);
    assert.deepEqual(items, [
      { rank: 1, teamId: 'a', name: 'Alpha', total: 30.3, periods: { W01: 20.2, W02: 10.1 } },
      { rank: 1, teamId: 'b', name: 'Bravo', total: 30.3, periods: { W01: 30.3, W02: 0 } },
      { rank: 3, teamId: 'c', name: 'Charlie', total: 0, periods: { W01: 0, W02: 0 } },
    ]);
  });
});
