import assert from 'node:assert/strict';
import {
  applyEvent, chooseAutopick, isTaken, pick, rosterOf, setQueue, slotCounts, slotFor, teamOnClock, undo, whyNoPick,
  type DraftConfig, type DraftPick, type DraftState, type Pool, type PoolPlayer,
} from '../../src/draft/index.ts';
import { rosterSize } from '../../src/draft/state.ts';
import { T0, liveDraft, poolOf, randomPool, seededRng, teams } from './fixtures.ts';

const pool = poolOf(['qb1', ['QB']], ['rb1', ['RB']], ['wr1', ['WR']], ['rb2', ['RB']], ['k1', ['K']], ['k2', ['K']]);
const at = (players: Pool = pool) => ({ now: T0, pool: players });
const picked = (state: DraftState, teamId: string, playerId: string, slot = 'QB'): DraftState => applyEvent(state, {
  type: 'picked', nextDeadline: 0,
  pick: { overall: state.currentPick, round: 1, teamId, playerId, auto: false, keeper: false, slot },
});

describe('draft board: who is taken and how rosters fill, as of each state', () => {
  it('answers for an older state as it was after a newer state grew from it', () => {
    const before = liveDraft({ order: ['A', 'B'] }, pool).state;
    assert.equal(isTaken(before, 'qb1'), false);
    const after = picked(before, 'A', 'qb1');
    assert.equal(isTaken(after, 'qb1'), true);
    assert.equal(rosterSize(after, 'A'), 1);
    // The room keeps `before` until the pick commits: it must still see qb1 free and A empty.
    assert.equal(isTaken(before, 'qb1'), false);
    assert.equal(rosterSize(before, 'A'), 0);
    assert.deepEqual([...slotCounts(before, 'A', pool)], []);
    assert.deepEqual([...slotCounts(after, 'A', pool)], [['QB', 1]]);
  });

  it('keeps two picks made from the same state apart', () => {
    const before = liveDraft({ order: ['A', 'B'] }, pool).state;
    const one = picked(before, 'A', 'qb1');
    const other = picked(before, 'A', 'rb1', 'RB');
    assert.equal(isTaken(one, 'qb1'), true);
    assert.equal(isTaken(one, 'rb1'), false);
    assert.equal(isTaken(other, 'rb1'), true);
    assert.equal(isTaken(other, 'qb1'), false);
    // Each line goes on from there on its own.
    const next = picked(other, 'B', 'qb1');
    assert.equal(isTaken(next, 'qb1'), true);
    assert.equal(isTaken(one, 'rb1'), false);
    assert.deepEqual([...slotCounts(next, 'A', pool)], [['RB', 1]]);
  });

  it('frees a player again when his pick is undone', () => {
    const draft = liveDraft({ order: ['A', 'B'] }, pool);
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'qb1' }, at()));
    draft.do((s) => undo(s, at()));
    assert.equal(isTaken(draft.state, 'qb1'), false);
    assert.equal(rosterSize(draft.state, 'A'), 0);
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'rb1' }, at()));
    assert.equal(chooseAutopick(draft.state, 'B', pool), 'qb1');
  });

  it('slots keepers first, in draft order, when picks land before them', () => {
    const keeperPool = poolOf(['flex', ['RB', 'WR']], ['rb9', ['RB']], ['wr1', ['WR']], ['rb1', ['RB']]);
    const draft = liveDraft({
      order: ['A', 'B'], rounds: 3, rosterRules: { maxPerPosition: { RB: 1, WR: 1 } },
      keepers: [{ teamId: 'A', playerId: 'flex', round: 2 }, { teamId: 'A', playerId: 'rb9', round: 3 }],
    }, keeperPool);
    // The keepers take RB (flex, first) and then nothing fits rb9: it counts at RB too.
    assert.deepEqual([...slotCounts(draft.state, 'A', keeperPool)], [['RB', 2]]);
    draft.do((s) => pick(s, { teamId: 'A', playerId: 'wr1' }, at(keeperPool)));
    assert.deepEqual([...slotCounts(draft.state, 'A', keeperPool)].sort(), [['RB', 2], ['WR', 1]]);
    assert.equal(rosterSize(draft.state, 'A'), 3);
    assert.deepEqual(rosterOf(draft.state, 'A').map((p) => p.playerId), ['wr1', 'flex', 'rb9']);
  });

  it('agrees with a walk over every pick, over whole random drafts with keepers, queues and undos', () => {
    const rng = seededRng(7);
    for (let round = 0; round < 6; round++) {
      const players = randomPool(rng, { QB: 6, RB: 12, WR: 14, TE: 5, K: 4 });
      const ids = [...players.keys()];
      const config: Partial<DraftConfig> = {
        order: teams(4), rounds: 8,
        rosterRules: { maxPerPosition: { QB: 2, RB: 3, WR: 3, TE: 1, K: 1 } },
        keepers: [{ teamId: 't2', playerId: ids[0], round: 3 }, { teamId: 't4', playerId: ids[1], round: 6 }],
      };
      const draft = liveDraft(config, players);
      const states: DraftState[] = [draft.state];
      while (draft.state.status === 'live') {
        const teamId = teamOnClock(draft.state)!;
        if (rng.int(1, 4) === 1) draft.do((s) => setQueue(s, { teamId, playerIds: ids.slice(rng.int(0, 20), rng.int(20, 30)) }, at(players)));
        if (rng.int(1, 10) === 1 && draft.state.picks.some((p) => !p.keeper)) draft.do((s) => undo(s, at(players)));
        const choice = chooseAutopick(draft.state, teamOnClock(draft.state)!, players);
        assert.equal(choice, naiveAutopick(draft.state, teamOnClock(draft.state)!, players));
        if (choice === null) break;
        draft.do((s) => pick(s, { teamId: teamOnClock(s)!, playerId: choice }, at(players)));
        states.push(draft.state);
      }
      // Every state of the draft still answers as a walk over its own picks does.
      for (const state of states) {
        for (const id of ids) assert.equal(isTaken(state, id), state.picks.some((p) => p.playerId === id));
        for (const teamId of teams(4)) {
          assert.equal(rosterSize(state, teamId), state.picks.filter((p) => p.teamId === teamId).length);
          assert.deepEqual(slotCounts(state, teamId, players), naiveSlotCounts(state, teamId, players));
          assert.deepEqual(whyNoPick(state, teamId, players)?.reason ?? null, naiveWhyNoPick(state, teamId, players));
        }
      }
    }
  });
});

/** The rules' answers as they were computed before the board: walks over every pick and the whole pool. */
function naiveSlotCounts(state: DraftState, teamId: string, players: Pool): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (position: string) => counts.set(position, (counts.get(position) ?? 0) + 1);
  const mine = (p: DraftPick) => p.teamId === teamId;
  for (const p of state.picks.filter((p) => mine(p) && p.keeper)) {
    const positions = players.get(p.playerId)?.positions ?? [];
    const slot = slotFor(state.config.rosterRules, counts, positions) ?? positions[0];
    if (slot !== undefined) add(slot);
  }
  for (const p of state.picks.filter((p) => mine(p) && !p.keeper && p.slot !== '')) add(p.slot);
  return counts;
}

function naiveWhyNoPick(state: DraftState, teamId: string, players: Pool): string | null {
  const rules = state.config.rosterRules;
  if (rules.total !== undefined && state.picks.filter((p) => p.teamId === teamId).length >= rules.total) return 'ROSTER_FULL';
  const counts = naiveSlotCounts(state, teamId, players);
  const free = [...players.values()].filter((p) => !state.picks.some((q) => q.playerId === p.id));
  return free.some((p) => slotFor(rules, counts, p.positions) !== null) ? null : 'NO_ELIGIBLE_PLAYER';
}

function naiveAutopick(state: DraftState, teamId: string, players: Pool): string | null {
  const rules = state.config.rosterRules;
  const counts = naiveSlotCounts(state, teamId, players);
  const slotOf = (p: PoolPlayer) => slotFor(rules, counts, p.positions);
  const available = (p: PoolPlayer | undefined): p is PoolPlayer =>
    p !== undefined && !state.picks.some((q) => q.playerId === p.id) && slotOf(p) !== null;
  for (const id of state.queues[teamId] ?? []) if (available(players.get(id))) return id;
  const candidates = [...players.values()].filter(available).sort((a, b) => a.rank - b.rank || a.adp - b.adp || (a.id < b.id ? -1 : 1));
  if (candidates.length === 0) return null;
  const needed = Object.entries(rules.maxPerPosition).filter(([pos, max]) => max > 0 && !counts.get(pos)).map(([pos]) => pos);
  let left = 0;
  for (let overall = state.currentPick; overall <= state.config.rounds * state.config.order.length; overall++) {
    const done = state.picks.some((p) => p.overall === overall) || state.skips.some((s) => s.overall === overall);
    if (!done && teamOnClock({ ...state, currentPick: overall }) === teamId) left++;
  }
  if (needed.length > 0 && left <= needed.length) {
    const filler = candidates.find((p) => needed.includes(slotOf(p) ?? ''));
    if (filler) return filler.id;
  }
  return candidates[0].id;
}
