import assert from 'node:assert/strict';
import {
  applyEvent, applyPitchingChange, applyPlay, fatigueLevel, pitchingChange, playTurn,
  resolvePlateAppearance, scriptedDice, shouldChangePitcher, winner, type DefenseDecision, type GameState, type OffenseDecision,
} from '../../src/baseball/index.ts';
import { isRuleError } from '../../src/rules/rule-error.ts';
import { BATTER_ROLL, PD, SBA, Scenario, bases } from './fixtures.ts';

/** Plays one PA with the batter's card (everyone strikes out unless given another card). */
function bat(s: Scenario, state: GameState): GameState {
  return applyPlay(state, resolvePlateAppearance(state, scriptedDice(BATTER_ROLL), s.ctx));
}

const score = (state: GameState) => [state.away.runs, state.home.runs];

describe('baseball innings and game end', () => {
  it('switches halves on the third out: bases cleared, the other team bats, the line score grows', () => {
    const s = new Scenario();
    let state = s.state(PD);
    state = bat(s, bat(s, state));
    assert.equal(state.outs, 2);
    state = bat(s, { ...state, bases: bases('a8', '', '') });
    assert.deepEqual([state.inning, state.half, state.outs], [1, 'bottom', 0]);
    assert.deepEqual(state.bases, [null, null, null]);
    assert.equal(state.away.next, 3);
    assert.deepEqual(state.home.lineScore, [0]);
    state = bat(s, bat(s, bat(s, state)));
    assert.deepEqual([state.inning, state.half], [2, 'top']);
    assert.deepEqual(state.away.lineScore, [0, 0]);
  });

  it('ends the game after the top of the 9th when the home team leads: it does not bat', () => {
    const s = new Scenario();
    const state = s.state(PD, { inning: 9, outs: 2, home: { ...s.state(PD).home, runs: 2, lineScore: [0, 0, 0, 0, 0, 0, 0, 2] } });
    const after = bat(s, state);
    assert.equal(after.status, 'final');
    assert.equal(winner(after), 'home');
    assert.equal(after.home.lineScore.length, 8);
  });

  it('plays the bottom of the 9th when the home team trails, and ends it when the third out leaves it behind', () => {
    const s = new Scenario();
    const start = s.state(PD);
    let state: GameState = { ...start, inning: 9, outs: 2, away: { ...start.away, runs: 1, lineScore: [1, 0, 0, 0, 0, 0, 0, 0, 0] } };
    state = bat(s, state);
    assert.deepEqual([state.status, state.half], ['live', 'bottom']);
    state = bat(s, bat(s, bat(s, state)));
    assert.equal(state.status, 'final');
    assert.equal(winner(state), 'away');
  });

  it('walks off the moment the home team leads in the 9th, counting only the winning run on a single', () => {
    const s = new Scenario().set('h1', { batting: '1B' });
    const start = s.state(PD);
    const state: GameState = {
      ...start, inning: 9, half: 'bottom', bases: bases('', 'h8', 'h9', 'ap'),
      away: { ...start.away, runs: 3 }, home: { ...start.home, runs: 3, lineScore: [3, 0, 0, 0, 0, 0, 0, 0, 0] },
    };
    const play = resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL]), s.ctx);
    assert.equal(play.runs, 1, 'the runner from 2nd does not count');
    assert.equal(play.rbi, 1);
    const after = applyPlay(state, play);
    assert.equal(after.status, 'final');
    assert.deepEqual(score(after), [3, 4]);
    assert.equal(after.home.lineScore.at(-1), 1);
  });

  it('counts every run of a walk-off home run', () => {
    const s = new Scenario().set('h1', { batting: 'HR' });
    const start = s.state(PD);
    const state: GameState = { ...start, inning: 10, half: 'bottom', bases: bases('h9', '', '', 'ap'), away: { ...start.away, runs: 5 }, home: { ...start.home, runs: 5 } };
    const after = applyPlay(state, resolvePlateAppearance(state, scriptedDice(BATTER_ROLL), s.ctx));
    assert.deepEqual([after.status, ...score(after)], ['final', 5, 7]);
  });

  it('goes to extra innings when tied after 9: PD puts a runner on 2nd (unearned), SBA does not', () => {
    for (const rules of [PD, SBA]) {
      const s = new Scenario();
      const start = s.state(rules);
      let state: GameState = { ...start, inning: 9, half: 'bottom', outs: 2, away: { ...start.away, runs: 2 }, home: { ...start.home, runs: 2, next: 4 } };
      state = bat(s, state);
      assert.deepEqual([state.status, state.inning, state.half], ['live', 10, 'top']);
      if (rules.id === 'PD') {
        // The away team's leadoff man is its next batter; the man before him starts on 2nd.
        const previous = state.away.lineup[(state.away.next + 8) % 9].playerId;
        assert.deepEqual(state.bases, [null, { id: previous, pitcherId: 'hp', earned: false }, null]);
      } else {
        assert.deepEqual(state.bases, [null, null, null]);
      }
    }
  });

  it('scores the PD extra-inning runner as an unearned run', () => {
    const s = new Scenario().set('a1', { batting: '1B' });
    const start = s.state(PD);
    const state: GameState = { ...start, inning: 10, bases: [null, { id: 'a9', pitcherId: 'hp', earned: false }, null] };
    const play = resolvePlateAppearance(state, scriptedDice(BATTER_ROLL), s.ctx);
    assert.deepEqual([play.runs, play.earnedRuns, play.rbi], [1, 0, 1]);
  });

  it('brings a reliever into the pitcher\'s batting spot without the DH', () => {
    const s = new Scenario();
    const state = s.state(SBA, { half: 'bottom' });
    assert.equal(state.away.lineup[8].playerId, 'ap');
    const after = applyPitchingChange(state, pitchingChange(state, 'ar1'));
    assert.equal(after.away.lineup[8].playerId, 'ar1');
    assert.equal(after.away.fielders.P, 'ar1');
    assert.equal(after.away.pitcher.pitcherId, 'ar1');
    assert.deepEqual(after.away.bullpen, ['ar2']);
    assert.deepEqual(after.away.pitchersUsed, ['ap', 'ar1']);
    assert.deepEqual(after.away.removed, ['ap'], 'the starter may not come back');
  });

  it('tires a starter after his endurance innings plus two of grace, sooner with traffic', () => {
    const s = new Scenario();
    const pitching = s.players.get('hp')!.ratings.pitching!; // SP, endurance 6
    const work = s.state(PD).home.pitcher;
    assert.equal(fatigueLevel({ ...work, outs: 17 }, pitching), 0);
    assert.equal(fatigueLevel({ ...work, outs: 18 }, pitching), 1);
    assert.equal(fatigueLevel({ ...work, outs: 15, trouble: 3 }, pitching), 1);
    assert.equal(fatigueLevel({ ...work, outs: 24 }, pitching), 2);
    const tired = s.state(PD);
    const state: GameState = { ...tired, home: { ...tired.home, pitcher: { ...work, outs: 24 } } };
    assert.ok(shouldChangePitcher(state, s.ctx));
    assert.ok(!shouldChangePitcher({ ...state, home: { ...state.home, bullpen: [] } }, s.ctx), 'nobody left to bring in');
    assert.ok(!shouldChangePitcher(s.state(PD), s.ctx));
  });
});

describe('baseball turns: refusals and events (playTurn, the one action surface)', () => {
  it('refuses what the rules do not allow, as values', () => {
    const s = new Scenario();
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const refusal = (st: GameState, defense: DefenseDecision, offense: OffenseDecision) =>
      codeOf(playTurn(st, defense, offense, scriptedDice([1, ...BATTER_ROLL]), s.ctx));
    assert.equal(refusal(state, {}, { steal: 2 }), 'NO_RUNNER');
    assert.equal(refusal({ ...state, bases: bases('a8', 'a9', '') }, {}, { steal: 1 }), 'BASE_TAKEN');
    assert.equal(refusal(state, { pitcher: 'ar1' }, {}), 'NOT_IN_BULLPEN');
    assert.equal(refusal({ ...state, status: 'final' }, {}, {}), 'GAME_OVER');
  });

  it('returns the events of an allowed turn without applying them', () => {
    const s = new Scenario();
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const change = playTurn(state, { pitcher: 'hr2' }, {}, scriptedDice(BATTER_ROLL), s.ctx);
    assert.ok(!isRuleError(change) && change.events[0].type === 'pitchingChange');
    assert.equal(applyEvent(state, change.events[0]).home.pitcher.pitcherId, 'hr2');
    assert.notEqual(state.home.pitcher.pitcherId, 'hr2', 'the state given is left as it was');
    const stole = playTurn(state, {}, { steal: 1 }, scriptedDice([1, ...BATTER_ROLL]), s.ctx);
    assert.ok(!isRuleError(stole) && stole.events[0].type === 'play' && stole.events[0].play.sb === 1);
    const next = playTurn(state, {}, {}, scriptedDice(BATTER_ROLL), s.ctx);
    assert.ok(!isRuleError(next) && next.events[0].type === 'play' && next.events[0].play.code === 'K');
  });
});

function codeOf(outcome: unknown): string | null {
  return isRuleError(outcome) ? outcome.code : null;
}
