import { maxBid, openSlots, rosterCheck } from './budget.ts';
import { validateConfig } from './config.ts';
import { resolveProxies } from './proxy.ts';
import { applyEvent, isComplete, isWon, nominatorIndexFrom, nominatorOnClock } from './state.ts';
import { isRuleError, ruleError, type AuctionEvent, type AuctionLot, type AuctionState, type BidEvent, type Outcome, type RuleError } from './types.ts';
import type { PoolContext } from '../rules/outcome.ts';

/**
 * The commands of an auction: each checks a request against the state and returns the events that
 * carry it out, or a RuleError (then nothing changes). They never apply the events themselves: the
 * room persists them first, then applies them with `applyEvent`. Proxy raises are worked out here and
 * logged as bids, so the reducer never has to.
 */

/**
 * How early a clock expiry (closeLot, expireNomination) may arrive and still count. Timers and the
 * server clock can disagree by a few ms; a timer armed for an older deadline (before a late bid or a
 * resume moved it) arrives seconds early and must change nothing.
 */
export const EARLY_TOLERANCE_MS = 1000;

export function nominationDeadline(state: AuctionState, now: number): number {
  return now + state.config.nominationSeconds * 1000;
}

/** The error for acting on an auction that is not live: AUCTION_COMPLETE says more than NOT_LIVE when it applies. */
export function notLive(state: AuctionState): RuleError {
  return state.status === 'complete'
    ? ruleError('AUCTION_COMPLETE', 'the auction is complete')
    : ruleError('NOT_LIVE', `the auction is ${state.status}`);
}

export function checkTeam(state: AuctionState, teamId: string): RuleError | null {
  return state.config.order.includes(teamId) ? null : ruleError('UNKNOWN_TEAM', `${teamId} is not in this auction`);
}

/** Dollars are whole, non-negative and exact. */
export function checkAmount(amount: number): RuleError | null {
  return Number.isSafeInteger(amount) && amount >= 0 ? null : ruleError('INVALID_AMOUNT', `${amount} is not a whole number of dollars`);
}

/** Events, then `completed` if they leave nothing to auction (the clock they set is then cleared). */
export function thenMaybeComplete(state: AuctionState, events: AuctionEvent[], ctx: PoolContext): Outcome {
  const after = events.reduce(applyEvent, state);
  return isComplete(after, ctx.pool) ? { events: [...events, { type: 'completed', at: ctx.now }] } : { events };
}

export function start(state: AuctionState, ctx: PoolContext): Outcome {
  if (state.status !== 'scheduled') return ruleError('ALREADY_STARTED', `the auction is already ${state.status}`);
  const invalid = validateConfig(state.config);
  if (invalid) return invalid;
  const nominatorIndex = nominatorIndexFrom(state, 0) ?? 0;
  return thenMaybeComplete(state, [{ type: 'started', at: ctx.now, deadline: nominationDeadline(state, ctx.now), nominatorIndex }], ctx);
}

export interface NominateInput {
  teamId: string;
  playerId: string;
  /** The opening bid: the nominator is the high bidder at this price. */
  bid: number;
  /** Made by the server for a nominator whose clock ran out. */
  auto?: boolean;
}

export function nominate(state: AuctionState, input: NominateInput, ctx: PoolContext): Outcome {
  if (state.status !== 'live') return notLive(state);
  const unknown = checkTeam(state, input.teamId);
  if (unknown) return unknown;
  if (state.phase !== 'nominating') return ruleError('NOT_NOMINATING', `lot ${state.lotNumber} is open for bids`);
  const onClock = nominatorOnClock(state);
  if (onClock !== input.teamId) return ruleError('NOT_YOUR_TURN', `${onClock} nominates next`);
  const player = ctx.pool.get(input.playerId);
  if (!player) return ruleError('UNKNOWN_PLAYER', `no player ${input.playerId} in the pool`);
  if (isWon(state, player.id)) return ruleError('PLAYER_TAKEN', `${player.id} is already sold`);
  const full = rosterCheck(state, input.teamId, player, ctx.pool);
  if (full) return full;
  const refused = checkPrice(state, input.teamId, input.bid, state.config.minBid, `the opening bid is at least ${state.config.minBid}`);
  if (refused) return refused;

  const deadline = ctx.now + state.config.bidSeconds * 1000;
  const lot: AuctionLot = {
    number: state.lotNumber + 1,
    playerId: player.id,
    nominator: input.teamId,
    highBid: input.bid,
    highBidder: input.teamId,
    deadline,
    bids: [{ teamId: input.teamId, amount: input.bid, at: ctx.now, proxy: false }],
  };
  return { events: [{ type: 'nominated', at: ctx.now, lot, deadline, auto: input.auto ?? false }] };
}

/** INVALID_AMOUNT, BID_TOO_LOW below `least`, OVER_MAX_BID above what the team may spend. */
function checkPrice(state: AuctionState, teamId: string, amount: number, least: number, why: string): RuleError | null {
  const invalid = checkAmount(amount);
  if (invalid) return invalid;
  if (amount < least) return ruleError('BID_TOO_LOW', `${amount} is too low: ${why}`);
  const most = maxBid(state, teamId);
  if (amount > most) {
    return ruleError('OVER_MAX_BID', openSlots(state, teamId) === 0
      ? `${teamId} has a full roster`
      : `${teamId} may bid at most ${most} (it keeps ${state.config.minBid} for each other open slot)`);
  }
  return null;
}

/** The open lot a bid or proxy for `lot` may act on, or why not. */
function biddableLot(state: AuctionState, teamId: string, lotNumber: number, now: number): AuctionLot | RuleError {
  if (state.status !== 'live') return notLive(state);
  const unknown = checkTeam(state, teamId);
  if (unknown) return unknown;
  if (state.phase !== 'bidding' || state.lot === null) {
    // The lot it names is the last one, closed at its deadline (the clock's close ran first).
    if (lotNumber === state.lotNumber && lotNumber > 0) return ruleError('LOT_CLOSED', `bidding on lot ${lotNumber} has closed`);
    return ruleError('NOT_BIDDING', 'no lot is open for bids');
  }
  if (lotNumber !== state.lot.number) return ruleError('STALE', `lot ${lotNumber} is over; lot ${state.lot.number} is open`);
  if (now > state.deadline) return ruleError('LOT_CLOSED', `bidding on lot ${state.lot.number} closed at ${state.deadline}`);
  return state.lot;
}

/** POSITION_FULL if the team could not roster the lot's player. */
function roomForLot(state: AuctionState, teamId: string, lot: AuctionLot, ctx: PoolContext): RuleError | null {
  const player = ctx.pool.get(lot.playerId);
  return player ? rosterCheck(state, teamId, player, ctx.pool) : null;
}

/** The proxies' answer to the lot as `events` leave it, as bids with the same clock as the trigger. */
function withProxyRaises(state: AuctionState, events: AuctionEvent[], ctx: PoolContext): Outcome {
  const after = events.reduce(applyEvent, state);
  const lot = after.lot;
  if (!lot) return { events };
  const deadline = Math.max(after.deadline, ctx.now + after.config.resetFloorSeconds * 1000);
  const raises: BidEvent[] = resolveProxies(lot, after.proxies, after.config.increment).map((raise) => ({
    type: 'bid', lot: lot.number, teamId: raise.teamId, amount: raise.amount, at: ctx.now, deadline, proxy: true,
  }));
  return { events: [...events, ...raises] };
}

export interface BidInput {
  teamId: string;
  /** The lot number the client is bidding on; another one means it acted on an old board. */
  lot: number;
  amount: number;
}

export function bid(state: AuctionState, input: BidInput, ctx: PoolContext): Outcome {
  const lot = biddableLot(state, input.teamId, input.lot, ctx.now);
  if (isRuleError(lot)) return lot;
  if (lot.highBidder === input.teamId) return ruleError('ALREADY_HIGH_BIDDER', `${input.teamId} already holds the high bid of ${lot.highBid}`);
  const least = lot.highBid + state.config.increment;
  const refused = checkPrice(state, input.teamId, input.amount, least, `the high bid is ${lot.highBid}, the next bid is at least ${least}`);
  if (refused) return refused;
  const full = roomForLot(state, input.teamId, lot, ctx);
  if (full) return full;

  // A late bid resets the clock to the floor, so everyone gets a chance to answer it.
  const deadline = Math.max(state.deadline, ctx.now + state.config.resetFloorSeconds * 1000);
  const placed: BidEvent = { type: 'bid', lot: lot.number, teamId: input.teamId, amount: input.amount, at: ctx.now, deadline, proxy: false };
  return withProxyRaises(state, [placed], ctx);
}

export interface ProxyInput {
  teamId: string;
  lot: number;
  /** The most the server may bid for the team on this lot. */
  max: number;
}

/** Sets a team's private maximum for the open lot; if it is not winning, its proxy bids at once. */
export function setProxy(state: AuctionState, input: ProxyInput, ctx: PoolContext): Outcome {
  const lot = biddableLot(state, input.teamId, input.lot, ctx.now);
  if (isRuleError(lot)) return lot;
  const winning = lot.highBidder === input.teamId;
  // The high bidder may not set a maximum below what it already bid; anyone else must be able to bid.
  const least = winning ? lot.highBid : lot.highBid + state.config.increment;
  const refused = checkPrice(state, input.teamId, input.max, least, `the high bid is ${lot.highBid}, a maximum must be at least ${least}`);
  if (refused) return refused;
  const full = roomForLot(state, input.teamId, lot, ctx);
  if (full) return full;

  const current = state.proxies[input.teamId];
  if (current && current.lot === lot.number && current.max === input.max) return { events: [] };
  return withProxyRaises(state, [{ type: 'proxySet', teamId: input.teamId, lot: lot.number, max: input.max, at: ctx.now }], ctx);
}

/** The lot's clock ran out (the room submits this at the deadline): the high bidder buys the player. */
export function closeLot(state: AuctionState, ctx: PoolContext): Outcome {
  if (state.status !== 'live') return notLive(state);
  const lot = state.lot;
  if (state.phase !== 'bidding' || lot === null) return ruleError('NOT_BIDDING', 'no lot is open for bids');
  if (ctx.now < state.deadline - EARLY_TOLERANCE_MS) return ruleError('STALE', `lot ${lot.number} runs until ${state.deadline}`);

  // The next nominator is the team after this lot's nominator, skipping teams done buying.
  const from = (state.config.order.indexOf(lot.nominator) + 1) % state.config.order.length;
  const closed = {
    type: 'lotClosed', lot: lot.number, playerId: lot.playerId, teamId: lot.highBidder, price: lot.highBid,
    at: ctx.now, nextNominatorIndex: from, deadline: nominationDeadline(state, ctx.now),
  } as const;
  const nextNominatorIndex = nominatorIndexFrom(applyEvent(state, closed), from) ?? from;
  return thenMaybeComplete(state, [{ ...closed, nextNominatorIndex }], ctx);
}
