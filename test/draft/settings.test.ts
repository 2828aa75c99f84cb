import assert from 'node:assert/strict';
import { MAX_QUEUE_LENGTH, isRuleError, pick, setAutopick, setQueue } from '../../src/draft/index.ts';
import { Draft, T0, liveDraft, makeConfig, rulesPool } from './fixtures.ts';

const pool = rulesPool;
const at = (ms: number) => ({ now: T0 + ms, pool });
const ctx = at(0);
const live = liveDraft;

describe('draft rules: autopick setting and queues', () => {
  it('turns autopick on and off, logging nothing when nothing changes', () => {
    const draft = live();
    draft.do((s) => setAutopick(s, { teamId: 'C', enabled: true }));
    assert.deepEqual(draft.state.autopick, ['C']);
    assert.deepEqual(draft.do((s) => setAutopick(s, { teamId: 'C', enabled: true })), []);
    draft.do((s) => setAutopick(s, { teamId: 'C', enabled: false }));
    assert.deepEqual(draft.state.autopick, []);
  });

  it('refuses a team not in the draft with UNKNOWN_TEAM', () => {
    const draft = live();
    draft.refuse((s) => setAutopick(s, { teamId: 'Z', enabled: true }), 'UNKNOWN_TEAM');
    draft.refuse((s) => setQueue(s, { teamId: 'Z', playerIds: [] }, ctx), 'UNKNOWN_TEAM');
  });

  it('stores a queue without duplicates and accepts drafted players in it', () => {
    const draft = live();
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.do((s) => setQueue(s, { teamId: 'B', playerIds: ['qb1', 'rb1', 'qb1', 'wr1'] }, ctx));
    assert.deepEqual(draft.state.queues.B, ['qb1', 'rb1', 'wr1']);
  });

  it('refuses a queue naming a player not in the pool with UNKNOWN_PLAYER', () => {
    live().refuse((s) => setQueue(s, { teamId: 'A', playerIds: ['qb1', 'ghost'] }, ctx), 'UNKNOWN_PLAYER');
  });

  it(`refuses a queue longer than ${MAX_QUEUE_LENGTH} with QUEUE_TOO_LONG`, () => {
    live().refuse((s) => setQueue(s, { teamId: 'A', playerIds: Array.from({ length: MAX_QUEUE_LENGTH + 1 }, () => 'qb1') }, ctx), 'QUEUE_TOO_LONG');
  });

  it('refuses queue and autopick changes after the draft with DRAFT_COMPLETE', () => {
    const draft = live({ order: ['A'], rounds: 1 });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.refuse((s) => setQueue(s, { teamId: 'A', playerIds: [] }, ctx), 'DRAFT_COMPLETE');
    draft.refuse((s) => setAutopick(s, { teamId: 'A', enabled: true }), 'DRAFT_COMPLETE');
  });

  it('returns errors as values, never throwing', () => {
    const outcome = pick(new Draft(makeConfig()).state, { teamId: 'A', playerId: 'qb1' }, ctx);
    assert.ok(isRuleError(outcome));
    assert.ok(!isRuleError({ events: [] }));
  });
});
