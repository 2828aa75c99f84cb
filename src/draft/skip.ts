import { roundOf } from './order.ts';
import { whyNoPick } from './roster.ts';
import { freshDeadline, lastOpenPick, rememberFold, replay, teamOnClock } from './state.ts';
import type { DraftEvent, DraftState } from './types.ts';
import type { PoolContext } from '../rules/outcome.ts';

/**
 * A live draft never waits on a team that cannot pick: after `events`, every pick whose team has
 * no legal player left (roster at its total, every player it could slot gone) is passed over with
 * a `skipped` event naming why, and the draft completes when that was its last open pick.
 * Returns `events` followed by those skips (just `events` when nobody is stuck).
 */
export function withSkips(state: DraftState, events: readonly DraftEvent[], ctx: PoolContext): DraftEvent[] {
  const out = [...events];
  let next = replay(state, events);
  for (;;) {
    const teamId = next.status === 'live' ? teamOnClock(next) : null;
    const stuck = teamId === null ? null : whyNoPick(next, teamId, ctx.pool);
    if (teamId === null || stuck === null) {
      rememberFold(state, out, next);
      return out;
    }
    const overall = next.currentPick;
    const last = overall === lastOpenPick(next);
    const skipped: DraftEvent[] = [{
      type: 'skipped',
      skip: { overall, round: roundOf(next.config, overall), teamId, ...stuck },
      nextDeadline: last ? 0 : freshDeadline(next, ctx.now),
    }];
    if (last) skipped.push({ type: 'completed', at: ctx.now });
    out.push(...skipped);
    next = replay(next, skipped);
  }
}

/** The skips due now (the room asks when it restores a draft, for logs written before skips existed). */
export function skipIfStuck(state: DraftState, ctx: PoolContext): { events: DraftEvent[] } {
  return { events: withSkips(state, [], ctx) };
}

/** Whether the team on the clock of a live draft has no legal pick. */
export function isStuck(state: DraftState, ctx: Pick<PoolContext, 'pool'>): boolean {
  const teamId = state.status === 'live' ? teamOnClock(state) : null;
  return teamId !== null && whyNoPick(state, teamId, ctx.pool) !== null;
}
