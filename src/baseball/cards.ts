import type { BattingRatings, PitchingRatings } from '../players/types.ts';
import { X_SHARE, averageXHits } from './fielding.ts';
import { COLUMNS, ROW_WEIGHTS, TICKS, layoutHalf } from './layout.ts';
import {
  AVERAGE_BATTER_CARD, AVERAGE_PITCHER_CARD, LEAGUE_BATTING, LEAGUE_PA, LEAGUE_PITCHING, hitsPerPa,
  type PaRates,
} from './norms.ts';
import { FIELD_POSITIONS, type BallparkRatings, type Card, type CardResult } from './types.ts';

/**
 * Strat-style cards from ratings. Each half (batter, pitcher) is read half the time, so a card
 * holds the league average + 2 x the player's deviation: against an average opponent his rates are
 * his ratings. Pitcher cards also carry the X-checks and the rare rows (WP, PB, BK). The method,
 * step by step: docs/baseball.md.
 */

/** Share of a pitcher card that sends the ball to a fielder (X-checks). */
export const X_CHANCE = 0.24;
/** Passed-ball rows per PA in thousandths: the worst catcher's rating (5); the check scales it down. */
export const PB_CHECK_RATE = 5;

export type CardProbabilities = Map<CardResult, number>;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const pos = (value: number) => Math.max(0, value);

/** How a batter's card is built: `ballpark` splits some of his homers and singles into ballpark results. */
export interface BatterCardOptions {
  ballpark?: boolean;
}

/**
 * Ballpark results (docs/baseball.md "Ballparks"). A batter card holds as many BP HR chances as
 * his HR rate per PA, and BP 1B chances a fifth of his singles rate, so a park's rating moves every
 * batter's rate in proportion to it. In a neutral park (d20 <= NEUTRAL_BP_ROLL) half of them are
 * hits; the card's sure homers and singles are lowered by that half and its fly outs by the other
 * half, so in a neutral park the card's expected results are what they were without ballpark
 * results. A BP fly out plays as a deep fly (FB A), a BP line out as a caught liner (FB C): the fly
 * outs come out of those rows first. (Fewer chances when the card has too few homers or fly outs.)
 */
export const BP_HR_PER_RATE = 1;
export const BP_1B_PER_RATE = 0.2;
/** The neutral park's rating for both BP results on the d20: half of them are hits. */
export const NEUTRAL_BP_ROLL = 10;
const NEUTRAL_BP_HIT = NEUTRAL_BP_ROLL / 20;
export const NEUTRAL_BALLPARK_RATINGS: BallparkRatings = Object.freeze({ hr: NEUTRAL_BP_ROLL, single: NEUTRAL_BP_ROLL });

/** What a batter's card should hold, per half (sums to 1). */
export function batterCardProbabilities(b: BattingRatings, options: BatterCardOptions = {}): CardProbabilities {
  const base = AVERAGE_BATTER_CARD;
  const hr = pos(base.hr + 2 * (b.hrRate - LEAGUE_PA.hr));
  const triple = pos(base.triple + 2 * (b.tripleRate - LEAGUE_PA.triple));
  const double = pos(base.double + 2 * (b.doubleRate - LEAGUE_PA.double));
  const leagueHits = LEAGUE_PA.single + LEAGUE_PA.double + LEAGUE_PA.triple + LEAGUE_PA.hr;
  const baseHits = base.single + base.double + base.triple + base.hr;
  const hits = pos(baseHits + 2 * (hitsPerPa(b) - leagueHits));
  // Extra-base hits come out of the hits, so a clamped HR does not change the batting average.
  const extraBase = hr + triple + double;
  const xbhScale = extraBase > hits ? hits / extraBase : 1;
  const rates: PaRates = {
    hr: hr * xbhScale, triple: triple * xbhScale, double: double * xbhScale,
    single: hits - extraBase * xbhScale,
    bb: pos(base.bb + 2 * (b.bbRate - LEAGUE_PA.bb)),
    hbp: pos(base.hbp + 2 * (b.hbpRate - LEAGUE_PA.hbp)),
    k: pos(base.k + 2 * (b.kRate - LEAGUE_PA.k)),
  };
  const card = withOuts(rates, 0);
  const outs = 1 - sum(card);
  const gb = outs * clamp(b.gbRate, 0, 1);
  const fbA = clamp(0.2 + 3 * (b.hrRate - LEAGUE_BATTING.hrRate), 0.08, 0.4);
  const fbC = 0.35;
  addOuts(card, gb, batterGroundShares(b.speed), outs - gb, [fbA, 1 - fbA - fbC, fbC]);
  if (options.ballpark) {
    const singles = Math.max(0, hitsPerPa(b) - b.hrRate - b.doubleRate - b.tripleRate);
    addBallparkResults(card, 'HR', 'BP-HR', BP_HR_PER_RATE * b.hrRate, ['FB-A', 'FB-B', 'FB-C']);
    addBallparkResults(card, '1B', 'BP-1B', BP_1B_PER_RATE * singles, ['FB-C', 'FB-B', 'FB-A']);
  }
  return card;
}

/**
 * Puts `wanted` chances of the ballpark result `bp` on the card: the hit keeps what a neutral park
 * would not make one, and the fly outs the neutral park would make (taken from `outs` in order)
 * leave their rows. Fewer ballpark chances when the card has too few of the hit or fly outs to give.
 */
function addBallparkResults(card: CardProbabilities, hit: CardResult, bp: CardResult, wanted: number, outs: CardResult[]): void {
  const available = outs.reduce((total, o) => total + (card.get(o) ?? 0), 0);
  const chances = Math.min(wanted, (card.get(hit) ?? 0) / NEUTRAL_BP_HIT, available / (1 - NEUTRAL_BP_HIT));
  if (chances <= 0) return;
  card.set(hit, (card.get(hit) ?? 0) - chances * NEUTRAL_BP_HIT);
  card.set(bp, chances);
  let owed = chances * (1 - NEUTRAL_BP_HIT);
  for (const o of outs) {
    const taken = Math.min(owed, card.get(o) ?? 0);
    card.set(o, (card.get(o) ?? 0) - taken);
    owed -= taken;
  }
}

/**
 * A batter card's ground-ball outs as [GB A (the double-play ball), GB B, GB C (slow roller)]:
 * fast runners beat out double plays and turn slow rollers into advances. The GB A shares (here
 * and on pitcher cards) are set so that about 10 % of double-play chances (a runner on 1st, under
 * two outs) end in one, as in MLB (docs/baseball.md "Calibration").
 */
export function batterGroundShares(speed: number): [number, number, number] {
  const gbA = clamp(0.72 - 0.015 * speed, 0.37, 0.72);
  const gbC = clamp(0.1 + 0.01 * speed, 0.1, 0.3);
  return [gbA, 1 - gbA - gbC, gbC];
}

/** A pitcher card's ground-ball outs: GB A, B, C. */
export const PITCHER_GROUND_SHARES = [0.57, 0.25, 0.18] as const;

/** What a pitcher's card should hold, per half (sums to 1). */
export function pitcherCardProbabilities(p: PitchingRatings): CardProbabilities {
  const base = AVERAGE_PITCHER_CARD;
  const dHits = p.hitRate - LEAGUE_PITCHING.hitRate;
  const dHr = p.hrRate - LEAGUE_PITCHING.hrRate;
  // Hits an average fielder allows on the X-checks are part of the pitcher's hits.
  let xSingle = 0;
  let xDouble = 0;
  for (const position of FIELD_POSITIONS) {
    const hits = averageXHits(position);
    xSingle += X_CHANCE * X_SHARE[position] * hits.single;
    xDouble += X_CHANCE * X_SHARE[position] * hits.double;
  }
  const explicit = { single: base.single - xSingle, double: base.double - xDouble, triple: base.triple };
  const explicitHits = explicit.single + explicit.double + explicit.triple;
  const nonHomer = pos(explicitHits + 2 * (dHits - dHr));
  const scale = nonHomer / explicitHits;
  const rates: PaRates = {
    single: explicit.single * scale, double: explicit.double * scale, triple: explicit.triple * scale,
    hr: pos(base.hr + 2 * dHr),
    bb: pos(base.bb + 2 * (p.bbRate - LEAGUE_PITCHING.bbRate)),
    hbp: base.hbp,
    k: pos(base.k + 2 * (p.kRate - LEAGUE_PITCHING.kRate)),
  };
  // Rare rows (WP, PB, BK) do not end the PA: the dice are read again. Taking each PA result's
  // share of them out of the card keeps the rates per PA what the ratings say.
  const wp = (2 * p.wildPitch) / 1000;
  const bk = (2 * p.balk) / 1000;
  const pb = (2 * PB_CHECK_RATE) / 1000;
  const rare = wp + bk + pb;
  const keys = Object.keys(rates) as (keyof PaRates)[];
  for (const key of keys) rates[key] = pos(rates[key] - (rare / 2) * (rates[key] + AVERAGE_BATTER_CARD[key]));
  const card = withOuts(rates, X_CHANCE + rare);
  // The X-checks' share of the rare rows comes out of them too (the batter card has none).
  for (const position of FIELD_POSITIONS) card.set(`X-${position}`, X_CHANCE * (1 - rare / 2) * X_SHARE[position]);
  card.set('WP', wp);
  card.set('PB', pb);
  card.set('BK', bk);
  const outs = 1 - sum(card);
  const gb = outs * LEAGUE_BATTING.gbRate;
  addOuts(card, gb, [...PITCHER_GROUND_SHARES], outs - gb, [0.22, 0.43, 0.35]);
  return card;
}

/** The card's PA results with their probabilities; scaled down if they leave no room for `reserved` + outs. */
function withOuts(rates: PaRates, reserved: number): CardProbabilities {
  const total = rates.single + rates.double + rates.triple + rates.hr + rates.bb + rates.hbp + rates.k;
  const scale = total > 1 - reserved ? (1 - reserved) / total : 1;
  return new Map<CardResult, number>([
    ['1B', rates.single * scale], ['2B', rates.double * scale], ['3B', rates.triple * scale], ['HR', rates.hr * scale],
    ['BB', rates.bb * scale], ['HBP', rates.hbp * scale], ['K', rates.k * scale],
  ]);
}

function addOuts(card: CardProbabilities, gb: number, gbShares: number[], fb: number, fbShares: number[]): void {
  (['GB-A', 'GB-B', 'GB-C'] as const).forEach((o, i) => card.set(o, pos(gb * gbShares[i])));
  (['FB-A', 'FB-B', 'FB-C'] as const).forEach((o, i) => card.set(o, pos(fb * fbShares[i])));
}

function sum(card: CardProbabilities): number {
  let total = 0;
  for (const value of card.values()) total += value;
  return total;
}

export function buildBatterCard(b: BattingRatings, options: BatterCardOptions = {}): Card {
  return { side: 'batter', columns: layoutHalf(batterCardProbabilities(b, options)) };
}

export function buildPitcherCard(p: PitchingRatings): Card {
  return { side: 'pitcher', columns: layoutHalf(pitcherCardProbabilities(p)) };
}

/**
 * What fatigue costs a pitcher per level (per batter faced): a tiring pitcher (level 1) allows a
 * dozen more hits per 1000 batters, 3 more homers and 8 more walks and strikes out 15 fewer; a
 * tired one (level 2) twice that. Roughly MLB's third-time-through-the-order penalty and beyond.
 */
export const FATIGUE_PENALTY = { hitRate: 0.012, hrRate: 0.003, bbRate: 0.008, kRate: -0.015 } as const;

/** The ratings of a pitcher at a fatigue level. */
export function tiredPitching(p: PitchingRatings, level: number): PitchingRatings {
  return {
    ...p,
    hitRate: p.hitRate + level * FATIGUE_PENALTY.hitRate,
    hrRate: p.hrRate + level * FATIGUE_PENALTY.hrRate,
    bbRate: p.bbRate + level * FATIGUE_PENALTY.bbRate,
    kRate: Math.max(0, p.kRate + level * FATIGUE_PENALTY.kRate),
  };
}

/** The pitcher's card fresh, tiring and tired (fatigue.ts), built once. */
export function buildPitcherCards(p: PitchingRatings): Card[] {
  return [0, 1, 2].map((level) => buildPitcherCard(tiredPitching(p, level)));
}

/** Probability of each row of a column: 1/36 .. 6/36. */
export function rowProbability(roll: number): number {
  return ROW_WEIGHTS[roll - 2] / 36;
}

/** Each column's total probability (1 for a well-formed card). */
export function columnTotals(card: Card): number[] {
  return card.columns.map((rows) => rows.reduce((total, row) =>
    total + rowProbability(row.roll) * (row.split / TICKS + (row.split < TICKS ? (TICKS - row.split) / TICKS : 0)), 0));
}

/** What the card's half actually holds: each result's probability over its three columns. */
export function cardProbabilities(card: Card): CardProbabilities {
  const out: CardProbabilities = new Map();
  for (let column = 0; column < card.columns.length; column++) {
    for (const [o, v] of columnProbabilities(card, column)) out.set(o, (out.get(o) ?? 0) + v / card.columns.length);
  }
  return out;
}

/** Each result's probability in one column (0-based). */
export function columnProbabilities(card: Card, column: number): CardProbabilities {
  const out: CardProbabilities = new Map();
  const add = (o: CardResult, ticks: number, weight: number) => out.set(o, (out.get(o) ?? 0) + (ticks * weight) / (36 * TICKS));
  for (const row of card.columns[column]) {
    const weight = ROW_WEIGHTS[row.roll - 2];
    add(row.a, row.split, weight);
    if (row.split < TICKS) add(row.b, TICKS - row.split, weight);
  }
  return out;
}

/** Card text, one row per line: "7 | K | 1B 1-8 / FB-B 9-20 | BB". */
export function formatCard(card: Card): string {
  const cell = (row: Card['columns'][number][number]) =>
    (row.split === TICKS ? row.a : `${row.a} 1-${row.split} / ${row.b} ${row.split + 1}-20`).replace(/^X-/, 'X ').replace('/ X-', '/ X ');
  const lines: string[] = [];
  for (let r = 0; r < ROW_WEIGHTS.length; r++) {
    lines.push(`${String(r + 2).padStart(2)} | ${card.columns.map((rows) => cell(rows[r]).padEnd(24)).join(' | ')}`);
  }
  return lines.join('\n');
}

export { COLUMNS };
