import assert from 'node:assert/strict';
import {
  BUNT_CHART, HOLD_PENALTY, INFIELD_IN_BUNT, INFIELD_IN_THROUGH, TACTIC, applyPlay, playTactics, playTurn, replay,
  replayDice, resolvePlateAppearance, resolveSteal, resolveStoredPlay, rngDice, scriptedDice, speedChecks, stealNeeds,
  type DefenseDecision, type GameEvent, type GameState, type OffenseDecision, type Play,
} from '../../src/baseball/index.ts';
import { seededRng } from '../../src/dice/rng.ts';
import { isRuleError } from '../../src/rules/rule-error.ts';
import { BATTER_ROLL, PD, Scenario, bases } from './fixtures.ts';

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
  it('avoids the double play on a grounder with the hit-and-run: the runner reaches 2nd', () => {
    const s = new Scenario().set('a1', { batting: 'GB-A' });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    assert.equal(playsOf(turn(s, state, {}, {}, BATTER_ROLL))[0].code, 'GIDP');
    const events = turn(s, state, {}, { hitAndRun: true }, BATTER_ROLL);
    const [play] = playsOf(events);
    assert.deepEqual([play.code, play.gidp, play.outs], ['GO', 0, 1]);
    assert.deepEqual(play.tactics, ['hit-and-run']);
    assert.deepEqual(onBase(replay(state, events)), ['', 'a8', '']);
  });

  it('sends the runner from 1st to 3rd on a single, without a speed check', () => {
    const s = new Scenario().set('a1', { batting: '1B' }).set('a8', { speed: 1 });
    const state = s.state(PD, { bases: bases('a8', '', 'a9') });
    const [play] = playsOf(turn(s, state, {}, { hitAndRun: true }, BATTER_ROLL));
    assert.deepEqual(moves(play), ['a9:3-4', 'a8:1-3', 'a1:0-1']);
    assert.equal(play.dice.length, 4);
  });

  it('turns a strikeout into a steal attempt: strike him out, throw him out', () => {
    const s = new Scenario();
    const state = s.state(PD, { outs: 1, bases: bases('a8', '', '') });
    const needs = stealNeeds(state, 1, s.ctx);
    const caught = turn(s, state, {}, { hitAndRun: true }, [...BATTER_ROLL, needs + 1]);
    const [k, cs] = playsOf(caught);
    assert.deepEqual([k.code, cs.code, cs.runnerId, cs.pitches], ['K', 'CS2', 'a8', 0]);
    assert.deepEqual(cs.tactics, ['hit-and-run']);
    assert.equal(replay(state, caught).half, 'bottom', 'two outs on the pitch end the inning');
    assert.equal(playsOf(turn(s, state, {}, { hitAndRun: true }, [...BATTER_ROLL, 20]))[1].code, 'CS2', 'no pickoff: he is running');
    const stole = playsOf(turn(s, state, { holdRunners: true }, { hitAndRun: true }, [...BATTER_ROLL, needs - HOLD_PENALTY]));
    assert.deepEqual(stole.map((p) => p.code), ['K', 'SB2']);
    assert.deepEqual(stole[1].tactics, ['hit-and-run', 'hold']);
  });

  it('doubles the runner off 1st on a line drive (FB C) on a low d20', () => {
    const s = new Scenario().set('a1', { batting: 'FB-C' });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const [dp] = playsOf(turn(s, state, {}, { hitAndRun: true }, [...BATTER_ROLL, 10]));
    assert.deepEqual([dp.code, dp.outs], ['DP', 2]);
    const [back] = playsOf(turn(s, state, {}, { hitAndRun: true }, [...BATTER_ROLL, 11]));
    assert.deepEqual([back.code, back.outs], ['FO', 1]);
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
    const events = turn(s, state, { infieldIn: true, holdRunners: true }, { hitAndRun: true }, [...BATTER_ROLL, 20]);
    const [play] = playsOf(events);
    assert.deepEqual(play.tactics, [TACTIC.infieldIn, TACTIC.hitAndRun, TACTIC.holdRunners]);
    assert.deepEqual(resolvePlateAppearance(state, replayDice(play.dice), s.ctx, playTactics(play)), play);
    assert.deepEqual(resolveStoredPlay(state, play, s.ctx), play);
    for (const running of [false, true]) {
      const steal = resolveSteal(state, 1, scriptedDice([20]), s.ctx, true, running);
      assert.deepEqual(resolveStoredPlay(state, steal, s.ctx), steal);
    }
    const ibb = playsOf(turn(s, state, { intentionalWalk: true }, {}))[0];
    assert.deepEqual(resolveStoredPlay(state, ibb, s.ctx), ibb);
    assert.equal(applyPlay(state, play).outs, 1);
  });
});
