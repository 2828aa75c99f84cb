import { hiddenSlot } from '../rules/hidden-slot.ts';
import { canNominate, hasRoomFor, slotCounts } from './budget.ts';
import type { AuctionConfig, AuctionEvent, AuctionState, AuctionTeam, Pool } from './types.ts';

/** An auction before it starts: every team with its full budget and nobody bought. */
export function initialState(config: AuctionConfig): AuctionState {
  const teams: Record<string, AuctionTeam> = {};
  for (const teamId of config.order) teams[teamId] = { budget: config.budget, won: [] };
  return {
    config,
    status: 'scheduled',
    phase: 'nominating',
    nominatorIndex: 0,
    lot: null,
    lotNumber: 0,
    deadline: 0,
    remainingMs: 0,
    teams,
    won: [],
    proxies: {},
    queues: {},
  };
}

/** The state's clock and the open lot's clock are the same clock. */
function withDeadline(state: AuctionState, deadline: number): Pick<AuctionState, 'deadline' | 'lot'> {
  return { deadline, lot: state.lot && { ...state.lot, deadline } };
}

function adjustTeam(state: AuctionState, teamId: string, change: (team: AuctionTeam) => AuctionTeam): Record<string, AuctionTeam> {
  const team = state.teams[teamId];
  return team ? { ...state.teams, [teamId]: change(team) } : state.teams;
}

/**
 * The one reducer: live play, recovery from the event log and undo all go through it, so they cannot
 * disagree. Events are facts already checked by a command; this only applies them and never refuses.
 * Returns a new state; the input is left as it was.
 */
export function applyEvent(state: AuctionState, event: AuctionEvent): AuctionState {
  switch (event.type) {
    case 'started':
      return { ...state, status: 'live', phase: 'nominating', nominatorIndex: event.nominatorIndex, deadline: event.deadline, remainingMs: 0 };
    case 'nominated':
      return {
        ...state,
        phase: 'bidding',
        lot: { ...event.lot, bids: [...event.lot.bids] },
        lotNumber: event.lot.number,
        deadline: event.deadline,
        proxies: {},
      };
    case 'bid': {
      if (!state.lot) return state;
      const bid = { teamId: event.teamId, amount: event.amount, at: event.at, proxy: event.proxy };
      const lot = { ...state.lot, highBid: event.amount, highBidder: event.teamId, deadline: event.deadline, bids: [...state.lot.bids, bid] };
      return { ...state, lot, deadline: event.deadline };
    }
    case 'proxySet':
      return { ...state, proxies: { ...state.proxies, [event.teamId]: { lot: event.lot, max: event.max, placedAt: event.at } } };
    case 'lotClosed': {
      const { lot, playerId, teamId, price } = event;
      const teams = adjustTeam(state, teamId, (t) => ({ budget: t.budget - price, won: [...t.won, { playerId, price, lot }] }));
      const nominator = state.lot?.nominator ?? teamId;
      return {
        ...state,
        phase: 'nominating',
        lot: null,
        nominatorIndex: event.nextNominatorIndex,
        deadline: event.deadline,
        teams,
        won: [...state.won, { lot, playerId, teamId, price, nominator }],
        proxies: {},
      };
    }
    case 'nominationSkipped':
      return { ...state, nominatorIndex: event.nextNominatorIndex, deadline: event.deadline };
    case 'lotCancelled':
      return { ...state, phase: 'nominating', lot: null, nominatorIndex: event.nominatorIndex, deadline: event.deadline, remainingMs: 0, proxies: {} };
    case 'undone': {
      const teams = adjustTeam(state, event.teamId, (t) => ({ budget: t.budget + event.price, won: t.won.filter((w) => w.lot !== event.lot) }));
      // Undo while paused stays paused; remainingMs 0 gives the nominator a full clock on resume.
      const status = state.status === 'complete' ? 'live' : state.status;
      return {
        ...state,
        status,
        phase: 'nominating',
        lot: null,
        nominatorIndex: event.nominatorIndex,
        deadline: event.deadline,
        remainingMs: 0,
        teams,
        won: state.won.filter((w) => w.lot !== event.lot),
        proxies: {},
      };
    }
    case 'paused':
      return { ...state, status: 'paused', ...withDeadline(state, 0), remainingMs: event.remainingMs };
    case 'resumed':
      return { ...state, status: 'live', ...withDeadline(state, event.deadline), remainingMs: 0 };
    case 'queueSet':
      return { ...state, queues: { ...state.queues, [event.teamId]: [...event.playerIds] } };
    case 'completed':
      return { ...state, status: 'complete', phase: 'nominating', lot: null, deadline: 0, remainingMs: 0, proxies: {} };
  }
}

/** Folds a whole event log onto a state: how a room restores itself. */
export function replay(state: AuctionState, events: readonly AuctionEvent[]): AuctionState {
  return events.reduce(applyEvent, state);
}

/** The index of the first team in order, from `from` on and wrapping, that can nominate; null if none can. */
export function nominatorIndexFrom(state: AuctionState, from: number): number | null {
  const { order } = state.config;
  for (let i = 0; i < order.length; i++) {
    const index = (from + i) % order.length;
    if (canNominate(state, order[index])) return index;
  }
  return null;
}

/** The team whose turn it is to nominate: teams with a full roster or no money left are skipped. */
export function nominatorOnClock(state: AuctionState): string | null {
  const index = nominatorIndexFrom(state, state.nominatorIndex);
  return index === null ? null : state.config.order[index];
}

export function isWon(state: AuctionState, playerId: string): boolean {
  return soldSet(state.won).has(playerId);
}

/** The players of a `won` list, kept on the list: lists are replaced, never changed, and asked about once per pool player. */
function soldSet(won: AuctionState['won']): ReadonlySet<string> {
  let sold = soldSets.get(won);
  if (!sold) soldSets.set(won, (sold = new Set(won.map((w) => w.playerId))));
  return sold;
}
/** On the list itself, as the draft's memos (../rules/hidden-slot.ts says why not a WeakMap). */
const soldSets = hiddenSlot<AuctionState['won'], Set<string>>('sold');

/**
 * Whether the auction is over: no team that can still nominate has a player left it may buy
 * (which covers "no team can nominate" and "every player is gone").
 */
export function isComplete(state: AuctionState, pool: Pool): boolean {
  const sold = soldSet(state.won);
  const left = [...pool.values()].filter((p) => !sold.has(p.id) && p.id !== state.lot?.playerId);
  return !state.config.order.some((teamId) => {
    if (!canNominate(state, teamId)) return false;
    const counts = slotCounts(state, teamId, pool);
    return left.some((player) => hasRoomFor(state, teamId, player, pool, counts));
  });
}
