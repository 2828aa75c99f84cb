import assert from 'node:assert/strict';
import {
  applyPlay, resolvePlateAppearance, resolveSteal, scriptedDice, speedChecks, stealThreshold,
  type Play,
} from '../../src/baseball/index.ts';
import { BATTER_ROLL, PITCHER_ROLL, PD, Scenario, bases } from './fixtures.ts';

/** The stat fields that are not zero, for compact assertions. */
function stats(play: Play): Record<string, number> {
  const keys = ['pa', 'ab', 'h', 'double', 'triple', 'hr', 'bb', 'so', 'hbp', 'rbi', 'sac', 'ibb', 'gidp', 'sb', 'cs',
    'wp', 'pb', 'pickoff', 'balk', 'runs', 'earnedRuns', 'outs', 'e'] as const;
  return Object.fromEntries(keys.filter((k) => play[k] !== 0).map((k) => [k, play[k]]));
}

const moves = (play: Play) => play.moves.map((m) => `${m.runnerId}:${m.from}-${m.to}`);

describe('baseball plays', () => {
  it('turns a GB A with a runner on 1st and nobody out into a double play; the run from 3rd scores without an RBI', () => {
    const s = new Scenario().set('a1', { batting: 'GB-A' });
    const state = s.state(PD, { bases: bases('a8', '', 'a9') });
    const play = resolvePlateAppearance(state, scriptedDice(BATTER_ROLL), s.ctx);
    assert.deepEqual(stats(play), { pa: 1, ab: 1, gidp: 1, runs: 1, earnedRuns: 1, outs: 2 });
    assert.equal(play.code, 'GIDP');
    assert.deepEqual(moves(play), ['a9:3-4', 'a8:1-0', 'a1:0-0']);
    const after = applyPlay(state, play);
    assert.equal(after.outs, 2);
    assert.deepEqual(after.bases, [null, null, null]);
    assert.equal(after.away.runs, 1);
    assert.equal(after.away.next, 1);
  });

  it('ends the inning on a GB A double play with one out: no run scores', () => {
    const s = new Scenario().set('a1', { batting: 'GB-A' });
    const state = s.state(PD, { outs: 1, bases: bases('a8', '', 'a9') });
    const play = resolvePlateAppearance(state, scriptedDice(BATTER_ROLL), s.ctx);
    assert.deepEqual(stats(play), { pa: 1, ab: 1, gidp: 1, outs: 2 });
    const after = applyPlay(state, play);
    assert.equal(after.half, 'bottom');
    assert.equal(after.away.runs, 0);
  });

  it('makes a FB A with a runner on 3rd and fewer than two outs a sacrifice fly', () => {
    const s = new Scenario().set('a1', { batting: 'FB-A' });
    const play = resolvePlateAppearance(s.state(PD, { outs: 1, bases: bases('', 'a8', 'a9') }), scriptedDice(BATTER_ROLL), s.ctx);
    assert.deepEqual(stats(play), { pa: 1, sac: 1, rbi: 1, runs: 1, earnedRuns: 1, outs: 1 });
    assert.equal(play.code, 'SF');
    assert.deepEqual(moves(play), ['a9:3-4', 'a8:2-3', 'a1:0-0'], 'the runner on 2nd tags to 3rd');
  });

  it('scores nobody on a FB A with two outs: the catch is the third out', () => {
    const s = new Scenario().set('a1', { batting: 'FB-A' });
    const play = resolvePlateAppearance(s.state(PD, { outs: 2, bases: bases('', '', 'a9') }), scriptedDice(BATTER_ROLL), s.ctx);
    assert.deepEqual(stats(play), { pa: 1, ab: 1, outs: 1 });
  });

  it('runs the Strat defaults on a single: 2nd scores, 1st goes to 2nd, or to 3rd on a speed check', () => {
    const s = new Scenario().set('a1', { batting: '1B' }).set('a7', { speed: 10 });
    const state = s.state(PD, { bases: bases('a7', 'a8', '') });
    const needs = speedChecks.firstToThird(10, 0);
    const held = resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL, needs + 1]), s.ctx);
    assert.deepEqual(moves(held), ['a8:2-4', 'a7:1-2', 'a1:0-1']);
    assert.deepEqual(stats(held), { pa: 1, ab: 1, h: 1, rbi: 1, runs: 1, earnedRuns: 1 });
    const went = resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL, needs]), s.ctx);
    assert.deepEqual(moves(went), ['a8:2-4', 'a7:1-3', 'a1:0-1']);
    assert.deepEqual(applyPlay(state, went).bases.map((r) => r?.id ?? null), ['a1', null, 'a7']);
  });

  it('scores the runner from 1st on a double when he passes the speed check', () => {
    const s = new Scenario().set('a1', { batting: '2B' }).set('a7', { speed: 20 });
    const state = s.state(PD, { bases: bases('a7', '', '') });
    const needs = speedChecks.scoreFromFirst(20, 0);
    assert.deepEqual(moves(resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL, needs]), s.ctx)), ['a7:1-4', 'a1:0-2']);
    assert.deepEqual(moves(resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL, needs + 1]), s.ctx)), ['a7:1-3', 'a1:0-2']);
  });

  it('forces runners on a walk and scores a run with the bases loaded', () => {
    const s = new Scenario().set('a1', { batting: 'BB' });
    const play = resolvePlateAppearance(s.state(PD, { bases: bases('a7', 'a8', 'a9') }), scriptedDice(BATTER_ROLL), s.ctx);
    assert.deepEqual(stats(play), { pa: 1, bb: 1, rbi: 1, runs: 1, earnedRuns: 1 });
    assert.deepEqual(moves(play), ['a9:3-4', 'a8:2-3', 'a7:1-2', 'a1:0-1']);
  });

  it('clears the bases on a grand slam', () => {
    const s = new Scenario().set('a1', { batting: 'HR' });
    const play = resolvePlateAppearance(s.state(PD, { bases: bases('a7', 'a8', 'a9') }), scriptedDice(BATTER_ROLL), s.ctx);
    assert.deepEqual(stats(play), { pa: 1, ab: 1, h: 1, hr: 1, rbi: 4, runs: 4, earnedRuns: 4 });
    assert.equal(play.onBaseCodeAfter, 0);
  });

  it('resolves an X-check with the fielder: an error puts the batter on and the run is unearned', () => {
    const s = new Scenario().set('hp', { pitching: 'X-SS' });
    s.set('h5', { ratings: { fielding: { SS: { range: 5, error: 30 } } } });
    const state = s.state(PD, { bases: bases('', '', 'a9') });
    // range d20 20: no hit for range 5 (hits on 1-10); error d100 30 <= 30.
    const play = resolvePlateAppearance(state, scriptedDice([...PITCHER_ROLL, 20, 30]), s.ctx);
    assert.equal(play.code, 'E6');
    assert.equal(play.defenderId, 'h5');
    assert.ok(play.reachedOnError);
    assert.deepEqual(stats(play), { pa: 1, ab: 1, runs: 1, e: 1 });
    const after = applyPlay(state, play);
    assert.deepEqual(after.bases[0], { id: 'a1', pitcherId: 'hp', earned: false });
    assert.ok(after.errorInHalf, 'later runs this half-inning are unearned');
    assert.equal(after.home.errors, 1);
    // No error (d100 31): a ground out; a range 1 fielder turns d20 1-2 into hits only.
    assert.equal(resolvePlateAppearance(state, scriptedDice([...PITCHER_ROLL, 20, 31]), s.ctx).code, 'GO');
    s.set('h5', { ratings: { fielding: { SS: { range: 1, error: 0 } } } });
    assert.equal(resolvePlateAppearance(state, scriptedDice([...PITCHER_ROLL, 2, 99]), s.ctx).code, '1B');
    assert.equal(resolvePlateAppearance(state, scriptedDice([...PITCHER_ROLL, 3, 99]), s.ctx).code, 'GO');
  });

  it('moves runners on a wild pitch without ending the PA, and reads the dice again with the bases empty', () => {
    const s = new Scenario().set('hp', { pitching: 'WP' });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const play = resolvePlateAppearance(state, scriptedDice(PITCHER_ROLL), s.ctx);
    assert.equal(play.kind, 'wild-pitch');
    assert.deepEqual(stats(play), { wp: 1 });
    const after = applyPlay(state, play);
    assert.equal(after.away.next, 0, 'the same batter is still up');
    assert.equal(after.bases[1]?.id, 'a8');
    // Empty bases: the WP row is a ball; the next reading (batter card: K) ends the PA.
    const empty = resolvePlateAppearance(s.state(PD), scriptedDice([...PITCHER_ROLL, ...BATTER_ROLL]), s.ctx);
    assert.equal(empty.code, 'K');
    assert.equal(empty.dice.length, 8);
  });

  it('checks the catcher on a passed-ball row', () => {
    const s = new Scenario().set('hp', { pitching: 'PB' });
    s.set('h1', { ratings: { passedBall: 2 } }); // PB on d20 1..8
    const state = s.state(PD, { bases: bases('', 'a8', '') });
    assert.equal(resolvePlateAppearance(state, scriptedDice([...PITCHER_ROLL, 8]), s.ctx).kind, 'passed-ball');
    assert.equal(resolvePlateAppearance(state, scriptedDice([...PITCHER_ROLL, 9, ...BATTER_ROLL]), s.ctx).code, 'K');
  });

  it('pitches from the tired card once the pitcher tires', () => {
    const s = new Scenario().set('hp', { pitching: 'K', tired: 'HR' });
    const fresh = s.state(PD);
    assert.equal(resolvePlateAppearance(fresh, scriptedDice(PITCHER_ROLL), s.ctx).code, 'K');
    const tiring = { ...fresh, home: { ...fresh.home, pitcher: { ...fresh.home.pitcher, outs: 18 } } }; // endurance 6 innings
    const play = resolvePlateAppearance(tiring, scriptedDice(PITCHER_ROLL), s.ctx);
    assert.equal(play.code, 'HR');
    assert.equal(play.fatigue, 1);
    assert.equal(resolvePlateAppearance(tiring, scriptedDice(BATTER_ROLL), s.ctx).code, 'K', 'the batter\'s card is his own');
  });

  it('steals on a d20 at or under the threshold, is caught above it and picked off on a 20', () => {
    const s = new Scenario().set('a8', { speed: 20 });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const needs = stealThreshold(20, 0, 0, 2);
    const sb = resolveSteal(state, 1, scriptedDice([needs]), s.ctx);
    assert.deepEqual(stats(sb), { sb: 1 });
    assert.equal(sb.runnerId, 'a8');
    assert.equal(applyPlay(state, sb).bases[1]?.id, 'a8');
    assert.deepEqual(stats(resolveSteal(state, 1, scriptedDice([needs + 1]), s.ctx)), { cs: 1, outs: 1 });
    assert.deepEqual(stats(resolveSteal(state, 1, scriptedDice([20]), s.ctx)), { pickoff: 1, outs: 1 });
  });

  it('records every die it used, so a play can be checked against its rolls', () => {
    const s = new Scenario().set('a1', { batting: '1B' });
    const play = resolvePlateAppearance(s.state(PD, { bases: bases('a8', '', '') }), scriptedDice([2, 3, 4, 17, 11]), s.ctx);
    assert.deepEqual(play.dice, [{ sides: 6, value: 2 }, { sides: 6, value: 3 }, { sides: 6, value: 4 }, { sides: 20, value: 17 }, { sides: 20, value: 11 }]);
    assert.deepEqual([play.column, play.row, play.splitRoll], [2, 7, 17]);
    assert.equal(play.description, 'A1 single');
  });
});
