/**
 * Fictional fantasy-football player pool (329 players over the 32 clubs of names.ts).
 *
 * - Position mix of a realistic draft pool: 40 QB, 80 RB, 100 WR, 45 TE, 32 K and one team defense
 *   (DEF, "<city> Defense") per club.
 * - Season projections follow each position's typical curve: points decay exponentially from the
 *   position's top scorer toward a floor (e.g. QB 390 -> 120, K 150 -> 95), with ±5% normal noise.
 *   The positional order after noise gives the number in the externalId ('football:wr-07' = WR7).
 * - Rank is by value over replacement (points minus those of about the last player a 12-team
 *   league drafts at the position, e.g. QB24, RB50, WR60),
 *   weighted down for QB (deep position), K and DEF (unpredictable, so drafted late); ADP is the
 *   rank plus noise that grows with the rank.
 * - Each club gets a bye week in 5..14 (3-4 clubs per week); players inherit their club's bye.
 * Deterministic: only `seededRng(seed)` is used.
 */
import { seededRng, shuffled, type Rng } from '../dice/rng.ts';
import type { PlayerSeed } from '../players/types.ts';
import {
  FOOTBALL_CLUBS, clamp, normal, rankByValue, roundTo, uniquePersonName, zeroPad,
  type FootballClub, type UnrankedPlayer,
} from './names.ts';

export const FOOTBALL_POSITIONS = ['QB', 'RB', 'WR', 'TE', 'K', 'DEF'] as const;
export type FootballPosition = (typeof FOOTBALL_POSITIONS)[number];

interface PositionProfile {
  count: number;
  /** Projected points of the position's best player and the floor the curve decays toward. */
  topPoints: number;
  floorPoints: number;
  /** How many positional ranks it takes the curve to fall by a factor e. */
  decay: number;
  /** Positional rank of the replacement-level player (about the last one drafted in 12 teams). */
  replacementRank: number;
  /** Multiplies value over replacement when ranking the pool. */
  draftWeight: number;
  ages: [number, number];
}

const PROFILES: Record<FootballPosition, PositionProfile> = {
  QB: { count: 40, topPoints: 390, floorPoints: 120, decay: 14, replacementRank: 24, draftWeight: 0.8, ages: [22, 39] },
  RB: { count: 80, topPoints: 330, floorPoints: 40, decay: 25, replacementRank: 50, draftWeight: 1, ages: [21, 31] },
  WR: { count: 100, topPoints: 320, floorPoints: 40, decay: 30, replacementRank: 60, draftWeight: 1, ages: [21, 34] },
  TE: { count: 45, topPoints: 230, floorPoints: 30, decay: 12, replacementRank: 18, draftWeight: 1, ages: [22, 35] },
  K: { count: 32, topPoints: 150, floorPoints: 95, decay: 15, replacementRank: 13, draftWeight: 0.1, ages: [22, 41] },
  DEF: { count: 32, topPoints: 145, floorPoints: 75, decay: 12, replacementRank: 13, draftWeight: 0.1, ages: [0, 0] },
};

const FIRST_BYE_WEEK = 5;
const BYE_WEEKS = 10;

/** The fantasy-football pool: at least 320 players, `rank` unique 1..N. */
export function generateFootballPlayers(seed = 1): PlayerSeed[] {
  const rng = seededRng(seed);
  const byeWeeks = assignByeWeeks(rng);
  const usedNames = new Set<string>();
  const unranked = FOOTBALL_POSITIONS.flatMap((position) =>
    generatePosition(rng, position, byeWeeks, usedNames));
  return rankByValue(rng, unranked);
}

/** Club abbreviation -> bye week: clubs shuffled, then dealt round-robin over weeks 5..14. */
function assignByeWeeks(rng: Rng): Map<string, number> {
  const clubs = shuffled(rng, FOOTBALL_CLUBS);
  return new Map(clubs.map((club, index) => [club.abbreviation, FIRST_BYE_WEEK + (index % BYE_WEEKS)]));
}

function generatePosition(
  rng: Rng, position: FootballPosition, byeWeeks: Map<string, number>, usedNames: Set<string>,
): UnrankedPlayer[] {
  const profile = PROFILES[position];
  const clubs = clubsFor(rng, position, profile.count);
  const points = projectedPointsCurve(rng, profile);
  const replacement = points[profile.replacementRank - 1];
  return points.map((projectedPoints, index) => {
    const club = clubs[index];
    const isDefense = position === 'DEF';
    const attributes: Record<string, unknown> = {
      projectedPoints,
      byeWeek: byeWeeks.get(club.abbreviation),
    };
    if (!isDefense) attributes.age = rng.int(profile.ages[0], profile.ages[1]);
    return {
      seed: {
        externalId: `football:${position.toLowerCase()}-${zeroPad(index + 1)}`,
        sport: 'football',
        name: isDefense ? `${club.city} Defense` : uniquePersonName(rng, usedNames),
        positions: [position],
        team: club.abbreviation,
        attributes,
      },
      value: (projectedPoints - replacement) * profile.draftWeight,
    };
  });
}

/** Which club each positional rank plays for: every club once per 32 players, in random order. */
function clubsFor(rng: Rng, position: FootballPosition, count: number): FootballClub[] {
  if (position === 'DEF') return shuffled(rng, FOOTBALL_CLUBS);
  const clubs: FootballClub[] = [];
  while (clubs.length < count) clubs.push(...shuffled(rng, FOOTBALL_CLUBS));
  return clubs.slice(0, count);
}

/** Season projections, best first: an exponential decay toward the floor with ±5% noise. */
function projectedPointsCurve(rng: Rng, profile: PositionProfile): number[] {
  const points: number[] = [];
  for (let i = 0; i < profile.count; i++) {
    const expected = profile.floorPoints +
      (profile.topPoints - profile.floorPoints) * Math.exp(-i / profile.decay);
    points.push(roundTo(Math.max(0, expected * clamp(normal(rng, 1, 0.05), 0.85, 1.15)), 1));
  }
  return points.sort((a, b) => b - a);
}
