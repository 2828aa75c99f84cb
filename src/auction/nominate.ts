import { hasRoomFor, slotCounts } from './budget.ts';
import { EARLY_TOLERANCE_MS, checkTeam, nominate, nominationDeadline, notLive, thenMaybeComplete } from './rules.ts';
import { isWon, nominatorIndexFrom, nominatorOnClock } from './state.ts';
import { ruleError, type AuctionEvent, type AuctionState, type Outcome, type Pool, type PoolPlayer } from './types.ts';
import { checkedQueue, sameQueue } from '../rules/queue.ts';
import type { PoolContext } from '../rules/outcome.ts';
import { ranked } from '../rules/ranking.ts';

/** Longest queue a team may keep: far more than any roster needs, small enough to scan on every nomination. */
export { MAX_QUEUE_LENGTH } from '../rules/queue.ts';

/**
 * The player the server nominates for a team now, or null if no player left is one it may buy.
 * 1. The team's queue, in order: the first player not sold whom the position limits allow.
 * 2. Otherwise the best available by rank (then ADP) that the limits allow.
 */
export function chooseNomination(state: AuctionState, teamId: string, pool: Pool): string | null {
  const counts = slotCounts(state, teamId, pool);
  const open = state.lot?.playerId;
  const available = (player: PoolPlayer | undefined): player is PoolPlayer =>
    player !== undefined && player.id !== open && !isWon(state, player.id) && hasRoomFor(state, teamId, player, pool, counts);

  for (const id of state.queues[teamId] ?? []) {
    const player = pool.get(id);
    if (available(player)) return player.id;
  }
  return ranked(pool).find(available)?.id ?? null;
}

/**
 * The nomination clock ran out (the room submits this at the deadline): the server nominates for the
 * team on the clock at the minimum bid. A team with no player left it may buy loses its turn instead.
 */
export function expireNomination(state: AuctionState, ctx: PoolContext): Outcome {
  if (state.status !== 'live') return notLive(state);
  if (state.phase !== 'nominating') return ruleError('NOT_NOMINATING', `lot ${state.lotNumber} is open for bids`);
  if (ctx.now < state.deadline - EARLY_TOLERANCE_MS) return ruleError('STALE', `the nomination clock runs until ${state.deadline}`);
  const teamId = nominatorOnClock(state);
  if (teamId === null) return { events: [{ type: 'completed', at: ctx.now }] };
  const playerId = chooseNomination(state, teamId, ctx.pool);
  if (playerId !== null) return nominate(state, { teamId, playerId, bid: state.config.minBid, auto: true }, ctx);

  const { order } = state.config;
  const from = (order.indexOf(teamId) + 1) % order.length;
  const skipped: AuctionEvent = {
    type: 'nominationSkipped', teamId, at: ctx.now,
    nextNominatorIndex: nominatorIndexFrom(state, from) ?? from, deadline: nominationDeadline(state, ctx.now),
  };
  return thenMaybeComplete(state, [skipped], ctx);
}

/** Replaces a team's queue. Sold players are allowed (the client may lag); auto-nomination skips them. */
export function setQueue(state: AuctionState, input: { teamId: string; playerIds: string[] }, ctx: PoolContext): Outcome {
  if (state.status === 'complete') return notLive(state);
  const unknown = checkTeam(state, input.teamId);
  if (unknown) return unknown;
  const queue = checkedQueue(input.playerIds, ctx.pool);
  if (!Array.isArray(queue)) return queue;
  // The same queue again (a client resending, or a flood of them) writes nothing to the log.
  if (sameQueue(state.queues[input.teamId], queue)) return { events: [] };
  return { events: [{ type: 'queueSet', teamId: input.teamId, playerIds: queue }] };
}
