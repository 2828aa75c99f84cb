import { hiddenSlot } from '../rules/hidden-slot.ts';
import type { DraftPick } from './types.ts';

/**
 * What the rules ask of a draft's picks on every pick (is this player taken, how many players does
 * this team have, at which slots), answered without walking every pick of the draft. A board is
 * derived once per picks array (states are never mutated, so neither are their arrays) and, for
 * the common step, a pick added to the board's latest array, extended in O(1) rather than rebuilt:
 * its answers cost the same late in a 32-team × 30-round draft as early.
 *
 * Arrays that grew from one another by `picked` events share one log of picks in the order they
 * were added; each array sees the first `length` of them. An older array (the room's state while the
 * newer one a command built waits for its commit, or after that commit failed) still reads its own
 * prefix, and an array that is not one pick more than the log's latest (an undo, a second branch
 * from an older array) gets a log of its own.
 */
export interface Board {
  isTaken(playerId: string): boolean;
  /** Players the team has, keepers included. */
  rosterSize(teamId: string): number;
  /** The team's picks, keepers included, in the order they were added (keepers first, by overall). */
  teamPicks(teamId: string): DraftPick[];
}

/** Picks in the order they joined, indexed for the questions above; shared by every array of one line. */
class PickLog {
  /** Where each drafted player joined the log. */
  readonly #joinedAt = new Map<string, number>();
  /** Each team's picks as they joined, and where. */
  readonly #byTeam = new Map<string, Array<{ at: number; pick: DraftPick }>>();
  length = 0;

  constructor(picks: readonly DraftPick[]) {
    for (const pick of picks) this.add(pick);
  }

  has(playerId: string): boolean {
    return this.#joinedAt.has(playerId);
  }

  add(pick: DraftPick): void {
    const at = this.length++;
    this.#joinedAt.set(pick.playerId, at);
    const team = this.#byTeam.get(pick.teamId);
    if (team) team.push({ at, pick });
    else this.#byTeam.set(pick.teamId, [{ at, pick }]);
  }

  /** Where the player joined the log, or undefined if he never did. */
  joinedAt(playerId: string): number | undefined {
    return this.#joinedAt.get(playerId);
  }

  /** The team's picks as they joined, with where. */
  teamEntries(teamId: string): ReadonlyArray<{ at: number; pick: DraftPick }> {
    return this.#byTeam.get(teamId) ?? NO_ENTRIES;
  }
}

const NO_ENTRIES: ReadonlyArray<{ at: number; pick: DraftPick }> = [];

/**
 * The board of a log's first `length` picks. One small object per picks array (no closures): a room
 * keeps each state for a pick interval, long enough for it to be copied by a scavenge.
 */
class LogView implements Board {
  readonly log: PickLog;
  /** How many of the log's picks this view holds. */
  readonly length: number;

  constructor(log: PickLog, length: number) {
    this.log = log;
    this.length = length;
  }

  isTaken(playerId: string): boolean {
    return (this.log.joinedAt(playerId) ?? this.length) < this.length;
  }

  rosterSize(teamId: string): number {
    return this.#within(this.log.teamEntries(teamId));
  }

  teamPicks(teamId: string): DraftPick[] {
    const entries = this.log.teamEntries(teamId);
    const end = this.#within(entries);
    const picks: DraftPick[] = new Array(end);
    for (let i = 0; i < end; i++) picks[i] = entries[i].pick;
    return picks;
  }

  /** How many of the team's entries are within the view: all of them unless the log has grown past it since. */
  #within(entries: ReadonlyArray<{ at: number }>): number {
    let end = entries.length;
    while (end > 0 && entries[end - 1].at >= this.length) end--;
    return end;
  }
}

/** Each picks array's view, on the array itself (../rules/hidden-slot.ts says why not a WeakMap). */
const placed = hiddenSlot<readonly DraftPick[], LogView>('board');

/** The board of a picks array: derived on first use, then kept as long as the array lives. */
export function boardOf(picks: readonly DraftPick[]): Board {
  const known = placed.get(picks);
  if (known) return known;
  const log = new PickLog(picks);
  return place(picks, log);
}

/**
 * Records that `after` is `before` with `pick` added (the reducer's `picked`): when `before` has the
 * latest view of its log, `after` extends that log instead of being indexed from scratch.
 */
export function extendBoard(before: readonly DraftPick[], after: readonly DraftPick[], pick: DraftPick): void {
  const known = placed.get(before);
  if (!known || known.length !== known.log.length || known.log.has(pick.playerId) || pick.keeper) return;
  known.log.add(pick);
  place(after, known.log);
}

/** A view of the whole log as it is now, for `picks`. */
function place(picks: readonly DraftPick[], log: PickLog): LogView {
  const view = new LogView(log, log.length);
  placed.set(picks, view);
  return view;
}
