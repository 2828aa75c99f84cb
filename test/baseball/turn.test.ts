import assert from 'node:assert/strict';
import {
  BUNT_CHART, DOUBLED_OFF_MAX, HOLD_PENALTY, INFIELD_IN_BUNT, INFIELD_IN_THROUGH, TACTIC, applyPlay, playTactics, playTurn, replay,
  replayDice, resolvePlateAppearance, resolveSteal, resolveStoredPlay, rngDice, scriptedDice, speedChecks, stealNeeds,
  type DefenseDecision, type GameEvent, type GameState, type OffenseDecision, type Play,
} from '../../src/baseball/index.ts';
import { HIT_AND_RUN_GOING, HIT_AND_RUN_JUMP_PENALTY, LINED_INTO_DP, hitAndRunMissMax } from '../../src/baseball/charts.ts';
import { hitAndRunStealNeeds } from '../../src/baseball/steal.ts';
import { seededRng } from '../../src/dice/rng.ts';
import { isRuleError } from '../../src/rules/rule-error.ts';
import { BATTER_ROLL, PD, PITCHER_ROLL, Scenario, bases } from './fixtures.ts';

/** Plays a turn that must be legal; returns its events. */
export function turn(s: Scenario, state: GameState, defense: DefenseDecision, offense: OffenseDecision, dice: number[] = []): GameEvent[] {
  const outcome = playTurn(state, defense, offense, scriptedDice(dice), s.ctx);
  if (isRuleError(outcome)) assert.fail(`refused: ${outcome.code} ${outcome.message}`);
  return outcome.events;
}

/** The code a turn is refused with (null when it is legal: then it is played with any dice). */
export function refusal(s: Scenario, state: GameState, defense: DefenseDecision, offense: OffenseDecision): string | null {
  const outcome = playTurn(state, defense, offense, rngDice(seededRng(1)), s.ctx);
  return isRuleError(outcome) ? outcome.code : null;
}

export const playsOf = (events: readonly GameEvent[]): Play[] => events.flatMap((e) => (e.type === 'play' ? [e.play] : []));
const moves = (play: Play) => play.moves.map((m) => `${m.runnerId}:${m.from}-${m.to}`);
const onBase = (state: GameState) => state.bases.map((r) => r?.id ?? '');

function withBunt(s: Scenario, id: string, bunt: 'A' | 'B' | 'C' | 'D'): Scenario {
  return s.set(id, { ratings: { batting: { ...s.players.get(id)!.ratings.batting, bunt } } });
}

describe('baseball turns: the intentional walk', () => {
  it('walks the batter intentionally without rolling', () => {
    const s = new Scenario();
    const state = s.state(PD, { bases: bases('a8', 'a9', 'a7') });
    // Scripted dice with no values: any roll would throw.
    const events = turn(s, state, { intentionalWalk: true, infieldIn: true }, { bunt: true });
    const [play] = playsOf(events);
    assert.equal(events.length, 1);
    assert.deepEqual([play.code, play.pa, play.ab, play.bb, play.ibb, play.runs, play.rbi], ['IBB', 1, 0, 1, 1, 1, 1]);
    assert.deepEqual(play.dice, []);
    assert.deepEqual(play.tactics, ['IBB'], 'the other decisions did not apply');
    const after = replay(state, events);
    assert.deepEqual(onBase(after), ['a1', 'a8', 'a9']);
    assert.equal(after.away.next, 1);
  });
});

describe('baseball turns: infield in and holding the runner', () => {
  it('holds the runner on third on a grounder with the infield in', () => {
    const s = new Scenario().set('a1', { batting: 'GB-B' });
    const state = s.state(PD, { bases: bases('', '', 'a9') });
    const back = playsOf(turn(s, state, {}, {}, BATTER_ROLL))[0];
    assert.deepEqual([back.code, back.runs], ['GO', 1], 'with the infield back the run scores');
    // The extra d20 for a grounder through the drawn-in infield: 4 is over INFIELD_IN_THROUGH.
    const events = turn(s, state, { infieldIn: true }, {}, [...BATTER_ROLL, INFIELD_IN_THROUGH + 1]);
    const [play] = playsOf(events);
    assert.deepEqual([play.code, play.runs, play.outs], ['GO', 0, 1]);
    assert.deepEqual(play.tactics, ['infield in']);
    assert.deepEqual(onBase(replay(state, events)), ['', '', 'a9']);
  });

  it('lets some grounders through the drawn-in infield for a single', () => {
    const s = new Scenario().set('a1', { batting: 'GB-C' });
    const state = s.state(PD, { outs: 1, bases: bases('', '', 'a9') });
    const [play] = playsOf(turn(s, state, { infieldIn: true }, {}, [...BATTER_ROLL, INFIELD_IN_THROUGH]));
    assert.deepEqual([play.code, play.h, play.runs, play.rbi], ['1B', 1, 1, 1]);
    assert.match(play.description, /through the infield/);
  });

  it('forces the runner at the plate with the infield in and the bases loaded', () => {
    const s = new Scenario().set('a1', { batting: 'GB-B' });
    const state = s.state(PD, { bases: bases('a7', 'a8', 'a9') });
    const [play] = playsOf(turn(s, state, { infieldIn: true }, {}, [...BATTER_ROLL, 20]));
    assert.equal(play.code, 'FC');
    assert.deepEqual(moves(play), ['a9:3-0', 'a8:2-3', 'a7:1-2', 'a1:0-1']);
    assert.equal(play.runs, 0);
  });

  it('makes the steal of 2nd harder when the runner is held, and costs him 1st-to-3rd on singles', () => {
    const s = new Scenario().set('a8', { speed: 20 }).set('a1', { batting: '1B' });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const needs = stealNeeds(state, 1, s.ctx);
    assert.equal(stealNeeds(state, 1, s.ctx, true), needs - HOLD_PENALTY);
    const free = playsOf(turn(s, state, {}, { steal: 1 }, [needs, ...BATTER_ROLL, 20]));
    assert.equal(free[0].code, 'SB2');
    const held = playsOf(turn(s, state, { holdRunners: true }, { steal: 1 }, [needs, ...BATTER_ROLL, 20]));
    assert.deepEqual([held[0].code, held[0].tactics], ['CS2', ['hold']]);
    assert.deepEqual([held[1].code, held[1].tactics], ['1B', []], 'the PA follows; nobody on 1st to hold any more');
    // Single, held runner: the first-to-third check needs HOLD_PENALTY less.
    const check = speedChecks.firstToThird(20, 0);
    const single = (defense: DefenseDecision) => playsOf(turn(s, state, defense, {}, [...BATTER_ROLL, check]))[0];
    assert.deepEqual(moves(single({})), ['a8:1-3', 'a1:0-1']);
    assert.deepEqual(moves(single({ holdRunners: true })), ['a8:1-2', 'a1:0-1']);
  });

  it('opens the hole on the right side when the first baseman holds the runner', () => {
    const s = new Scenario().set('a1', { batting: 'GB-B' });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    assert.equal(playsOf(turn(s, state, { holdRunners: true }, {}, [...BATTER_ROLL, 1, 20]))[0].code, '1B');
    assert.equal(playsOf(turn(s, state, { holdRunners: true }, {}, [...BATTER_ROLL, 2]))[0].code, 'FC');
  });
});

describe('baseball turns: steals', () => {
  it('plays the PA after a steal, but not when the steal ends the inning', () => {
    const s = new Scenario().set('a8', { speed: 20 });
    const state = s.state(PD, { outs: 2, bases: bases('a8', '', '') });
    const needs = stealNeeds(state, 1, s.ctx);
    const safe = turn(s, state, {}, { steal: 1 }, [needs, ...BATTER_ROLL]);
    assert.deepEqual(playsOf(safe).map((p) => p.code), ['SB2', 'K']);
    const caught = turn(s, state, {}, { steal: 1 }, [needs + 1]);
    assert.deepEqual(playsOf(caught).map((p) => p.code), ['CS2']);
    const after = replay(state, caught);
    assert.deepEqual([after.half, after.away.next], ['bottom', 0], 'the batter leads off the next inning');
  });
});

describe('baseball turns: hit-and-run', () => {
  // The a-side batters strike out 22.5 % of the time: they miss the hit-and-run pitch on d20 1..6.
  const MISS = hitAndRunMissMax(0.225);
  const CONTACT = MISS + 1;

  it('misses the pitch on a d20 by the batter\'s strikeout rate', () => {
    assert.equal(MISS, 6);
    assert.equal(hitAndRunMissMax(0.1), 3, 'a contact hitter misses less');
    assert.equal(hitAndRunMissMax(0.4), 9, 'a pitcher at the plate misses almost half the time');
    assert.equal(hitAndRunMissMax(0), 1);
    assert.equal(hitAndRunMissMax(1), 19);
  });

  it('avoids the double play on a grounder with the hit-and-run: the runner reaches 2nd', () => {
    const s = new Scenario().set('a1', { batting: 'GB-A' });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    assert.equal(playsOf(turn(s, state, {}, {}, BATTER_ROLL))[0].code, 'GIDP');
    // Contact, the card's GB A, and the line-drive d20 above LINED_INTO_DP: a grounder.
    const events = turn(s, state, {}, { hitAndRun: true }, [CONTACT, ...BATTER_ROLL, LINED_INTO_DP + 1]);
    const [play] = playsOf(events);
    assert.deepEqual([play.code, play.gidp, play.outs], ['GO', 0, 1]);
    assert.deepEqual(play.tactics, ['hit-and-run']);
    assert.deepEqual(play.dice.map((d) => d.sides), [20, 6, 6, 6, 20, 20]);
    assert.deepEqual(onBase(replay(state, events)), ['', 'a8', '']);
  });

  it('doubles the runner off on a line drive at an infielder (GB A) on a low d20', () => {
    const s = new Scenario().set('a1', { batting: 'GB-A' });
    const state = s.state(PD, { bases: bases('a8', '', 'a9') });
    const events = turn(s, state, {}, { hitAndRun: true }, [CONTACT, ...BATTER_ROLL, LINED_INTO_DP]);
    const [dp] = playsOf(events);
    assert.deepEqual([dp.code, dp.outs, dp.gidp, dp.runs], ['DP', 2, 0, 0]);
    assert.deepEqual(moves(dp), ['a8:1-0', 'a1:0-0']);
    assert.deepEqual(onBase(replay(state, events)), ['', '', 'a9'], 'the runner on 3rd holds on a liner');
  });

  it('sends the runner from 1st to 3rd on a single, and home on a double, far more often', () => {
    const s = new Scenario().set('a1', { batting: '1B' }).set('a8', { speed: 1 });
    const state = s.state(PD, { bases: bases('a8', '', 'a9') });
    const third = speedChecks.firstToThird(1, 0) + HIT_AND_RUN_GOING;
    assert.equal(third, 12, 'even the slowest runner makes 3rd on 12 of 20 (2 standing)');
    const single = (d: number) => playsOf(turn(s, state, {}, { hitAndRun: true }, [CONTACT, ...BATTER_ROLL, d]))[0];
    assert.deepEqual(moves(single(third)), ['a9:3-4', 'a8:1-3', 'a1:0-1']);
    assert.deepEqual(moves(single(third + 1)), ['a9:3-4', 'a8:1-2', 'a1:0-1']);
    assert.equal(single(third).dice.length, 6, 'the contact d20, the card\'s four dice and the speed check');
    s.set('a1', { batting: '2B' });
    const home = speedChecks.scoreFromFirst(1, 0) + HIT_AND_RUN_GOING;
    const double = (d: number) => playsOf(turn(s, state, {}, { hitAndRun: true }, [CONTACT, ...BATTER_ROLL, d]))[0];
    assert.deepEqual([double(home).runs, double(home + 1).runs], [2, 1]);
  });

  it('lets the batter miss on the hit-and-run: the runner is out stealing on a bad jump', () => {
    const s = new Scenario().set('a1', { batting: '1B' }).set('a8', { speed: 20 });
    const state = s.state(PD, { outs: 1, bases: bases('a8', '', '') });
    const needs = hitAndRunStealNeeds(state, s.ctx);
    assert.equal(needs, stealNeeds(state, 1, s.ctx) - HIT_AND_RUN_JUMP_PENALTY);
    // Missed (d20 <= MISS), the steal d20 one over what the bad jump leaves him: caught.
    const caught = turn(s, state, {}, { hitAndRun: true }, [MISS, needs + 1, ...BATTER_ROLL]);
    const [cs, pa] = playsOf(caught);
    assert.deepEqual([cs.kind, cs.code, cs.runnerId, cs.outs, cs.pa, cs.pitches], ['steal', 'CS2', 'a8', 1, 0, 1]);
    assert.deepEqual(cs.tactics, ['hit-and-run']);
    assert.deepEqual(cs.dice, [{ sides: 20, value: MISS }, { sides: 20, value: needs + 1 }]);
    assert.match(cs.description, /misses the hit-and-run pitch: A8 is caught stealing 2nd/);
    // The batter's PA goes on, without the hit-and-run: a single with the bases empty.
    assert.deepEqual([pa.kind, pa.code, pa.tactics, pa.outsBefore], ['pa', '1B', [], 2]);
    assert.deepEqual(onBase(replay(state, caught)), ['a1', '', '']);
    // A 20 is no pickoff (he is running), and a good enough d20 steals the base; the PA follows.
    assert.equal(playsOf(turn(s, state, {}, { hitAndRun: true }, [MISS, 20, ...BATTER_ROLL]))[0].code, 'CS2');
    const stole = playsOf(turn(s, state, {}, { hitAndRun: true }, [1, needs, ...BATTER_ROLL]));
    assert.deepEqual(stole.map((p) => p.code), ['SB2', '1B']);
    assert.deepEqual(moves(stole[1]), ['a8:2-4', 'a1:0-1'], 'from 2nd he scores on the single');
  });

  it('makes the missed hit-and-run steal harder still when the runner is held', () => {
    const s = new Scenario().set('a8', { speed: 20 });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const held = hitAndRunStealNeeds(state, s.ctx, true);
    assert.equal(held, hitAndRunStealNeeds(state, s.ctx) - HOLD_PENALTY);
    const out = playsOf(turn(s, state, { holdRunners: true }, { hitAndRun: true }, [MISS, held + 1, ...BATTER_ROLL]));
    assert.deepEqual(out.map((p) => [p.code, p.tactics]), [['CS2', ['hit-and-run', 'hold']], ['K', []]]);
    const safe = playsOf(turn(s, state, { holdRunners: true }, { hitAndRun: true }, [MISS, held, ...BATTER_ROLL]));
    assert.deepEqual(safe.map((p) => p.code), ['SB2', 'K']);
  });

  it('does not turn a strikeout off the card into a steal: the runner went back on the pitch he fouled off', () => {
    const s = new Scenario();
    const state = s.state(PD, { outs: 1, bases: bases('a8', '', '') });
    const events = turn(s, state, {}, { hitAndRun: true }, [CONTACT, ...BATTER_ROLL]);
    assert.deepEqual(playsOf(events).map((p) => p.code), ['K']);
    assert.deepEqual(onBase(replay(state, events)), ['a8', '', '']);
  });

  it('doubles the runner off 1st on a line drive (FB C) on a low d20', () => {
    const s = new Scenario().set('a1', { batting: 'FB-C' });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const [dp] = playsOf(turn(s, state, {}, { hitAndRun: true }, [CONTACT, ...BATTER_ROLL, DOUBLED_OFF_MAX]));
    assert.deepEqual([dp.code, dp.outs], ['DP', 2]);
    const [back] = playsOf(turn(s, state, {}, { hitAndRun: true }, [CONTACT, ...BATTER_ROLL, DOUBLED_OFF_MAX + 1]));
    assert.deepEqual([back.code, back.outs], ['FO', 1]);
  });

  it('keeps the hit-and-run on a wild pitch before the PA: its dice begin with the contact d20', () => {
    const s = new Scenario().set('hp', { pitching: 'WP' });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const [wp] = playsOf(turn(s, state, {}, { hitAndRun: true }, [CONTACT, ...PITCHER_ROLL]));
    assert.deepEqual([wp.kind, wp.tactics, wp.dice.length], ['wild-pitch', ['hit-and-run'], 5]);
    assert.deepEqual(resolveStoredPlay(state, wp, s.ctx), wp);
  });

  it('stores every die a hit-and-run turn rolls in its plays', () => {
    const s = new Scenario().set('a1', { batting: 'GB-A' }).set('hp', { pitching: 'FB-C' });
    const state = s.state(PD, { bases: bases('a8', '', 'a9') });
    const rng = seededRng(7);
    const codes = new Set<string>();
    for (let i = 0; i < 300; i++) {
      let rolled = 0;
      const dice = rngDice(rng);
      const counted = { next: (sides: number) => { rolled++; return dice.next(sides); } };
      const outcome = playTurn(state, { holdRunners: i % 2 === 0, infieldIn: i % 3 === 0 }, { hitAndRun: true }, counted, s.ctx);
      if (isRuleError(outcome)) assert.fail(outcome.code);
      const plays = playsOf(outcome.events);
      assert.equal(plays.reduce((n, p) => n + p.dice.length, 0), rolled);
      let at = state;
      for (const play of plays) {
        assert.deepEqual(resolveStoredPlay(at, play, s.ctx), play);
        at = applyPlay(at, play);
      }
      codes.add(plays.map((p) => p.code).join(' '));
    }
    for (const seen of ['CS2 GO', 'SB2 GO', 'DP', 'GO', 'FO']) assert.ok(codes.has(seen), `${seen} in ${[...codes].join(', ')}`);
  });
});

describe('baseball turns: the sacrifice bunt', () => {
  it('sacrifices the runner to 2nd: batter out, no at-bat, no card read', () => {
    const s = withBunt(new Scenario(), 'a1', 'B');
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const events = turn(s, state, {}, { bunt: true }, [2]);
    const [play] = playsOf(events);
    assert.deepEqual([play.code, play.pa, play.ab, play.sac, play.outs, play.h], ['SH', 1, 0, 1, 1, 0]);
    assert.deepEqual(play.tactics, ['bunt']);
    assert.equal(play.outcome, null);
    assert.deepEqual(onBase(replay(state, events)), ['', 'a8', '']);
  });

  it('reads the bunt chart: a rare bunt single, a failed bunt that forces the lead runner, a pop-up', () => {
    const s = withBunt(new Scenario(), 'a1', 'B');
    const state = s.state(PD, { bases: bases('a7', 'a8', '') });
    const chart = BUNT_CHART.B;
    const bunt = (d: number) => playsOf(turn(s, state, {}, { bunt: true }, [d]))[0];
    assert.deepEqual([bunt(1).code, ...moves(bunt(1))], ['1B', 'a8:2-3', 'a7:1-2', 'a1:0-1']);
    const failed = bunt(chart.sacrifice + 1);
    assert.deepEqual([failed.code, failed.ab, ...moves(failed)], ['FC', 1, 'a8:2-0', 'a7:1-2', 'a1:0-1']);
    const popped = bunt(20);
    assert.deepEqual([popped.code, popped.sac, ...moves(popped)], ['FO', 0, 'a1:0-0']);
  });

  it('fails more often against a drawn-in infield, which also holds the runner on 3rd', () => {
    const s = withBunt(new Scenario(), 'a1', 'B');
    const state = s.state(PD, { bases: bases('a7', '', 'a9') });
    const d = BUNT_CHART.B.sacrifice - INFIELD_IN_BUNT + 1;
    const back = playsOf(turn(s, state, {}, { bunt: true }, [d]))[0];
    assert.deepEqual([back.code, back.runs, back.rbi], ['SH', 1, 1], 'a sacrifice moves every runner up');
    const drawnIn = playsOf(turn(s, state, { infieldIn: true }, { bunt: true }, [d]))[0];
    assert.equal(drawnIn.code, 'FC');
    assert.deepEqual(drawnIn.tactics, ['infield in', 'bunt']);
    const held = playsOf(turn(s, state, { infieldIn: true }, { bunt: true }, [2]))[0];
    assert.deepEqual([held.code, ...moves(held)], ['SH', 'a7:1-2', 'a1:0-0']);
  });
});

describe('baseball turns: legality of the tactics', () => {
  it('refuses tactics the bases, the outs or each other do not allow', () => {
    const s = new Scenario();
    const first = s.state(PD, { bases: bases('a8', '', '') });
    assert.equal(refusal(s, first, {}, { steal: 1, bunt: true }), 'CONFLICTING_TACTICS');
    assert.equal(refusal(s, first, {}, { steal: 1, hitAndRun: true }), 'CONFLICTING_TACTICS');
    assert.equal(refusal(s, { ...first, outs: 2 }, {}, { bunt: true }), 'TWO_OUTS');
    assert.equal(refusal(s, s.state(PD), {}, { bunt: true }), 'NO_RUNNER');
    assert.equal(refusal(s, s.state(PD, { bases: bases('', 'a8', '') }), {}, { hitAndRun: true }), 'NO_RUNNER');
    assert.equal(refusal(s, s.state(PD, { bases: bases('a7', 'a8', '') }), {}, { hitAndRun: true }), 'BASE_TAKEN');
    assert.equal(refusal(s, first, {}, { steal: 2 }), 'NO_RUNNER');
    assert.equal(refusal(s, s.state(PD, { bases: bases('a7', 'a8', '') }), {}, { steal: 1 }), 'BASE_TAKEN');
    assert.equal(refusal(s, first, { infieldIn: true }, {}), 'NO_RUNNER');
    assert.equal(refusal(s, s.state(PD, { outs: 2, bases: bases('', '', 'a8') }), { infieldIn: true }, {}), 'TWO_OUTS');
    assert.equal(refusal(s, s.state(PD, { bases: bases('', 'a8', '') }), { holdRunners: true }, {}), 'NO_RUNNER');
    assert.equal(refusal(s, { ...first, status: 'final' }, {}, {}), 'GAME_OVER');
    assert.equal(refusal(s, first, { intentionalWalk: true, holdRunners: true }, { hitAndRun: true }), null);
  });
});

describe('baseball turns: stored plays', () => {
  it('re-resolves a play with tactics from its own dice and tactics', () => {
    const s = new Scenario().set('a1', { batting: 'GB-B' }).set('a8', { speed: 20 });
    const state = s.state(PD, { bases: bases('a8', '', 'a9') });
    const events = turn(s, state, { infieldIn: true, holdRunners: true }, { hitAndRun: true }, [20, ...BATTER_ROLL, 20]);
    const [play] = playsOf(events);
    assert.deepEqual(play.tactics, [TACTIC.infieldIn, TACTIC.hitAndRun, TACTIC.holdRunners]);
    assert.deepEqual(resolvePlateAppearance(state, replayDice(play.dice), s.ctx, playTactics(play)), play);
    assert.deepEqual(resolveStoredPlay(state, play, s.ctx), play);
    for (const held of [false, true]) {
      const steal = resolveSteal(state, 1, scriptedDice([20]), s.ctx, held);
      assert.deepEqual(resolveStoredPlay(state, steal, s.ctx), steal);
    }
    // A missed hit-and-run: the steal play (contact and steal d20) and the PA after it.
    const missed = playsOf(turn(s, state, { infieldIn: true, holdRunners: true }, { hitAndRun: true }, [1, 1, ...BATTER_ROLL, 20]));
    assert.deepEqual(missed.map((p) => [p.kind, p.code, p.tactics]), [['steal', 'SB2', ['hit-and-run', 'hold']], ['pa', 'GO', ['infield in']]]);
    assert.deepEqual(resolveStoredPlay(state, missed[0], s.ctx), missed[0]);
    assert.deepEqual(resolveStoredPlay(applyPlay(state, missed[0]), missed[1], s.ctx), missed[1]);
    const ibb = playsOf(turn(s, state, { intentionalWalk: true }, {}))[0];
    assert.deepEqual(resolveStoredPlay(state, ibb, s.ctx), ibb);
    assert.equal(applyPlay(state, play).outs, 1);
  });
});
