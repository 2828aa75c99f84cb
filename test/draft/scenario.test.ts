import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pickOne, type Rng } from '../../src/dice/rng.ts';
import {
  autopickIfDue, expire, initialState, pause, pick, replay, resume, setAutopick, setQueue, start, teamOnClock,
  totalPicks, undo, validateConfig,
  type DraftConfig, type DraftState, type DraftType, type Outcome, type Pool,
} from '../../src/draft/index.ts';
import { Draft, T0, makeConfig, randomPool, seededRng, teams } from './fixtures.ts';

const FOOTBALL = { QB: 2, RB: 5, WR: 6, TE: 2, K: 1, DEF: 1 };

/** Runs a started draft to the end as a room would with nobody at the keyboard: every clock expires. */
function runOnAutopilot(draft: Draft, pool: Pool): void {
  let now = T0;
  for (let steps = 0; draft.state.status !== 'complete'; steps++) {
    assert.ok(steps < 2 * totalPicks(draft.config), 'the draft does not finish');
    const due = draft.do((s) => autopickIfDue(s, { now, pool }));
    if (due.length === 0) {
      now = draft.state.deadline;
      draft.do((s) => expire(s, { now, pool }));
    }
  }
}

function checkRosters(state: DraftState, pool: Pool, perTeam: number): void {
  const players = state.picks.map((p) => p.playerId);
  assert.equal(new Set(players).size, players.length, 'a player was drafted twice');
  for (const teamId of state.config.order) {
    const roster = state.picks.filter((p) => p.teamId === teamId);
    assert.equal(roster.length, perTeam, `${teamId} has ${roster.length} players`);
    const counts: Record<string, number> = {};
    for (const p of roster) {
      assert.ok(pool.get(p.playerId)!.positions.includes(p.slot), `${p.playerId} slotted at ${p.slot}`);
      counts[p.slot] = (counts[p.slot] ?? 0) + 1;
    }
    for (const [position, max] of Object.entries(state.config.rosterRules.maxPerPosition)) {
      assert.ok((counts[position] ?? 0) <= max, `${teamId} has ${counts[position]} at ${position} (max ${max})`);
      assert.ok((counts[position] ?? 0) >= 1, `${teamId} has nobody at ${position}`);
    }
  }
}

describe('draft scenarios', () => {
  for (const [type, seed] of [['snake', 1], ['snake', 2], ['linear', 3], ['3rr', 4]] as Array<[DraftType, number]>) {
    it(`runs a 12-team, 15-round ${type} draft to the end on autopicks alone (seed ${seed})`, () => {
      const pool = randomPool(seededRng(seed));
      const draft = new Draft(makeConfig({ type, rounds: 15, pickSeconds: 90, order: teams(12), rosterRules: { maxPerPosition: FOOTBALL, total: 15 } }));
      draft.do((s) => start(s, { now: T0, pool }));
      runOnAutopilot(draft, pool);

      assert.equal(draft.state.picks.length, 180);
      assert.ok(draft.state.picks.every((p) => p.auto));
      assert.deepEqual([...draft.state.autopick].sort(), [...teams(12)].sort(), 'every team that missed a pick is on autopick');
      checkRosters(draft.state, pool, 15);
      assert.deepEqual(replay(initialState(draft.config), draft.log), draft.state);
    });
  }
});

/** A random league: any draft type, 1-6 teams, 1-6 rounds, sometimes keepers and traded picks. */
function randomConfig(rng: Rng): DraftConfig {
  const order = teams(rng.int(1, 6));
  const rounds = rng.int(1, 6);
  const type = pickOne<DraftType>(rng, ['snake', 'linear', '3rr']);
  const base = makeConfig({
    type, rounds, order,
    pickSeconds: pickOne(rng, [0, 30, 90]),
    rosterRules: { maxPerPosition: { QB: rng.int(1, 2), RB: rng.int(1, 3), K: 1 }, total: pickOne(rng, [undefined, rounds]) },
  });
  const withExtras = {
    ...base,
    tradedPicks: rng.int(0, 1) ? [{ round: rng.int(1, rounds), fromTeamId: pickOne(rng, order), toTeamId: pickOne(rng, order) }] : [],
    keepers: rng.int(0, 1) ? [{ teamId: pickOne(rng, order), playerId: 'qb-1', round: rng.int(1, rounds) }] : [],
  };
  return validateConfig(withExtras) === null ? withExtras : base;
}

/** One random command as any client, commissioner or clock might send it, often a wrong one. */
function randomCommand(rng: Rng, state: DraftState, pool: Pool, now: number): Outcome {
  const ctx = { now, pool };
  const anyTeam = pickOne(rng, state.config.order);
  const anyPlayer = pickOne(rng, [...pool.keys()]);
  // Picks and expiries outweigh the rest so that many drafts reach their end within the steps.
  switch (rng.int(0, 19)) {
    case 0: return start(state, ctx);
    case 1: return pause(state, ctx);
    case 2: return resume(state, ctx);
    case 3: return undo(state, ctx);
    case 4: return setAutopick(state, { teamId: anyTeam, enabled: rng.int(0, 1) === 1 });
    case 5: return setQueue(state, { teamId: anyTeam, playerIds: [anyPlayer, pickOne(rng, [...pool.keys()])] }, ctx);
    case 6: case 7: return expire(state, { now: Math.max(now, state.deadline), pool });
    case 8: return autopickIfDue(state, ctx);
    default: {
      const teamId = rng.int(0, 3) ? (teamOnClock(state) ?? anyTeam) : anyTeam;
      return pick(state, { teamId, playerId: anyPlayer, pick: rng.int(0, 4) ? state.currentPick : state.currentPick - 1 }, ctx);
    }
  }
}

describe('draft replay', () => {
  it('rebuilds exactly the live state by folding applyEvent over the event log, whatever was sent', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      const rng = seededRng(seed);
      const pool = randomPool(rng, { QB: 6, RB: 8, WR: 8, K: 4 });
      const draft = new Draft(randomConfig(rng));
      let now = T0;
      for (let step = 0; step < 120; step++) {
        now += rng.int(0, 40_000);
        const command = (s: DraftState) => randomCommand(rng, s, pool, now);
        const before = draft.state;
        const outcome = command(before);
        if ('events' in outcome) draft.do(() => outcome);
        const players = draft.state.picks.map((p) => p.playerId);
        assert.equal(new Set(players).size, players.length, 'a player was drafted twice');
        assert.ok(!draft.state.picks.some((p) => p.overall === draft.state.currentPick), 'the pick on the clock is already made');
      }
      assert.deepEqual(replay(initialState(draft.config), draft.log), draft.state);
    }), { numRuns: 200 });
  });
});
