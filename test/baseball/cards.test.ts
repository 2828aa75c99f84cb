import assert from 'node:assert/strict';
import {
  AVERAGE_BATTER, AVERAGE_PITCHER, LEAGUE_BATTING, LEAGUE_PITCHING, X_CHANCE, batterCardProbabilities, battingValue,
  buildBatterCard, buildPitcherCard, cardProbabilities, columnTotals, expectedRates, formatCard,
  pitcherCardProbabilities, resolvePlateAppearance, rngDice, type Card,
} from '../../src/baseball/index.ts';
import { seededRng } from '../../src/dice/rng.ts';
import { MLB_BATTING_TARGETS, MLB_PITCHING_TARGETS } from '../../src/seed/baseball.ts';
import { Scenario, sampleClubs } from './fixtures.ts';

const clubs = sampleClubs();
const everyone = clubs.flatMap((c) => c.players);
const hitters = everyone.filter((p) => !p.ratings.pitching);
const pitchers = everyone.filter((p) => p.ratings.pitching);
const averagePitcherCard = buildPitcherCard(AVERAGE_PITCHER);
const averageBatterCard = buildBatterCard(AVERAGE_BATTER);

function relative(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}

describe('baseball cards', () => {
  it('calibrates to the same league as the sample generator', () => {
    for (const [key, value] of Object.entries(MLB_BATTING_TARGETS)) assert.equal(LEAGUE_BATTING[key as keyof typeof LEAGUE_BATTING], value, key);
    for (const [key, value] of Object.entries(MLB_PITCHING_TARGETS)) assert.equal(LEAGUE_PITCHING[key as keyof typeof LEAGUE_PITCHING], value, key);
  });

  it('rates the regulars (each club\'s nine best hitters, a DH lineup) at the MLB average, the bench below them', () => {
    const regulars = clubs.flatMap((c) => c.players.filter((p) => !p.ratings.pitching)
      .sort((a, b) => battingValue(b.ratings.batting) - battingValue(a.ratings.batting)).slice(0, 9));
    const bench = hitters.filter((p) => !regulars.includes(p));
    const mean = (players: typeof hitters, key: 'avg' | 'hrRate' | 'bbRate' | 'kRate') => players.reduce((t, p) => t + p.ratings.batting[key], 0) / players.length;
    for (const key of ['avg', 'hrRate', 'bbRate', 'kRate'] as const) {
      assert.ok(relative(mean(regulars, key), MLB_BATTING_TARGETS[key]) < 0.02, `regulars' ${key} ${mean(regulars, key).toFixed(4)}`);
    }
    assert.ok(mean(bench, 'avg') < mean(regulars, 'avg') && mean(bench, 'hrRate') < mean(regulars, 'hrRate'));
  });

  it('has 3 columns of rows 2..12 whose probabilities sum to 1 in every column', () => {
    const cards: Card[] = everyone.flatMap((p) => [buildBatterCard(p.ratings.batting), ...(p.ratings.pitching ? [buildPitcherCard(p.ratings.pitching)] : [])]);
    for (const card of cards) {
      assert.equal(card.columns.length, 3);
      for (const column of card.columns) {
        assert.deepEqual(column.map((row) => row.roll), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        for (const row of column) assert.ok(Number.isInteger(row.split) && row.split >= 1 && row.split <= 20);
      }
      for (const total of columnTotals(card)) assert.ok(Math.abs(total - 1) < 1e-12, `column total ${total}`);
    }
  });

  it('lays the intended probabilities out on the rows to within a few d20 ticks', () => {
    for (const p of everyone) {
      const pairs: [Map<string, number>, Card][] = [[batterCardProbabilities(p.ratings.batting), buildBatterCard(p.ratings.batting)]];
      if (p.ratings.pitching) pairs.push([pitcherCardProbabilities(p.ratings.pitching), buildPitcherCard(p.ratings.pitching)]);
      for (const [intended, card] of pairs) {
        const placed = cardProbabilities(card);
        for (const [outcome, probability] of intended) {
          // 1 tick of a 1/36 row in one of three columns = 1/2160 of the half: 3 ticks are 0.0007 per PA.
          const ticks = Math.abs((placed.get(outcome as never) ?? 0) - probability) * 2160;
          const limit = ['1B', '2B', '3B', 'HR', 'BB', 'HBP', 'K'].includes(outcome) ? 3.5 : 12;
          assert.ok(ticks <= limit, `${p.name} ${outcome}: ${ticks.toFixed(2)} ticks off`);
        }
      }
    }
  });

  it('gives every batter his ratings against a league-average pitcher card (exact expectation)', () => {
    // Batters rated below .0075 HR cannot be shown on a card (the average pitcher card alone gives
    // that much); everyone else is held to 3 % on AVG, HR, BB and K, or to two d20 ticks of a
    // card row (2 / 4320 per PA) where 3 % is less than that (a rating just above the floor).
    const close = (actual: number, expected: number) => relative(actual, expected) < 0.03 || Math.abs(actual - expected) <= 2 / 4320;
    for (const p of hitters) {
      const b = p.ratings.batting;
      const e = expectedRates(buildBatterCard(b), averagePitcherCard);
      assert.ok(relative(e.avg, b.avg) < 0.03, `${p.name} AVG ${e.avg.toFixed(4)} vs ${b.avg}`);
      if (b.hrRate >= 0.0075) assert.ok(close(e.hr, b.hrRate), `${p.name} HR ${e.hr.toFixed(4)} vs ${b.hrRate}`);
      if (b.bbRate >= 0.04) assert.ok(relative(e.bb, b.bbRate) < 0.03, `${p.name} BB ${e.bb.toFixed(4)} vs ${b.bbRate}`);
      assert.ok(relative(e.k, b.kRate) < 0.03, `${p.name} K ${e.k.toFixed(4)} vs ${b.kRate}`);
    }
  });

  it('gives every pitcher his K and BB rates, and his deviation in hits, against a league-average batter', () => {
    for (const p of pitchers) {
      const r = p.ratings.pitching!;
      const e = expectedRates(averageBatterCard, buildPitcherCard(r));
      assert.ok(relative(e.k, r.kRate) < 0.03, `${p.name} K ${e.k.toFixed(4)} vs ${r.kRate}`);
      if (r.bbRate >= 0.05) assert.ok(relative(e.bb, r.bbRate) < 0.03, `${p.name} BB ${e.bb.toFixed(4)} vs ${r.bbRate}`);
      // Hits: the league's batters hit .224 per PA against the average (.215) pitcher; a pitcher's
      // card moves that by his own deviation (norms.ts).
      const leagueHits = expectedRates(averageBatterCard, averagePitcherCard).hits;
      if (r.hrRate >= 0.024) assert.ok(Math.abs(e.hits - (leagueHits + r.hitRate - LEAGUE_PITCHING.hitRate)) < 0.004, `${p.name} H ${e.hits.toFixed(4)}`);
    }
  });

  it('puts X-checks and the rare rows (WP, PB, BK) on pitcher cards only', () => {
    const pitcher = cardProbabilities(averagePitcherCard);
    const x = [...pitcher].filter(([o]) => o.startsWith('X-')).reduce((sum, [, v]) => sum + v, 0);
    assert.ok(Math.abs(x - X_CHANCE) < 0.01, `X share ${x}`);
    for (const o of ['WP', 'PB', 'BK'] as const) assert.ok((pitcher.get(o) ?? 0) > 0, o);
    for (const [o] of cardProbabilities(averageBatterCard)) assert.ok(!o.startsWith('X-') && !['WP', 'PB', 'BK'].includes(o), o);
  });

  it('prints as rows with d20 splits', () => {
    const text = formatCard(buildBatterCard(hitters[0].ratings.batting));
    const lines = text.split('\n');
    assert.equal(lines.length, 11);
    assert.match(lines[0], /^ 2 \| /);
    assert.match(text, /\d+-20/);
  });

  it('plays as it reads: 50,000 seeded PAs of a batter against an average pitcher land on his AVG and HR rate', () => {
    const batter = [...hitters].sort((a, b) => b.ratings.batting.hrRate - a.ratings.batting.hrRate)[0];
    const s = new Scenario();
    s.players.set('a1', { id: 'a1', name: batter.name, ratings: batter.ratings, battingCard: buildBatterCard(batter.ratings.batting), pitchingCards: [] });
    s.players.set('hp', { ...s.players.get('hp')!, pitchingCards: [averagePitcherCard] });
    const state = s.state();
    const dice = rngDice(seededRng(42));
    let ab = 0;
    let h = 0;
    let hr = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const play = resolvePlateAppearance(state, dice, s.ctx);
      ab += play.ab;
      h += play.h;
      hr += play.hr;
    }
    const b = batter.ratings.batting;
    assert.ok(relative(h / ab, b.avg) < 0.04, `AVG ${(h / ab).toFixed(4)} vs ${b.avg}`);
    assert.ok(relative(hr / n, b.hrRate) < 0.08, `HR ${(hr / n).toFixed(4)} vs ${b.hrRate}`);
  });
});
