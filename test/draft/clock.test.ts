import assert from 'node:assert/strict';
import { autopickIfDue, pause, pick, resume, setAutopick, undo, teamOnClock } from '../../src/draft/index.ts';
import { Draft, T0, liveDraft, makeConfig, rulesPool } from './fixtures.ts';

const pool = rulesPool;
const at = (ms: number) => ({ now: T0 + ms, pool });
const ctx = at(0);
const live = liveDraft;

describe('draft rules: pause and resume', () => {
  it('keeps the time left on the clock while paused and gives it back on resume', () => {
    const draft = live();
    draft.do((s) => pause(s, at(20_000)));
    assert.equal(draft.state.remainingMs, 40_000);
    assert.equal(draft.state.deadline, 0);
    draft.do((s) => resume(s, at(300_000)));
    assert.equal(draft.state.status, 'live');
    assert.equal(draft.state.deadline, T0 + 340_000);
  });

  it('restarts a full clock on resume when the clock had already run out', () => {
    const draft = live();
    draft.do((s) => pause(s, at(90_000)));
    assert.equal(draft.state.remainingMs, 0);
    draft.do((s) => resume(s, at(100_000)));
    assert.equal(draft.state.deadline, T0 + 160_000);
  });

  it('refuses to resume a draft that is not paused with NOT_PAUSED, and to pause one that is not live with NOT_LIVE', () => {
    const draft = live();
    draft.refuse((s) => resume(s, ctx), 'NOT_PAUSED');
    draft.do((s) => pause(s, ctx));
    draft.refuse((s) => pause(s, ctx), 'NOT_LIVE');
  });
});

describe('draft rules: undo', () => {
  it('takes back the last pick and puts that team back on the clock with a full clock', () => {
    const draft = live();
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'qb2' }, at(10_000)));
    assert.deepEqual(draft.do((s) => undo(s, at(30_000))), [{ type: 'undone', overall: 2, deadline: T0 + 90_000 }]);
    assert.equal(teamOnClock(draft.state), 'B');
    assert.deepEqual(draft.state.picks.map((p) => p.playerId), ['qb1']);
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'qb2', pick: 2 }, at(31_000)));
  });

  it('takes a team on autopick off it when undoing its pick, so the room does not pick again at once; undos step back past it', () => {
    const draft = live();
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.do((s) => setAutopick(s, { teamId: 'B', enabled: true }));
    draft.do((s) => autopickIfDue(s, at(1_000)));
    assert.equal(draft.state.picks.length, 2, 'the bot picked');
    assert.deepEqual(draft.do((s) => undo(s, at(2_000))),
      [{ type: 'undone', overall: 2, deadline: T0 + 62_000 }, { type: 'autopickSet', teamId: 'B', enabled: false }]);
    assert.deepEqual(autopickIfDue(draft.state, at(2_001)), { events: [] }, 'B has its full clock');
    draft.do((s) => undo(s, at(3_000)));
    assert.equal(teamOnClock(draft.state), 'A');
  });

  it('refuses a pick for a team not in the draft with UNKNOWN_TEAM (the commissioner\'s pickFor), not NOT_YOUR_TURN', () => {
    live().refuse((s) => pick(s, { teamId: 'Z', playerId: 'qb1' }, ctx), 'UNKNOWN_TEAM');
  });

  it('refuses to undo once the draft is complete: its rosters are final', () => {
    const draft = live({ order: ['A', 'B'], rounds: 1 });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'qb2' }, ctx));
    draft.refuse((s) => undo(s, at(5_000)), 'DRAFT_COMPLETE');
    assert.equal(draft.state.status, 'complete');
  });

  it('never takes back a keeper, and steps back over one to the last real pick', () => {
    const draft = live({ keepers: [{ teamId: 'B', playerId: 'k1', round: 1 }] });
    draft.refuse((s) => undo(s, ctx), 'NOTHING_TO_UNDO');
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    assert.equal(draft.state.currentPick, 3);
    draft.do((s) => undo(s, ctx));
    assert.equal(draft.state.currentPick, 1);
    assert.deepEqual(draft.state.picks.map((p) => p.playerId), ['k1']);
  });

  it('stays paused when undone while paused, with a full clock on resume', () => {
    const draft = live();
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, ctx));
    draft.do((s) => pause(s, at(50_000)));
    draft.do((s) => undo(s, at(55_000)));
    assert.equal(draft.state.status, 'paused');
    draft.do((s) => resume(s, at(70_000)));
    assert.equal(draft.state.deadline, T0 + 130_000);
  });

  it('refuses to undo before the start with NOT_LIVE', () => {
    new Draft(makeConfig()).refuse((s) => undo(s, ctx), 'NOT_LIVE');
  });
});
