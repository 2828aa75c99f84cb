import assert from 'node:assert/strict';
import { hiddenSlot } from '../../src/rules/hidden-slot.ts';
import { applyEvent, whyNoPick, type DraftState } from '../../src/draft/index.ts';
import { liveDraft, poolOf } from '../draft/fixtures.ts';

describe('hidden slots: a value kept on an immutable object, out of its data', () => {
  it('is read back from its owner and from nothing else', () => {
    const slot = hiddenSlot<object, number>('answer');
    const owner = {};
    slot.set(owner, 42);
    assert.equal(slot.get(owner), 42);
    assert.equal(slot.get({}), undefined);
    slot.set(owner, 43);
    assert.equal(slot.get(owner), 43);
  });

  it('is not part of the owner: spreads, JSON and deep equality do not see it', () => {
    const slot = hiddenSlot<object, string>('memo');
    const state = { picks: [1, 2] };
    slot.set(state, 'derived');
    slot.set(state.picks, 'derived');
    const copy = { ...state };
    assert.equal(slot.get(copy), undefined, 'a spread copy must not inherit a value derived from the original');
    assert.equal(slot.get([...state.picks]), undefined);
    assert.equal(JSON.stringify(state), '{"picks":[1,2]}');
    assert.deepEqual(state, { picks: [1, 2] });
    assert.deepEqual(Object.keys(state), ['picks']);
  });

  it('keeps nothing on a frozen owner, which stays frozen and unchanged', () => {
    const slot = hiddenSlot<object, number>('frozen');
    const owner = Object.freeze({ a: 1 });
    slot.set(owner, 1);
    assert.equal(slot.get(owner), undefined);
    assert.ok(Object.isFrozen(owner));
  });

  it('a draft state after a pick does not carry the answer kept on the state before it', () => {
    const pool = poolOf(['qb1', ['QB']], ['k1', ['K']]);
    // A copy: the test helper freezes its states, and a frozen state keeps no answer.
    const state: DraftState = { ...liveDraft({ order: ['A', 'B'], rounds: 1, rosterRules: { total: 1, maxPerPosition: {} } }, pool).state };
    assert.equal(whyNoPick(state, 'A', pool), null);
    const after: DraftState = applyEvent(state, {
      type: 'picked', nextDeadline: 0,
      pick: { overall: 1, round: 1, teamId: 'A', playerId: 'qb1', auto: false, keeper: false, slot: 'QB' },
    });
    // The same team asked again, now with a full roster: a copied answer would still say null.
    assert.equal(whyNoPick(after, 'A', pool)?.reason, 'ROSTER_FULL');
  });
});
