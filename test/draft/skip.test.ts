import assert from 'node:assert/strict';
import { capacityProblem } from '../../src/draft/capacity.ts';
import { applyEvent, expire, pick, start, undo, type DraftConfig } from '../../src/draft/index.ts';
import { Draft, T0, makeConfig, poolOf, rulesPool } from './fixtures.ts';

const players = (pool: ReturnType<typeof poolOf>) => [...pool.values()];

describe('draft capacity: what creation refuses', () => {
  // The league: Y's round-1 pick went to Z, so Z makes picks 2, 3, 4 and 9.
  const traded: Partial<DraftConfig> = {
    order: ['X', 'Y', 'Z'], rounds: 3,
    keepers: [{ teamId: 'X', playerId: 'k1', round: 2 }],
    tradedPicks: [{ round: 1, fromTeamId: 'Y', toTeamId: 'Z' }],
  };

  it('refuses a team holding more picks than an explicit roster total', () => {
    const problem = capacityProblem(makeConfig({ ...traded, rosterRules: { maxPerPosition: {}, total: 3 } }), players(rulesPool));
    assert.equal(problem?.kind, 'total');
    assert.match(problem!.error.message, /Z holds 4 picks but rosterRules.total is 3/);
  });

  it('lets the roster follow the picks a team holds when no total is given', () => {
    assert.equal(capacityProblem(makeConfig({ ...traded, rosterRules: { maxPerPosition: {} } }), players(rulesPool)), null);
  });

  it('refuses more picks than the position limits have room for (a 3-round F1 draft at DRV 2)', () => {
    const drivers = poolOf(...Array.from({ length: 20 }, (_, i): [string, string[]] => [`d${i}`, ['DRV']]));
    const problem = capacityProblem(makeConfig({ order: ['A', 'B'], rounds: 3, rosterRules: { maxPerPosition: { DRV: 2 } } }), players(drivers));
    assert.equal(problem?.kind, 'positions');
    assert.match(problem!.error.message, /A holds 3 picks .* allow only 2 players/);
  });

  it('counts a position nobody limits as unlimited room', () => {
    assert.equal(capacityProblem(makeConfig({ order: ['A'], rounds: 5, rosterRules: { maxPerPosition: { QB: 1 } } }), players(rulesPool)), null);
  });

  it('refuses a pool that cannot fill every pick, in all or within the limits', () => {
    const tooFew = capacityProblem(makeConfig({ order: ['A', 'B', 'C', 'D'], rounds: 3 }), players(rulesPool));
    assert.equal(tooFew?.kind, 'pool');
    assert.match(tooFew!.error.message, /fill only 10 of the draft's 12 picks/);
    // 10 quarterbacks but each of 3 teams may roster one: 3 + 2 running backs < 9 picks.
    const qbs = poolOf(...Array.from({ length: 10 }, (_, i): [string, string[]] => [`qb${i}`, ['QB']]), ['rb1', ['RB']], ['rb2', ['RB']]);
    const limited = capacityProblem(makeConfig({ order: ['A', 'B', 'C'], rounds: 3, rosterRules: { maxPerPosition: { QB: 1, RB: 5 } } }), players(qbs));
    assert.equal(limited?.kind, 'pool');
    assert.equal(capacityProblem(makeConfig({ order: ['A', 'B', 'C'], rounds: 3 }), [])?.kind, 'pool');
  });
});

describe('draft skips: a team with no legal pick is passed over', () => {
  // A takes the RB/WR player first and slots him at RB; then only running backs are left for its WR place.
  const pool = poolOf(['flex', ['RB', 'WR']], ['wr1', ['WR']], ['rb1', ['RB']], ['rb2', ['RB']]);
  const config = makeConfig({ type: 'linear', order: ['A', 'B'], rounds: 2, rosterRules: { maxPerPosition: { RB: 1, WR: 1 } } });
  const ctx = (ms = 0) => ({ now: T0 + ms, pool });
  const started = () => {
    const draft = new Draft(config);
    draft.do((s) => start(s, ctx()));
    return draft;
  };

  it('is accepted at creation: the pool can fill every pick', () => {
    assert.equal(capacityProblem(config, players(pool)), null);
  });

  it('records a skipped event with the reason and moves the clock to the next team', () => {
    const draft = started();
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'flex' }, ctx()));
    const events = draft.do((s) => pick(s, { teamId: 'B', playerId: 'wr1' }, ctx(5_000)));
    assert.deepEqual(events[1], {
      type: 'skipped', nextDeadline: T0 + 65_000,
      skip: { overall: 3, round: 2, teamId: 'A', reason: 'NO_ELIGIBLE_PLAYER', message: 'no player left fits a position A has room at' },
    });
    assert.equal(draft.state.currentPick, 4);
    assert.deepEqual(draft.state.skips.map((s) => s.overall), [3]);
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'rb1' }, ctx(6_000)));
    assert.equal(draft.state.status, 'complete');
  });

  it('ends the draft when the pick passed over was its last', () => {
    const draft = new Draft(makeConfig({ type: 'linear', order: ['B', 'A'], rounds: 2, rosterRules: config.rosterRules }));
    draft.do((s) => start(s, ctx()));
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'wr1' }, ctx()));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'flex' }, ctx()));
    const events = draft.do((s) => pick(s, { teamId: 'B', playerId: 'rb1' }, ctx()));
    assert.deepEqual(events.map((e) => e.type), ['picked', 'skipped', 'completed']);
    assert.equal(draft.state.status, 'complete');
  });

  it('gives the skipped pick back when the pick before it is undone', () => {
    const draft = started();
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'flex' }, ctx()));
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'wr1' }, ctx()));
    draft.do((s) => undo(s, ctx(1_000)));
    assert.deepEqual([draft.state.currentPick, draft.state.skips], [2, []]);
    draft.do((s) => pick(s, { teamId: 'B', playerId: 'rb1' }, ctx(2_000)));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'wr1' }, ctx(3_000)));
    assert.deepEqual(draft.state.picks.map((p) => `${p.overall}:${p.teamId}`), ['1:A', '2:B', '3:A'], 'A drafts at pick 3 now');
  });

  it('moves on at the clock\'s expiry when a stored log left a team stuck on the clock', () => {
    const draft = started();
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'flex' }, ctx()));
    // Applied without the rule, as a log from before skips would have it: A is on the clock with nothing to draft.
    draft.state = applyEvent(draft.state, { type: 'picked', pick: { overall: 2, round: 1, teamId: 'B', playerId: 'wr1', auto: false, keeper: false, slot: 'WR' }, nextDeadline: T0 + 60_000 });
    const events = draft.do((s) => expire(s, ctx(60_000)));
    assert.deepEqual(events.map((e) => e.type), ['skipped']);
    assert.ok(!draft.state.autopick.includes('A'), 'a team with nothing to draft is not put on autopick');
    assert.equal(draft.state.currentPick, 4);
  });

  it('passes a stuck team over at once with a soft timer too', () => {
    const draft = new Draft({ ...config, pickSeconds: 0 });
    draft.do((s) => start(s, ctx()));
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'flex' }, ctx()));
    const events = draft.do((s) => pick(s, { teamId: 'B', playerId: 'wr1' }, ctx()));
    assert.deepEqual(events.map((e) => e.type), ['picked', 'skipped']);
  });
});
