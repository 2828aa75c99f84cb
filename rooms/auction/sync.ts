import type { AuctionState } from '../../src/auction/index.ts';
import { maxBid, nominatorOnClock, openSlots } from '../../src/auction/index.ts';
import { AuctionLotState, AuctionRoomState, AuctionTeamState, AuctionWonState } from '../../schema/AuctionRoomState.ts';

export function createAuctionState(rules: AuctionState, teams: Array<{ id: string; name: string }>): AuctionRoomState {
  const state = new AuctionRoomState();
  const { config } = rules;
  Object.assign(state, {
    draftId: config.draftId, budget: config.budget, minBid: config.minBid, increment: config.increment, rosterSlots: config.rosterSlots,
  });
  state.lot = new AuctionLotState({ number: 0, playerId: '', nominator: '', highBid: 0, highBidder: '', deadline: 0 });
  const names = new Map(teams.map((team) => [team.id, team.name]));
  for (const teamId of config.order) {
    state.teams.push(new AuctionTeamState({
      id: teamId, name: names.get(teamId) ?? teamId, connected: false, budget: 0, openSlots: 0, maxBid: 0, proxy: 0,
    }));
  }
  syncAuctionState(state, rules);
  return state;
}

/** Copies the rules' state into the synced state; proxies and queues only into private fields. */
export function syncAuctionState(state: AuctionRoomState, rules: AuctionState): void {
  state.status = rules.status;
  state.phase = rules.phase;
  state.nominator = rules.phase === 'nominating' && rules.status === 'live' ? nominatorOnClock(rules) ?? '' : '';
  state.deadline = rules.deadline;
  state.remainingMs = rules.remainingMs;
  const lot = rules.phase === 'bidding' ? rules.lot : null;
  Object.assign(state.lot, lot
    ? { number: lot.number, playerId: lot.playerId, nominator: lot.nominator, highBid: lot.highBid, highBidder: lot.highBidder, deadline: lot.deadline }
    : { number: 0, playerId: '', nominator: '', highBid: 0, highBidder: '', deadline: 0 });
  for (const team of state.teams) {
    team.budget = rules.teams[team.id]?.budget ?? 0;
    team.openSlots = openSlots(rules, team.id);
    team.maxBid = maxBid(rules, team.id);
    const proxy = rules.proxies[team.id];
    team.proxy = lot && proxy && proxy.lot === lot.number ? proxy.max : 0;
    const queue = rules.queues[team.id] ?? [];
    if (team.queue.length !== queue.length || queue.some((id, i) => team.queue[i] !== id)) {
      team.queue.clear();
      team.queue.push(...queue);
    }
  }
  while (state.won.length > rules.won.length) state.won.pop();
  for (const won of rules.won.slice(state.won.length)) {
    state.won.push(new AuctionWonState({ lot: won.lot, playerId: won.playerId, teamId: won.teamId, price: won.price }));
  }
}
