import assert from 'node:assert/strict';
import { applyEvent, pause, pick, start, teamOnClock } from '../../src/draft/index.ts';
import { Draft, T0, liveDraft, makeConfig, rulesPool } from './fixtures.ts';

const pool = rulesPool;
const at = (ms: number) => ({ now: T0 + ms, pool });
const ctx = at(0);
const live = liveDraft;

describe('draft rules: start', () => {
  it('goes live with a full clock for the first pick', () => {
    const draft = new Draft(makeConfig());
    assert.deepEqual(draft.do((s) => start(s, ctx)), [{ type: 'started', at: T0, deadline: T0 + 60_000 }]);
    assert.equal(draft.state.status, 'live');
  });

  it('runs no clock with a soft timer (pickSeconds 0)', () => {
    const draft = live({ pickSeconds: 0 });
    assert.equal(draft.state.deadline, 0);
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    assert.equal(draft.state.deadline, 0);
  });

  it('refuses to start twice with ALREADY_STARTED', () => {
    live().refuse((s) => start(s, ctx), 'ALREADY_STARTED');
  });

  it('refuses an invalid order with INVALID_ORDER and any other invalid config with INVALID_CONFIG', () => {
    new Draft(makeConfig({ order: ['A', 'A'] })).refuse((s) => start(s, ctx), 'INVALID_ORDER');
    new Draft(makeConfig({ rounds: 0 })).refuse((s) => start(s, ctx), 'INVALID_CONFIG');
  });

  it('completes at once when keepers fill every pick', () => {
    const draft = new Draft(makeConfig({ order: ['A'], rounds: 1, keepers: [{ teamId: 'A', playerId: 'k1', round: 1 }] }));
    draft.do((s) => start(s, ctx));
    assert.equal(draft.state.status, 'complete');
  });
});

describe('draft rules: pick', () => {
  it('records the pick, restarts the clock for the next team and slots the player', () => {
    const draft = live();
    const events = draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1', pick: 1 }, at(5_000)));
    assert.deepEqual(events, [{
      type: 'picked',
      pick: { overall: 1, round: 1, teamId: 'A', playerId: 'qb1', auto: false, keeper: false, slot: 'QB' },
      nextDeadline: T0 + 65_000,
    }]);
    assert.equal(teamOnClock(draft.state), 'B');
  });

  it('completes the draft on the last pick and stops the clock', () => {
    const draft = live({ order: ['A', 'B'], rounds: 1 });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    const events = draft.do((s) => pick(s, { teamId: 'B', playerId: 'qb2' }, at(1_000)));
    assert.deepEqual(events.map((e) => e.type), ['picked', 'completed']);
    assert.equal(events[0].type === 'picked' && events[0].nextDeadline, 0);
    assert.equal(draft.state.status, 'complete');
  });

  it('completes the draft when the last open pick comes before a keeper', () => {
    const draft = live({ order: ['A', 'B'], rounds: 1, keepers: [{ teamId: 'B', playerId: 'k1', round: 1 }] });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    assert.equal(draft.state.status, 'complete');
  });

  it('refuses a pick before the start or while paused with NOT_LIVE', () => {
    new Draft(makeConfig()).refuse((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx), 'NOT_LIVE');
    const draft = live();
    draft.do((s) => pause(s, ctx));
    draft.refuse((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx), 'NOT_LIVE');
  });

  it('refuses a pick after the last one with DRAFT_COMPLETE', () => {
    const draft = live({ order: ['A'], rounds: 1 });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.refuse((s) => pick(s, { teamId: 'A', playerId: 'qb2' }, ctx), 'DRAFT_COMPLETE');
  });

  it('refuses a pick made against an old board with STALE, even from the team now on the clock', () => {
    const draft = live();
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1', pick: 1 }, ctx));
    draft.refuse((s) => pick(s, { teamId: 'B', playerId: 'qb2', pick: 1 }, ctx), 'STALE');
  });

  it('refuses a pick by a team not on the clock with NOT_YOUR_TURN', () => {
    live().refuse((s) => pick(s, { teamId: 'B', playerId: 'qb1' }, ctx), 'NOT_YOUR_TURN');
  });

  it('refuses a player not in the pool with UNKNOWN_PLAYER', () => {
    live().refuse((s) => pick(s, { teamId: 'A', playerId: 'nobody' }, ctx), 'UNKNOWN_PLAYER');
  });

  it('refuses a drafted or kept player with PLAYER_TAKEN', () => {
    const draft = live({ keepers: [{ teamId: 'D', playerId: 'k1', round: 1 }] });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.refuse((s) => pick(s, { teamId: 'B', playerId: 'qb1' }, ctx), 'PLAYER_TAKEN');
    draft.refuse((s) => pick(s, { teamId: 'B', playerId: 'k1' }, ctx), 'PLAYER_TAKEN');
  });

  it('refuses a player beyond the position limit with POSITION_FULL', () => {
    const draft = live({ order: ['A'], rosterRules: { maxPerPosition: { QB: 1 } } });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.refuse((s) => pick(s, { teamId: 'A', playerId: 'qb2' }, ctx), 'POSITION_FULL');
  });

  it('counts a keeper toward its position limit', () => {
    const draft = live({ order: ['A'], rosterRules: { maxPerPosition: { K: 1 } }, keepers: [{ teamId: 'A', playerId: 'k1', round: 3 }] });
    draft.refuse((s) => pick(s, { teamId: 'A', playerId: 'k2' }, ctx), 'POSITION_FULL');
  });

  it('slots a player eligible at several positions at the first one with room', () => {
    const draft = live({ order: ['A'], rosterRules: { maxPerPosition: { RB: 1, WR: 2 } } });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'rb1' }, ctx));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'flex1' }, ctx));
    assert.deepEqual(draft.state.picks.map((p) => p.slot), ['RB', 'WR']);
    draft.refuse((s) => pick(s, { teamId: 'A', playerId: 'rb2' }, ctx), 'POSITION_FULL');
  });

  it('refuses a player once the roster total is reached with ROSTER_FULL', () => {
    const draft = live({ order: ['A'], rounds: 3, rosterRules: { maxPerPosition: {}, total: 2 }, keepers: [{ teamId: 'A', playerId: 'k1', round: 3 }] });
    // Applied without the rule, as a log written before skips existed would leave it: A is full and on the clock.
    const picked = { overall: 1, round: 1, teamId: 'A', playerId: 'qb1', auto: false, keeper: false, slot: 'QB' };
    draft.state = applyEvent(draft.state, { type: 'picked', pick: picked, nextDeadline: T0 + 60_000 });
    draft.refuse((s) => pick(s, { teamId: 'A', playerId: 'qb2' }, ctx), 'ROSTER_FULL');
  });
});
