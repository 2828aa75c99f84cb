import assert from 'node:assert/strict';
import {
  bid, closeLot, maxBid, nominate, nominatorOnClock, openSlots, pause, start,
} from '../../src/auction/index.ts';
import { Auction, T0, at, liveAuction, makeConfig, poolOf } from './fixtures.ts';

const ctx = at(0);

/** A live auction with lot 1 open: A nominated `playerId` at `opening` at T0. */
function withLot(playerId = 'qb1', opening = 1, overrides = {}) {
  const auction = liveAuction(overrides);
  auction.do((s) => nominate(s, { teamId: 'A', playerId, bid: opening }, ctx));
  return auction;
}

describe('auction rules: start', () => {
  it('goes live with the first team on a full nomination clock', () => {
    const auction = new Auction(makeConfig());
    assert.deepEqual(auction.do((s) => start(s, ctx)), [{ type: 'started', at: T0, deadline: T0 + 10_000, nominatorIndex: 0 }]);
    assert.equal(auction.state.status, 'live');
    assert.equal(auction.state.phase, 'nominating');
    assert.equal(nominatorOnClock(auction.state), 'A');
  });

  it('refuses to start twice with ALREADY_STARTED', () => {
    liveAuction().refuse((s) => start(s, ctx), 'ALREADY_STARTED');
  });

  it('refuses a bad order with INVALID_ORDER and a budget that cannot fill the roster with INVALID_CONFIG', () => {
    new Auction(makeConfig({ order: [] })).refuse((s) => start(s, ctx), 'INVALID_ORDER');
    new Auction(makeConfig({ order: ['A', 'A'] })).refuse((s) => start(s, ctx), 'INVALID_ORDER');
    new Auction(makeConfig({ budget: 2, rosterSlots: 3 })).refuse((s) => start(s, ctx), 'INVALID_CONFIG');
    new Auction(makeConfig({ increment: 0 })).refuse((s) => start(s, ctx), 'INVALID_CONFIG');
  });

  it('completes at once when the pool is empty', () => {
    const auction = new Auction(makeConfig());
    auction.do((s) => start(s, { now: T0, pool: new Map() }));
    assert.equal(auction.state.status, 'complete');
  });
});

describe('auction rules: nominate', () => {
  it('opens the next lot with the opening bid as the nominator\'s high bid and a full bid clock', () => {
    const auction = liveAuction();
    const events = auction.do((s) => nominate(s, { teamId: 'A', playerId: 'rb1', bid: 3 }, at(2_000)));
    const lot = {
      number: 1, playerId: 'rb1', nominator: 'A', highBid: 3, highBidder: 'A', deadline: T0 + 22_000,
      bids: [{ teamId: 'A', amount: 3, at: T0 + 2_000, proxy: false }],
    };
    assert.deepEqual(events, [{ type: 'nominated', at: T0 + 2_000, lot, deadline: T0 + 22_000, auto: false }]);
    assert.equal(auction.state.phase, 'bidding');
    assert.deepEqual(auction.state.lot, lot);
    assert.equal(auction.state.lotNumber, 1);
  });

  it('refuses a nomination before the start or while paused with NOT_LIVE', () => {
    new Auction(makeConfig()).refuse((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx), 'NOT_LIVE');
    const auction = liveAuction();
    auction.do((s) => pause(s, ctx));
    auction.refuse((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx), 'NOT_LIVE');
  });

  it('refuses a nomination while a lot is open with NOT_NOMINATING', () => {
    withLot().refuse((s) => nominate(s, { teamId: 'B', playerId: 'qb2', bid: 1 }, ctx), 'NOT_NOMINATING');
  });

  it('refuses a team that is not on the clock with NOT_YOUR_TURN and a team not in the auction with UNKNOWN_TEAM', () => {
    const auction = liveAuction();
    auction.refuse((s) => nominate(s, { teamId: 'B', playerId: 'qb1', bid: 1 }, ctx), 'NOT_YOUR_TURN');
    auction.refuse((s) => nominate(s, { teamId: 'Z', playerId: 'qb1', bid: 1 }, ctx), 'UNKNOWN_TEAM');
  });

  it('refuses a player not in the pool with UNKNOWN_PLAYER and a sold one with PLAYER_TAKEN', () => {
    const auction = withLot('qb1');
    auction.do((s) => closeLot(s, at(20_000)));
    auction.refuse((s) => nominate(s, { teamId: 'B', playerId: 'nobody', bid: 1 }, ctx), 'UNKNOWN_PLAYER');
    auction.refuse((s) => nominate(s, { teamId: 'B', playerId: 'qb1', bid: 1 }, ctx), 'PLAYER_TAKEN');
  });

  it('refuses a player the nominator has no room for with POSITION_FULL', () => {
    const auction = withLot('qb1', 1, { order: ['A'], rosterRules: { maxPerPosition: { QB: 1 } } });
    auction.do((s) => closeLot(s, at(20_000)));
    auction.refuse((s) => nominate(s, { teamId: 'A', playerId: 'qb2', bid: 1 }, at(20_000)), 'POSITION_FULL');
  });

  it('refuses an opening bid under minBid with BID_TOO_LOW, over maxBid with OVER_MAX_BID, and a malformed one with INVALID_AMOUNT', () => {
    const auction = liveAuction({ minBid: 2, budget: 30 });
    auction.refuse((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx), 'BID_TOO_LOW');
    // $30 for 3 slots at $2 minimum: at most 30 - 2 * 2 = 26.
    assert.equal(maxBid(auction.state, 'A'), 26);
    auction.refuse((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 27 }, ctx), 'OVER_MAX_BID');
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      auction.refuse((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: bad }, ctx), 'INVALID_AMOUNT');
    }
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 26 }, ctx));
  });
});

describe('auction rules: bid', () => {
  it('makes the bidder the high bidder and leaves a clock with more than the floor alone', () => {
    const auction = withLot();
    const events = auction.do((s) => bid(s, { teamId: 'B', lot: 1, amount: 4 }, at(3_000)));
    assert.deepEqual(events, [{ type: 'bid', lot: 1, teamId: 'B', amount: 4, at: T0 + 3_000, deadline: T0 + 20_000, proxy: false }]);
    assert.equal(auction.state.lot?.highBid, 4);
    assert.equal(auction.state.lot?.highBidder, 'B');
    assert.equal(auction.state.deadline, T0 + 20_000);
  });

  it('extends the clock to the reset floor when a bid comes late', () => {
    const auction = withLot();
    auction.do((s) => bid(s, { teamId: 'B', lot: 1, amount: 2 }, at(18_000)));
    assert.equal(auction.state.deadline, T0 + 23_000);
    assert.equal(auction.state.lot?.deadline, T0 + 23_000);
    // Right on the deadline still counts, and resets again.
    auction.do((s) => bid(s, { teamId: 'C', lot: 1, amount: 3 }, at(23_000)));
    assert.equal(auction.state.deadline, T0 + 28_000);
  });

  it('refuses a bid after the server-side deadline with LOT_CLOSED, also once the clock has closed the lot', () => {
    withLot().refuse((s) => bid(s, { teamId: 'B', lot: 1, amount: 2 }, at(20_001)), 'LOT_CLOSED');
    const closed = withLot();
    closed.do((s) => closeLot(s, at(20_000)));
    closed.refuse((s) => bid(s, { teamId: 'B', lot: 1, amount: 2 }, at(20_050)), 'LOT_CLOSED');
  });

  it('refuses a bid with no lot open with NOT_BIDDING and one for another lot with STALE', () => {
    liveAuction().refuse((s) => bid(s, { teamId: 'B', lot: 1, amount: 2 }, ctx), 'NOT_BIDDING');
    const auction = withLot();
    auction.refuse((s) => bid(s, { teamId: 'B', lot: 0, amount: 2 }, ctx), 'STALE');
    auction.refuse((s) => bid(s, { teamId: 'B', lot: 2, amount: 2 }, ctx), 'STALE');
  });

  it('refuses the high bidder outbidding itself with ALREADY_HIGH_BIDDER', () => {
    withLot().refuse((s) => bid(s, { teamId: 'A', lot: 1, amount: 5 }, ctx), 'ALREADY_HIGH_BIDDER');
  });

  it('refuses a bid under high bid + increment with BID_TOO_LOW, naming the high bid', () => {
    const auction = withLot('qb1', 3, { increment: 2 });
    const message = auction.refuse((s) => bid(s, { teamId: 'B', lot: 1, amount: 4 }, ctx), 'BID_TOO_LOW');
    assert.match(message, /high bid is 3/);
    auction.do((s) => bid(s, { teamId: 'B', lot: 1, amount: 5 }, ctx));
  });

  it('refuses a bid over the bidder\'s maxBid, or from a full roster, with OVER_MAX_BID', () => {
    const auction = withLot();
    auction.refuse((s) => bid(s, { teamId: 'B', lot: 1, amount: 19 }, ctx), 'OVER_MAX_BID');
    auction.do((s) => bid(s, { teamId: 'B', lot: 1, amount: 18 }, ctx));

    const full = withLot('qb1', 1, { rosterSlots: 1 });
    full.do((s) => closeLot(s, at(20_000)));
    full.do((s) => nominate(s, { teamId: 'B', playerId: 'qb2', bid: 1 }, at(20_000)));
    assert.equal(openSlots(full.state, 'A'), 0);
    full.refuse((s) => bid(s, { teamId: 'A', lot: 2, amount: 2 }, at(20_000)), 'OVER_MAX_BID');
  });

  it('refuses a bid on a player the bidder has no room for with POSITION_FULL', () => {
    const auction = withLot('qb1', 1, { rosterRules: { maxPerPosition: { QB: 1 } } });
    auction.do((s) => closeLot(s, at(20_000)));
    auction.do((s) => nominate(s, { teamId: 'B', playerId: 'qb2', bid: 1 }, at(20_000)));
    auction.refuse((s) => bid(s, { teamId: 'A', lot: 2, amount: 2 }, at(20_000)), 'POSITION_FULL');
    auction.do((s) => bid(s, { teamId: 'C', lot: 2, amount: 2 }, at(20_000)));
  });

  it('refuses a malformed amount with INVALID_AMOUNT, an unknown team with UNKNOWN_TEAM, and any bid while paused with NOT_LIVE', () => {
    const auction = withLot();
    for (const bad of [-3, 2.5, Number.NaN]) auction.refuse((s) => bid(s, { teamId: 'B', lot: 1, amount: bad }, ctx), 'INVALID_AMOUNT');
    auction.refuse((s) => bid(s, { teamId: 'Z', lot: 1, amount: 2 }, ctx), 'UNKNOWN_TEAM');
    auction.do((s) => pause(s, ctx));
    auction.refuse((s) => bid(s, { teamId: 'B', lot: 1, amount: 2 }, ctx), 'NOT_LIVE');
  });
});

describe('auction rules: closeLot', () => {
  it('sells the player to the high bidder at the high bid and puts the team after the nominator on the clock', () => {
    const auction = withLot();
    auction.do((s) => bid(s, { teamId: 'C', lot: 1, amount: 7 }, ctx));
    const events = auction.do((s) => closeLot(s, at(20_000)));
    assert.deepEqual(events, [{
      type: 'lotClosed', lot: 1, playerId: 'qb1', teamId: 'C', price: 7, at: T0 + 20_000, nextNominatorIndex: 1, deadline: T0 + 30_000,
    }]);
    assert.deepEqual(auction.state.teams.C, { budget: 13, won: [{ playerId: 'qb1', price: 7, lot: 1 }] });
    assert.deepEqual(auction.state.won, [{ lot: 1, playerId: 'qb1', teamId: 'C', price: 7, nominator: 'A' }]);
    assert.equal(auction.state.lot, null);
    assert.equal(auction.state.phase, 'nominating');
    assert.equal(nominatorOnClock(auction.state), 'B');
  });

  it('accepts a close up to a second early but refuses an earlier one with STALE', () => {
    const auction = withLot();
    auction.refuse((s) => closeLot(s, at(18_999)), 'STALE');
    auction.do((s) => closeLot(s, at(19_000)));
  });

  it('refuses a close with no lot open with NOT_BIDDING', () => {
    liveAuction().refuse((s) => closeLot(s, at(60_000)), 'NOT_BIDDING');
  });

  it('completes the auction when the last open slot is filled', () => {
    const auction = withLot('qb1', 1, { order: ['A', 'B'], rosterSlots: 1 });
    auction.do((s) => closeLot(s, at(20_000)));
    auction.do((s) => nominate(s, { teamId: 'B', playerId: 'qb2', bid: 1 }, at(20_000)));
    const events = auction.do((s) => closeLot(s, at(40_000)));
    assert.deepEqual(events.map((e) => e.type), ['lotClosed', 'completed']);
    assert.equal(auction.state.status, 'complete');
    assert.equal(auction.state.deadline, 0);
    auction.refuse((s) => nominate(s, { teamId: 'A', playerId: 'qb2', bid: 1 }, at(40_000)), 'AUCTION_COMPLETE');
  });

  it('completes when players run out before rosters fill', () => {
    const pool = poolOf(['p1', ['QB']]);
    const auction = new Auction(makeConfig());
    auction.do((s) => start(s, { now: T0, pool }));
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'p1', bid: 1 }, { now: T0, pool }));
    assert.deepEqual(auction.do((s) => closeLot(s, { now: T0 + 20_000, pool })).map((e) => e.type), ['lotClosed', 'completed']);
  });

  it('skips teams with a full roster when choosing the next nominator', () => {
    // rosterSlots 1: A buys its only player, so after C the order wraps to B, not A.
    const auction = withLot('qb1', 1, { rosterSlots: 1 });
    auction.do((s) => closeLot(s, at(20_000)));
    assert.equal(nominatorOnClock(auction.state), 'B');
    auction.do((s) => nominate(s, { teamId: 'B', playerId: 'qb2', bid: 1 }, at(20_000)));
    auction.do((s) => bid(s, { teamId: 'C', lot: 2, amount: 2 }, at(20_000)));
    auction.do((s) => closeLot(s, at(40_000)));
    assert.equal(nominatorOnClock(auction.state), 'B');
    assert.equal(auction.state.nominatorIndex, 1);
  });
});

