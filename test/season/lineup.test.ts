import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyLineup, autoLineup, setLineup, type LineupCode, type LineupSet, type LineupState, type RosterPlayer } from '../../src/season/lineup.ts';
import { DEFAULT_LINEUP, canPlay } from '../../src/season/lineup-slots.ts';
import { RuleHarness } from '../helpers/rules.ts';

const SETTINGS = DEFAULT_LINEUP.football;
const KICKOFF = Date.parse('2026-09-13T17:00:00Z');
const LATE = Date.parse('2026-09-14T00:20:00Z');

/** A 15-man roster: positions with ranks; the second QB plays the late game. */
function roster(): Map<string, RosterPlayer> {
  const spec: Array<[string, string, number, number]> = [
    ['qb1', 'QB', 10, KICKOFF], ['qb2', 'QB', 40, LATE],
    ['rb1', 'RB', 1, KICKOFF], ['rb2', 'RB', 5, KICKOFF], ['rb3', 'RB', 30, LATE], ['rb4', 'RB', 60, LATE],
    ['wr1', 'WR', 2, KICKOFF], ['wr2', 'WR', 8, LATE], ['wr3', 'WR', 20, KICKOFF], ['wr4', 'WR', 70, LATE],
    ['te1', 'TE', 25, KICKOFF], ['te2', 'TE', 90, LATE], ['k1', 'K', 150, KICKOFF], ['def1', 'DEF', 160, LATE], ['def2', 'DEF', 170, KICKOFF],
  ];
  return new Map(spec.map(([id, position, rank, kickoff]) => [id, { id, positions: [position], rank, kickoff }]));
}

function harness(final = false) {
  const r = roster();
  const state: LineupState = { settings: SETTINGS, roster: r, starters: autoLineup(SETTINGS, r.values()), auto: true, final };
  return new RuleHarness<LineupState, LineupSet, LineupCode>(state, applyLineup);
}

describe('lineups: slots, eligibility, locks, automatic lineup', () => {
  it('the automatic lineup starts the best-ranked eligible player of each slot, FLEX last', () => {
    const h = harness();
    // QB, RB, RB, WR, WR, TE, FLEX, K, DEF
    assert.deepEqual(h.state.starters, ['qb1', 'rb1', 'rb2', 'wr1', 'wr2', 'te1', 'wr3', 'k1', 'def1']);
    assert.equal(h.state.auto, true);
  });

  it('any roster: the automatic lineup is legal (eligible, distinct, rostered) and fills every slot it can', () => {
    const positions = ['QB', 'RB', 'WR', 'TE', 'K', 'DEF'];
    fc.assert(fc.property(fc.array(fc.record({ pos: fc.constantFrom(...positions), rank: fc.integer({ min: 1, max: 400 }) }), { maxLength: 20 }), (spec) => {
      const players = spec.map((s, i) => ({ id: `p${i}`, positions: [s.pos], rank: s.rank, kickoff: LATE }));
      const starters = autoLineup(SETTINGS, players);
      const byId = new Map(players.map((p) => [p.id, p]));
      const named = starters.filter((id): id is string => id !== null);
      assert.equal(new Set(named).size, named.length);
      starters.forEach((id, i) => { if (id) assert.ok(canPlay(SETTINGS, SETTINGS.slots[i], byId.get(id)!.positions)); });
      // An empty slot means no unused eligible player was left for it.
      starters.forEach((id, i) => {
        if (id === null) assert.ok(!players.some((p) => !named.includes(p.id) && canPlay(SETTINGS, SETTINGS.slots[i], p.positions)));
      });
      // Accepted as a lineup by the rule before any lock.
      const state: LineupState = { settings: SETTINGS, roster: byId, starters: SETTINGS.slots.map(() => null), auto: true, final: false };
      assert.ok('events' in setLineup(state, { starters }, { now: 0 }));
    }));
  });

  it('sets a legal lineup before kickoff, flagged as the manager\'s', () => {
    const h = harness();
    const starters = ['qb2', 'rb1', 'rb3', 'wr1', 'wr2', 'te1', 'rb2', 'k1', 'def2'];
    h.do((s) => setLineup(s, { starters }, { now: KICKOFF - 1 }));
    assert.deepEqual(h.state.starters, starters);
    assert.equal(h.state.auto, false);
  });

  it('checks each player against his slot and the roster', () => {
    const h = harness();
    const base = [...h.state.starters];
    const at = (i: number, id: string | null) => base.map((v, j) => (j === i ? id : v));
    h.refuse((s) => setLineup(s, { starters: at(0, 'rb3') }, { now: 0 }), 'INELIGIBLE_FOR_SLOT');
    h.refuse((s) => setLineup(s, { starters: at(6, 'qb2') }, { now: 0 }), 'INELIGIBLE_FOR_SLOT'); // FLEX is RB/WR/TE
    h.refuse((s) => setLineup(s, { starters: at(0, 'someone-else') }, { now: 0 }), 'NOT_ON_ROSTER');
    h.refuse((s) => setLineup(s, { starters: at(2, 'rb1') }, { now: 0 }), 'DUPLICATE_PLAYER');
    h.refuse((s) => setLineup(s, { starters: base.slice(1) }, { now: 0 }), 'WRONG_SLOT_COUNT');
    // Empty slots are allowed (the team just scores nothing there).
    h.do((s) => setLineup(s, { starters: at(7, null) }, { now: 0 }));
  });

  it('locks each player at his kickoff, to the millisecond, while later games still move', () => {
    const h = harness();
    const base = [...h.state.starters];
    const at = (i: number, id: string | null) => base.map((v, j) => (j === i ? id : v));
    // One millisecond before the early kickoff: qb1 may still sit.
    h.do((s) => setLineup(s, { starters: at(0, 'qb2') }, { now: KICKOFF - 1 }));
    h.do((s) => setLineup(s, { starters: base }, { now: KICKOFF - 1 }));
    // At kickoff: qb1 (early game) is locked in, bench or slot alike.
    h.refuse((s) => setLineup(s, { starters: at(0, 'qb2') }, { now: KICKOFF }), 'LINEUP_LOCKED');
    // A locked bench player may not come in either (def2 plays early).
    h.refuse((s) => setLineup(s, { starters: at(8, 'def2') }, { now: KICKOFF }), 'LINEUP_LOCKED');
    // Late-game players still move: wr2 (late) out, wr4 (late) in.
    h.do((s) => setLineup(s, { starters: at(4, 'wr4') }, { now: KICKOFF + 1 }));
    // Moving a locked starter between two slots of other names is a move too (rb2 from RB to FLEX).
    const swapped = [...h.state.starters];
    swapped[2] = 'rb3'; swapped[6] = 'rb2';
    h.refuse((s) => setLineup(s, { starters: swapped }, { now: KICKOFF + 1 }), 'LINEUP_LOCKED');
    // After the late kickoff nothing moves.
    h.refuse((s) => setLineup(s, { starters: at(4, 'wr2') }, { now: LATE }), 'LINEUP_LOCKED');
  });

  it('a final period takes no change', () => {
    const h = harness(true);
    h.refuse((s) => setLineup(s, { starters: [...s.starters] }, { now: 0 }), 'PERIOD_FINAL');
  });
});
