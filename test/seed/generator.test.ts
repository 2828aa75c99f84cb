import assert from 'node:assert/strict';
import type { BaseballRatings, PitchingRatings, PlayerSeed } from '../../src/players/types.ts';
import { hitsPerPlateAppearance } from '../../src/seed/baseball.ts';
import { generateSampleData } from '../../src/seed/index.ts';
import { FOOTBALL_CLUBS, F1_CONSTRUCTORS } from '../../src/seed/names.ts';

const data = generateSampleData();
const ofSport = (sport: PlayerSeed['sport']) => data.players.filter((p) => p.sport === sport);
const football = ofSport('football');
const f1 = ofSport('f1');
const baseball = ofSport('baseball');
const ratingsOf = (p: PlayerSeed) => p.attributes as unknown as BaseballRatings;
const isPitcher = (p: PlayerSeed) => ratingsOf(p).pitching !== undefined;
const hitters = baseball.filter((p) => !isPitcher(p)).map((p) => ratingsOf(p).batting);
const pitching = baseball.filter(isPitcher).map((p) => ratingsOf(p).pitching as PitchingRatings);

const BATTING_RATES = ['avg', 'hrRate', 'doubleRate', 'tripleRate', 'bbRate', 'kRate', 'hbpRate', 'gbRate'] as const;
const PITCHING_RATES = ['hitRate', 'hrRate', 'bbRate', 'kRate'] as const;

function average<T>(rows: readonly T[], pick: (row: T) => number): number {
  return rows.reduce((sum, row) => sum + pick(row), 0) / rows.length;
}

function assertBetween(actual: number, min: number, max: number, what: string): void {
  assert.ok(actual >= min && actual <= max, `${what} = ${actual}, expected ${min}..${max}`);
}

function assertUniqueRanks(players: readonly PlayerSeed[]): void {
  const ranks = players.map((p) => p.rank).sort((a, b) => a - b);
  assert.deepEqual(ranks, players.map((_, i) => i + 1));
}

describe('sample data generator', () => {
  it('is deterministic: the same seed gives deep-equal data', () => {
    assert.deepEqual(generateSampleData(1), data);
    assert.deepEqual(generateSampleData(7), generateSampleData(7));
    assert.notDeepEqual(generateSampleData(2).players, data.players);
  });

  it('has unique externalIds across sports and unique ranks 1..N within each sport', () => {
    assert.equal(new Set(data.players.map((p) => p.externalId)).size, data.players.length);
    for (const players of [football, f1, baseball]) {
      assertUniqueRanks(players);
      for (const p of players) assert.ok(p.adp >= 1, `${p.externalId} adp ${p.adp}`);
    }
  });

  it('generates a football pool with every position and one defense per club', () => {
    assert.ok(football.length >= 300, `${football.length} football players`);
    for (const position of ['QB', 'RB', 'WR', 'TE', 'K', 'DEF']) {
      assert.ok(football.some((p) => p.positions[0] === position), `no ${position}`);
    }
    const defenses = football.filter((p) => p.positions[0] === 'DEF');
    assert.equal(new Set(defenses.map((p) => p.team)).size, FOOTBALL_CLUBS.length);
    assert.ok(defenses.every((p) => p.name.endsWith(' Defense')));
    const abbreviations = FOOTBALL_CLUBS.map((c) => c.abbreviation);
    assert.equal(new Set(abbreviations).size, 32);
    assert.ok(abbreviations.every((a) => /^[A-Z]{2,3}$/.test(a)));
    const firstKicker = Math.min(...football.filter((p) => p.positions[0] === 'K').map((p) => p.rank));
    assert.ok(firstKicker > 100, `first kicker ranked ${firstKicker}`);
  });

  it('generates exactly 20 F1 drivers, 2 per constructor, with distinct numbers', () => {
    assert.equal(f1.length, 20);
    for (const constructor of F1_CONSTRUCTORS) {
      assert.equal(f1.filter((p) => p.team === constructor).length, 2, constructor);
    }
    assert.equal(new Set(f1.map((p) => p.attributes.number)).size, 20);
    assert.ok(f1.every((p) => p.positions.length === 1 && p.positions[0] === 'DRV'));
  });

  it('generates at least 8 baseball clubs with full 26-man rosters', () => {
    assert.ok(data.baseballClubs.length >= 8);
    for (const club of data.baseballClubs) {
      const roster = baseball.filter((p) => p.team === club.id);
      assert.ok(roster.length >= 26, `${club.id} has ${roster.length} players`);
      const roles = roster.map((p) => ratingsOf(p).pitching?.role);
      assert.ok(roles.filter((r) => r === 'SP').length >= 5, `${club.id} starters`);
      assert.ok(roles.filter((r) => r === 'RP').length >= 5, `${club.id} relievers`);
      const catchers = roster.filter((p) => p.positions[0] === 'C');
      assert.ok(catchers.some((p) => ratingsOf(p).passedBall !== undefined), `${club.id} catcher`);
      for (const position of ['1B', '2B', '3B', 'SS', 'LF', 'CF', 'RF']) {
        assert.ok(roster.some((p) => p.positions.includes(position)), `${club.id} ${position}`);
      }
    }
  });

  it('calibrates league-average batting to MLB', () => {
    assertBetween(average(hitters, (b) => b.avg), 0.240, 0.258, 'mean avg');
    assertBetween(average(hitters, (b) => b.kRate), 0.20, 0.25, 'mean kRate');
    assertBetween(average(hitters, (b) => b.hrRate), 0.025, 0.035, 'mean hrRate');
    assertBetween(average(hitters, (b) => b.bbRate), 0.075, 0.095, 'mean bbRate');
    assertBetween(average(hitters, (b) => b.doubleRate), 0.040, 0.050, 'mean doubleRate');
    assertBetween(average(hitters, (b) => b.gbRate), 0.40, 0.48, 'mean gbRate');
    assertBetween(average(hitters, (b) => b.speed), 8, 12, 'mean speed');
    assertBetween(Math.min(...hitters.map((b) => b.avg)), 0.195, 0.225, 'lowest avg');
    assertBetween(Math.max(...hitters.map((b) => b.avg)), 0.29, 0.32, 'highest avg');
  });

  it('calibrates league-average pitching to MLB and gives realistic endurance', () => {
    assertBetween(average(pitching, (p) => p.hitRate), 0.205, 0.225, 'mean hitRate allowed');
    assertBetween(average(pitching, (p) => p.hrRate), 0.025, 0.035, 'mean hrRate allowed');
    assertBetween(average(pitching, (p) => p.bbRate), 0.075, 0.095, 'mean bbRate allowed');
    assertBetween(average(pitching, (p) => p.kRate), 0.20, 0.25, 'mean kRate allowed');
    for (const p of pitching) {
      if (p.role === 'SP') assertBetween(p.endurance, 5, 8, 'SP endurance');
      else assertBetween(p.endurance, 3, 6, 'RP endurance');
    }
    const pitcherBatting = baseball.filter(isPitcher).map((p) => ratingsOf(p).batting);
    assertBetween(average(pitcherBatting, (b) => b.avg), 0.10, 0.14, 'pitchers mean avg');
    assertBetween(average(pitcherBatting, (b) => b.kRate), 0.35, 0.45, 'pitchers mean kRate');
  });

  it('keeps every rate in [0, 1] and a batter\'s outcomes below one PA', () => {
    for (const player of baseball) {
      const { batting, pitching: pitcher, fielding } = ratingsOf(player);
      for (const key of BATTING_RATES) assertBetween(batting[key], 0, 1, `${player.externalId} ${key}`);
      const hits = hitsPerPlateAppearance(batting);
      const extraBaseHits = batting.hrRate + batting.doubleRate + batting.tripleRate;
      assert.ok(extraBaseHits <= hits, `${player.externalId} extra-base hits exceed hits`);
      const nonOuts = hits + batting.bbRate + batting.hbpRate;
      assert.ok(nonOuts < 1 && nonOuts + batting.kRate < 1, `${player.externalId} outcomes exceed a PA`);
      if (pitcher) {
        for (const key of PITCHING_RATES) assertBetween(pitcher[key], 0, 1, `${player.externalId} ${key}`);
        assert.ok(pitcher.hitRate + pitcher.bbRate + pitcher.kRate < 1);
        assert.ok(fielding.P, `${player.externalId} fields P`);
      }
      for (const position of player.positions) {
        const rating = fielding[position];
        assert.ok(rating, `${player.externalId} has no ${position} rating`);
        assertBetween(rating.range, 1, 5, 'range');
        assertBetween(rating.error, 0, 30, 'error');
      }
    }
  });
});
