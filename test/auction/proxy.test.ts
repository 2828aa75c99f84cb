import assert from 'node:assert/strict';
import { bid, closeLot, nominate, pause, resolveProxies, setProxy, type AuctionLot } from '../../src/auction/index.ts';
import { T0, at, liveAuction } from './fixtures.ts';

const ctx = at(0);

/** Lot 1 open: A nominated qb1 at `opening` at T0 (clock to T0 + 20 s). */
function withLot(opening = 1, overrides = {}) {
  const auction = liveAuction(overrides);
  auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: opening }, ctx));
  return auction;
}

const proxyBid = (teamId: string, amount: number, time = 0, deadline = T0 + 20_000) =>
  ({ type: 'bid', lot: 1, teamId, amount, at: T0 + time, deadline, proxy: true });

describe('auction proxies', () => {
  it('bids for a team that is not winning at once, at the high bid + increment', () => {
    const auction = withLot();
    const events = auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, ctx));
    assert.deepEqual(events, [{ type: 'proxySet', teamId: 'B', lot: 1, max: 10, at: T0 }, proxyBid('B', 2)]);
    assert.deepEqual(auction.state.proxies, { B: { lot: 1, max: 10, placedAt: T0 } });
    assert.equal(auction.state.lot?.highBidder, 'B');
  });

  it('answers a plain bid with bid + increment when its max allows', () => {
    const auction = withLot();
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, ctx));
    const events = auction.do((s) => bid(s, { teamId: 'C', lot: 1, amount: 5 }, at(1_000)));
    assert.deepEqual(events, [
      { type: 'bid', lot: 1, teamId: 'C', amount: 5, at: T0 + 1_000, deadline: T0 + 20_000, proxy: false },
      proxyBid('B', 6, 1_000),
    ]);
    assert.equal(auction.state.lot?.highBid, 6);
    assert.equal(auction.state.lot?.highBidder, 'B');
  });

  it('is exhausted when its max cannot beat a plain bid by an increment: the plain bid stands', () => {
    const auction = withLot();
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, ctx));
    const events = auction.do((s) => bid(s, { teamId: 'C', lot: 1, amount: 10 }, at(1_000)));
    assert.deepEqual(events.map((e) => e.type === 'bid' && [e.teamId, e.amount, e.proxy]), [['C', 10, false]]);
    assert.equal(auction.state.lot?.highBidder, 'C');
    // Exhausted stays exhausted: the next bid above it draws no answer either.
    auction.do((s) => bid(s, { teamId: 'A', lot: 1, amount: 11 }, at(2_000)));
    assert.equal(auction.state.lot?.highBidder, 'A');
  });

  it('resolves two proxies to the second-highest max + increment, showing the loser at its max', () => {
    const auction = withLot();
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, ctx));
    const lower = auction.do((s) => setProxy(s, { teamId: 'C', lot: 1, max: 7 }, at(1_000)));
    assert.deepEqual(lower.slice(1), [proxyBid('C', 7, 1_000), proxyBid('B', 8, 1_000)]);
    const higher = auction.do((s) => setProxy(s, { teamId: 'C', lot: 1, max: 15 }, at(2_000)));
    assert.deepEqual(higher.slice(1), [proxyBid('B', 10, 2_000), proxyBid('C', 11, 2_000)]);
    assert.deepEqual([auction.state.lot?.highBidder, auction.state.lot?.highBid], ['C', 11]);
  });

  it('gives equal maximums to the earlier proxy, at that maximum', () => {
    const auction = withLot();
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, at(1_000)));
    const events = auction.do((s) => setProxy(s, { teamId: 'C', lot: 1, max: 10 }, at(2_000)));
    assert.deepEqual(events.slice(1), [proxyBid('B', 10, 2_000)]);
    assert.deepEqual([auction.state.lot?.highBidder, auction.state.lot?.highBid], ['B', 10]);
  });

  it('dates a proxy from its latest maximum: raising to tie an earlier one loses the tie', () => {
    const auction = withLot();
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 8 }, at(1_000)));
    auction.do((s) => setProxy(s, { teamId: 'C', lot: 1, max: 12 }, at(2_000)));
    assert.deepEqual([auction.state.lot?.highBidder, auction.state.lot?.highBid], ['C', 9]);
    const events = auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 12 }, at(3_000)));
    assert.deepEqual(events.slice(1), [proxyBid('C', 12, 3_000)]);
  });

  it('caps the winner\'s price at its own max when the increment would take it higher', () => {
    const auction = withLot(1, { increment: 5 });
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 12 }, ctx));
    assert.equal(auction.state.lot?.highBid, 6);
    const events = auction.do((s) => setProxy(s, { teamId: 'C', lot: 1, max: 11 }, at(1_000)));
    assert.deepEqual(events.slice(1), [proxyBid('C', 11, 1_000), proxyBid('B', 12, 1_000)]);
  });

  it('extends the clock with a proxy raise like with a bid', () => {
    const auction = withLot();
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, at(1_000)));
    const events = auction.do((s) => bid(s, { teamId: 'C', lot: 1, amount: 5 }, at(18_000)));
    assert.deepEqual(events.map((e) => e.type === 'bid' && e.deadline), [T0 + 23_000, T0 + 23_000]);
    assert.equal(auction.state.deadline, T0 + 23_000);
  });

  it('lets the high bidder set a max from its own bid up, placing no bid, and defends with it later', () => {
    const auction = withLot(3);
    assert.deepEqual(auction.do((s) => setProxy(s, { teamId: 'A', lot: 1, max: 3 }, ctx)).map((e) => e.type), ['proxySet']);
    assert.deepEqual(auction.do((s) => setProxy(s, { teamId: 'A', lot: 1, max: 9 }, ctx)).map((e) => e.type), ['proxySet']);
    assert.equal(auction.state.lot?.highBid, 3);
    auction.do((s) => bid(s, { teamId: 'B', lot: 1, amount: 5 }, ctx));
    assert.deepEqual([auction.state.lot?.highBidder, auction.state.lot?.highBid], ['A', 6]);
  });

  it('logs nothing when the same maximum is set again', () => {
    const auction = withLot();
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, ctx));
    assert.deepEqual(auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, at(1_000))), []);
  });

  it('forgets every proxy when the lot closes', () => {
    const auction = withLot();
    auction.do((s) => setProxy(s, { teamId: 'B', lot: 1, max: 10 }, ctx));
    auction.do((s) => closeLot(s, at(20_000)));
    assert.deepEqual(auction.state.proxies, {});
  });

  it('refuses a maximum over maxBid with OVER_MAX_BID and one that cannot beat the high bid with BID_TOO_LOW', () => {
    const auction = withLot(3);
    auction.refuse((s) => setProxy(s, { teamId: 'B', lot: 1, max: 19 }, ctx), 'OVER_MAX_BID');
    auction.refuse((s) => setProxy(s, { teamId: 'B', lot: 1, max: 3 }, ctx), 'BID_TOO_LOW');
    auction.refuse((s) => setProxy(s, { teamId: 'A', lot: 1, max: 2 }, ctx), 'BID_TOO_LOW');
    auction.refuse((s) => setProxy(s, { teamId: 'B', lot: 1, max: 4.5 }, ctx), 'INVALID_AMOUNT');
  });

  it('refuses a maximum for another lot with STALE, with no lot with NOT_BIDDING, and after the deadline with LOT_CLOSED', () => {
    const auction = withLot();
    auction.refuse((s) => setProxy(s, { teamId: 'B', lot: 2, max: 5 }, ctx), 'STALE');
    auction.refuse((s) => setProxy(s, { teamId: 'B', lot: 1, max: 5 }, at(20_001)), 'LOT_CLOSED');
    auction.refuse((s) => setProxy(s, { teamId: 'Z', lot: 1, max: 5 }, ctx), 'UNKNOWN_TEAM');
    auction.do((s) => closeLot(s, at(20_000)));
    auction.refuse((s) => setProxy(s, { teamId: 'B', lot: 1, max: 5 }, at(20_000)), 'LOT_CLOSED'); // the lot it names has closed
    auction.refuse((s) => setProxy(s, { teamId: 'B', lot: 2, max: 5 }, at(20_000)), 'NOT_BIDDING'); // no lot is open
  });

  it('refuses a maximum while paused with NOT_LIVE and for a player the team has no room for with POSITION_FULL', () => {
    // B buys qb1 on lot 1, then may not hold qb2 (one QB at most).
    const capped = withLot(1, { rosterRules: { maxPerPosition: { QB: 1 } } });
    capped.do((s) => bid(s, { teamId: 'B', lot: 1, amount: 2 }, ctx));
    capped.do((s) => closeLot(s, at(20_000)));
    capped.do((s) => nominate(s, { teamId: 'B', playerId: 'rb1', bid: 1 }, at(20_000)));
    capped.do((s) => closeLot(s, at(40_000)));
    capped.do((s) => nominate(s, { teamId: 'C', playerId: 'qb2', bid: 1 }, at(40_000)));
    capped.refuse((s) => setProxy(s, { teamId: 'B', lot: 3, max: 5 }, at(40_000)), 'POSITION_FULL');
    const auction = withLot();
    auction.do((s) => pause(s, ctx));
    auction.refuse((s) => setProxy(s, { teamId: 'B', lot: 1, max: 5 }, ctx), 'NOT_LIVE');
  });
});

describe('auction proxies: resolveProxies', () => {
  const lot: AuctionLot = { number: 2, playerId: 'p', nominator: 'A', highBid: 5, highBidder: 'A', deadline: 0, bids: [] };

  it('ignores proxies left from another lot', () => {
    assert.deepEqual(resolveProxies(lot, { B: { lot: 1, max: 50, placedAt: 0 } }, 1), []);
  });

  it('lets the strongest of several challengers win at the runner-up\'s max + increment', () => {
    const proxies = { B: { lot: 2, max: 20, placedAt: 1 }, C: { lot: 2, max: 30, placedAt: 2 }, D: { lot: 2, max: 9, placedAt: 0 } };
    assert.deepEqual(resolveProxies(lot, proxies, 1), [{ teamId: 'B', amount: 20 }, { teamId: 'C', amount: 21 }]);
  });
});
