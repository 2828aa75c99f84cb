import { nominationDeadline, notLive } from './rules.ts';
import { ruleError, type AuctionState, type Outcome } from './types.ts';
import type { PoolContext } from '../rules/outcome.ts';

/** The commissioner's controls: stop and restart the clock, take back the last lot. */

export function pause(state: AuctionState, ctx: PoolContext): Outcome {
  if (state.status !== 'live') return notLive(state);
  const remainingMs = state.deadline > 0 ? Math.max(0, state.deadline - ctx.now) : 0;
  return { events: [{ type: 'paused', at: ctx.now, remainingMs }] };
}

export function resume(state: AuctionState, ctx: PoolContext): Outcome {
  if (state.status !== 'paused') return ruleError('NOT_PAUSED', `the auction is ${state.status}`);
  // A clock that had run out (or was reset by undo) restarts in full for the phase it is in.
  const fullSeconds = state.phase === 'bidding' ? state.config.bidSeconds : state.config.nominationSeconds;
  const deadline = ctx.now + (state.remainingMs > 0 ? state.remainingMs : fullSeconds * 1000);
  return { events: [{ type: 'resumed', at: ctx.now, deadline }] };
}

/**
 * A live or paused auction only. While a lot is open: cancels it (no sale; its nominator nominates again). Otherwise takes back the
 * last sale: the price goes back to the buyer, the player back to the pool, and that lot's nominator
 * is on the clock again with full time (none while paused: resume gives it).
 */
export function undo(state: AuctionState, ctx: PoolContext): Outcome {
  if (state.status === 'scheduled') return ruleError('NOT_LIVE', 'the auction has not started');
  // A complete auction is final: its rosters are written and managers have moved on.
  if (state.status === 'complete') return notLive(state);
  const deadline = state.status === 'paused' ? 0 : nominationDeadline(state, ctx.now);
  const { order } = state.config;
  const lot = state.lot;
  if (lot) return { events: [{ type: 'lotCancelled', lot: lot.number, at: ctx.now, nominatorIndex: order.indexOf(lot.nominator), deadline }] };
  const last = state.won.at(-1);
  if (!last) return ruleError('NOTHING_TO_UNDO', 'no lot has closed yet');
  return {
    events: [{
      type: 'undone', lot: last.lot, playerId: last.playerId, teamId: last.teamId, price: last.price,
      at: ctx.now, nominatorIndex: order.indexOf(last.nominator), deadline,
    }],
  };
}
