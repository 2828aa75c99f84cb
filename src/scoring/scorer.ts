/**
 * The pure fantasy scorer: one stat line, one player position, one rules version → points and
 * the lines that made them. No I/O, no clock; the same function scores live events and replays
 * stored ones under another version (rescoring).
 */
import type { ScoringRules } from './rules.ts';
import { STAT_NAMES, type NumericStats } from './stats.ts';

export interface BreakdownLine {
  /** The stat (perUnit, tables), `POS stat` (position-specific) or the bonus label. */
  label: string;
  /** The stat's value, for per-unit and table lines. */
  value?: number;
  points: number;
}

export interface LineScore {
  points: number;
  breakdown: BreakdownLine[];
}

/** Hundredths: 0.04 per yard must not leave 12.480000000000002 in a total. */
export const roundPoints = (points: number): number => Math.round(points * 100) / 100;

export function scoreLine(rules: ScoringRules, position: string, stats: NumericStats): LineScore {
  // The sport's stat order, not the rules' key order (jsonb reorders keys): one breakdown however stored.
  const inOrder = <T>(byStat: Record<string, T>): Array<[string, T]> =>
    STAT_NAMES[rules.sport].filter((stat) => byStat[stat] !== undefined).map((stat) => [stat, byStat[stat]]);
  const lines: BreakdownLine[] = [];
  const add = (line: BreakdownLine) => {
    const points = roundPoints(line.points);
    if (points !== 0) lines.push({ ...line, points });
  };
  for (const [stat, perUnit] of inOrder(rules.perUnit)) {
    if (stats[stat] !== undefined) add({ label: stat, value: stats[stat], points: stats[stat] * perUnit });
  }
  for (const [stat, perUnit] of inOrder(rules.positionPerUnit[position] ?? {})) {
    if (stats[stat] !== undefined) add({ label: `${position} ${stat}`, value: stats[stat], points: stats[stat] * perUnit });
  }
  for (const [stat, table] of inOrder(rules.tables)) {
    const value = stats[stat];
    if (value !== undefined && Number.isInteger(value) && value >= 1) add({ label: stat, value, points: table[value - 1] ?? 0 });
  }
  for (const bonus of rules.bonuses) {
    if (bonus.positions && !bonus.positions.includes(position)) continue;
    const applies = Object.entries(bonus.when).every(([stat, range]) =>
      stats[stat] !== undefined &&
      (range.min === undefined || stats[stat] >= range.min) &&
      (range.max === undefined || stats[stat] <= range.max));
    if (applies) add({ label: bonus.label, points: bonus.points });
  }
  return { points: roundPoints(lines.reduce((sum, line) => sum + line.points, 0)), breakdown: lines };
}
