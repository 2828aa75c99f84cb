import { roundOf, totalPicks, validateConfig } from './order.ts';
import { rosterCheck } from './roster.ts';
import { freshDeadline, isTaken, lastOpenPick, teamOnClock } from './state.ts';
import { withSkips } from './skip.ts';
import { isRuleError, ruleError, type DraftEvent, type DraftState, type Outcome, type RuleError } from './types.ts';
import { checkedQueue, sameQueue } from '../rules/queue.ts';
import type { PoolContext } from '../rules/outcome.ts';

/**
 * The commands of a draft: each checks a request against the state and returns the events that
 * carry it out, or a RuleError (then nothing changes). They never apply the events themselves:
 * the room persists them first, then applies them with `applyEvent`.
 */

/** Longest queue a team may keep: far more than any roster needs, small enough to check on every pick. */
export { MAX_QUEUE_LENGTH } from '../rules/queue.ts';

export { freshDeadline } from './state.ts';

/** The error for acting on a draft that is not live: DRAFT_COMPLETE says more than NOT_LIVE when it applies. */
export function notLive(state: DraftState): RuleError {
  return state.status === 'complete'
    ? ruleError('DRAFT_COMPLETE', 'the draft is complete')
    : ruleError('NOT_LIVE', `the draft is ${state.status}`);
}

function checkTeam(state: DraftState, teamId: string): RuleError | null {
  return state.config.order.includes(teamId) ? null : ruleError('UNKNOWN_TEAM', `${teamId} is not in this draft`);
}

export function start(state: DraftState, ctx: PoolContext): Outcome {
  if (state.status !== 'scheduled') return ruleError('ALREADY_STARTED', `the draft is already ${state.status}`);
  const invalid = validateConfig(state.config);
  if (invalid) return invalid;
  // Keepers may fill every pick: then the draft starts and ends at once.
  if (state.currentPick > totalPicks(state.config)) {
    return { events: [{ type: 'started', at: ctx.now, deadline: 0 }, { type: 'completed', at: ctx.now }] };
  }
  // A team with nothing legal to draft is passed over at once rather than left on the clock.
  return { events: withSkips(state, [{ type: 'started', at: ctx.now, deadline: freshDeadline(state, ctx.now) }], ctx) };
}

export interface PickInput {
  teamId: string;
  playerId: string;
  /** The overall pick the client believes is on the clock; a different one means it acted on an old board. */
  pick?: number;
  /** Made by the server for the team (autopick, expired clock). */
  auto?: boolean;
}

export function pick(state: DraftState, input: PickInput, ctx: PoolContext): Outcome {
  if (state.status !== 'live') return notLive(state);
  if (input.pick !== undefined && input.pick !== state.currentPick) {
    return ruleError('STALE', `pick ${input.pick} is over; pick ${state.currentPick} is on the clock`);
  }
  // The commissioner's pickFor names any team: one not in the draft is unknown, not merely not on the clock.
  const unknown = checkTeam(state, input.teamId);
  if (unknown) return unknown;
  const onClock = teamOnClock(state);
  if (onClock !== input.teamId) return ruleError('NOT_YOUR_TURN', `pick ${state.currentPick} belongs to ${onClock}`);
  const player = ctx.pool.get(input.playerId);
  if (!player) return ruleError('UNKNOWN_PLAYER', `no player ${input.playerId} in the pool`);
  if (isTaken(state, player.id)) return ruleError('PLAYER_TAKEN', `${player.id} is already drafted`);
  const room = rosterCheck(state, input.teamId, player, ctx.pool);
  if (isRuleError(room)) return room;

  const overall = state.currentPick;
  const picked = {
    overall,
    round: roundOf(state.config, overall),
    teamId: input.teamId,
    playerId: player.id,
    auto: input.auto ?? false,
    keeper: false,
    slot: room.slot,
  };
  if (overall === lastOpenPick(state)) {
    return { events: [{ type: 'picked', pick: picked, nextDeadline: 0 }, { type: 'completed', at: ctx.now }] };
  }
  return { events: withSkips(state, [{ type: 'picked', pick: picked, nextDeadline: freshDeadline(state, ctx.now) }], ctx) };
}

export function pause(state: DraftState, ctx: PoolContext): Outcome {
  if (state.status !== 'live') return notLive(state);
  const remainingMs = state.deadline > 0 ? Math.max(0, state.deadline - ctx.now) : 0;
  return { events: [{ type: 'paused', at: ctx.now, remainingMs }] };
}

export function resume(state: DraftState, ctx: PoolContext): Outcome {
  if (state.status !== 'paused') return ruleError('NOT_PAUSED', `the draft is ${state.status}`);
  // A clock that had run out (or was reset by undo) restarts in full: the team never got its time.
  const deadline = state.config.pickSeconds === 0 ? 0 : ctx.now + (state.remainingMs > 0 ? state.remainingMs : state.config.pickSeconds * 1000);
  return { events: [{ type: 'resumed', at: ctx.now, deadline }] };
}

/**
 * Takes back the last pick made in the draft (never a keeper), and any skips that followed it; that
 * team is on the clock again with full time. A team on autopick (a bot, or one whose clock ran
 * out) comes off it: else the room would pick for it again at once, the same player, and an undo
 * could never step back past it. A complete draft is final: its rosters are written.
 */
export function undo(state: DraftState, ctx: PoolContext): Outcome {
  if (state.status === 'scheduled') return ruleError('NOT_LIVE', 'the draft has not started');
  if (state.status === 'complete') return notLive(state);
  const last = state.picks.findLast((p) => !p.keeper);
  if (!last) return ruleError('NOTHING_TO_UNDO', 'no pick has been made yet');
  const deadline = state.status === 'paused' ? 0 : freshDeadline(state, ctx.now);
  const undone: DraftEvent = { type: 'undone', overall: last.overall, deadline };
  if (!state.autopick.includes(last.teamId)) return { events: [undone] };
  return { events: [undone, { type: 'autopickSet', teamId: last.teamId, enabled: false }] };
}

export function setAutopick(state: DraftState, input: { teamId: string; enabled: boolean }): Outcome {
  if (state.status === 'complete') return notLive(state);
  const unknown = checkTeam(state, input.teamId);
  if (unknown) return unknown;
  // Nothing changes: nothing to log.
  if (state.autopick.includes(input.teamId) === input.enabled) return { events: [] };
  return { events: [{ type: 'autopickSet', teamId: input.teamId, enabled: input.enabled }] };
}

/** Replaces a team's queue. Drafted players are allowed (the client may lag); autopick skips them. */
export function setQueue(state: DraftState, input: { teamId: string; playerIds: string[] }, ctx: PoolContext): Outcome {
  if (state.status === 'complete') return notLive(state);
  const unknown = checkTeam(state, input.teamId);
  if (unknown) return unknown;
  const queue = checkedQueue(input.playerIds, ctx.pool);
  if (!Array.isArray(queue)) return queue;
  // The same queue again (a client resending, or a flood of them) writes nothing to the log.
  if (sameQueue(state.queues[input.teamId], queue)) return { events: [] };
  return { events: [{ type: 'queueSet', teamId: input.teamId, playerIds: queue }] };
}
