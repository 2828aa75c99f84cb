import assert from 'node:assert/strict';
import {
  EARLY_EXPIRY_TOLERANCE_MS, autopickIfDue, chooseAutopick, expire, pause, pick, setAutopick, setQueue, teamOnClock,
  type DraftConfig, type Pool,
} from '../../src/draft/index.ts';
import { T0, liveDraft, poolOf } from './fixtures.ts';

// Listed best first: rank follows the order.
const pool = poolOf(
  ['qb1', ['QB']], ['rb1', ['RB']], ['qb2', ['QB']], ['wr1', ['WR']], ['rb2', ['RB']],
  ['te1', ['TE']], ['wr2', ['WR']], ['k1', ['K']], ['k2', ['K']],
);

const live = (overrides: Partial<DraftConfig> = {}, players: Pool = pool) => liveDraft(overrides, players);
const at = (ms: number, players: Pool = pool) => ({ now: T0 + ms, pool: players });

describe('autopick: choosing a player', () => {
  it('takes the first player of the team\'s queue, skipping players already drafted', () => {
    const draft = live();
    draft.do((s) => setQueue(s, { teamId: 'B', playerIds: ['qb1', 'te1', 'wr1'] }, at(0)));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, at(0)));
    assert.equal(chooseAutopick(draft.state, 'B', pool), 'te1');
  });

  it('skips queued players the roster rules no longer allow', () => {
    const draft = live({ order: ['A'], rosterRules: { maxPerPosition: { QB: 1 } } });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, at(0)));
    draft.do((s) => setQueue(s, { teamId: 'A', playerIds: ['qb2', 'k2'] }, at(0)));
    assert.equal(chooseAutopick(draft.state, 'A', pool), 'k2');
  });

  it('logs nothing when a team sets the queue it already has (a resend or a flood writes no event)', () => {
    const draft = live();
    draft.do((s) => setQueue(s, { teamId: 'B', playerIds: ['qb1', 'te1'] }, at(0)));
    assert.deepEqual(setQueue(draft.state, { teamId: 'B', playerIds: ['qb1', 'te1', 'qb1'] }, at(0)), { events: [] }, 'the same once repeats are dropped');
    assert.equal((setQueue(draft.state, { teamId: 'B', playerIds: ['te1', 'qb1'] }, at(0)) as { events: unknown[] }).events.length, 1, 'another order is a change');
    assert.deepEqual(setQueue(draft.state, { teamId: 'A', playerIds: [] }, at(0)), { events: [] }, 'an empty queue for a team that has none');
  });

  it('falls back to the best available by rank when the queue is empty or used up', () => {
    const draft = live();
    draft.do((s) => setQueue(s, { teamId: 'B', playerIds: ['qb1'] }, at(0)));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, at(0)));
    assert.equal(chooseAutopick(draft.state, 'B', pool), 'rb1');
  });

  it('breaks a tie in rank by ADP', () => {
    const tied = poolOf({ id: 'x', positions: ['QB'], rank: 5, adp: 9 }, { id: 'y', positions: ['QB'], rank: 5, adp: 3 });
    assert.equal(chooseAutopick(live({}, tied).state, 'A', tied), 'y');
  });

  it('passes over the best players when the roster has no room for them', () => {
    const draft = live({ order: ['A'], rounds: 4, rosterRules: { maxPerPosition: { QB: 1, RB: 1 } } });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, at(0)));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'rb1' }, at(0)));
    assert.equal(chooseAutopick(draft.state, 'A', pool), 'wr1');
  });

  it('fills a position the team still needs once its picks left are no more than its empty positions', () => {
    const rules = { maxPerPosition: { QB: 2, RB: 2, WR: 2, TE: 1, K: 1 } };
    const draft = live({ order: ['A'], rounds: 4, rosterRules: rules });
    // 4 picks, empty QB RB WR TE K (5): already in need, so the best player at an empty position.
    assert.equal(chooseAutopick(draft.state, 'A', pool), 'qb1');
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, at(0)));
    assert.equal(chooseAutopick(draft.state, 'A', pool), 'rb1');
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'rb1' }, at(0)));
    // 2 picks, empty WR TE K (3): a second QB (qb2, ranked above wr1) is passed over.
    assert.equal(chooseAutopick(draft.state, 'A', pool), 'wr1');
  });

  it('takes the best player while the team has more picks left than empty positions', () => {
    const draft = live({ order: ['A'], rounds: 6, rosterRules: { maxPerPosition: { QB: 2, K: 1 } } });
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, at(0)));
    assert.equal(chooseAutopick(draft.state, 'A', pool), 'rb1');
  });

  it('finds nobody when the roster is full, and the team is passed over rather than waited for', () => {
    const draft = live({ order: ['A'], rounds: 2, rosterRules: { maxPerPosition: {}, total: 1 } });
    const events = draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, at(0)));
    assert.equal(chooseAutopick(draft.state, 'A', pool), null);
    assert.deepEqual(events.slice(1).map((e) => e.type), ['skipped', 'completed']);
    assert.equal(draft.state.status, 'complete');
  });
});

describe('autopick: an expired clock', () => {
  it('picks for the team on the clock and puts it on autopick', () => {
    const draft = live();
    const events = draft.do((s) => expire(s, at(60_000)));
    assert.deepEqual(events.map((e) => e.type), ['autopickSet', 'picked']);
    assert.deepEqual(draft.state.picks.map((p) => [p.teamId, p.playerId, p.auto]), [['A', 'qb1', true]]);
    assert.deepEqual(draft.state.autopick, ['A']);
    assert.equal(draft.state.deadline, T0 + 120_000);
  });

  it('does nothing with a soft timer', () => {
    const draft = live({ pickSeconds: 0 });
    assert.deepEqual(draft.do((s) => expire(s, at(10 * 60_000))), []);
    assert.equal(teamOnClock(draft.state), 'A');
  });

  it('refuses a timer armed for an older deadline with STALE', () => {
    const draft = live();
    draft.refuse((s) => expire(s, at(60_000 - EARLY_EXPIRY_TOLERANCE_MS - 1)), 'STALE');
    draft.do((s) => expire(s, at(60_000 - EARLY_EXPIRY_TOLERANCE_MS)));
  });

  it('refuses an expiry while paused with NOT_LIVE', () => {
    const draft = live();
    draft.do((s) => pause(s, at(10_000)));
    draft.refuse((s) => expire(s, at(60_000)), 'NOT_LIVE');
  });
});

describe('autopick: teams on autopick', () => {
  it('picks at once for a team on autopick, and not for others', () => {
    const draft = live();
    assert.deepEqual(draft.do((s) => autopickIfDue(s, at(0))), []);
    draft.do((s) => setAutopick(s, { teamId: 'A', enabled: true }));
    draft.do((s) => setQueue(s, { teamId: 'A', playerIds: ['k1'] }, at(0)));
    draft.do((s) => autopickIfDue(s, at(1_000)));
    assert.deepEqual(draft.state.picks.map((p) => [p.teamId, p.playerId, p.auto]), [['A', 'k1', true]]);
    assert.deepEqual(draft.do((s) => autopickIfDue(s, at(1_000))), [], 'B is not on autopick');
  });

  it('keeps a team on autopick after an expiry until it turns it off', () => {
    const draft = live({ order: ['A'] });
    draft.do((s) => expire(s, at(60_000)));
    assert.equal(draft.do((s) => autopickIfDue(s, at(60_000))).length, 1);
    draft.do((s) => setAutopick(s, { teamId: 'A', enabled: false }));
    assert.deepEqual(draft.do((s) => autopickIfDue(s, at(60_000))), []);
  });
});
