import assert from 'node:assert/strict';
import {
  applyEvent, initialState, isTaken, pick, replay, rosterOf, start, teamOnClock,
  type DraftEvent, type DraftPick,
} from '../../src/draft/index.ts';
import { whyNoPick } from '../../src/draft/roster.ts';
import { Draft, T0, deepFreeze, makeConfig, poolOf } from './fixtures.ts';

const pool = poolOf(['p1', ['QB']], ['p2', ['RB']], ['p3', ['WR']], ['p4', ['TE']], ['k1', ['QB']], ['k2', ['RB']]);
const ctx = { now: T0, pool };

describe('draft state', () => {
  it('starts scheduled with no clock and the first team on it', () => {
    const state = initialState(makeConfig());
    assert.equal(state.status, 'scheduled');
    assert.equal(state.currentPick, 1);
    assert.equal(state.deadline, 0);
    assert.equal(teamOnClock(state), 'A');
  });

  it('pre-places keepers at the pick their team makes in that round', () => {
    // Snake, 4 teams: B picks 2nd in round 1 and 7th overall in round 2.
    const state = initialState(makeConfig({ keepers: [{ teamId: 'B', playerId: 'k1', round: 2 }, { teamId: 'D', playerId: 'k2', round: 1 }] }));
    assert.deepEqual(state.picks.map((p) => [p.overall, p.round, p.teamId, p.playerId, p.keeper]), [
      [4, 1, 'D', 'k2', true],
      [7, 2, 'B', 'k1', true],
    ]);
    assert.ok(isTaken(state, 'k1'));
    assert.deepEqual(rosterOf(state, 'B').map((p) => p.playerId), ['k1']);
  });

  it('places a keeper on a pick its team received in a trade', () => {
    const state = initialState(makeConfig({
      tradedPicks: [{ round: 1, fromTeamId: 'A', toTeamId: 'C' }],
      keepers: [{ teamId: 'C', playerId: 'k1', round: 1 }],
    }));
    assert.equal(state.picks[0].overall, 1);
    assert.equal(state.currentPick, 2);
  });

  it('puts the first pick not taken by a keeper on the clock, and skips keepers as the draft advances', () => {
    const draft = new Draft(makeConfig({ keepers: [{ teamId: 'A', playerId: 'k1', round: 1 }, { teamId: 'C', playerId: 'k2', round: 1 }] }));
    assert.equal(draft.state.currentPick, 2);
    draft.do((s) => start(s, ctx));
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'p1' }, ctx));
    assert.equal(draft.state.currentPick, 4, 'pick 3 is C\'s keeper');
    assert.equal(teamOnClock(draft.state), 'D');
  });

  it('keeps picks in draft order when a pick lands before a keeper placed later', () => {
    const draft = new Draft(makeConfig({ keepers: [{ teamId: 'C', playerId: 'k2', round: 1 }] }));
    draft.do((s) => start(s, ctx));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'p1' }, ctx));
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'p2' }, ctx));
    draft.do((s) => pick(s, { teamId: 'D', playerId: 'p3' }, ctx));
    assert.deepEqual(draft.state.picks.map((p) => [p.overall, p.playerId]), [[1, 'p1'], [2, 'p2'], [3, 'k2'], [4, 'p3']]);
  });

  it('has nobody on the clock once every pick is made', () => {
    const draft = new Draft(makeConfig({ order: ['A'], rounds: 1 }));
    draft.do((s) => start(s, ctx));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'p1' }, ctx));
    assert.equal(draft.state.status, 'complete');
    assert.equal(draft.state.currentPick, 2);
    assert.equal(teamOnClock(draft.state), null);
  });

  it('applies every kind of event without touching the state it was given', () => {
    const pickMade: DraftPick = { overall: 1, round: 1, teamId: 'A', playerId: 'p1', auto: false, keeper: false, slot: 'QB' };
    const events: DraftEvent[] = [
      { type: 'started', at: T0, deadline: T0 + 60_000 },
      { type: 'queueSet', teamId: 'B', playerIds: ['p2', 'p3'] },
      { type: 'autopickSet', teamId: 'C', enabled: true },
      { type: 'picked', pick: pickMade, nextDeadline: T0 + 70_000 },
      { type: 'paused', at: T0 + 20_000, remainingMs: 50_000 },
      { type: 'resumed', at: T0 + 30_000, deadline: T0 + 80_000 },
      { type: 'undone', overall: 1, deadline: T0 + 90_000 },
      { type: 'autopickSet', teamId: 'C', enabled: false },
      { type: 'completed', at: T0 + 100_000 },
    ];
    let state = initialState(makeConfig());
    for (const event of events) {
      const before = structuredClone(state);
      const after = applyEvent(deepFreeze(state), deepFreeze(event));
      assert.deepEqual(state, before, `${event.type} changed its input`);
      assert.notEqual(after, state);
      state = after;
    }
    assert.equal(state.status, 'complete');
    assert.deepEqual(state.queues, { B: ['p2', 'p3'] });
    assert.deepEqual(state.autopick, []);
  });
  it('folds a pick\'s events to the same state whether or not the pick already folded them', () => {
    const draft = new Draft(makeConfig({ order: ['A', 'B'], rounds: 2, keepers: [{ teamId: 'B', playerId: 'k2', round: 2 }] }));
    draft.do((s) => start(s, ctx));
    const before = draft.state;
    const outcome = pick(before, { teamId: 'A', playerId: 'p1' }, ctx);
    assert.ok('events' in outcome);
    const folded = replay(before, outcome.events);
    // The same events one by one, from a copy the pick never saw.
    assert.deepEqual(folded, outcome.events.reduce(applyEvent, structuredClone(before)));
    assert.equal(folded.currentPick, 2);
    // Onto another state, the events are folded afresh rather than answered for the first one.
    const other = { ...before, queues: { B: ['p3'] } };
    assert.deepEqual(replay(other, outcome.events).queues, { B: ['p3'] });
  });

  it('says per team why it cannot pick, whatever was asked about the same state before', () => {
    const tight = poolOf(['q1', ['QB']], ['q2', ['QB']]);
    const draft = new Draft(makeConfig({ order: ['A', 'B'], rounds: 1, rosterRules: { maxPerPosition: { QB: 1 } } }));
    draft.do((s) => start(s, { now: T0, pool: tight }));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'q1' }, { now: T0, pool: tight }));
    assert.equal(whyNoPick(draft.state, 'B', tight), null);
    assert.equal(whyNoPick(draft.state, 'A', tight)?.reason, 'NO_ELIGIBLE_PLAYER', 'A\'s one QB place is taken');
    assert.equal(whyNoPick(draft.state, 'B', tight), null);
    assert.equal(whyNoPick(draft.state, 'B', poolOf(['q1', ['QB']]))?.reason, 'NO_ELIGIBLE_PLAYER');
  });
});
