import assert from 'node:assert/strict';
import { currentBaseOrder, raceOrder, rotatedOrder } from '../../src/f1/order.ts';
import { finishByAutopick, initialState, isRuleError, replay, type DraftConfig, type Pool } from '../../src/draft/index.ts';
import { generateF1Calendar, QUALIFYING_BEFORE_RACE_MS } from '../../src/seed/f1.ts';

const teams = ['A', 'B', 'C', 'D'];

describe('F1 race draft order', () => {
  it('rotates by one team per race over five races: everyone picks first once, the fifth race starts over', () => {
    const orders = [1, 2, 3, 4, 5].map((round) => raceOrder('rotate', teams, round));
    assert.deepEqual(orders, [
      ['A', 'B', 'C', 'D'], ['B', 'C', 'D', 'A'], ['C', 'D', 'A', 'B'], ['D', 'A', 'B', 'C'], ['A', 'B', 'C', 'D'],
    ]);
    assert.deepEqual(orders.slice(0, 4).map((o) => o[0]).sort(), teams, 'each team first once in four races');
  });

  it('orders by reverse standings, last first, ties kept in the rotated order', () => {
    const points = new Map([['A', 40], ['B', 12], ['C', 40], ['D', 7]]);
    assert.deepEqual(raceOrder('standings', teams, 3, points), ['D', 'B', 'C', 'A'], 'C before A: round 3 rotates C ahead');
    assert.deepEqual(raceOrder('standings', teams, 1), teams, 'round 1, nobody has points: the base order');
  });

  it('keeps the stored base order, drops teams gone, appends teams that joined', () => {
    assert.deepEqual(currentBaseOrder(['C', 'A', 'X'], ['A', 'B', 'C']), ['C', 'A', 'B']);
    assert.deepEqual(rotatedOrder([], 3), []);
  });
});

describe('finishing a draft by autopick (a race draft at its lock)', () => {
  const pool: Pool = new Map(Array.from({ length: 20 }, (_, i) => [`d${i}`, { id: `d${i}`, positions: ['DRV'], rank: i + 1, adp: i + 1 }]));
  const config: DraftConfig = {
    draftId: 'x', type: 'snake', rounds: 2, pickSeconds: 60, order: teams, rosterRules: { maxPerPosition: { DRV: 2 } }, keepers: [], tradedPicks: [],
  };

  it('starts a draft that never started and makes every pick, best available first, then completes it', () => {
    const outcome = finishByAutopick(initialState(config), { now: 1000, pool });
    assert.ok(!isRuleError(outcome));
    const state = replay(initialState(config), outcome.events);
    assert.equal(state.status, 'complete');
    assert.deepEqual(state.picks.map((p) => p.playerId), ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']);
    assert.deepEqual(state.picks.map((p) => p.teamId), ['A', 'B', 'C', 'D', 'D', 'C', 'B', 'A'], 'in snake order');
    assert.ok(state.picks.every((p) => p.auto));
  });

  it('changes nothing once the draft is complete', () => {
    const done = finishByAutopick(initialState(config), { now: 1000, pool });
    assert.ok(!isRuleError(done));
    assert.deepEqual(finishByAutopick(replay(initialState(config), done.events), { now: 2000, pool }), { events: [] });
  });
});

describe('the fictional F1 calendar', () => {
  it('has 24 races, numbered, with distinct feed periods, each locked at qualifying before its start', () => {
    const races = generateF1Calendar(2026, new Date('2026-03-08T14:00:00Z'));
    assert.equal(races.length, 24);
    assert.deepEqual(races.map((r) => r.round), Array.from({ length: 24 }, (_, i) => i + 1));
    assert.equal(new Set(races.map((r) => r.period)).size, 24);
    assert.ok(races.every((r) => /^[a-z]+-2026$/.test(r.period)));
    assert.ok(races.every((r) => r.startsAt.getTime() - r.locksAt.getTime() === QUALIFYING_BEFORE_RACE_MS));
    assert.ok(races.every((r, i) => i === 0 || r.startsAt > races[i - 1].startsAt));
  });
});
