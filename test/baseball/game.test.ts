import assert from 'node:assert/strict';
import {
  RUN_EXPECTANCY, applyPlay, boxScore, buildLineup, formatLineScore, lineScore, modelRunExpectancy, re24, replay,
  resolveStoredPlay, runExpectancy, simulateGame, winExpectancy, winner, wpa,
  type GameResult, type Play,
} from '../../src/baseball/index.ts';
import { seededRng } from '../../src/dice/rng.ts';
import { DiceStream, newSeed, verifyRolls } from '../../src/dice/verifiable.ts';
import { PD, SBA, sampleClubs } from './fixtures.ts';

const clubs = sampleClubs();
const [home, away] = clubs;

function play(rules = PD, seed = 7, gameNumber = 0): GameResult {
  return simulateGame(home, away, rules, seededRng(seed), { gameNumber });
}

const sum = (plays: readonly Play[], key: keyof Play) => plays.reduce((total, p) => total + (p[key] as number), 0);

describe('baseball games', () => {
  it('builds lineups: nine batters with a DH and no pitcher in PD, the pitcher batting 9th in SBA', () => {
    const pd = buildLineup(home, PD);
    assert.equal(pd.lineup.length, 9);
    assert.equal(pd.lineup.filter((s) => s.position === 'DH').length, 1);
    assert.ok(!pd.lineup.some((s) => s.position === 'P'));
    const sba = buildLineup(home, SBA);
    assert.equal(sba.lineup.length, 9);
    assert.deepEqual(sba.lineup[8], { playerId: sba.fielders.P, position: 'P' });
    assert.ok(!sba.lineup.some((s) => s.position === 'DH'));
    for (const setup of [pd, sba]) {
      assert.deepEqual(Object.keys(setup.fielders).sort(), ['1B', '2B', '3B', 'C', 'CF', 'LF', 'P', 'RF', 'SS']);
      assert.equal(new Set(Object.values(setup.fielders)).size, 9, 'nine different fielders');
    }
  });

  it('turns the five-man rotation by game number and keeps the bullpen in roster order', () => {
    const starters = [0, 1, 2, 3, 4, 5].map((n) => buildLineup(home, PD, n).fielders.P);
    assert.equal(new Set(starters.slice(0, 5)).size, 5);
    assert.equal(starters[5], starters[0]);
    const relievers = home.players.filter((p) => p.ratings.pitching?.role === 'RP').map((p) => p.id);
    assert.deepEqual(buildLineup(home, PD).bullpen, relievers);
  });

  it('plays a whole game to a proper end', () => {
    for (const rules of [PD, SBA]) {
      for (let seed = 1; seed <= 20; seed++) {
        const { final, plays } = play(rules, seed, seed);
        assert.equal(final.status, 'final');
        assert.notEqual(final.away.runs, final.home.runs);
        assert.ok(final.inning >= 9);
        const last = plays.at(-1)!;
        const walkOff = last.half === 'bottom' && final.home.runs > final.away.runs && final.outs < 3;
        if (!walkOff) assert.equal(final.outs, 3, `${rules.id} seed ${seed}: ends on the third out or a walk-off`);
        if (final.half === 'top') assert.ok(final.home.runs > final.away.runs, 'the home team skips its last at-bat only when ahead');
        const outs = sum(plays, 'outs');
        const halves = (final.inning - 1) * 2 + (final.half === 'bottom' ? 1 : 0);
        assert.equal(outs, halves * 3 + final.outs);
      }
    }
  });

  it('is deterministic for a seed, and replaying its events gives the same final state', () => {
    const a = play(PD, 3);
    const b = play(PD, 3);
    assert.deepEqual(a.plays, b.plays);
    assert.deepEqual(replay(a.initial, a.events), a.final);
    assert.notDeepEqual(play(PD, 4).plays, a.plays);
  });

  it('re-resolves every play from its own stored dice', () => {
    const game = play(SBA, 11);
    let state = game.initial;
    for (const event of game.events) {
      if (event.type === 'play') {
        const p = event.play;
        assert.deepEqual(resolveStoredPlay(state, p, game.context), p);
        state = applyPlay(state, p);
      } else {
        state = replay(state, [event]);
      }
    }
    assert.deepEqual(state, game.final);
  });

  it('plays with verifiable dice and every roll checks out against the revealed seed', () => {
    const seed = newSeed();
    const dice = new DiceStream(seed, 'game-1');
    const game = simulateGame(home, away, PD, seededRng(1), { dice });
    const stored = game.plays.flatMap((p) => p.dice);
    assert.equal(stored.length, dice.rolls.length);
    assert.deepEqual(stored.map((d) => d.value), dice.rolls.map((r) => r.value));
    assert.ok(verifyRolls(dice.reveal(), dice.commitment, 'game-1', dice.rolls).ok);
  });

  it('derives a box score whose totals are the plays\' and the final score', () => {
    for (const seed of [1, 2, 3]) {
      const { plays, final } = play(SBA, seed);
      const box = boxScore(plays);
      for (const side of ['away', 'home'] as const) {
        const team = box[side];
        const mine = plays.filter((p) => (p.half === 'top') === (side === 'away'));
        assert.equal(team.runs, final[side].runs);
        assert.equal(team.hits, final[side].hits);
        assert.equal(team.batting.reduce((t, b) => t + b.r, 0), final[side].runs);
        assert.equal(team.batting.reduce((t, b) => t + b.h, 0), sum(mine, 'h'));
        assert.equal(team.batting.reduce((t, b) => t + b.pa, 0), sum(mine, 'pa'));
        assert.equal(team.batting.reduce((t, b) => t + b.rbi, 0), sum(mine, 'rbi'));
        assert.equal(team.batting.reduce((t, b) => t + b.sb, 0), sum(mine, 'sb'));
        const theirs = side === 'away' ? 'home' : 'away';
        assert.equal(box[theirs].pitching.reduce((t, p) => t + p.r, 0), final[side].runs, 'runs charged to pitchers');
        assert.equal(box[theirs].pitching.reduce((t, p) => t + p.er, 0), sum(mine, 'earnedRuns'));
        assert.equal(box[theirs].pitching.reduce((t, p) => t + p.bf, 0), sum(mine, 'pa'));
        assert.equal(box[theirs].pitching.reduce((t, p) => t + p.outs, 0), sum(mine, 'outs'));
        assert.equal(box[theirs].errors, final[theirs].errors);
      }
      const line = lineScore(plays);
      assert.equal(line.away.reduce<number>((t, r) => t + (r ?? 0), 0), final.away.runs);
      assert.deepEqual(line.home.map((r) => r ?? 0), final.home.lineScore.concat(new Array(line.home.length - final.home.lineScore.length).fill(0)));
      assert.equal(line.totals.home.r, final.home.runs);
      assert.match(formatLineScore(line), /R {2}H {2}E/);
    }
  });

  it('looks RE24 up in the 24 base-out states of the published table', () => {
    assert.equal(runExpectancy(0, 0), 0.474);
    assert.equal(runExpectancy(2, 7), 0.793);
    assert.equal(runExpectancy(1, 4), 0.964);
    assert.equal(runExpectancy(3, 7), 0);
    assert.equal(RUN_EXPECTANCY.flat().length, 24);
    // A few games: enough to hold a solo homer and a leadoff strikeout with nobody on.
    const plays = [5, 6, 7, 8].flatMap((seed) => play(PD, seed).plays);
    const homer = plays.find((p) => p.hr === 1 && p.onBaseCode === 0 && p.outsBefore < 2 && p.inning < 9);
    if (homer) assert.ok(Math.abs(re24(homer) - 1) < 1e-9, 'a solo homer is worth exactly one run');
    const strikeout = plays.find((p) => p.so === 1 && p.onBaseCode === 0 && p.outsBefore === 0 && p.inning < 9)!;
    assert.ok(Math.abs(re24(strikeout) - (0.251 - 0.474)) < 1e-9);
  });

  it('models run expectancy close to the published table', () => {
    for (let outs = 0; outs < 3; outs++) {
      for (let code = 0; code < 8; code++) {
        assert.ok(Math.abs(modelRunExpectancy(outs, code) - RUN_EXPECTANCY[outs][code]) < 0.16, `${outs} outs, bases ${code}`);
      }
    }
  });

  it('gives win expectancy that moves the right way, and WPA that adds up to the result', () => {
    const start = winExpectancy({ inning: 1, half: 'top', outs: 0, onBaseCode: 0, scoreDiff: 0 }, PD);
    assert.ok(Math.abs(start - 0.5) < 0.03);
    const tiedBottom9 = winExpectancy({ inning: 9, half: 'bottom', outs: 0, onBaseCode: 0, scoreDiff: 0 }, SBA);
    assert.ok(tiedBottom9 > 0.6 && tiedBottom9 < 0.7);
    assert.ok(winExpectancy({ inning: 9, half: 'bottom', outs: 0, onBaseCode: 7, scoreDiff: 0 }, SBA) > 0.9);
    assert.ok(winExpectancy({ inning: 5, half: 'top', outs: 0, onBaseCode: 0, scoreDiff: 3 }, SBA) > 0.8);
    for (const seed of [1, 2]) {
      const { plays, final } = play(PD, seed);
      const home = plays.reduce((total, p) => total + (p.half === 'bottom' ? 1 : -1) * wpa(p, PD).wpa, 0);
      const won = winner(final) === 'home' ? 1 : 0;
      assert.ok(Math.abs(start + home - won) < 1e-9, 'home WPA = result - starting win expectancy');
    }
  });
});
