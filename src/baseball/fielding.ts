import type { BaseballRatings, FieldingRating } from '../players/types.ts';
import type { FieldPosition } from './types.ts';

/**
 * X-checks: a pitcher card's "X SS" sends the ball to a fielder. A d20 against his range
 * (1 best .. 5 worst) says hit or out; a d100 against his error rating says whether he boots it.
 * The card builder counts the hits an average fielder (range 3) allows into the pitcher's hit
 * budget, so better-than-average defence takes hits away and worse gives them.
 */

/** Hit when the range d20 is 1..X_HIT_ON[range]: 10 % for range 1 up to 50 % for range 5. */
export const X_HIT_ON: readonly number[] = [0, 2, 4, 6, 8, 10];
export const AVERAGE_RANGE = 3;

/** An outfield hit on range d20 = 1 goes for a double (into the gap). */
export const X_DOUBLE_ON = 1;

/** Catchers field pop-ups and bunts: no hits, errors only. */
const NO_HIT_POSITIONS: ReadonlySet<FieldPosition> = new Set(['C']);
export const OUTFIELD: ReadonlySet<FieldPosition> = new Set(['LF', 'CF', 'RF']);

/** Where the X-chances of a pitcher card go (MLB chances by position, roughly). Sums to 1. */
export const X_SHARE: Readonly<Record<FieldPosition, number>> = {
  P: 0.04, C: 0.02, '1B': 0.09, '2B': 0.16, '3B': 0.13, SS: 0.19, LF: 0.11, CF: 0.14, RF: 0.12,
};

/**
 * Error chance in percent per point of error rating (d100 <= rating x factor). Ratings run 0..30
 * (shortstops ~17, centre fielders ~4); with ~4.5 X-chances a team-game this gives about 0.5
 * errors per team-game (MLB: ~0.55).
 */
export const ERROR_PERCENT_PER_POINT = 1;

/** A player out of position: the worst range and many errors. */
export const OUT_OF_POSITION: FieldingRating = { range: 5, error: 25 };

export function fieldingAt(ratings: BaseballRatings, position: FieldPosition): FieldingRating {
  return ratings.fielding[position] ?? OUT_OF_POSITION;
}

export function xHitMax(position: FieldPosition, range: number): number {
  return NO_HIT_POSITIONS.has(position) ? 0 : X_HIT_ON[range];
}

export function errorPercent(rating: FieldingRating): number {
  return Math.min(100, Math.round(rating.error * ERROR_PERCENT_PER_POINT));
}

/** Expected singles and doubles per X-chance at a position with an average fielder. */
export function averageXHits(position: FieldPosition): { single: number; double: number } {
  const hits = xHitMax(position, AVERAGE_RANGE) / 20;
  if (!OUTFIELD.has(position) || hits === 0) return { single: hits, double: 0 };
  return { single: hits - X_DOUBLE_ON / 20, double: X_DOUBLE_ON / 20 };
}
