import { emptyPositions, slotCounts, slotFor } from './roster.ts';
import { notLive, pick, resume, start } from './rules.ts';
import { isStuck, skipIfStuck } from './skip.ts';
import { boardOf } from './board.ts';
import { picksLeft, replay, rosterSize, teamOnClock } from './state.ts';
import {
  isRuleError, ruleError, type DraftEvent, type DraftState, type Outcome, type Pool, type PoolPlayer, type RuleError,
} from './types.ts';
import type { PoolContext } from '../rules/outcome.ts';
import { ranked } from '../rules/ranking.ts';

/**
 * How early an expiry may arrive and still count. Timers and Date.now() can disagree by a few ms, and
 * a refused expiry would leave the draft with no clock at all; but a timer armed for an older deadline
 * (before a resume or undo moved it) arrives seconds early and must change nothing.
 */
export const EARLY_EXPIRY_TOLERANCE_MS = 1000;

/**
 * The player the server would pick for a team now, or null if no player left is legal for it.
 * 1. The team's queue, in order: the first player not taken whom the roster rules allow.
 * 2. Otherwise the best available by rank (then ADP), preferring a position the team still needs.
 *    "Need" is kept simple: positions the rules allow but the team has nobody at yet, and only once
 *    its picks left are no more than such positions, i.e. when waiting any longer could leave one
 *    empty. Until then the best player wins, as a person would draft.
 */
export function chooseAutopick(state: DraftState, teamId: string, pool: Pool): string | null {
  const rules = state.config.rosterRules;
  if (rules.total !== undefined && rosterSize(state, teamId) >= rules.total) return null;
  const counts = slotCounts(state, teamId, pool);
  const board = boardOf(state.picks);
  const slotOf = (player: PoolPlayer) => slotFor(rules, counts, player.positions);
  const available = (player: PoolPlayer | undefined): player is PoolPlayer =>
    player !== undefined && !board.isTaken(player.id) && slotOf(player) !== null;

  for (const id of state.queues[teamId] ?? []) {
    const player = pool.get(id);
    if (available(player)) return player.id;
  }

  // Down the ranking: the best available, and past it only while looking for a needed position.
  let best: PoolPlayer | null = null;
  let needed: string[] | null = null;
  for (const player of ranked(pool)) {
    if (!available(player)) continue;
    if (best === null) {
      best = player;
      const empty = emptyPositions(state, teamId, pool);
      if (empty.length === 0 || picksLeft(state, teamId, empty.length + 1) > empty.length) return best.id;
      needed = empty;
    }
    if (needed!.includes(slotOf(player) ?? '')) return player.id;
  }
  return best?.id ?? null;
}

/** Picks for the team on the clock with chooseAutopick; passes over its pick when no player left is legal for it. */
function autopickNow(state: DraftState, teamId: string, ctx: PoolContext): Outcome {
  const playerId = chooseAutopick(state, teamId, ctx.pool);
  if (playerId === null) return skipIfStuck(state, ctx);
  return pick(state, { teamId, playerId, pick: state.currentPick, auto: true }, ctx);
}

/**
 * The clock ran out (the room submits this as a system action at the deadline). With a soft timer
 * nothing happens. Otherwise the server picks for the team and puts it on autopick: a team that
 * missed a pick is probably away, and stays on autopick until it turns it off.
 */
export function expire(state: DraftState, ctx: PoolContext): Outcome {
  if (state.config.pickSeconds === 0) return { events: [] };
  if (state.status !== 'live') return notLive(state);
  if (ctx.now < state.deadline - EARLY_EXPIRY_TOLERANCE_MS) return ruleError('STALE', `the clock runs until ${state.deadline}`);
  const teamId = teamOnClock(state);
  if (teamId === null) return ruleError('DRAFT_COMPLETE', 'every pick is made');
  // A team with nothing legal to draft is passed over, not put on autopick: it missed nothing.
  if (isStuck(state, ctx)) return skipIfStuck(state, ctx);
  const picked = autopickNow(state, teamId, ctx);
  if (isRuleError(picked)) return picked;
  if (state.autopick.includes(teamId)) return picked;
  return { events: [{ type: 'autopickSet', teamId, enabled: true }, ...picked.events] };
}

/** Picks at once for the team on the clock if it is on autopick (the room asks after every pick); else no events. */
export function autopickIfDue(state: DraftState, ctx: PoolContext): Outcome {
  const teamId = teamOnClock(state);
  if (state.status !== 'live' || teamId === null || !state.autopick.includes(teamId)) return { events: [] };
  return autopickNow(state, teamId, ctx);
}

/**
 * A hard deadline for the whole draft (an F1 race draft at the start of qualifying): every pick
 * still open is made now by autopick, as if each team's clock had run out. A draft not started
 * yet starts first, a paused one resumes; the events end with `completed`. Teams already on
 * autopick keep it; the others are not switched to it (the draft is over, nothing is left to miss).
 */
export function finishByAutopick(state: DraftState, ctx: PoolContext): Outcome {
  if (state.status === 'complete') return { events: [] };
  const events: DraftEvent[] = [];
  let next = state;
  const append = (outcome: Outcome): RuleError | null => {
    if (isRuleError(outcome)) return outcome;
    events.push(...outcome.events);
    next = replay(next, outcome.events);
    return null;
  };
  const opened = next.status === 'scheduled' ? start(next, ctx) : next.status === 'paused' ? resume(next, ctx) : { events: [] };
  const refused = append(opened);
  if (refused) return refused;
  while (next.status === 'live') {
    const teamId = teamOnClock(next);
    if (teamId === null) break;
    const failed = append(autopickNow(next, teamId, ctx));
    if (failed) return failed;
  }
  return { events };
}
