import type { BattingRatings, PitchingRatings } from '../players/types.ts';

/**
 * The league the cards are calibrated to: MLB averages, the same targets the sample generator
 * (src/seed/baseball.ts) calibrates ratings to (a test keeps the two equal). Batting rates are per
 * PA (avg per AB); pitching rates per batter faced.
 */
export const LEAGUE_BATTING = {
  avg: 0.248, hrRate: 0.030, doubleRate: 0.045, tripleRate: 0.004,
  bbRate: 0.085, kRate: 0.225, hbpRate: 0.011, gbRate: 0.44,
} as const;

export const LEAGUE_PITCHING = {
  hitRate: 0.215, hrRate: 0.030, bbRate: 0.085, kRate: 0.225,
  /** Per PA in thousandths, the generator's means. */
  wildPitch: 8, balk: 0.8,
} as const;

/** Per-PA rates of the league's average batter against its average pitcher. */
export interface PaRates {
  single: number; double: number; triple: number; hr: number;
  bb: number; hbp: number; k: number;
}

/** Hits per PA from a batting average: AB = PA - BB - HBP (sacrifices are rare enough to ignore). */
export function hitsPerPa(b: Pick<BattingRatings, 'avg' | 'bbRate' | 'hbpRate'>): number {
  return b.avg * (1 - b.bbRate - b.hbpRate);
}

const leagueHits = hitsPerPa(LEAGUE_BATTING);
export const LEAGUE_PA: PaRates = {
  single: leagueHits - LEAGUE_BATTING.hrRate - LEAGUE_BATTING.doubleRate - LEAGUE_BATTING.tripleRate,
  double: LEAGUE_BATTING.doubleRate,
  triple: LEAGUE_BATTING.tripleRate,
  hr: LEAGUE_BATTING.hrRate,
  bb: LEAGUE_BATTING.bbRate,
  hbp: LEAGUE_BATTING.hbpRate,
  k: LEAGUE_BATTING.kRate,
};

/**
 * How the league's events are shared between the two halves of the dice. A PA reads the batter's
 * card half the time and the pitcher's the other half, so an average matchup yields
 * (batter card + pitcher card) / 2 = league. Splitting every event evenly would leave no room on
 * the batter's card for a .010 HR hitter (2 x .010 - .030 < 0): like Strat, batter cards carry
 * most of the rare extra-base hits and HBP, so batters down to .0075 HR (.04 BB) are represented
 * exactly, at the cost of pitchers under .023 HR allowed, who play at about .023. The average
 * pitcher card holds the rest: 2 x league - AVERAGE_BATTER_CARD.
 */
export const AVERAGE_BATTER_CARD: PaRates = {
  single: 0.15, double: 0.06, triple: 0.0075, hr: 0.045, bb: 0.095, hbp: 0.02, k: 0.235,
};

export const AVERAGE_PITCHER_CARD: PaRates = {
  single: 2 * LEAGUE_PA.single - AVERAGE_BATTER_CARD.single,
  double: 2 * LEAGUE_PA.double - AVERAGE_BATTER_CARD.double,
  triple: 2 * LEAGUE_PA.triple - AVERAGE_BATTER_CARD.triple,
  hr: 2 * LEAGUE_PA.hr - AVERAGE_BATTER_CARD.hr,
  bb: 2 * LEAGUE_PA.bb - AVERAGE_BATTER_CARD.bb,
  hbp: 2 * LEAGUE_PA.hbp - AVERAGE_BATTER_CARD.hbp,
  k: 2 * LEAGUE_PA.k - AVERAGE_BATTER_CARD.k,
};

/** A league-average pitcher: the opponent a batter card is checked against. */
export const AVERAGE_PITCHER: PitchingRatings = {
  throws: 'R', role: 'SP',
  hitRate: LEAGUE_PITCHING.hitRate, hrRate: LEAGUE_PITCHING.hrRate,
  bbRate: LEAGUE_PITCHING.bbRate, kRate: LEAGUE_PITCHING.kRate,
  endurance: 6, hold: 0, wildPitch: LEAGUE_PITCHING.wildPitch, balk: LEAGUE_PITCHING.balk,
};

/** A league-average batter: the opponent a pitcher card is checked against. */
export const AVERAGE_BATTER: BattingRatings = {
  bats: 'R', ...LEAGUE_BATTING, speed: 10, bunt: 'C',
};
