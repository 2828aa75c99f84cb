import type { BattingRatings, PitchingRatings } from '../players/types.ts';
import { buildBatterCard, buildPitcherCards } from './cards.ts';
import type { ClubPlayer } from './lineup.ts';
import type { GamePlayer } from './types.ts';

/**
 * Home-field advantage (docs/baseball.md "Home field"). Batting last is worth almost nothing by
 * itself (50.2 % home wins over 10,000 simulated games); MLB home teams win 53-54 %, from the many
 * small things a home club has (its own park and mound, sleep, the crowd, the umpire's zone). The
 * engine gives them as one small card edge: in a game, the home club's players play from cards
 * built from slightly better ratings (hitters reach and hit for power a little more and strike
 * out a little less; pitchers allow a little less), about 0.2 runs a game each way. The dice are
 * the same: only which rows of the cards hold which result moves.
 */
export const HOME_EDGE = {
  /** Multipliers of a home hitter's rates. */
  batting: { avg: 1.011, doubleRate: 1.028, tripleRate: 1.028, hrRate: 1.038, bbRate: 1.038, kRate: 0.972 },
  /** Multipliers of a home pitcher's rates allowed. */
  pitching: { hitRate: 0.989, hrRate: 0.962, bbRate: 0.962, kRate: 1.028 },
} as const;

export function homeBatting(b: BattingRatings): BattingRatings {
  const e = HOME_EDGE.batting;
  return {
    ...b, avg: b.avg * e.avg, doubleRate: b.doubleRate * e.doubleRate, tripleRate: b.tripleRate * e.tripleRate,
    hrRate: b.hrRate * e.hrRate, bbRate: b.bbRate * e.bbRate, kRate: b.kRate * e.kRate,
  };
}

export function homePitching(p: PitchingRatings): PitchingRatings {
  const e = HOME_EDGE.pitching;
  return { ...p, hitRate: p.hitRate * e.hitRate, hrRate: p.hrRate * e.hrRate, bbRate: p.bbRate * e.bbRate, kRate: p.kRate * e.kRate };
}

/** Home cards are built once per player object, as the road ones (lineup.ts gamePlayer). */
const homeCache = new WeakMap<ClubPlayer, GamePlayer>();

/** The player as he plays at home: his ratings with the home edge, and the cards built from them. */
export function homePlayer(p: ClubPlayer): GamePlayer {
  let built = homeCache.get(p);
  if (!built) {
    const pitching = p.ratings.pitching ? homePitching(p.ratings.pitching) : undefined;
    const ratings = { ...p.ratings, batting: homeBatting(p.ratings.batting), ...(pitching ? { pitching } : {}) };
    built = { id: p.id, name: p.name, ratings, battingCard: buildBatterCard(ratings.batting), pitchingCards: pitching ? buildPitcherCards(pitching) : [] };
    homeCache.set(p, built);
  }
  return built;
}
