import { ruleError, type RuleError } from '../rules/rule-error.ts';
import type { RosterLimits } from './settings.ts';

/**
 * Roster limits, checked on every add (free agent, waiver claim, trade, commissioner move): after
 * the transaction the roster must hold at most `total` players, and its players must fit the
 * position maxima, each slotted at one of his positions. A multi-position player counts once, at
 * whichever position makes the roster fit (a matching, so the order players came in never matters).
 * A transaction that only drops is never refused, even on a roster over limits that shrank.
 */

export type LimitCode = 'ROSTER_FULL' | 'POSITION_LIMIT';

/** A player as the limits see him: his positions. */
export interface RosteredPlayer {
  id: string;
  positions: readonly string[];
}

/** Why the roster breaks its limits, or null when it fits. */
export function limitBreach(roster: readonly RosteredPlayer[], limits: RosterLimits): RuleError<LimitCode> | null {
  if (roster.length > limits.total) {
    return ruleError('ROSTER_FULL', `a roster holds at most ${limits.total} players (this one would hold ${roster.length}): name a player to drop`);
  }
  const unplaced = unslotted(roster, limits.maxPerPosition);
  if (unplaced) {
    return ruleError('POSITION_LIMIT', `no room at ${unplaced.positions.join('/')} for ${unplaced.id} (limits ${describe(limits.maxPerPosition)}): name a player to drop`);
  }
  return null;
}

/**
 * The check of an add: the roster after `adds` join and `drops` leave. Refuses only when the add
 * makes it worse than it was (a roster already over a lowered limit may still swap one for one).
 */
export function checkAdd(
  roster: readonly RosteredPlayer[], adds: readonly RosteredPlayer[], dropIds: readonly string[], limits: RosterLimits,
): RuleError<LimitCode> | null {
  if (adds.length === 0) return null;
  const after = [...roster.filter((p) => !dropIds.includes(p.id)), ...adds];
  const breach = limitBreach(after, limits);
  if (!breach) return null;
  // A roster over a limit the commissioner lowered: an add is fine if it is no further over.
  const before = limitBreach(roster, limits);
  if (before && breach.code === before.code && overBy(after, limits, breach.code) <= overBy(roster, limits, before.code)) return null;
  return breach;
}

function overBy(roster: readonly RosteredPlayer[], limits: RosterLimits, code: LimitCode): number {
  if (code === 'ROSTER_FULL') return roster.length - limits.total;
  return countUnslotted(roster, limits.maxPerPosition);
}

/** Players limited at every one of their positions (a player with any unlimited position always fits). */
function limited(roster: readonly RosteredPlayer[], max: Record<string, number>): RosteredPlayer[] {
  return roster.filter((p) => p.positions.length > 0 && p.positions.every((pos) => max[pos] !== undefined));
}

/** Bipartite matching of limited players onto position slots (Kuhn's algorithm: rosters are small). */
function matching(players: readonly RosteredPlayer[], max: Record<string, number>): Set<string> {
  const seats = new Map<string, Array<number | null>>(Object.entries(max).map(([pos, n]) => [pos, Array(n).fill(null)]));
  const placed = new Set<string>();
  const tryPlace = (i: number, seen: Set<string>): boolean => {
    for (const pos of players[i].positions) {
      const slots = seats.get(pos)!;
      for (let s = 0; s < slots.length; s++) {
        const key = `${pos}:${s}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const holder = slots[s];
        if (holder === null || tryPlace(holder, seen)) {
          slots[s] = i;
          return true;
        }
      }
    }
    return false;
  };
  // Once placed a player stays placed (an augmenting path only moves him to another seat).
  for (let i = 0; i < players.length; i++) if (tryPlace(i, new Set())) placed.add(players[i].id);
  return placed;
}

function unslotted(roster: readonly RosteredPlayer[], max: Record<string, number>): RosteredPlayer | null {
  const players = limited(roster, max);
  const placed = matching(players, max);
  return players.find((p) => !placed.has(p.id)) ?? null;
}

function countUnslotted(roster: readonly RosteredPlayer[], max: Record<string, number>): number {
  const players = limited(roster, max);
  return players.length - matching(players, max).size;
}

function describe(max: Record<string, number>): string {
  return Object.entries(max).map(([pos, n]) => `${pos} ${n}`).join(', ') || 'none';
}
