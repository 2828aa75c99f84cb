import assert from 'node:assert/strict';
import {
  applyEvent, bid, canNominate, closeLot, initialState, isComplete, maxBid, nominate, nominatorOnClock, openSlots, replay, setProxy,
  type AuctionState,
} from '../../src/auction/index.ts';
import { T0, at, deepFreeze, liveAuction, makeConfig, poolOf, rulesPool } from './fixtures.ts';

const ctx = at(0);

/** A state with some teams' budgets and purchases forced, for the helpers (not reachable through commands). */
function withTeams(state: AuctionState, teams: Record<string, { budget: number; bought: number }>): AuctionState {
  const next = { ...state.teams };
  for (const [teamId, { budget, bought }] of Object.entries(teams)) {
    next[teamId] = { budget, won: Array.from({ length: bought }, (_, i) => ({ playerId: `${teamId}-${i}`, price: 1, lot: i + 1 })) };
  }
  return { ...state, teams: next };
}

describe('auction state', () => {
  it('starts scheduled with every team at the full budget and nothing bought', () => {
    const state = initialState(makeConfig());
    assert.equal(state.status, 'scheduled');
    assert.equal(state.phase, 'nominating');
    assert.equal(state.lot, null);
    assert.equal(state.deadline, 0);
    assert.deepEqual(state.teams, { A: { budget: 20, won: [] }, B: { budget: 20, won: [] }, C: { budget: 20, won: [] } });
  });

  it('keeps minBid back for every other open slot in maxBid, and allows nothing to a full roster', () => {
    const state = withTeams(initialState(makeConfig({ minBid: 2, budget: 30 })), { B: { budget: 10, bought: 1 }, C: { budget: 4, bought: 3 } });
    assert.deepEqual([openSlots(state, 'A'), maxBid(state, 'A')], [3, 26]);
    assert.deepEqual([openSlots(state, 'B'), maxBid(state, 'B')], [2, 8]);
    assert.deepEqual([openSlots(state, 'C'), maxBid(state, 'C')], [0, 0]);
    assert.deepEqual([openSlots(state, 'Z'), maxBid(state, 'Z')], [0, 0]);
  });

  it('skips full and broke teams in the nomination order, and has nobody on the clock when no team can nominate', () => {
    const base = { ...initialState(makeConfig()), nominatorIndex: 0 };
    const state = withTeams(base, { A: { budget: 5, bought: 3 }, B: { budget: 0, bought: 1 } });
    assert.deepEqual(['A', 'B', 'C'].map((t) => canNominate(state, t)), [false, false, true]);
    assert.equal(nominatorOnClock(state), 'C');
    assert.equal(nominatorOnClock({ ...state, nominatorIndex: 2 }), 'C');
    assert.equal(nominatorOnClock(withTeams(state, { C: { budget: 0, bought: 3 } })), null);
  });

  it('is complete when no team can nominate or every player is gone', () => {
    const state = initialState(makeConfig());
    assert.equal(isComplete(state, rulesPool), false);
    assert.equal(isComplete(state, new Map()), true);
    assert.equal(isComplete(withTeams(state, { A: { budget: 0, bought: 3 }, B: { budget: 0, bought: 3 }, C: { budget: 0, bought: 3 } }), rulesPool), true);
  });

  it('never changes the state it is given, and replays a log to the same state', () => {
    const auction = liveAuction();
    const steps = [
      (s: AuctionState) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 2 }, ctx),
      (s: AuctionState) => setProxy(s, { teamId: 'B', lot: 1, max: 9 }, at(1_000)),
      (s: AuctionState) => bid(s, { teamId: 'C', lot: 1, amount: 5 }, at(2_000)),
      (s: AuctionState) => closeLot(s, at(20_000)),
    ];
    for (const step of steps) {
      deepFreeze(auction.state);
      auction.do(step);
    }
    assert.deepEqual(auction.state.won, [{ lot: 1, playerId: 'qb1', teamId: 'B', price: 6, nominator: 'A' }]);
    const frozen = deepFreeze(initialState(makeConfig()));
    assert.deepEqual(replay(frozen, auction.log), auction.state);
    assert.deepEqual(auction.log.reduce(applyEvent, frozen), auction.state);
  });

  it('counts a flexible player at the first of its positions with room', () => {
    const pool = poolOf(['rb1', ['RB']], ['flex1', ['RB', 'WR']], ['wr1', ['WR']]);
    const auction = liveAuction({ order: ['A', 'B'], rosterRules: { maxPerPosition: { RB: 1, WR: 1 } } }, pool);
    const p = (ms: number) => ({ now: T0 + ms, pool });
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'rb1', bid: 1 }, p(0)));
    auction.do((s) => closeLot(s, p(20_000)));
    auction.do((s) => nominate(s, { teamId: 'B', playerId: 'flex1', bid: 1 }, p(20_000)));
    // A has its RB; flex1 would count at WR for A, so A may bid.
    auction.do((s) => bid(s, { teamId: 'A', lot: 2, amount: 2 }, p(20_000)));
    auction.do((s) => closeLot(s, p(40_000)));
    // Now A's RB and WR are both filled: wr1 does not fit.
    assert.equal(nominatorOnClock(auction.state), 'A');
    auction.refuse((s) => nominate(s, { teamId: 'A', playerId: 'wr1', bid: 1 }, p(40_000)), 'POSITION_FULL');
  });
});
