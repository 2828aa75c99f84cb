/**
 * The real-world stat lines fantasy scoring reads, per sport: what a feed may report (zod, strict,
 * so a misspelt stat is an error rather than a silent zero) and the numbers the scorer sees.
 * Pure: no I/O.
 */
import { z } from 'zod';

/** The sports with fantasy scoring (baseball plays its own dice engine instead). */
export const SCORED_SPORTS = ['football', 'f1'] as const;
export type ScoredSport = (typeof SCORED_SPORTS)[number];

export const isScoredSport = (sport: string): sport is ScoredSport =>
  (SCORED_SPORTS as readonly string[]).includes(sport);

const count = z.number().int().min(0).max(10_000);
/** Yards can be negative (a sack-heavy scramble, a loss on a reverse). */
const yards = z.number().int().min(-1_000).max(10_000);

/**
 * One player's game. Offense, kicking and team defense share one shape: a line carries the stats
 * its player had (a kicker's line has only kicking stats). Field goals come in distance buckets.
 */
export const footballStats = z.strictObject({
  passYards: yards.optional(),
  passTd: count.optional(),
  passInt: count.optional(),
  rushYards: yards.optional(),
  rushTd: count.optional(),
  receptions: count.optional(),
  recYards: yards.optional(),
  recTd: count.optional(),
  fumblesLost: count.optional(),
  twoPointConversions: count.optional(),
  fg0to39: count.optional(),
  fg40to49: count.optional(),
  fg50plus: count.optional(),
  fgMissed: count.optional(),
  xpMade: count.optional(),
  xpMissed: count.optional(),
  sacks: count.optional(),
  defInterceptions: count.optional(),
  fumbleRecoveries: count.optional(),
  defTd: count.optional(),
  safeties: count.optional(),
  blockedKicks: count.optional(),
  pointsAllowed: count.optional(),
});
export type FootballStats = z.infer<typeof footballStats>;

const place = z.number().int().min(1).max(30);

/** One driver's race weekend: qualifying and grid place, then a classified finish or a DNF. */
export const f1Stats = z.strictObject({
  finish: place.optional(),
  dnf: z.boolean().optional(),
  fastestLap: z.boolean().optional(),
  grid: place,
  qualifying: place.optional(),
}).superRefine((line, ctx) => {
  if (line.dnf && line.finish !== undefined) ctx.addIssue({ code: 'custom', path: ['finish'], message: 'a DNF has no finish place' });
  if (!line.dnf && line.finish === undefined) ctx.addIssue({ code: 'custom', path: ['finish'], message: 'required unless dnf' });
});
export type F1Stats = z.infer<typeof f1Stats>;

export type SportStats = { football: FootballStats; f1: F1Stats };

/** The numbers the scorer sees: booleans as 0/1, plus what follows from the line (F1 places moved). */
export type NumericStats = Record<string, number>;

const F1_DERIVED = ['positionsGained', 'positionsLost'] as const;

/** Every stat name a rule may name, per sport (derived stats included). */
export const STAT_NAMES: Record<ScoredSport, readonly string[]> = {
  football: Object.keys(footballStats.shape),
  f1: [...Object.keys(f1Stats.shape), ...F1_DERIVED],
};

/** The positions a position-specific rule may name (a player scores by his first, primary one). */
export const SCORED_POSITIONS: Record<ScoredSport, readonly string[]> = {
  football: ['QB', 'RB', 'WR', 'TE', 'K', 'DEF'],
  f1: ['DRV'],
};

/** A stat line as numbers; only stats the line has (a rule on an absent stat does not apply). */
export function numericStats(sport: ScoredSport, stats: Record<string, unknown>): NumericStats {
  const out: NumericStats = {};
  for (const [name, value] of Object.entries(stats)) {
    if (typeof value === 'number') out[name] = value;
    else if (typeof value === 'boolean') out[name] = value ? 1 : 0;
  }
  if (sport === 'f1' && out.finish !== undefined && out.grid !== undefined) {
    // A DNF has no finish, so it neither gains nor loses places: the DNF rule scores it.
    out.positionsGained = Math.max(0, out.grid - out.finish);
    out.positionsLost = Math.max(0, out.finish - out.grid);
  }
  return out;
}
