import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pickOne, type Rng } from '../../src/dice/rng.ts';
import { capacityProblem, picksHeld } from '../../src/draft/capacity.ts';
import {
  autopickIfDue, expire, initialState, replay, start, totalPicks, validateConfig,
  type DraftConfig, type DraftType, type Keeper, type Pool, type TradedPick,
} from '../../src/draft/index.ts';
import { Draft, T0, makeConfig, randomPool, seededRng, teams } from './fixtures.ts';

/** A random league: teams, rounds, keepers, traded picks, roster rules and pool size all vary. */
function randomLeague(rng: Rng): { config: DraftConfig; pool: Pool } {
  const order = teams(rng.int(1, 6));
  const rounds = rng.int(1, 8);
  const pool = randomPool(rng, { QB: rng.int(0, 12), RB: rng.int(0, 24), WR: rng.int(0, 24), K: rng.int(0, 6) });
  const ids = [...pool.keys()];
  const maxPerPosition: Record<string, number> = {};
  for (const position of ['QB', 'RB', 'WR', 'K']) if (rng.int(0, 3) > 0) maxPerPosition[position] = rng.int(0, 5);
  // Mostly consistent trades and keepers (validateConfig has its own tests): distinct teams, each pick and player once.
  const tradedPicks = unique(Array.from({ length: order.length > 1 ? rng.int(0, 3) : 0 }, (): TradedPick => {
    const [fromTeamId, toTeamId] = [...order].sort(() => rng.int(-1, 1));
    return { round: rng.int(1, rounds), fromTeamId, toTeamId };
  }), (t) => `${t.round}:${t.fromTeamId}`);
  const keepers = unique(unique(Array.from({ length: ids.length === 0 ? 0 : rng.int(0, 3) }, (): Keeper => ({
    teamId: pickOne(rng, order), playerId: pickOne(rng, ids), round: rng.int(1, rounds),
  })), (k) => k.playerId), (k) => `${k.teamId}:${k.round}`);
  const config = makeConfig({
    type: pickOne<DraftType>(rng, ['snake', 'linear', '3rr']), rounds, order, pickSeconds: pickOne(rng, [2, 30, 90]),
    rosterRules: { maxPerPosition, total: rng.int(0, 2) === 0 ? rng.int(1, rounds + 2) : undefined },
    tradedPicks, keepers,
  });
  return { config, pool };
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

/** What creation checks (src/draft/service.ts checkRules): the config's consistency, then its capacity. */
const accepted = (config: DraftConfig, pool: Pool) => validateConfig(config) === null && capacityProblem(config, [...pool.values()]) === null;

/** Nobody at the keyboard: teams on autopick are picked for, every other clock runs out. */
function runOnAutopilot(draft: Draft, pool: Pool): void {
  let now = T0;
  for (let steps = 0; draft.state.status !== 'complete'; steps++) {
    assert.ok(steps <= totalPicks(draft.config), `stalled at pick ${draft.state.currentPick}`);
    const due = draft.do((s) => autopickIfDue(s, { now, pool }));
    if (due.length === 0) {
      now = draft.state.deadline;
      const moved = draft.do((s) => expire(s, { now, pool }));
      assert.ok(moved.length > 0, `the clock ran out at pick ${draft.state.currentPick} and nothing happened`);
    }
  }
}

describe('draft stalls', () => {
  it('never happen: every draft creation accepts runs to completion on autopicks alone', () => {
    let acceptedRuns = 0;
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      const { config, pool } = randomLeague(seededRng(seed));
      if (!accepted(config, pool)) return;
      acceptedRuns++;
      const draft = new Draft(config);
      draft.do((s) => start(s, { now: T0, pool }));
      runOnAutopilot(draft, pool);

      const done = [...draft.state.picks.map((p) => p.overall), ...draft.state.skips.map((s) => s.overall)].sort((a, b) => a - b);
      assert.deepEqual(done, Array.from({ length: totalPicks(config) }, (_, i) => i + 1), 'every pick is made or skipped, once');
      const players = draft.state.picks.map((p) => p.playerId);
      assert.equal(new Set(players).size, players.length, 'a player was drafted twice');
      const held = picksHeld(config);
      for (const teamId of config.order) {
        const roster = draft.state.picks.filter((p) => p.teamId === teamId);
        assert.ok(roster.length <= (held.get(teamId) ?? 0), `${teamId} has more players than picks`);
        if (config.rosterRules.total !== undefined) assert.ok(roster.length <= config.rosterRules.total);
        for (const [position, max] of Object.entries(config.rosterRules.maxPerPosition)) {
          assert.ok(roster.filter((p) => !p.keeper && p.slot === position).length <= max, `${teamId} over the ${position} limit`);
        }
      }
      for (const skip of draft.state.skips) assert.ok(['ROSTER_FULL', 'NO_ELIGIBLE_PLAYER'].includes(skip.reason));
      assert.deepEqual(replay(initialState(config), draft.log), draft.state);
    }), { numRuns: 400 });
    assert.ok(acceptedRuns >= 150, `only ${acceptedRuns} random drafts were accepted: the generator tests too little`);
  });
});
