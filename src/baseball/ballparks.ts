import type { BattingRatings } from '../players/types.ts';
import { BP_1B_PER_RATE, BP_HR_PER_RATE, NEUTRAL_BP_ROLL, buildBatterCard } from './cards.ts';
import { homePlayer } from './home-field.ts';
import { gamePlayer, type ClubPlayer } from './lineup.ts';
import { hitsPerPa } from './norms.ts';
import type { BallparkRatings, GameContext, GamePlayer } from './types.ts';

/**
 * Ballparks (docs/baseball.md "Ballparks"). A park changes how often balls in play become hits, for
 * both clubs, as MLB park factors do, in two ways:
 * - Ballpark results (Strat-O-Matic's and the PD seed's bphr/bpfo/bp1b/bplo): batter cards carry
 *   BP HR and BP 1B chances (cards.ts); when one is read a second d20 against the park's rating
 *   (`bp`) makes a BP HR a home run or a fly out, a BP 1B a single or a line out. A neutral park
 *   rates both 10 (half are hits: the cards' expected results are those without ballpark results);
 *   each rating is derived from the park's HR and single factors (bpRating), so a hitters' park
 *   turns more of them into hits and a pitchers' park fewer. The play records which it was.
 * - Doubles and triples: every batter plays from a card built from his ratings times the park's
 *   double and triple factors (a factor scales his rate against an average pitcher exactly: a card
 *   holds 2 x the rating's deviation, read half the time); the pitcher's card stays his.
 * A game stores its park (GameConfig.park). A park stored without `bp` is a game from before
 * ballpark results: it replays as it was played, all four factors on the cards and no ballpark
 * results (and a game stored before parks in a neutral park, the same way).
 *
 * The catalog's factors average 1 (each) and its ratings 10, so a league whose clubs host as often
 * as they visit keeps its rates: the calibration table (loadtest/sim.ts) is unchanged in kind.
 */

export interface ParkFactors {
  single: number;
  double: number;
  triple: number;
  hr: number;
}

export interface Ballpark {
  id: string;
  name: string;
  factors: ParkFactors;
  /** Ballpark ratings on the d20 (from the HR and single factors); absent in parks stored before ballpark results. */
  bp?: BallparkRatings;
}

/**
 * A park's ballpark rating for a factor: the d20 roll (0-20) at which every batter's rate against
 * an average pitcher moves by the factor. His card holds `perRate` x his rate in ballpark chances,
 * read half the time, so each point of the d20 moves his rate by perRate / 40 of it:
 * rating = 10 + 40 x (factor - 1) / perRate, rounded.
 */
export function bpRating(factor: number, perRate: number): number {
  const rating = NEUTRAL_BP_ROLL + (40 * (factor - 1)) / perRate;
  return Math.min(20, Math.max(0, Math.round(rating)));
}

function withRatings(id: string, name: string, factors: ParkFactors): Ballpark {
  return { id, name, factors, bp: { hr: bpRating(factors.hr, BP_HR_PER_RATE), single: bpRating(factors.single, BP_1B_PER_RATE) } };
}

const NEUTRAL_FACTORS: ParkFactors = { single: 1, double: 1, triple: 1, hr: 1 };

/** A team that has no park: factors 1, ballpark ratings 10. */
export const NEUTRAL_PARK: Ballpark = withRatings('neutral', 'Neutral park', NEUTRAL_FACTORS);

/** Where a game stored before parks plays (no `park` in its config): neutral, and no ballpark results, as it was played. */
export const BEFORE_PARKS: Ballpark = { id: 'neutral', name: 'Neutral park', factors: NEUTRAL_FACTORS };

/**
 * The parks a club may play in, from a hitters' haven to a pitchers' park: factors within MLB's
 * multi-year spread (HR 0.80-1.25, doubles 0.90-1.15, triples 0.60-1.70, singles 0.96-1.05).
 * Each factor averages exactly 1 over the eight, each ballpark rating 10 (test/baseball/ballparks.test.ts).
 */
export const BALLPARKS: readonly Ballpark[] = [
  withRatings('thin-air', 'Thin Air Field', { single: 1.05, double: 1.12, triple: 1.6, hr: 1.2 }),
  withRatings('bandbox', 'The Bandbox', { single: 0.99, double: 0.96, triple: 0.7, hr: 1.25 }),
  withRatings('green-wall', 'Green Wall Park', { single: 1.02, double: 1.15, triple: 0.8, hr: 0.98 }),
  withRatings('riverside', 'Riverside Grounds', { single: 1.0, double: 1.02, triple: 1.0, hr: 1.05 }),
  withRatings('lakefront', 'Lakefront Stadium', { single: 1.0, double: 0.98, triple: 0.9, hr: 1.0 }),
  withRatings('gap-alley', 'Gap Alley Park', { single: 0.98, double: 1.03, triple: 1.5, hr: 0.9 }),
  withRatings('marine-layer', 'Marine Layer Park', { single: 0.98, double: 0.9, triple: 0.9, hr: 0.82 }),
  withRatings('deep-center', 'Deep Center Stadium', { single: 0.98, double: 0.84, triple: 0.6, hr: 0.8 }),
];

const PARKS_BY_ID = new Map(BALLPARKS.map((park) => [park.id, park]));

export function ballpark(id: string | null | undefined): Ballpark {
  return (id && PARKS_BY_ID.get(id)) || NEUTRAL_PARK;
}

const isNeutral = (park: Ballpark) => Object.values(park.factors).every((f) => f === 1);

/** A batter's ratings as he hits in the park: his extra-base rates scaled, his hits (so his average) with them. */
export function parkBatting(b: BattingRatings, { factors: f }: Pick<Ballpark, 'factors'>): BattingRatings {
  const hits = hitsPerPa(b);
  const singles = Math.max(0, hits - b.hrRate - b.doubleRate - b.tripleRate);
  const hrRate = b.hrRate * f.hr;
  const doubleRate = b.doubleRate * f.double;
  const tripleRate = b.tripleRate * f.triple;
  const parkHits = singles * f.single + doubleRate + tripleRate + hrRate;
  return { ...b, hrRate, doubleRate, tripleRate, avg: parkHits / (1 - b.bbRate - b.hbpRate) };
}

/** Park cards are built once per player, park and side (home or road), as the others. */
const parkCache = new Map<string, WeakMap<ClubPlayer, GamePlayer>>();

/**
 * The player as he plays in `park`, at home (with the home edge) or on the road. With ballpark
 * ratings: a card with ballpark results, his doubles and triples by the park's factors (the HR and
 * single factors act through the ratings). Without (a game stored before them): all four factors
 * on a card without ballpark results.
 */
export function parkPlayer(p: ClubPlayer, park: Ballpark, home: boolean): GamePlayer {
  const base = home ? homePlayer(p) : gamePlayer(p);
  if (!park.bp && isNeutral(park)) return base;
  const factors = park.bp ? { ...park.factors, single: 1, hr: 1 } : park.factors;
  const key = `${park.bp ? 'bp' : 'factors'}:${home ? 'home' : 'road'}:${Object.values(factors).join(',')}`;
  let cache = parkCache.get(key);
  if (!cache) parkCache.set(key, (cache = new WeakMap()));
  let built = cache.get(p);
  if (!built) {
    // His ratings as he hits in the park, all four factors (what the AI manager reckons with); his
    // card from the factors that act on it (with ballpark ratings: doubles and triples).
    const batting = parkBatting(base.ratings.batting, park);
    const card = buildBatterCard(park.bp ? parkBatting(base.ratings.batting, { factors }) : batting, { ballpark: park.bp !== undefined });
    // The pitcher's cards are his (with the home edge at home): the park acts through the batter's card.
    built = { ...base, ratings: { ...base.ratings, batting }, battingCard: card };
    cache.set(p, built);
  }
  return built;
}

/** Every player of `sides` with his cards in `park` (the home side's with the home edge), and the park's ballpark ratings. */
export function parkContext(sides: ReadonlyArray<{ players: readonly ClubPlayer[]; home: boolean }>, park: Ballpark): GameContext {
  const players = new Map<string, GamePlayer>();
  for (const side of sides) for (const p of side.players) players.set(p.id, parkPlayer(p, park, side.home));
  return park.bp ? { players, ballpark: park.bp } : { players };
}
