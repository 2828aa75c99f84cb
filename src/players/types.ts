/** The sports Clubhouse runs leagues for. */
export const SPORTS = ['football', 'f1', 'baseball'] as const;
export type Sport = (typeof SPORTS)[number];

/** A player of the pool as sample data and imports describe it (before it has a database id). */
export interface PlayerSeed {
  /** Stable, unique across sports: lets seeding be idempotent (e.g. 'football:qb-07'). */
  externalId: string;
  sport: Sport;
  name: string;
  /** Eligible positions; the first is the primary one. */
  positions: string[];
  /** Real-world club: NFL-style team abbreviation, F1 constructor, or baseball club id. */
  team: string;
  /** 1 = best; unique within a sport. */
  rank: number;
  /** Average draft position (1-based, may be fractional). */
  adp: number;
  /** Sport-specific data, stored as jsonb (baseball: BaseballRatings). */
  attributes: Record<string, unknown>;
}

/** Fielding at one position: Strat-style range 1 (best) .. 5 (worst) and error rating (higher = more errors). */
export interface FieldingRating {
  range: 1 | 2 | 3 | 4 | 5;
  error: number;
  /** Throwing arm, -5 (best) .. +5 (worst); catchers and outfielders. */
  arm?: number;
}

/**
 * What a Strat-style card engine needs to build a batter card. Rates are per plate appearance
 * against a league-average pitcher, so a card can be checked against them.
 */
export interface BattingRatings {
  bats: 'L' | 'R' | 'S';
  avg: number;       // batting average (H / AB), e.g. 0.255
  hrRate: number;    // HR / PA, e.g. 0.03
  doubleRate: number; // 2B / PA
  tripleRate: number; // 3B / PA
  bbRate: number;    // BB / PA
  kRate: number;     // K / PA
  hbpRate: number;   // HBP / PA
  gbRate: number;    // share of balls in play that are grounders, 0..1
  /** Stealing: jump/steal rating 1 (worst) .. 20 (best), as Strat's steal chart. */
  speed: number;
  /** Bunting skill A (best) .. D. */
  bunt: 'A' | 'B' | 'C' | 'D';
}

export interface PitchingRatings {
  throws: 'L' | 'R';
  role: 'SP' | 'RP';
  /** Rates allowed per batter faced against a league-average batter. */
  hitRate: number;   // H / BF
  hrRate: number;    // HR / BF
  bbRate: number;    // BB / BF
  kRate: number;     // K / BF
  /** Starter: innings before fatigue can set in (e.g. 6); reliever: outs (e.g. 3). */
  endurance: number;
  /** Holding runners, -5 (best) .. +5 (worst). */
  hold: number;
  wildPitch: number; // WP chance per PA in thousandths
  balk: number;      // balk chance per PA in thousandths
}

export interface BaseballRatings {
  batting: BattingRatings;
  /** Present for pitchers. */
  pitching?: PitchingRatings;
  /** Keyed by position ('C','1B','2B','3B','SS','LF','CF','RF','P'). */
  fielding: Record<string, FieldingRating>;
  /** Catchers only: passed-ball rating per PA in thousandths. */
  passedBall?: number;
}
