import { hiddenSlot } from '../rules/hidden-slot.ts';
import { boardOf, extendBoard } from './board.ts';
import { roundOf, teamForPick, teamPickInRound, totalPicks } from './order.ts';
import type { DraftConfig, DraftEvent, DraftPick, DraftSkip, DraftState } from './types.ts';

const byOverall = (a: { overall: number }, b: { overall: number }) => a.overall - b.overall;

/**
 * A new array: `sorted` (by overall) with `item` in its place. A live draft's pick is almost always
 * after the last one, so it is appended without sorting (a sort copies the array once more).
 */
function withInOrder<T extends { overall: number }>(sorted: readonly T[], item: T): T[] {
  const out = [...sorted, item];
  const last = sorted.at(-1);
  return last === undefined || last.overall <= item.overall ? out : out.sort(byOverall);
}

/**
 * Overall picks at or after `from` that are done: made (keepers included) or passed over. Callers
 * only ask about picks from some point on (the clock's pick, usually), and nearly every done pick
 * lies before it, so this set stays small (keepers ahead, a skip): a pick costs no set of every pick.
 * Both lists are in overall order (withInOrder), so each is read from its end back to `from`: a
 * pick costs no walk over the picks before it either (the last pick of a 960-pick draft read 959).
 */
function filledFrom(state: { picks: readonly DraftPick[]; skips: readonly DraftSkip[] }, from: number): Set<number> {
  const filled = new Set<number>();
  for (const done of [state.picks, state.skips]) {
    for (let i = done.length - 1; i >= 0 && done[i].overall >= from; i--) filled.add(done[i].overall);
  }
  return filled;
}

/** The first overall pick at or after `from` that is not done yet (keepers fill some ahead of time). */
function nextOpenPick(config: DraftConfig, picks: readonly DraftPick[], skips: readonly DraftSkip[], from: number): number {
  const filled = filledFrom({ picks, skips }, from);
  let overall = from;
  while (overall <= totalPicks(config) && filled.has(overall)) overall++;
  return overall;
}

/**
 * A draft before it starts: keepers already sit on the pick their team makes in their round.
 * An invalid config still yields a state (keepers that cannot be placed are left out); `start`
 * refuses it with the reason, so such a draft never goes live.
 */
export function initialState(config: DraftConfig): DraftState {
  const picks: DraftPick[] = [];
  if (config.order.length > 0) {
    for (const keeper of config.keepers) {
      const overall = teamPickInRound(config, keeper.teamId, keeper.round);
      if (overall === null || picks.some((p) => p.overall === overall || p.playerId === keeper.playerId)) continue;
      picks.push({ overall, round: keeper.round, teamId: keeper.teamId, playerId: keeper.playerId, auto: false, keeper: true, slot: '' });
    }
  }
  picks.sort(byOverall);
  return {
    config,
    status: 'scheduled',
    currentPick: nextOpenPick(config, picks, [], 1),
    picks,
    skips: [],
    deadline: 0,
    remainingMs: 0,
    autopick: [],
    queues: {},
  };
}

/**
 * The one reducer: live play, recovery from the event log and undo all go through it, so they cannot
 * disagree. Events are facts already checked by a command; this only applies them and never refuses.
 * Returns a new state; the input is left as it was.
 */
export function applyEvent(state: DraftState, event: DraftEvent): DraftState {
  switch (event.type) {
    case 'started':
      return { ...state, status: 'live', deadline: event.deadline, remainingMs: 0 };
    case 'picked': {
      const picks = withInOrder(state.picks, event.pick);
      extendBoard(state.picks, picks, event.pick);
      return { ...state, picks, currentPick: nextOpenPick(state.config, picks, state.skips, event.pick.overall + 1), deadline: event.nextDeadline };
    }
    case 'skipped': {
      const skips = withInOrder(state.skips, event.skip);
      return { ...state, skips, currentPick: nextOpenPick(state.config, state.picks, skips, event.skip.overall + 1), deadline: event.nextDeadline };
    }
    case 'paused':
      return { ...state, status: 'paused', deadline: 0, remainingMs: event.remainingMs };
    case 'resumed':
      return { ...state, status: 'live', deadline: event.deadline, remainingMs: 0 };
    case 'undone': {
      const picks = state.picks.filter((p) => p.overall !== event.overall);
      // Skips after the undone pick followed from it: with the pick taken back they are open again.
      const skips = state.skips.filter((s) => s.overall < event.overall);
      // Undo while paused stays paused; remainingMs 0 gives the team a full clock on resume.
      const status = state.status === 'complete' ? 'live' : state.status;
      return { ...state, status, picks, skips, currentPick: event.overall, deadline: event.deadline, remainingMs: 0 };
    }
    case 'autopickSet': {
      const others = state.autopick.filter((t) => t !== event.teamId);
      return { ...state, autopick: event.enabled ? [...others, event.teamId] : others };
    }
    case 'queueSet':
      return { ...state, queues: { ...state.queues, [event.teamId]: [...event.playerIds] } };
    case 'completed':
      return { ...state, status: 'complete', currentPick: totalPicks(state.config) + 1, deadline: 0, remainingMs: 0 };
    default:
      // A stream holds only draft events; anything else (a foreign writer, a test) changes nothing.
      return state;
  }
}

/**
 * States a command already folded its own events into (withSkips must, to find the skips), kept on
 * that events array: the room folds the same events again once they are stored, and gets the same
 * state without a second fold. States and events are never mutated, so a hit is the very answer.
 */
const folded = hiddenSlot<readonly DraftEvent[], { from: DraftState; length: number; to: DraftState }>('folded');

/** Records that `events` (as returned by a command) take `from` to `to`. */
export function rememberFold(from: DraftState, events: readonly DraftEvent[], to: DraftState): void {
  folded.set(events, { from, length: events.length, to });
}

/** Folds a whole event log onto a state: how a room restores itself. */
export function replay(state: DraftState, events: readonly DraftEvent[]): DraftState {
  const known = folded.get(events);
  if (known && known.from === state && known.length === events.length) return known.to;
  return events.reduce(applyEvent, state);
}

/** The team on the clock, or null once every pick is made. */
export function teamOnClock(state: DraftState): string | null {
  return state.currentPick > totalPicks(state.config) ? null : teamForPick(state.config, state.currentPick);
}

export function currentRound(state: DraftState): number {
  return roundOf(state.config, Math.min(state.currentPick, totalPicks(state.config)));
}

export function isTaken(state: DraftState, playerId: string): boolean {
  return boardOf(state.picks).isTaken(playerId);
}

/** A team's picks so far, keepers included, in draft order. */
export function rosterOf(state: DraftState, teamId: string): DraftPick[] {
  return state.picks.filter((p) => p.teamId === teamId);
}

/** How many players a team has (keepers included): rosterOf's length without the array. */
export function rosterSize(state: DraftState, teamId: string): number {
  return boardOf(state.picks).rosterSize(teamId);
}

/**
 * Overall picks still to be made by a team, the one on the clock included; counting stops at
 * `atMost` (autopick only asks whether the picks left exceed a few, not over the whole draft).
 */
export function picksLeft(state: DraftState, teamId: string, atMost = Infinity): number {
  const filled = filledFrom(state, state.currentPick);
  let left = 0;
  for (let overall = state.currentPick; overall <= totalPicks(state.config) && left < atMost; overall++) {
    if (!filled.has(overall) && teamForPick(state.config, overall) === teamId) left++;
  }
  return left;
}

/** A fresh clock for the team on it; 0 with a soft timer (pickSeconds 0). */
export function freshDeadline(state: DraftState, now: number): number {
  return state.config.pickSeconds > 0 ? now + state.config.pickSeconds * 1000 : 0;
}

/** The last overall pick not done ahead of time (keepers) or passed over. */
export function lastOpenPick(state: DraftState): number {
  let overall = totalPicks(state.config);
  // From the clock's pick on first (the common answer), every pick only when all of those are done.
  for (const from of [Math.min(state.currentPick, overall), 1]) {
    const filled = filledFrom(state, from);
    while (overall >= from && filled.has(overall)) overall--;
    if (overall >= from) return overall;
  }
  return 0;
}
