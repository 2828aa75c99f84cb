import { ruleError } from '../rules/rule-error.ts';
import type { RuleContext } from '../rules/outcome.ts';
import { SIDES } from './config.ts';
import type { LiveGame, LiveOutcome } from './live.ts';
import { battingSide, fieldingSide } from './state.ts';
import type { Side } from './types.ts';

/**
 * A game's life around its plate appearances (PROTOCOL.md "Game lifecycle"): when it starts, and
 * how it may end other than by its last out. Pure like the rest of live.ts: presence (which
 * managers are in the room) is passed in by the room, time by the context.
 *
 * - Pregame: a game with a managed side starts when every managed side's manager is in the room,
 *   or at its first pitch (`startAt`), whichever comes first; without a first pitch it waits for
 *   them. An AI-vs-AI game starts at its first pitch (at once without one). So no decision clock
 *   runs, and no AI decides for a manager, before he could have joined.
 * - Cancel and postpone: only before the first pitch.
 * - Forfeit: a side gives the game up at any time before it is final; the other side wins.
 * - Abandon: every managed side absent for the game's idle time while it is live: the AI plays
 *   their sides, or the game is suspended until every manager is back in the room.
 * - Resume on command: the commissioner (any suspended game) or a manager in the room resumes a
 *   suspended game without waiting for the other; the AI plays every managed side whose manager
 *   is away (named in the event, so a replay does not depend on who was in), until he is back.
 * - Reclaim: a manager back in the room of a game the AI plays for him takes his side back. The
 *   decision awaited from his side (if it is his turn) is then his, with a fresh decision window;
 *   the AI plays on for a manager still away.
 */

/** What happens to a live game its managers have all left for its idle time. */
export type AbandonPolicy = 'ai' | 'suspend';
export interface AbandonRule { afterMs: number; then: AbandonPolicy }

/** A game whose managers are gone for 10 minutes is played out by the AI, unless the game says otherwise. */
export const DEFAULT_ABANDON: AbandonRule = { afterMs: 10 * 60_000, then: 'ai' };

export interface CancelEvent { type: 'cancel'; at: number }
export interface PostponeEvent { type: 'postpone'; at: number; startAt: number }
export interface ForfeitEvent { type: 'forfeit'; at: number; side: Side }
export interface AbandonEvent { type: 'abandon'; at: number; then: AbandonPolicy }
/**
 * `autopilot`: the managed sides whose managers were away when the game was resumed on command,
 * which the AI plays from then on. Absent (the automatic resume, and logs before the command): none.
 */
export interface ResumeEvent { type: 'resume'; at: number; autopilot?: Side[] }
export interface ReclaimEvent { type: 'reclaim'; at: number; side: Side }
export type LifecycleEvent = CancelEvent | PostponeEvent | ForfeitEvent | AbandonEvent | ResumeEvent | ReclaimEvent;

/** The sides a manager decides for (the AI runs the others, from the start or since an abandonment). */
export function managedSides(live: Pick<LiveGame, 'config' | 'autopilot'>): Side[] {
  return SIDES.filter((side) => !live.config[side].ai && !live.autopilot.includes(side));
}

/** A side the AI plays since an abandonment whose manager is back in the room; null when none. */
export function reclaimingSide(live: LiveGame, present: ReadonlySet<Side>): Side | null {
  if (live.status !== 'live') return null;
  return live.autopilot.find((side) => present.has(side)) ?? null;
}

function everyManagerIn(live: LiveGame, present: ReadonlySet<Side>): boolean {
  const managed = managedSides(live);
  return managed.length > 0 && managed.every((side) => present.has(side));
}

/**
 * When a scheduled game starts (epoch ms), given the sides whose managers are in the room; null
 * while it waits for them with no first pitch set.
 */
export function startTime(live: LiveGame, present: ReadonlySet<Side>, now: number): number | null {
  if (live.status !== 'scheduled') return null;
  if (everyManagerIn(live, present)) return now;
  if (managedSides(live).length === 0) return live.startAt;
  return live.startAt > 0 ? live.startAt : null;
}

/** A suspended game resumes once every manager is back in the room. */
export function resumeTime(live: LiveGame, present: ReadonlySet<Side>, now: number): number | null {
  return live.status === 'suspended' && everyManagerIn(live, present) ? now : null;
}

/**
 * When a live game counts as abandoned: `absentSince` (when its last manager left, or the room
 * opened without them) plus its idle time; null while a manager is in or nobody manages it.
 */
export function abandonTime(live: LiveGame, present: ReadonlySet<Side>, absentSince: number): number | null {
  const managed = managedSides(live);
  if (live.status !== 'live' || managed.length === 0 || managed.some((side) => present.has(side))) return null;
  // Absence before the first pitch is not idleness: the clock counts from the start at the earliest.
  return Math.max(absentSince, live.startedAt) + abandonRule(live).afterMs;
}

export function abandonRule(live: Pick<LiveGame, 'config'>): AbandonRule {
  return live.config.abandon ?? DEFAULT_ABANDON;
}

// -------------------------------------------------------------------------------------- commands

const notBeforeStart = (live: LiveGame, what: string) =>
  ruleError('ALREADY_STARTED', `the game is ${live.status}: only a game not started yet can be ${what}`);

export function cancel(live: LiveGame, { now }: RuleContext): LiveOutcome {
  if (live.status !== 'scheduled') return notBeforeStart(live, 'cancelled');
  return { events: [{ type: 'cancel', at: now }] };
}

/** Moves the first pitch to `startAt` (later than now). */
export function postpone(live: LiveGame, startAt: number, { now }: RuleContext): LiveOutcome {
  if (live.status !== 'scheduled') return notBeforeStart(live, 'postponed');
  if (!(startAt > now)) return ruleError('INVALID_TIME', 'a postponed game needs a first pitch later than now');
  return { events: [{ type: 'postpone', at: now, startAt }] };
}

/** `side` gives the game up: the other side wins it. */
export function forfeit(live: LiveGame, side: Side, { now }: RuleContext): LiveOutcome {
  if (live.status === 'final' || live.status === 'cancelled') return ruleError('GAME_OVER', `the game is ${live.status}`);
  return { events: [{ type: 'forfeit', at: now, side }] };
}

/** Every manager has been away for the idle time (the room checks presence; this checks the game). */
export function abandon(live: LiveGame, present: ReadonlySet<Side>, absentSince: number, { now }: RuleContext): LiveOutcome {
  const at = abandonTime(live, present, absentSince);
  if (at === null || at > now) return ruleError('NOT_ABANDONED', 'a manager is in the game, or has not been away long enough');
  return { events: [{ type: 'abandon', at: now, then: abandonRule(live).then }] };
}

/** `side`'s manager, back in the room, takes his side back from the AI (see the header). */
export function reclaim(live: LiveGame, side: Side, present: ReadonlySet<Side>, { now }: RuleContext): LiveOutcome {
  if (live.status !== 'live' || !live.autopilot.includes(side) || !present.has(side)) {
    return ruleError('NOT_AUTOPILOT', `the AI does not play the ${side} side for an absent manager, or he is not in the game`);
  }
  return { events: [{ type: 'reclaim', at: now, side }] };
}

export function resume(live: LiveGame, present: ReadonlySet<Side>, { now }: RuleContext): LiveOutcome {
  if (resumeTime(live, present, now) === null) return ruleError('NOT_SUSPENDED', 'the game is not suspended, or a manager is still away');
  return { events: [{ type: 'resume', at: now }] };
}

/**
 * Who resumes a suspended game on command: the commissioner (`null`), who may do so whoever is in,
 * or a manager of the game, named by the sides he manages, who must be in the room (he is the one
 * waiting for the other; from afar he would only hand his own side to the AI).
 */
export type Resumer = null | readonly Side[];

/**
 * Resumes a suspended game now (the REST command): every managed side whose manager is not in the
 * room is played by the AI until he comes back and takes it back (reclaim).
 */
export function resumeNow(live: LiveGame, present: ReadonlySet<Side>, by: Resumer, { now }: RuleContext): LiveOutcome {
  if (live.status !== 'suspended') return ruleError('NOT_SUSPENDED', `the game is ${live.status}: only a suspended game can be resumed`);
  if (by !== null && !by.some((side) => present.has(side))) {
    return ruleError('NOT_PRESENT', 'a manager resumes a suspended game from its room: join it first');
  }
  const absent = managedSides(live).filter((side) => !present.has(side));
  return { events: [{ type: 'resume', at: now, autopilot: absent }] };
}

// ------------------------------------------------------------------------------------------ fold

/** Folds a lifecycle event; `windowOf` is how long the side to decide next has (live.ts). */
export function applyLifecycleEvent(live: LiveGame, event: LifecycleEvent, windowOf: (live: LiveGame) => number): LiveGame {
  const ended = { awaiting: '' as const, pendingDefense: null, deadline: 0, finishedAt: event.at };
  switch (event.type) {
    case 'cancel':
      return { ...live, ...ended, status: 'cancelled' };
    case 'postpone':
      return { ...live, startAt: event.startAt };
    case 'forfeit':
      return { ...live, ...ended, status: 'final', forfeitedBy: event.side };
    case 'abandon':
      if (event.then === 'suspend') return { ...live, status: 'suspended', deadline: 0 };
      // The AI takes the managers' sides from now: the awaited decision is made at the game's pace.
      return { ...live, autopilot: [...live.autopilot, ...managedSides(live)], deadline: event.at + live.config.paceMs };
    case 'reclaim': {
      const reclaimed: LiveGame = { ...live, autopilot: live.autopilot.filter((side) => side !== event.side) };
      const awaited = live.awaiting === 'offense' ? battingSide(live.game) : fieldingSide(live.game);
      // His turn now: the decision is his, with a whole window. Else the AI's pending one stands.
      return awaited === event.side ? { ...reclaimed, deadline: event.at + windowOf(reclaimed) } : reclaimed;
    }
    case 'resume': {
      // Sides already on autopilot stay there once (a game suspended again after a command resume).
      const handed = (event.autopilot ?? []).filter((side) => !live.autopilot.includes(side));
      const resumed: LiveGame = { ...live, status: 'live', autopilot: [...live.autopilot, ...handed] };
      return { ...resumed, deadline: event.at + windowOf(resumed) };
    }
  }
}
