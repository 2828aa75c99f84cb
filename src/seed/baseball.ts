/**
 * Fictional Strat-style baseball league: 8 clubs of 26 players (13 position players: two catchers,
 * one starter at each other position and a multi-position bench; 13 pitchers: 5 SP + 8 RP).
 *
 * Batters get latent contact, power, eye and speed talents (normal, shifted by position: 1B/corner
 * OF hit for power, C/SS/2B/CF field and run, starters are better than the bench) that map
 * linearly to per-PA rates. The rates of all position players are then CALIBRATED: each is scaled
 * so the mean of the REGULARS (each club's nine best hitters: the ones who take the plate
 * appearances of a DH lineup), each weighted by the plate appearances of his batting-order spot
 * (PA_BY_LINEUP_SPOT: a lineup is ordered by value, so its best hitters bat most), equals the MLB
 * average (MLB_BATTING_TARGETS: avg .248, HR .030/PA, K .225/PA, ...), the bench scaled alike (it
 * stays below them), clamped to a realistic range (e.g. avg .205-.315, HR .0075-.065: no less
 * than a card can hold) and extra-base hits are capped at 60% of a batter's hits; a few passes
 * make the means converge. MLB's averages are per plate appearance of the players who bat, mostly
 * regulars, hence the weights (what else was tried: docs/baseball.md).
 * Pitchers are built the same way from stuff and control, calibrated to MLB_PITCHING_TARGETS per
 * batter faced. Pitchers bat weakly (avg ~.120, K ~.40, not calibrated). Fielding: range 1
 * (best)..5, error 0..30 around a per-position norm (SS most), arm for C/OF, passed balls for
 * catchers; secondary positions field a grade worse. Rank orders the whole league by
 * linear-weights (wOBA-style) value.
 * Deterministic: only `seededRng(seed)` is used.
 */
import { seededRng, pickOne, type Rng } from '../dice/rng.ts';
import type { Club, ClubPlayer } from '../baseball/lineup.ts';
import type {
  BaseballRatings, BattingRatings, FieldingRating, PitchingRatings, PlayerSeed,
} from '../players/types.ts';
import {
  BASEBALL_CLUBS, clamp, mean, normal, pickWeighted, rankByValue, roundTo, uniquePersonName, zeroPad,
  type UnrankedPlayer,
} from './names.ts';

export interface BaseballClub { id: string; name: string; abbreviation: string }
export interface BaseballSampleData { clubs: BaseballClub[]; players: PlayerSeed[] }

type BattingRate = 'avg' | 'hrRate' | 'doubleRate' | 'tripleRate' | 'bbRate' | 'kRate' | 'hbpRate' | 'gbRate';
type PitchingRate = 'hitRate' | 'hrRate' | 'bbRate' | 'kRate';
type Bounds<K extends string> = Record<K, readonly [number, number]>;

/** MLB league averages the position players' ratings are calibrated to (per PA; avg per AB). */
export const MLB_BATTING_TARGETS: Record<BattingRate, number> = {
  avg: 0.248, hrRate: 0.030, doubleRate: 0.045, tripleRate: 0.004,
  bbRate: 0.085, kRate: 0.225, hbpRate: 0.011, gbRate: 0.44,
};
/** The lower bounds of HR and BB are the least a card can hold (norms.ts): every rating plays true. */
const BATTING_BOUNDS: Bounds<BattingRate> = {
  avg: [0.205, 0.315], hrRate: [0.0075, 0.065], doubleRate: [0.02, 0.07], tripleRate: [0.0005, 0.015],
  bbRate: [0.04, 0.16], kRate: [0.1, 0.36], hbpRate: [0.002, 0.028], gbRate: [0.3, 0.6],
};

/** MLB rates allowed per batter faced the pitchers are calibrated to. */
export const MLB_PITCHING_TARGETS: Record<PitchingRate, number> = {
  hitRate: 0.215, hrRate: 0.030, bbRate: 0.085, kRate: 0.225,
};
const PITCHING_BOUNDS: Bounds<PitchingRate> = {
  hitRate: [0.17, 0.265], hrRate: [0.012, 0.052], bbRate: [0.04, 0.14], kRate: [0.12, 0.36],
};

const MAX_EXTRA_BASE_SHARE = 0.6;
const CALIBRATION_PASSES = 5;
export const PITCHERS_PER_ROLE = { SP: 5, RP: 8 } as const;

/** Hits per plate appearance implied by a batting average (AB = PA - BB - HBP). */
export function hitsPerPlateAppearance(b: BattingRatings): number {
  return b.avg * (1 - b.bbRate - b.hbpRate);
}

interface RosterSlot { positions: string[]; starter: boolean }
const POSITION_PLAYER_SLOTS: readonly RosterSlot[] = [
  ...[['C'], ['1B'], ['2B'], ['3B', '1B'], ['SS', '2B'], ['LF', 'RF'], ['CF'], ['RF']]
    .map((positions) => ({ positions, starter: true })),
  ...[['C', '1B'], ['SS', '2B', '3B'], ['CF', 'LF', 'RF'], ['1B', 'LF', 'RF'], ['2B', '3B', '1B']]
    .map((positions) => ({ positions, starter: false })),
];

/** Talent shifts by primary position (standard deviations) and each position's error norm. */
const POSITIONS: Record<string, { power: number; contact: number; speed: number; defense: number; error: number }> = {
  C: { power: -0.2, contact: -0.4, speed: -1.2, defense: 0.3, error: 6 },
  '1B': { power: 0.8, contact: 0.1, speed: -0.8, defense: -0.3, error: 6 },
  '2B': { power: -0.4, contact: 0.3, speed: 0.4, defense: 0.3, error: 12 },
  '3B': { power: 0.3, contact: 0, speed: -0.2, defense: 0.2, error: 15 },
  SS: { power: -0.3, contact: 0.1, speed: 0.6, defense: 0.5, error: 17 },
  LF: { power: 0.4, contact: 0.1, speed: 0.1, defense: -0.3, error: 7 },
  CF: { power: -0.1, contact: 0.2, speed: 1, defense: 0.5, error: 6 },
  RF: { power: 0.5, contact: 0, speed: 0.1, defense: 0, error: 8 },
  P: { power: 0, contact: 0, speed: 0, defense: 0, error: 8 },
};
const ARM_POSITIONS = new Set(['C', 'LF', 'CF', 'RF']);

interface Draft { seed: Omit<PlayerSeed, 'rank' | 'adp' | 'attributes'>; ratings: BaseballRatings; bonus: number }

/** The sample league as the engine plays it: clubs with their players, roster order kept (rotation and bullpen come from it). */
export function sampleClubs(seed = 1): Club[] {
  const data = generateBaseballTeams(seed);
  return data.clubs.map((club) => ({
    id: club.id,
    name: club.name,
    players: data.players
      .filter((p) => p.team === club.id)
      .sort((a, b) => a.externalId.localeCompare(b.externalId))
      .map((p): ClubPlayer => ({ id: p.externalId, name: p.name, positions: p.positions, ratings: p.attributes as unknown as BaseballRatings })),
  }));
}

/** The league: clubs and their players (`team` = club id), `rank` unique 1..N. */
export function generateBaseballTeams(seed = 1): BaseballSampleData {
  const rng = seededRng(seed);
  const clubs = BASEBALL_CLUBS.map((club) => ({ id: club.abbreviation.toLowerCase(), ...club }));
  const usedNames = new Set<string>();
  const drafts = clubs.flatMap((club, i) => clubRoster(rng, club, usedNames, CLUB_STRENGTH[i % CLUB_STRENGTH.length]));
  const hitters = drafts.filter((d) => !d.ratings.pitching);
  const pitchers = drafts.flatMap((d) => (d.ratings.pitching ? [d.ratings.pitching] : []));
  const batting = hitters.map((d) => d.ratings.batting);
  calibrate(batting, MLB_BATTING_TARGETS, BATTING_BOUNDS, capExtraBaseHits, () => regularsByPlateAppearances(hitters));
  calibrate(pitchers, MLB_PITCHING_TARGETS, PITCHING_BOUNDS, () => {});
  drafts.forEach((d) => roundRates(d.ratings));
  return { clubs, players: rankByValue(rng, valuedPlayers(drafts)) };
}

/**
 * Clubs differ in talent as MLB's do: a 162-game season spreads MLB winning percentages with a
 * standard deviation of about .070, of which luck alone (binomial) is .039, so true talent is about
 * .058. Each club's position players get its strength added to their quality: the normal quantiles
 * of 8 clubs, in a fixed shuffled order (drawing them would change every other rating the seed
 * gives), scaled by CLUB_SPREAD. 0.27 gives a mean SD of .070 over 8 simulated seasons (`npm run sim
 * -- --season --seed 1..8`: .056-.084). Pitching staffs are left alike: shifting pitchers' ratings
 * too pushes a few pitcher cards past what the card layout places precisely (test/baseball/cards).
 * The league is then calibrated as a whole, so its averages stay MLB's.
 */
const CLUB_SPREAD = 0.27;
const CLUB_STRENGTH: readonly number[] = [0.49, -0.89, 1.53, -0.16, -1.53, 0.16, -0.49, 0.89].map((z) => z * CLUB_SPREAD);

function clubRoster(rng: Rng, club: BaseballClub, usedNames: Set<string>, strength: number): Draft[] {
  const drafts: Draft[] = [];
  const add = (positions: string[], ratings: BaseballRatings, bonus: number) => drafts.push({
    seed: {
      externalId: `baseball:${club.id}-${zeroPad(drafts.length + 1)}`,
      sport: 'baseball', name: uniquePersonName(rng, usedNames), positions, team: club.id,
    },
    ratings, bonus,
  });
  for (const slot of POSITION_PLAYER_SLOTS) add(slot.positions, positionPlayer(rng, slot, strength), slot.starter ? 0.5 : -1);
  for (let i = 0; i < PITCHERS_PER_ROLE.SP; i++) add(['P'], pitcher(rng, 'SP', i), 0.6 - 0.1 * i);
  for (let i = 0; i < PITCHERS_PER_ROLE.RP; i++) add(['P'], pitcher(rng, 'RP', i), i === 0 ? -0.2 : -0.8);
  return drafts;
}

function positionPlayer(rng: Rng, slot: RosterSlot, strength: number): BaseballRatings {
  const tendency = POSITIONS[slot.positions[0]];
  const quality = (slot.starter ? 0.3 : -0.6) + strength;
  const contact = normal(rng, quality + tendency.contact);
  const power = normal(rng, quality + tendency.power);
  const eye = normal(rng, 0.5 * quality + 0.3 * power);
  const speed = normal(rng, tendency.speed);
  const defense = normal(rng, tendency.defense);
  const fielding = Object.fromEntries(slot.positions.map((position, index) =>
    [position, fieldingRating(rng, position, defense, index === 0 ? 0 : 1)]));
  const batting: BattingRatings = {
    bats: pickWeighted(rng, [['R', 55], ['L', 33], ['S', 12]]),
    avg: 0.248 + 0.018 * contact,
    hrRate: 0.030 + 0.011 * power,
    doubleRate: normal(rng, 0.045 + 0.006 * power + 0.004 * contact, 0.004),
    tripleRate: 0.004 + 0.0025 * speed,
    bbRate: 0.085 + 0.018 * eye + 0.006 * power,
    kRate: normal(rng, 0.225 + 0.025 * power - 0.03 * contact, 0.02),
    hbpRate: normal(rng, 0.011, 0.004),
    gbRate: normal(rng, 0.44 - 0.03 * power + 0.01 * speed, 0.04),
    speed: Math.round(clamp(10 + 3.5 * speed, 1, 20)),
    bunt: speed > 1.4 && power < 0 ? 'A' : speed > 0.3 || contact > 0.5 ? 'B' : power < 1 ? 'C' : 'D',
  };
  const passedBall = slot.positions[0] === 'C'
    ? roundTo(clamp(normal(rng, 2 - 0.5 * defense, 0.8), 0.3, 5), 1) : undefined;
  return passedBall === undefined ? { batting, fielding } : { batting, fielding, passedBall };
}

/** `order` is the rotation slot (SP, 0 = ace) or bullpen slot (RP, 0 = closer, 6-7 long men). */
function pitcher(rng: Rng, role: 'SP' | 'RP', order: number): BaseballRatings {
  const quality = role === 'SP' ? 0.8 - 0.35 * order : order === 0 ? 0.9 : order < 3 ? 0.4 : -0.2;
  const stuff = normal(rng, quality + (role === 'RP' ? 0.3 : 0));
  const control = normal(rng, 0.5 * quality);
  const throws: 'L' | 'R' = pickWeighted(rng, [['R', 72], ['L', 28]]);
  const endurance = role === 'SP'
    ? Math.round(clamp(normal(rng, 6.5 + 0.4 * quality, 0.8), 5, 8))
    : order >= 6 ? rng.int(5, 6) : rng.int(3, 4);
  const pitching: PitchingRatings = {
    throws, role, endurance,
    hitRate: normal(rng, 0.215 - 0.008 * stuff, 0.008),
    hrRate: normal(rng, 0.030 - 0.004 * stuff, 0.005),
    bbRate: normal(rng, 0.085 - 0.016 * control, 0.006),
    kRate: normal(rng, 0.225 + 0.04 * stuff, 0.015),
    hold: Math.round(clamp(normal(rng, throws === 'L' ? -1.5 : 0.5, 2), -5, 5)),
    wildPitch: Math.round(clamp(normal(rng, 8 - 1.5 * control, 3), 1, 20)),
    balk: roundTo(clamp(normal(rng, 0.8, 0.5), 0, 3), 1),
  };
  const fielding = { P: fieldingRating(rng, 'P', normal(rng), 0) };
  return { batting: pitcherBatting(rng, throws), pitching, fielding };
}

/** Pitchers hit like pitchers: ~.120 with a 40% strikeout rate. */
function pitcherBatting(rng: Rng, throws: 'L' | 'R'): BattingRatings {
  return {
    bats: pickWeighted(rng, throws === 'L' ? [['L', 80], ['R', 20]] : [['R', 90], ['L', 7], ['S', 3]]),
    avg: roundTo(clamp(normal(rng, 0.12, 0.025), 0.06, 0.19), 3),
    hrRate: roundTo(clamp(normal(rng, 0.004, 0.003), 0, 0.015), 4),
    doubleRate: roundTo(clamp(normal(rng, 0.012, 0.004), 0.002, 0.025), 4),
    tripleRate: 0.001,
    bbRate: roundTo(clamp(normal(rng, 0.03, 0.01), 0.005, 0.06), 4),
    kRate: roundTo(clamp(normal(rng, 0.4, 0.05), 0.28, 0.52), 4),
    hbpRate: 0.004,
    gbRate: roundTo(clamp(normal(rng, 0.5, 0.05), 0.35, 0.65), 4),
    speed: rng.int(1, 8),
    bunt: pickOne(rng, ['A', 'B', 'B', 'C', 'C', 'D'] as const),
  };
}

/** `penalty` 1 for a secondary position: a range grade and some errors worse. */
function fieldingRating(rng: Rng, position: string, defense: number, penalty: number): FieldingRating {
  const range = clamp(Math.round(normal(rng, 3 - 0.8 * defense + penalty, 0.7)), 1, 5) as FieldingRating['range'];
  const error = Math.round(clamp(normal(rng, POSITIONS[position].error - 2 * defense + 2 * penalty, 3), 0, 30));
  if (!ARM_POSITIONS.has(position)) return { range, error };
  return { range, error, arm: Math.round(clamp(normal(rng, -defense, 2), -5, 5)) };
}

/** Hitters per club who take a DH lineup's plate appearances. */
export const REGULARS_PER_CLUB = 9;

/**
 * Plate appearances per game of the batting order's spots 1..9 (MLB: the leadoff man bats about
 * 4.6 times a game, the ninth 3.8): a lineup is ordered by batting value, so its best hitters bat
 * most, and the league's rates (per PA) are the regulars' weighted by them.
 */
export const PA_BY_LINEUP_SPOT: readonly number[] = [4.65, 4.55, 4.45, 4.35, 4.25, 4.15, 4.05, 3.95, 3.85];

/** The regulars' batting ratings, each weighted by the PAs of his club's batting order spot. */
function regularsByPlateAppearances<T extends { seed: { team: string }; ratings: BaseballRatings }>(hitters: readonly T[]): Weighted<BattingRatings>[] {
  const byClub = new Map<string, T[]>();
  for (const r of regulars(hitters)) byClub.set(r.seed.team, [...(byClub.get(r.seed.team) ?? []), r]);
  return [...byClub.values()].flatMap((club) => club.map((r, spot) => ({ row: r.ratings.batting, weight: PA_BY_LINEUP_SPOT[spot] })));
}

/** Each club's REGULARS_PER_CLUB best hitters by batting value. */
export function regulars<T extends { seed: { team: string }; ratings: BaseballRatings }>(hitters: readonly T[]): T[] {
  const byClub = new Map<string, T[]>();
  for (const h of hitters) byClub.set(h.seed.team, [...(byClub.get(h.seed.team) ?? []), h]);
  return [...byClub.values()].flatMap((club) => [...club]
    .sort((a, b) => battingValue(b.ratings.batting) - battingValue(a.ratings.batting))
    .slice(0, REGULARS_PER_CLUB));
}

interface Weighted<T> { row: T; weight: number }

/**
 * Scales each rate of every row so its mean over the reference rows (all of them, equally, unless
 * told) is the target, clamps it to its bounds, repeats.
 */
function calibrate<K extends string, T extends Record<K, number>>(
  rows: T[], targets: Record<K, number>, bounds: Bounds<K>, constrain: (row: T) => void,
  reference: () => Weighted<T>[] = () => rows.map((row) => ({ row, weight: 1 })),
): void {
  const keys = Object.keys(targets) as K[];
  for (let pass = 0; pass < CALIBRATION_PASSES; pass++) {
    const basis = reference();
    const total = basis.reduce((sum, b) => sum + b.weight, 0);
    for (const key of keys) {
      const factor = targets[key] / (basis.reduce((sum, b) => sum + b.weight * b.row[key], 0) / total);
      const [min, max] = bounds[key];
      for (const row of rows) (row as Record<K, number>)[key] = clamp(row[key] * factor, min, max);
    }
    rows.forEach(constrain);
  }
}

/** Extra-base hits may be at most MAX_EXTRA_BASE_SHARE of a batter's hits. */
function capExtraBaseHits(b: BattingRatings): void {
  const extraBase = b.hrRate + b.doubleRate + b.tripleRate;
  const cap = MAX_EXTRA_BASE_SHARE * hitsPerPlateAppearance(b);
  if (extraBase <= cap) return;
  const factor = cap / extraBase;
  b.hrRate *= factor;
  b.doubleRate *= factor;
  b.tripleRate *= factor;
}

function roundRates(r: BaseballRatings): void {
  const b = r.batting;
  b.avg = roundTo(b.avg, 3);
  const rates = ['hrRate', 'doubleRate', 'tripleRate', 'bbRate', 'kRate', 'hbpRate', 'gbRate'] as const;
  for (const key of rates) b[key] = roundTo(b[key], 4);
  const p = r.pitching;
  if (p) for (const key of ['hitRate', 'hrRate', 'bbRate', 'kRate'] as const) p[key] = roundTo(p[key], 4);
}

/** wOBA-style linear weights of what a batter produces per PA. */
function battingValue(b: BattingRatings): number {
  const singles = hitsPerPlateAppearance(b) - b.hrRate - b.doubleRate - b.tripleRate;
  return 0.69 * b.bbRate + 0.72 * b.hbpRate + 0.88 * singles + 1.25 * b.doubleRate + 1.6 * b.tripleRate + 2 * b.hrRate;
}

/** The same weights for what a pitcher allows per BF (non-HR hits split 78/20/2 into 1B/2B/3B). */
function pitchingValueAllowed(p: PitchingRatings): number {
  const nonHomerHits = p.hitRate - p.hrRate;
  return 0.69 * p.bbRate + nonHomerHits * (0.78 * 0.88 + 0.2 * 1.25 + 0.02 * 1.6) + 2 * p.hrRate;
}

/** Value = z-score within hitters or pitchers (lower allowed is better) + role/playing-time bonus. */
function valuedPlayers(drafts: readonly Draft[]): UnrankedPlayer[] {
  const raw = drafts.map(({ ratings }) =>
    (ratings.pitching ? -pitchingValueAllowed(ratings.pitching) : battingValue(ratings.batting)));
  const isPitcher = drafts.map((d) => d.ratings.pitching !== undefined);
  const zScore = standardizer(raw, isPitcher);
  return drafts.map((d, i) => ({
    seed: { ...d.seed, attributes: d.ratings as unknown as Record<string, unknown> },
    value: zScore(i) + d.bonus,
  }));
}

function standardizer(values: number[], group: boolean[]): (index: number) => number {
  const stats = [false, true].map((g) => {
    const members = values.filter((_, i) => group[i] === g);
    const m = mean(members);
    return { m, sd: Math.sqrt(mean(members.map((v) => (v - m) ** 2))) || 1 };
  });
  return (index) => {
    const { m, sd } = stats[group[index] ? 1 : 0];
    return (values[index] - m) / sd;
  };
}
