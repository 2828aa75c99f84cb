import assert from 'node:assert/strict';
import {
  AI_STYLES, aiDefense, aiOffense, applyEvent, buildLineup, checkDefense, checkOffense, fatigueLevel, gameContext,
  initialState, playTurn, requiredPitcher, rngDice, simulateGame,
  type AiStyle, type GameState, type Play,
} from '../../src/baseball/index.ts';
import { seededRng } from '../../src/dice/rng.ts';
import { isRuleError } from '../../src/rules/rule-error.ts';
import type { BattingRatings } from '../../src/players/types.ts';
import { PD, SBA, Scenario, bases, ratings, sampleClubs } from './fixtures.ts';

const clubs = sampleClubs();

/** Batting ratings: a slugger, a weak bat, a pitcher at the plate. */
const SLUGGER: Partial<BattingRatings> = { avg: 0.3, hrRate: 0.06, doubleRate: 0.06, bbRate: 0.13, kRate: 0.2 };
const WEAK: Partial<BattingRatings> = { avg: 0.21, hrRate: 0.008, doubleRate: 0.03, bbRate: 0.05, kRate: 0.28 };
const PITCHER_BATTING: Partial<BattingRatings> = { avg: 0.12, hrRate: 0.003, doubleRate: 0.01, tripleRate: 0.001, bbRate: 0.03, kRate: 0.4, bunt: 'B' };

function batting(s: Scenario, id: string, change: Partial<BattingRatings>): Scenario {
  const p = s.players.get(id)!;
  return s.set(id, { ratings: { batting: { ...p.ratings.batting, ...change } } });
}

/** The catcher of the home side (h1 plays C in the scenario) with this throwing arm (-5 best .. +5 worst). */
function catcherArm(s: Scenario, arm: number): Scenario {
  const p = s.players.get('h1')!;
  return s.set('h1', { ratings: { fielding: { ...p.ratings.fielding, C: { range: 3, error: 0, arm } } } });
}

/** A state in the top of `inning` with the away side batting `batter` (1-based slot). */
function situation(s: Scenario, rules = PD, at: Partial<GameState> & { batter?: number; awayRuns?: number; homeRuns?: number } = {}): GameState {
  const { batter = 1, awayRuns = 0, homeRuns = 0, ...rest } = at;
  const state = s.state(rules, rest);
  return { ...state, away: { ...state.away, next: batter - 1, runs: awayRuns }, home: { ...state.home, runs: homeRuns } };
}

/** Steal attempts of the style's side (not a hit-and-run's runner going on a strikeout). */
function stealAttempts(plays: readonly Play[]): number {
  return plays.filter((p) => p.kind === 'steal' && !p.tactics.includes('hit-and-run')).length;
}

describe('baseball AI: offense', () => {
  it('steals with a fast runner against a weak-armed catcher when balanced', () => {
    const s = catcherArm(new Scenario().set('a9', { speed: 18 }), 5);
    const state = situation(s, PD, { bases: bases('a9', '', ''), inning: 3 });
    assert.deepEqual(aiOffense(state, 'balanced', s.ctx), { steal: 1 });
    // A slow runner against a strong arm stays put, whatever the style.
    const slow = catcherArm(new Scenario().set('a9', { speed: 6 }), -5);
    for (const style of AI_STYLES) assert.equal(aiOffense(situation(slow, PD, { bases: bases('a9', '', ''), inning: 3 }), style, slow.ctx).steal, undefined, style);
  });

  it('asks more of a steal the safer it plays: a marginal runner goes only for the aggressive manager', () => {
    // Speed 18 against an average battery: 85 % unheld, 75 % held (the offense expects the hold),
    // right at the 75 % break-even with two outs.
    const s = catcherArm(new Scenario().set('a9', { speed: 18 }), 0);
    const state = situation(s, PD, { bases: bases('a9', '', ''), inning: 3, outs: 2, batter: 3 });
    assert.equal(aiOffense(state, 'safe', s.ctx).steal, undefined);
    assert.equal(aiOffense(state, 'balanced', s.ctx).steal, undefined);
    assert.equal(aiOffense(state, 'aggressive', s.ctx).steal, 1);
  });

  it('never bunts or hit-and-runs with two outs', () => {
    const s = batting(new Scenario(), 'a1', { ...PITCHER_BATTING, bunt: 'A' }).set('a8', { speed: 15 });
    for (const style of AI_STYLES) {
      for (const inning of [1, 5, 8, 9, 11]) {
        for (const runners of [bases('a8', '', ''), bases('', 'a8', ''), bases('a8', 'a7', '')]) {
          for (const homeRuns of [0, 1, 2, 5]) {
            const state = situation(s, SBA, { bases: runners, inning, outs: 2, homeRuns });
            const decision = aiOffense(state, style, s.ctx);
            assert.ok(!decision.bunt && !decision.hitAndRun, `${style} inning ${inning}: ${JSON.stringify(decision)}`);
          }
        }
      }
    }
  });

  it('calls the hit-and-run only when it pays: with a contact hitter, not with a strikeout-prone batter', () => {
    // Runner on 1st, nobody out, early: the batter's strikeout rate is how often he misses the
    // pitch and leaves the runner stealing on a bad jump.
    const at = (kRate: number) => {
      const s = batting(new Scenario(), 'a1', { kRate }).set('a9', { speed: 12 });
      return { s, state: situation(s, PD, { bases: bases('a9', '', ''), inning: 3 }) };
    };
    const contact = at(0.1);
    assert.deepEqual(aiOffense(contact.state, 'balanced', contact.s.ctx), { hitAndRun: true });
    const average = at(0.225);
    assert.equal(aiOffense(average.state, 'balanced', average.s.ctx).hitAndRun, undefined, 'an average batter swings away');
    const whiffer = at(0.32);
    for (const style of AI_STYLES) assert.equal(aiOffense(whiffer.state, style, whiffer.s.ctx).hitAndRun, undefined, style);
  });

  it('sacrifices with a weak-hitting pitcher who bunts well, a runner on 2nd and nobody out, late in a tie', () => {
    const s = batting(new Scenario(), 'a1', { ...PITCHER_BATTING, bunt: 'A' });
    const base = situation(s, SBA, { bases: bases('', 'a8', ''), inning: 9, outs: 0 });
    const state = { ...base, away: { ...base.away, bench: [] } }; // nobody to bat for him
    assert.deepEqual(aiOffense(state, 'balanced', s.ctx), { bunt: true });
    // A slugger swings away.
    const slugger = batting(new Scenario(), 'a1', { ...SLUGGER, bunt: 'A' });
    assert.equal(aiOffense({ ...state }, 'balanced', slugger.ctx).bunt, undefined);
  });

  it('pinch-hits for the pitcher late in a close game without the DH, and not early', () => {
    const s = batting(new Scenario(), 'ap', PITCHER_BATTING);
    const base = situation(s, SBA, { batter: 9, inning: 7, homeRuns: 1 });
    const state = { ...base, away: { ...base.away, bench: ['ab1'] } };
    assert.deepEqual(aiOffense(state, 'balanced', s.ctx), { pinchHitter: 'ab1' });
    assert.deepEqual(aiOffense({ ...state, inning: 3 }, 'balanced', s.ctx), {});
    assert.equal(checkOffense(state, { pinchHitter: 'ab1' }, s.ctx), null);
  });

  it('bats for a relief pitcher whenever his turn comes, early too, while relievers are left', () => {
    const s = new Scenario();
    for (const id of ['ar1', 'ar2', 'ar3']) s.add(id, ratings(PITCHER_BATTING, true));
    for (const id of ['ar1', 'ar2', 'ar3']) s.set(id, { ratings: { pitching: { ...s.players.get(id)!.ratings.pitching!, role: 'RP' } } });
    const base = situation(s, SBA, { batter: 9, inning: 3, homeRuns: 6 });
    const away = {
      ...base.away, bench: ['ab1'], bullpen: ['ar2', 'ar3'], removed: ['ap'],
      pitcher: { ...base.away.pitcher, pitcherId: 'ar1' }, fielders: { ...base.away.fielders, P: 'ar1' },
      lineup: base.away.lineup.map((slot) => (slot.position === 'P' ? { playerId: 'ar1', position: 'P' as const } : slot)),
    };
    const state = { ...base, away };
    assert.deepEqual(aiOffense(state, 'balanced', s.ctx), { pinchHitter: 'ab1' });
    assert.equal(checkOffense(state, { pinchHitter: 'ab1' }, s.ctx), null);
    // Not with the last reliever but one left: he stays in and bats.
    assert.deepEqual(aiOffense({ ...state, away: { ...away, bullpen: ['ar2'] } }, 'balanced', s.ctx), {});
  });

  it('sends a fast pinch runner for a slow runner who is the tying run late', () => {
    const s = new Scenario().set('a4', { speed: 4 }).set('ab1', { speed: 17 });
    const base = situation(s, PD, { bases: bases('', 'a4', ''), inning: 9, homeRuns: 1, batter: 5 });
    const state = { ...base, away: { ...base.away, bench: ['ab1'] } };
    assert.deepEqual(aiOffense(state, 'balanced', s.ctx), { pinchRunner: { base: 2, playerId: 'ab1' } });
    // Down by four he is not the tying run.
    assert.deepEqual(aiOffense({ ...state, home: { ...state.home, runs: 4 } }, 'balanced', s.ctx).pinchRunner, undefined);
  });
});

describe('baseball AI: defense', () => {
  it('walks a slugger intentionally with first base open late in a close game', () => {
    const s = batting(batting(new Scenario(), 'h4', SLUGGER), 'h5', WEAK);
    const state: GameState = { ...situation(s, PD, { inning: 9, half: 'bottom', outs: 1, bases: bases('', 'h8', '', 'ap') }) };
    const late = { ...state, home: { ...state.home, next: 3 } };
    assert.equal(aiDefense(late, 'balanced', s.ctx).intentionalWalk, true);
    // Not with first base taken, and not when the next batter is as good.
    assert.equal(aiDefense({ ...late, bases: bases('h7', 'h8', '', 'ap') }, 'balanced', s.ctx).intentionalWalk, undefined);
    const even = batting(batting(new Scenario(), 'h4', SLUGGER), 'h5', SLUGGER);
    assert.equal(aiDefense({ ...late }, 'balanced', even.ctx).intentionalWalk, undefined);
  });

  it('draws the infield in with a runner on 3rd and fewer than two outs, late in a tie', () => {
    const s = new Scenario();
    const state = situation(s, PD, { inning: 9, bases: bases('', '', 'a8'), outs: 0 });
    assert.equal(aiDefense(state, 'balanced', s.ctx).infieldIn, true);
    assert.equal(aiDefense({ ...state, inning: 2 }, 'balanced', s.ctx).infieldIn, undefined, 'early the run is worth conceding');
    assert.equal(aiDefense({ ...state, outs: 2 }, 'balanced', s.ctx).infieldIn, undefined);
  });

  it('holds a fast runner on 1st with 2nd open, not a slow one', () => {
    const fast = new Scenario().set('a9', { speed: 17 });
    assert.equal(aiDefense(situation(fast, PD, { bases: bases('a9', '', ''), inning: 4 }), 'balanced', fast.ctx).holdRunners, true);
    const slow = new Scenario().set('a9', { speed: 3 });
    assert.equal(aiDefense(situation(slow, PD, { bases: bases('a9', '', ''), inning: 4 }), 'balanced', slow.ctx).holdRunners, undefined);
  });

  it('goes to the bullpen by style: safe pulls a tiring pitcher at once, balanced with runners in scoring position, aggressive not', () => {
    const s = new Scenario();
    const base = situation(s, PD, { inning: 7 });
    const tiring: GameState = { ...base, home: { ...base.home, pitcher: { ...base.home.pitcher, outs: 19 } } };
    assert.equal(fatigueLevel(tiring.home.pitcher, s.players.get('hp')!.ratings.pitching), 1);
    assert.equal(aiDefense(tiring, 'safe', s.ctx).pitcher, 'hr2');
    assert.equal(aiDefense(tiring, 'balanced', s.ctx).pitcher, undefined);
    const scoring = { ...tiring, bases: bases('', 'a5', '') };
    assert.equal(aiDefense(scoring, 'balanced', s.ctx).pitcher, 'hr2');
    assert.equal(aiDefense(scoring, 'aggressive', s.ctx).pitcher, undefined);
  });

  it('brings in the reliever the rules require after the pitcher was batted for', () => {
    const s = new Scenario();
    const base = situation(s, SBA, { half: 'bottom' });
    const state = { ...base, away: { ...base.away, removed: ['ap'] } };
    const required = requiredPitcher(state);
    assert.ok(required);
    assert.equal(aiDefense(state, 'aggressive', s.ctx).pitcher, required);
  });
});

describe('baseball AI: whole games', () => {
  it('makes only legal decisions over 200 seeded games of every style, with and without the DH', () => {
    const turns = { total: 0, moves: 0 };
    for (let g = 0; g < 200; g++) {
      const rules = g % 2 === 0 ? SBA : PD;
      const home = clubs[g % clubs.length];
      const away = clubs[(g + 3) % clubs.length];
      const styles: [AiStyle, AiStyle] = [AI_STYLES[g % 3], AI_STYLES[Math.floor(g / 3) % 3]];
      const ctx = gameContext([away, home]);
      const dice = rngDice(seededRng(g + 1));
      let state = initialState(rules, buildLineup(away, rules, g), buildLineup(home, rules, g));
      while (state.status === 'live') {
        const [fielding, batting] = state.half === 'top' ? [styles[0], styles[1]] : [styles[1], styles[0]];
        const defense = aiDefense(state, fielding, ctx);
        const offense = aiOffense(state, batting, ctx);
        assert.equal(checkDefense(state, defense, ctx), null, `game ${g}: defense ${JSON.stringify(defense)}`);
        assert.equal(checkOffense(state, offense, ctx), null, `game ${g}: offense ${JSON.stringify(offense)}`);
        const outcome = playTurn(state, defense, offense, dice, ctx);
        if (isRuleError(outcome)) assert.fail(`game ${g}: ${outcome.code}`);
        for (const event of outcome.events) state = applyEvent(state, event);
        turns.total++;
        if (Object.keys(defense).length + Object.keys(offense).length > 0) turns.moves++;
      }
    }
    assert.ok(turns.moves > 0.05 * turns.total, `the managers did something: ${turns.moves} of ${turns.total} turns`);
  });

  it('runs more when aggressive than when safe over the same seeded games', () => {
    const count = (style: AiStyle) => {
      let attempts = 0;
      for (let g = 0; g < 60; g++) {
        const result = simulateGame(clubs[g % 8], clubs[(g + 1) % 8], PD, seededRng(g + 100), { gameNumber: g, styles: { home: style, away: style } });
        attempts += stealAttempts(result.plays);
      }
      return attempts;
    };
    const safe = count('safe');
    const aggressive = count('aggressive');
    assert.ok(aggressive > 1.5 * safe, `aggressive ${aggressive} steal attempts, safe ${safe}`);
  });

  it('calls the hit-and-run well under twice a team-game, and leaves the double play in the game', () => {
    let hitAndRuns = 0;
    let gidp = 0;
    const games = 60;
    for (let g = 0; g < games; g++) {
      const result = simulateGame(clubs[g % 8], clubs[(g + 3) % 8], PD, seededRng(g + 300), { gameNumber: g });
      // A called hit-and-run is one play with the tactic: the PA, or the runner's steal when the batter missed.
      hitAndRuns += result.plays.filter((p) => p.tactics.includes('hit-and-run')).length;
      gidp += result.plays.reduce((n, p) => n + p.gidp, 0);
    }
    assert.ok(hitAndRuns / (2 * games) < 1.5, `${(hitAndRuns / (2 * games)).toFixed(2)} hit-and-runs a team-game`);
    assert.ok(gidp / (2 * games) > 0.35, `${(gidp / (2 * games)).toFixed(2)} GIDP a team-game`);
  });

  it('decides the same way every time for the same state (no dice, no randomness)', () => {
    const result = simulateGame(clubs[0], clubs[1], SBA, seededRng(5));
    const again = simulateGame(clubs[0], clubs[1], SBA, seededRng(5));
    assert.deepEqual(again.events, result.events);
  });
});
