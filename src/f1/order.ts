/**
 * The order of an F1 race draft (pure). Round 1 drafts in the league's base order; after that:
 * - 'rotate': the order moves up by one team each race (round 2 starts with the base order's
 *   second team, the first team picks last), so over as many races as teams everyone picks first once;
 * - 'standings': the reverse of the season standings before the race, the last team first; teams
 *   level on points keep their place of the rotated order, so round 1 (nobody has points) is the base order.
 */
import type { RaceOrderMode } from '../db/entities/index.ts';

/** The base order rotated by (round - 1): round 1 is the base order itself. */
export function rotatedOrder(baseOrder: readonly string[], round: number): string[] {
  if (baseOrder.length === 0) return [];
  const shift = (((round - 1) % baseOrder.length) + baseOrder.length) % baseOrder.length;
  return [...baseOrder.slice(shift), ...baseOrder.slice(0, shift)];
}

/**
 * The draft order of a race. `seasonPoints` holds each team's points from the season's earlier
 * races (teams missing have 0); only 'standings' reads it.
 */
export function raceOrder(
  mode: RaceOrderMode, baseOrder: readonly string[], round: number, seasonPoints: ReadonlyMap<string, number> = new Map(),
): string[] {
  const rotated = rotatedOrder(baseOrder, round);
  if (mode === 'rotate') return rotated;
  const points = (teamId: string) => seasonPoints.get(teamId) ?? 0;
  // Array.prototype.sort is stable: ties keep the rotated order.
  return [...rotated].sort((a, b) => points(a) - points(b));
}

/**
 * The league's teams in the order a race draft should use as its base: the stored base order
 * first (teams since removed dropped), then teams that joined after it, in the order given.
 */
export function currentBaseOrder(stored: readonly string[], teamIds: readonly string[]): string[] {
  const present = new Set(teamIds);
  const kept = stored.filter((id) => present.has(id));
  return [...kept, ...teamIds.filter((id) => !kept.includes(id))];
}
