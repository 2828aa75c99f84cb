import assert from 'node:assert/strict';
import { bid, closeLot, maxBid, nominate, nominatorOnClock, pause, resume, start, undo } from '../../src/auction/index.ts';
import { Auction, T0, at, liveAuction, makeConfig } from './fixtures.ts';

const ctx = at(0);

describe('auction commissioner: pause and resume', () => {
  it('stops the clock on pause and gives the time left back on resume', () => {
    const auction = liveAuction();
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx));
    assert.deepEqual(auction.do((s) => pause(s, at(15_000))), [{ type: 'paused', at: T0 + 15_000, remainingMs: 5_000 }]);
    assert.equal(auction.state.deadline, 0);
    assert.equal(auction.state.lot?.deadline, 0);
    assert.deepEqual(auction.do((s) => resume(s, at(100_000))), [{ type: 'resumed', at: T0 + 100_000, deadline: T0 + 105_000 }]);
    assert.equal(auction.state.lot?.deadline, T0 + 105_000);
  });

  it('resumes with a full clock of the phase when none was left', () => {
    const auction = liveAuction();
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx));
    auction.do((s) => pause(s, at(25_000)));
    auction.do((s) => resume(s, at(30_000)));
    assert.equal(auction.state.deadline, T0 + 50_000);
    auction.do((s) => closeLot(s, at(50_000)));
    auction.do((s) => pause(s, at(70_000)));
    auction.do((s) => resume(s, at(80_000)));
    assert.equal(auction.state.deadline, T0 + 90_000);
  });

  it('refuses resume unless paused with NOT_PAUSED and pause unless live with NOT_LIVE', () => {
    liveAuction().refuse((s) => resume(s, ctx), 'NOT_PAUSED');
    new Auction(makeConfig()).refuse((s) => pause(s, ctx), 'NOT_LIVE');
  });
});

describe('auction commissioner: undo', () => {
  it('takes back the last sale: refunds the price and puts that lot\'s nominator back on a fresh clock', () => {
    const auction = liveAuction();
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx));
    auction.do((s) => bid(s, { teamId: 'C', lot: 1, amount: 9 }, ctx));
    auction.do((s) => closeLot(s, at(20_000)));
    assert.equal(auction.state.teams.C.budget, 11);
    const events = auction.do((s) => undo(s, at(25_000)));
    assert.deepEqual(events, [{ type: 'undone', lot: 1, playerId: 'qb1', teamId: 'C', price: 9, at: T0 + 25_000, nominatorIndex: 0, deadline: T0 + 35_000 }]);
    assert.deepEqual(auction.state.teams.C, { budget: 20, won: [] });
    assert.deepEqual(auction.state.won, []);
    assert.equal(nominatorOnClock(auction.state), 'A');
    assert.equal(maxBid(auction.state, 'C'), 18);
    // The player is available again, on a new lot number.
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, at(25_000)));
    assert.equal(auction.state.lot?.number, 2);
  });

  it('cancels the open lot while bidding: no sale, the same nominator nominates again', () => {
    const auction = liveAuction();
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx));
    auction.do((s) => bid(s, { teamId: 'B', lot: 1, amount: 4 }, ctx));
    assert.deepEqual(auction.do((s) => undo(s, at(1_000))).map((e) => e.type), ['lotCancelled']);
    assert.equal(auction.state.phase, 'nominating');
    assert.equal(auction.state.lot, null);
    assert.equal(auction.state.teams.B.budget, 20);
    assert.equal(nominatorOnClock(auction.state), 'A');
    assert.equal(auction.state.deadline, T0 + 11_000);
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, at(1_000)));
    auction.refuse((s) => bid(s, { teamId: 'B', lot: 1, amount: 5 }, at(1_000)), 'STALE');
  });

  it('refuses to undo once the auction is complete: its rosters are final', () => {
    const auction = liveAuction({ order: ['A'], rosterSlots: 1 });
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx));
    auction.do((s) => closeLot(s, at(20_000)));
    assert.equal(auction.state.status, 'complete');
    auction.refuse((s) => undo(s, at(30_000)), 'AUCTION_COMPLETE');
  });

  it('stays paused when undoing while paused, with a full clock on resume', () => {
    const auction = liveAuction();
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx));
    auction.do((s) => pause(s, at(15_000)));
    auction.do((s) => undo(s, at(16_000)));
    assert.equal(auction.state.status, 'paused');
    assert.equal(auction.state.remainingMs, 0);
    auction.do((s) => resume(s, at(20_000)));
    assert.equal(auction.state.deadline, T0 + 30_000);
  });

  it('refuses undo with no lot closed with NOTHING_TO_UNDO and before the start with NOT_LIVE', () => {
    liveAuction().refuse((s) => undo(s, ctx), 'NOTHING_TO_UNDO');
    const auction = new Auction(makeConfig());
    auction.refuse((s) => undo(s, ctx), 'NOT_LIVE');
    auction.do((s) => start(s, ctx));
  });
});
