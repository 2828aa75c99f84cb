import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runWaivers, type PendingClaim, type WaiverRunInput } from '../../src/transactions/waivers.ts';
import { defaultSettings, nextWaiverRun, waiverClearsAt } from '../../src/transactions/settings.ts';

const settings = (type: 'rolling' | 'faab' | 'reverse-standings', total = 3) => {
  const base = defaultSettings('football');
  return { roster: { total, maxPerPosition: { QB: 1 } }, waivers: { ...base.waivers, type } };
};

let n = 0;
const claim = (teamId: string, playerId: string, extra: Partial<PendingClaim> = {}): PendingClaim =>
  ({ id: `c${String(n++).padStart(3, '0')}`, teamId, playerId, dropPlayerId: null, bid: null, createdAt: n, ...extra });

function input(type: 'rolling' | 'faab' | 'reverse-standings', claims: PendingClaim[], extra: Partial<WaiverRunInput> = {}): WaiverRunInput {
  return {
    settings: settings(type), order: ['A', 'B', 'C'],
    rosters: new Map([['A', [{ id: 'a1', positions: ['WR'] }]], ['B', [{ id: 'b1', positions: ['WR'] }]], ['C', []]]),
    holder: new Map([['a1', 'A'], ['b1', 'B']]),
    players: new Map(['x', 'y', 'z', 'q'].map((id) => [id, { id, positions: [id === 'q' ? 'QB' : 'WR'] }])),
    budgetLeft: new Map([['A', 10], ['B', 10], ['C', 10]]),
    claims, ...extra,
  };
}

const statusOf = (result: ReturnType<typeof runWaivers>) => Object.fromEntries(result.outcomes.map((o) => [o.claimId, `${o.status}${o.reason ? `:${o.reason}` : ''}`]));

describe('waiver runs (pure)', () => {
  it('rolling: two claims for one player go to the team first in the order, which moves to the end', () => {
    const byB = claim('B', 'x');
    const byA = claim('A', 'x');
    const result = runWaivers(input('rolling', [byB, byA]));
    assert.deepEqual(statusOf(result), { [byA.id]: 'won', [byB.id]: 'lost:CLAIMED_BY_OTHER' });
    assert.deepEqual(result.order, ['B', 'C', 'A']);
  });

  it('rolling: after a win the next team first in the order settles its own earliest claim', () => {
    const a1 = claim('A', 'x');
    const a2 = claim('A', 'y');
    const b1 = claim('B', 'y');
    const result = runWaivers(input('rolling', [a1, a2, b1]));
    // A wins x and goes last; B is first now and wins y; A's claim of y then loses.
    assert.deepEqual(statusOf(result), { [a1.id]: 'won', [b1.id]: 'won', [a2.id]: 'lost:CLAIMED_BY_OTHER' });
  });

  it('reverse standings: the order stays as it was after a win', () => {
    const result = runWaivers(input('reverse-standings', [claim('A', 'x')]));
    assert.deepEqual(result.order, ['A', 'B', 'C']);
  });

  it('FAAB: the highest blind bid wins; equal bids go to the team first in the order', () => {
    const low = claim('A', 'x', { bid: 3 });
    const high = claim('C', 'x', { bid: 7 });
    assert.deepEqual(statusOf(runWaivers(input('faab', [low, high]))), { [high.id]: 'won', [low.id]: 'lost:CLAIMED_BY_OTHER' });
    const tieB = claim('B', 'y', { bid: 5 });
    const tieA = claim('A', 'y', { bid: 5 });
    assert.deepEqual(statusOf(runWaivers(input('faab', [tieB, tieA]))), { [tieA.id]: 'won', [tieB.id]: 'lost:CLAIMED_BY_OTHER' });
  });

  it('FAAB: a bid beyond what an earlier win of the same run left fails, and the next bidder gets the player', () => {
    const first = claim('A', 'x', { bid: 8 });
    const second = claim('A', 'y', { bid: 6 });
    const other = claim('B', 'y', { bid: 1 });
    const result = runWaivers(input('faab', [first, second, other]));
    assert.deepEqual(statusOf(result), { [first.id]: 'won', [second.id]: 'failed:INSUFFICIENT_BUDGET', [other.id]: 'won' });
    assert.deepEqual([...result.spent], [['A', 8], ['B', 1]]);
  });

  it('fails a claim whose drop is no longer on the roster (an earlier claim of the run dropped him)', () => {
    const one = claim('A', 'x', { dropPlayerId: 'a1' });
    const two = claim('A', 'y', { dropPlayerId: 'a1' });
    const result = runWaivers(input('rolling', [one, two], { order: ['A', 'B', 'C'] }));
    assert.deepEqual(statusOf(result), { [one.id]: 'won', [two.id]: 'failed:DROP_NOT_ON_ROSTER' });
  });

  it('checks the roster limits as the run left the roster, and a player already rostered', () => {
    const tight = input('rolling', [], { settings: settings('rolling', 2) });
    const one = claim('A', 'x');
    const two = claim('A', 'y');
    const taken = claim('B', 'a1');
    const result = runWaivers({ ...tight, claims: [one, two, taken] });
    assert.deepEqual(statusOf(result), { [one.id]: 'won', [taken.id]: 'failed:PLAYER_TAKEN', [two.id]: 'failed:ROSTER_FULL' });
  });

  it('decides the same whatever order the claims are read in (a retried run decides as the first)', () => {
    const claims = [
      claim('A', 'x', { bid: 2 }), claim('B', 'x', { bid: 2 }), claim('C', 'y', { bid: 4 }), claim('A', 'y', { bid: 4 }),
      claim('B', 'z', { bid: 0, dropPlayerId: 'b1' }), claim('C', 'q', { bid: 9 }), claim('A', 'q', { bid: 9 }),
    ];
    for (const type of ['rolling', 'faab', 'reverse-standings'] as const) {
      const expected = runWaivers(input(type, claims));
      fc.assert(fc.property(fc.shuffledSubarray(claims, { minLength: claims.length }), (shuffled) => {
        assert.deepEqual(runWaivers(input(type, shuffled)), expected);
      }), { numRuns: 50 });
    }
  });
});

describe('waiver times (pure)', () => {
  const daily9 = { ...defaultSettings('football').waivers };
  it('a dropped player clears at the first run hour after the waiver period', () => {
    const dropped = Date.UTC(2026, 11, 2, 17, 0); // Wednesday 17:00 UTC
    assert.equal(new Date(waiverClearsAt(daily9, dropped)).toISOString(), '2026-12-05T09:00:00.000Z');
  });
  it('runs only on the configured weekdays', () => {
    const wednesdays = { ...daily9, runDays: [3], runHourUtc: 10 };
    assert.equal(new Date(nextWaiverRun(wednesdays, Date.UTC(2026, 11, 2, 11))).toISOString(), '2026-12-09T10:00:00.000Z');
    assert.equal(new Date(nextWaiverRun(wednesdays, Date.UTC(2026, 11, 2, 10))).toISOString(), '2026-12-02T10:00:00.000Z');
  });
});
