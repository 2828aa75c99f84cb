import type { FieldingRating } from '../players/types.ts';
import { NEUTRAL_BALLPARK_RATINGS, columnProbabilities } from './cards.ts';
import { AVERAGE_RANGE, OUTFIELD, X_DOUBLE_ON, xHitMax } from './fielding.ts';
import type { BallparkRatings, Card, FieldPosition, CardResult } from './types.ts';

/**
 * Exact per-PA rates of a matchup, computed from the cards instead of rolled: how cards are checked
 * against ratings (tests, the sim's fidelity table). Rare rows (WP, PB, BK) are read again, so the
 * rates are conditional on the PA ending; X-checks are resolved with the given fielders (range 3
 * by default; errors are left out: an error is not a hit); ballpark results by the park's ratings
 * (a neutral park's by default).
 */
export interface ExpectedRates {
  single: number; double: number; triple: number; hr: number;
  bb: number; hbp: number; k: number;
  /** Outs and reached-on-error: the rest of the PA. */
  other: number;
  hits: number;
  /** Hits per AB (AB = PA - BB - HBP). */
  avg: number;
}

export type Fielders = Partial<Record<FieldPosition, Pick<FieldingRating, 'range'>>>;

export function expectedRates(
  batterCard: Card, pitcherCard: Card, fielders: Fielders = {}, ballpark: BallparkRatings = NEUTRAL_BALLPARK_RATINGS,
): ExpectedRates {
  const rates = new Map<CardResult, number>();
  for (let face = 1; face <= 6; face++) {
    for (const [o, v] of columnProbabilities(face <= 3 ? batterCard : pitcherCard, (face - 1) % 3)) {
      rates.set(o, (rates.get(o) ?? 0) + v / 6);
    }
  }
  const rare = (rates.get('WP') ?? 0) + (rates.get('PB') ?? 0) + (rates.get('BK') ?? 0);
  const get = (o: CardResult) => (rates.get(o) ?? 0) / (1 - rare);
  let single = get('1B') + (get('BP-1B') * ballpark.single) / 20;
  let double = get('2B');
  for (const o of rates.keys()) {
    if (!o.startsWith('X-')) continue;
    const position = o.slice(2) as FieldPosition;
    const hitMax = xHitMax(position, fielders[position]?.range ?? AVERAGE_RANGE);
    const chance = get(o);
    const doubles = OUTFIELD.has(position) ? Math.min(hitMax, X_DOUBLE_ON) : 0;
    double += (chance * doubles) / 20;
    single += (chance * (hitMax - doubles)) / 20;
  }
  const hr = get('HR') + (get('BP-HR') * ballpark.hr) / 20;
  const [triple, bb, hbp, k] = [get('3B'), get('BB'), get('HBP'), get('K')];
  const hits = single + double + triple + hr;
  return { single, double, triple, hr, bb, hbp, k, hits, other: 1 - hits - bb - hbp - k, avg: hits / (1 - bb - hbp) };
}
