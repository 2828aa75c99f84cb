import assert from 'node:assert/strict';
import {
  MAX_QUEUE_LENGTH, bid, chooseNomination, closeLot, expireNomination, nominate, nominatorOnClock, pause, setQueue, start,
} from '../../src/auction/index.ts';
import { Auction, T0, at, liveAuction, makeConfig, poolOf, rulesPool } from './fixtures.ts';

const ctx = at(0);
const expiry = at(10_000);

describe('auction nomination clock: expireNomination', () => {
  it('nominates the first queued player still available, at minBid, for the team on the clock', () => {
    const auction = liveAuction({ minBid: 2, budget: 30 });
    auction.do((s) => setQueue(s, { teamId: 'A', playerIds: ['wr2', 'te1'] }, ctx));
    const events = auction.do((s) => expireNomination(s, expiry));
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(event.type === 'nominated');
    assert.deepEqual([event.auto, event.lot.playerId, event.lot.nominator, event.lot.highBid], [true, 'wr2', 'A', 2]);
  });

  it('logs nothing when a team sets the queue it already has', () => {
    const auction = liveAuction({ minBid: 2, budget: 30 });
    auction.do((s) => setQueue(s, { teamId: 'A', playerIds: ['wr2', 'te1'] }, ctx));
    assert.deepEqual(setQueue(auction.state, { teamId: 'A', playerIds: ['wr2', 'te1'] }, ctx), { events: [] });
  });

  it('skips queued players that are sold or that the position limits forbid', () => {
    const auction = liveAuction({ rosterRules: { maxPerPosition: { QB: 1 } } });
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, ctx));
    auction.do((s) => bid(s, { teamId: 'B', lot: 1, amount: 2 }, ctx));
    auction.do((s) => closeLot(s, at(20_000)));
    auction.do((s) => setQueue(s, { teamId: 'B', playerIds: ['qb1', 'qb2', 'k2'] }, ctx));
    assert.equal(chooseNomination(auction.state, 'B', rulesPool), 'k2');
  });

  it('falls back to the best available by rank, then ADP', () => {
    const pool = poolOf(
      { id: 'late', positions: ['QB'], rank: 3, adp: 1 },
      { id: 'tied-b', positions: ['QB'], rank: 2, adp: 9 },
      { id: 'tied-a', positions: ['QB'], rank: 2, adp: 4 },
    );
    const auction = liveAuction({}, pool);
    assert.equal(chooseNomination(auction.state, 'A', pool), 'tied-a');
  });

  it('skips a team with no legal player and puts the next team on the clock', () => {
    const pool = poolOf(['qb1', ['QB']], ['rb1', ['RB']], ['rb2', ['RB']]);
    const auction = liveAuction({ order: ['A', 'B'], rosterRules: { maxPerPosition: { QB: 1, RB: 1 } } }, pool);
    const p = (ms: number) => ({ now: T0 + ms, pool });
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, p(0)));
    auction.do((s) => closeLot(s, p(20_000)));
    auction.do((s) => nominate(s, { teamId: 'B', playerId: 'rb1', bid: 1 }, p(20_000)));
    auction.do((s) => bid(s, { teamId: 'A', lot: 2, amount: 2 }, p(20_000)));
    auction.do((s) => closeLot(s, p(40_000)));
    // A holds its one QB and one RB, so rb2, the only player left, does not fit; B (empty) may still buy it.
    assert.equal(nominatorOnClock(auction.state), 'A');
    const events = auction.do((s) => expireNomination(s, p(50_000)));
    assert.deepEqual(events, [{ type: 'nominationSkipped', teamId: 'A', at: T0 + 50_000, nextNominatorIndex: 1, deadline: T0 + 60_000 }]);
    assert.equal(nominatorOnClock(auction.state), 'B');
    const auto = auction.do((s) => expireNomination(s, p(60_000)));
    assert.ok(auto[0].type === 'nominated' && auto[0].lot.playerId === 'rb2');
  });

  it('completes the auction instead of passing forever when no team may buy any player left', () => {
    const pool = poolOf(['qb1', ['QB']], ['qb2', ['QB']]);
    const auction = liveAuction({ order: ['A'], rosterRules: { maxPerPosition: { QB: 1 } } }, pool);
    auction.do((s) => nominate(s, { teamId: 'A', playerId: 'qb1', bid: 1 }, { now: T0, pool }));
    const events = auction.do((s) => closeLot(s, { now: T0 + 20_000, pool }));
    assert.deepEqual(events.map((e) => e.type), ['lotClosed', 'completed']);
  });

  it('refuses an expiry more than a second early with STALE, while bidding with NOT_NOMINATING, while paused with NOT_LIVE', () => {
    const auction = liveAuction();
    auction.refuse((s) => expireNomination(s, at(8_999)), 'STALE');
    auction.do((s) => expireNomination(s, at(9_000)));
    auction.refuse((s) => expireNomination(s, at(60_000)), 'NOT_NOMINATING');
    const paused = liveAuction();
    paused.do((s) => pause(s, ctx));
    paused.refuse((s) => expireNomination(s, expiry), 'NOT_LIVE');
  });
});

describe('auction queues: setQueue', () => {
  it('stores the queue without duplicates, before the start too', () => {
    const auction = new Auction(makeConfig());
    auction.do((s) => setQueue(s, { teamId: 'B', playerIds: ['k1', 'qb1', 'k1'] }, ctx));
    assert.deepEqual(auction.state.queues, { B: ['k1', 'qb1'] });
    auction.do((s) => start(s, ctx));
  });

  it('refuses a player not in the pool with UNKNOWN_PLAYER, a team not in the auction with UNKNOWN_TEAM, and too long a queue with QUEUE_TOO_LONG', () => {
    const auction = liveAuction();
    auction.refuse((s) => setQueue(s, { teamId: 'B', playerIds: ['k1', 'nobody'] }, ctx), 'UNKNOWN_PLAYER');
    auction.refuse((s) => setQueue(s, { teamId: 'Z', playerIds: [] }, ctx), 'UNKNOWN_TEAM');
    auction.refuse((s) => setQueue(s, { teamId: 'B', playerIds: Array(MAX_QUEUE_LENGTH + 1).fill('k1') }, ctx), 'QUEUE_TOO_LONG');
  });
});
