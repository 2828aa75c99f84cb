import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pickOne, type Rng } from '../../src/dice/rng.ts';
import {
  RULE_ERROR_CODES, auctionConfig, bid, closeLot, expireNomination, initialState, isRuleError, maxBid, nominate, nominatorOnClock,
  openSlots, pause, replay, resolveProxies, resume, setProxy, setQueue, slotCounts, start, undo,
  type AuctionConfig, type AuctionEvent, type AuctionState, type Outcome, type Pool,
} from '../../src/auction/index.ts';
import { randomPool, seededRng, teams } from '../draft/fixtures.ts';
import { Auction, T0, deepFreeze } from './fixtures.ts';

const FOOTBALL = { QB: 2, RB: 5, WR: 6, TE: 2, K: 1, DEF: 1 };

/** What every state must satisfy, whatever was sent: money, rosters, prices and the log agree. */
function checkInvariants(state: AuctionState, log: readonly AuctionEvent[]): void {
  const { config } = state;
  for (const teamId of config.order) {
    const team = state.teams[teamId];
    assert.ok(team.budget >= 0, `${teamId} has a negative budget`);
    assert.ok(team.budget >= openSlots(state, teamId) * config.minBid, `${teamId} can no longer fill its roster at minBid`);
    assert.ok(team.won.length <= config.rosterSlots, `${teamId} bought more than its roster holds`);
    assert.equal(team.budget, config.budget - team.won.reduce((sum, w) => sum + w.price, 0), `${teamId} budget does not match its purchases`);
  }
  const players = state.won.map((w) => w.playerId);
  assert.equal(new Set(players).size, players.length, 'a player was won twice');
  assert.equal(Object.values(state.teams).reduce((n, t) => n + t.won.length, 0), state.won.length);

  // The last accepted bid of every lot (the opening bid counts) is what its winner paid.
  const lastBid = new Map<number, { teamId: string; amount: number }>();
  for (const event of log) {
    if (event.type === 'nominated') lastBid.set(event.lot.number, { teamId: event.lot.highBidder, amount: event.lot.highBid });
    if (event.type === 'bid') lastBid.set(event.lot, { teamId: event.teamId, amount: event.amount });
  }
  for (const w of state.won) assert.deepEqual(lastBid.get(w.lot), { teamId: w.teamId, amount: w.price }, `lot ${w.lot} sold at another price`);

  const lot = state.lot;
  if (lot) {
    const amounts = lot.bids.map((b) => b.amount);
    assert.ok(amounts.every((a, i) => i === 0 || a > amounts[i - 1]), `bids on lot ${lot.number} do not rise: ${amounts}`);
    assert.deepEqual(lastBid.get(lot.number), { teamId: lot.highBidder, amount: lot.highBid });
    assert.ok(lot.highBid <= maxBid(state, lot.highBidder), 'the high bid is more than its bidder may spend');
    assert.deepEqual(resolveProxies(lot, state.proxies, config.increment), [], 'a proxy is left that would still bid');
  }
}

/** A random small league: 1-4 teams, 1-4 slots, sometimes position limits, often a tight budget. */
function randomConfig(rng: Rng): AuctionConfig {
  const rosterSlots = rng.int(1, 4);
  const minBid = rng.int(1, 2);
  return auctionConfig({
    draftId: 'prop',
    order: teams(rng.int(1, 4)),
    rosterSlots,
    minBid,
    increment: rng.int(1, 3),
    budget: rosterSlots * minBid + rng.int(0, 25),
    rosterRules: rng.int(0, 1) ? { maxPerPosition: { QB: rng.int(0, 2), RB: rng.int(1, 2), K: 1 } } : undefined,
    nominationSeconds: 10,
    bidSeconds: 20,
    resetFloorSeconds: pickOne(rng, [0, 5, 10]),
  });
}

/** A dollar amount near `around`, or a wrong one: negative, fractional, NaN, huge. */
function randomAmount(rng: Rng, around: number): number {
  switch (rng.int(0, 9)) {
    case 0: return pickOne(rng, [-1, 1.5, Number.NaN, 2 ** 60, 0]);
    case 1: return rng.int(0, 60);
    default: return around + rng.int(-1, 4);
  }
}

/** One random command as any client, commissioner or clock might send it, often a wrong one; time moves on. */
function randomCommand(rng: Rng, state: AuctionState, pool: Pool, clock: { now: number }): Outcome {
  const { config } = state;
  const team = rng.int(0, 14) ? pickOne(rng, config.order) : 'Z';
  const player = pickOne(rng, [...pool.keys()]);
  const lotNumber = rng.int(0, 5) ? (state.lot?.number ?? state.lotNumber) : state.lotNumber + rng.int(-1, 1);
  const next = (state.lot?.highBid ?? 0) + config.increment;
  const expired = () => ({ now: (clock.now = Math.max(clock.now, state.deadline)), pool });
  const ctx = { now: clock.now, pool };
  // Mostly get a scheduled or paused auction going, so that most commands meet a live one.
  if (state.status === 'scheduled' && rng.int(0, 2)) return start(state, ctx);
  if (state.status === 'paused' && rng.int(0, 1)) return resume(state, ctx);
  const nominateNow = () => {
    const nominator = rng.int(0, 3) ? (nominatorOnClock(state) ?? team) : team;
    return nominate(state, { teamId: nominator, playerId: player, bid: randomAmount(rng, config.minBid) }, ctx);
  };
  if (state.status === 'live' && state.phase === 'nominating' && rng.int(0, 1)) return nominateNow();
  switch (rng.int(0, 29)) {
    case 0: return start(state, ctx);
    case 1: return pause(state, ctx);
    case 2: return resume(state, ctx);
    case 3: return undo(state, ctx);
    case 4: return setQueue(state, { teamId: team, playerIds: [player, pickOne(rng, [...pool.keys()])] }, ctx);
    case 5: case 6: return expireNomination(state, rng.int(0, 4) ? expired() : ctx);
    case 7: case 8: return closeLot(state, rng.int(0, 4) ? expired() : ctx);
    case 9: case 10: case 11: return nominateNow();
    case 12: case 13: case 14: case 15: case 16: case 17: case 18: case 19: case 20: case 21:
      return bid(state, { teamId: team, lot: lotNumber, amount: randomAmount(rng, next) }, ctx);
    default:
      return setProxy(state, { teamId: team, lot: lotNumber, max: randomAmount(rng, next + rng.int(0, 10)) }, ctx);
  }
}

describe('auction properties', () => {
  it('keeps budgets, rosters and prices sound after every command, and replays the log to the live state', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      const rng = seededRng(seed);
      const pool = randomPool(rng, { QB: 4, RB: 5, WR: 5, K: 3 });
      const auction = new Auction(randomConfig(rng));
      const clock = { now: T0 };
      for (let step = 0; step < 150; step++) {
        clock.now += rng.int(0, 3_000);
        const before = structuredClone(auction.state);
        const outcome = randomCommand(rng, deepFreeze(auction.state), pool, clock);
        if (isRuleError(outcome)) {
          assert.ok((RULE_ERROR_CODES as readonly string[]).includes(outcome.code), outcome.code);
          assert.deepEqual(auction.state, before);
        } else {
          auction.apply(outcome.events);
        }
        checkInvariants(auction.state, auction.log);
        assert.deepEqual(replay(initialState(auction.config), auction.log), auction.state);
      }
    }), { numRuns: 150 });
  });
});

/**
 * Runs a started auction to the end with nobody nominating by hand (every nomination clock expires)
 * and random teams bidding and setting proxies on each lot before its clock runs out.
 */
function runWithRandomBids(auction: Auction, pool: Pool, rng: Rng): void {
  const { order, increment } = auction.config;
  let now = T0;
  for (let steps = 0; auction.state.status !== 'complete'; steps++) {
    assert.ok(steps < 2_000, 'the auction does not finish');
    const state = auction.state;
    if (state.phase === 'nominating') {
      now = state.deadline;
      auction.do((s) => expireNomination(s, { now, pool }));
      continue;
    }
    for (let k = rng.int(0, 5); k > 0; k--) {
      now = Math.min(auction.state.deadline, now + rng.int(0, 6_000));
      const lot = auction.state.lot!;
      const teamId = pickOne(rng, order);
      const least = lot.highBid + increment;
      const most = maxBid(auction.state, teamId);
      if (most < least) continue;
      const outcome = rng.int(0, 3)
        ? bid(auction.state, { teamId, lot: lot.number, amount: Math.min(most, least + rng.int(0, 6)) }, { now, pool })
        : setProxy(auction.state, { teamId, lot: lot.number, max: Math.min(most, least + rng.int(0, 30)) }, { now, pool });
      if (isRuleError(outcome)) assert.ok(['ALREADY_HIGH_BIDDER', 'POSITION_FULL'].includes(outcome.code), outcome.message);
      else auction.apply(outcome.events);
    }
    now = auction.state.deadline;
    auction.do((s) => closeLot(s, { now, pool }));
    checkInvariants(auction.state, auction.log);
  }
}

describe('auction scenarios', () => {
  for (const [label, seed, rosterRules] of [
    ['no position limits', 1, undefined],
    ['football position limits', 2, { maxPerPosition: FOOTBALL }],
    ['football position limits', 3, { maxPerPosition: FOOTBALL }],
  ] as const) {
    it(`runs a 12-team, 15-slot auction to the end on auto-nominations and random bids (${label}, seed ${seed})`, () => {
      const rng = seededRng(seed);
      const pool = randomPool(rng);
      const auction = new Auction(auctionConfig({ draftId: 'scenario', order: teams(12), rosterSlots: 15, rosterRules }));
      auction.do((s) => start(s, { now: T0, pool }));
      runWithRandomBids(auction, pool, rng);

      const { state } = auction;
      assert.equal(state.won.length, 180);
      for (const teamId of teams(12)) {
        assert.equal(state.teams[teamId].won.length, 15, `${teamId} has ${state.teams[teamId].won.length} players`);
        assert.ok(state.teams[teamId].budget >= 0);
        for (const [position, max] of Object.entries(rosterRules?.maxPerPosition ?? {})) {
          assert.ok((slotCounts(state, teamId, pool).get(position) ?? 0) <= max, `${teamId} has too many at ${position}`);
        }
      }
      assert.ok(auction.log.every((e) => e.type !== 'nominated' || e.auto), 'a nomination was made by hand');
      assert.ok(auction.log.some((e) => e.type === 'bid' && e.proxy), 'no proxy ever bid');
      assert.deepEqual(replay(initialState(auction.config), auction.log), state);
    });
  }
});
