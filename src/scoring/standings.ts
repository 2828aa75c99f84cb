/**
 * Fantasy standings from score totals (pure: the service sums the stored scores, this ranks).
 */
import { roundPoints } from './scorer.ts';

export interface PeriodTotal {
  teamId: string;
  period: string;
  points: number;
  /** When the period's first event happened: orders the periods (weeks, races) as played. */
  firstAt: number;
}

export interface FantasyStandingsRow {
  /** 1-based; teams with equal totals share a rank (1, 1, 3). */
  rank: number;
  teamId: string;
  name: string;
  total: number;
  /** Points per period, every period of the league present (0 when the team scored nothing). */
  periods: Record<string, number>;
}

export function rankTeams(teams: ReadonlyArray<{ id: string; name: string }>, totals: readonly PeriodTotal[]): {
  periods: string[]; items: FantasyStandingsRow[];
} {
  const firstAt = new Map<string, number>();
  for (const t of totals) firstAt.set(t.period, Math.min(firstAt.get(t.period) ?? Infinity, t.firstAt));
  const periods = [...firstAt.keys()].sort((a, b) => firstAt.get(a)! - firstAt.get(b)! || a.localeCompare(b));
  const rows = teams.map((team) => {
    const mine = totals.filter((t) => t.teamId === team.id);
    const byPeriod = Object.fromEntries(periods.map((period) =>
      [period, roundPoints(mine.filter((t) => t.period === period).reduce((sum, t) => sum + t.points, 0))]));
    const total = roundPoints(Object.values(byPeriod).reduce((sum, points) => sum + points, 0));
    return { teamId: team.id, name: team.name, total, periods: byPeriod };
  });
  rows.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  // Sorted by total, so a team's rank is the place of the first team with its total.
  const items = rows.map((row) => ({ rank: rows.findIndex((other) => other.total === row.total) + 1, ...row }));
  return { periods, items };
}
