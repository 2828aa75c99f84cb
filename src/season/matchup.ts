/**
 * A matchup's score: only starters count; the bench's points are shown beside them. Pure.
 */
import { roundPoints } from '../scoring/scorer.ts';

export type MatchupResult = 'home' | 'away' | 'tie';

/** Points per player of one team in one period (every stat line of the period summed). */
export type PlayerPoints = ReadonlyMap<string, number>;

export function starterPoints(starters: ReadonlyArray<string | null>, points: PlayerPoints): number {
  return roundPoints(starters.reduce((sum: number, id) => sum + (id === null ? 0 : points.get(id) ?? 0), 0));
}

/** Points of the rostered players who did not start. */
export function benchPoints(rosterIds: Iterable<string>, starters: ReadonlyArray<string | null>, points: PlayerPoints): number {
  const started = new Set(starters);
  let sum = 0;
  for (const id of rosterIds) if (!started.has(id)) sum += points.get(id) ?? 0;
  return roundPoints(sum);
}

export function matchupResult(homePoints: number, awayPoints: number): MatchupResult {
  if (homePoints === awayPoints) return 'tie';
  return homePoints > awayPoints ? 'home' : 'away';
}
