import assert from 'node:assert/strict';
import {
  FIELD_POSITIONS, applyEvent, buildLineup, checkDefense, checkOffense, gamePlayer, initialState, playTurn,
  requiredPitcher, replay, resolveStoredPlay, rngDice, scriptedDice,
  type DefenseDecision, type FieldPosition, type GameContext, type GameEvent, type GamePlayer, type GameState,
  type OffenseDecision, type TeamState,
} from '../../src/baseball/index.ts';
import { pickOne, seededRng, type Rng } from '../../src/dice/rng.ts';
import { isRuleError } from '../../src/rules/rule-error.ts';
import { BATTER_ROLL, PD, SBA, Scenario, bases, sampleClubs } from './fixtures.ts';
import { ROTATION_SIZE, fieldingCost, type Club } from '../../src/baseball/lineup.ts';
import { playsOf, refusal, turn } from './turn.test.ts';

const subsOf = (events: readonly GameEvent[]) => events.filter((e) => e.type !== 'play');

describe('baseball substitutions: pinch hitters and the pitcher', () => {
  it('sends a bench player up for the batter: he bats now and the batter is gone for good', () => {
    const s = new Scenario().set('ab1', { batting: 'HR' });
    const state = s.state(PD, { bases: bases('', '', '') });
    const events = turn(s, state, {}, { pinchHitter: 'ab1' }, BATTER_ROLL);
    assert.deepEqual(subsOf(events), [{
      type: 'substitution', side: 'away', kind: 'pinchHitter', in: 'ab1', out: 'a1', position: 'C', base: null,
      inning: 1, half: 'top', outs: 0,
    }]);
    assert.equal(playsOf(events)[0].batterId, 'ab1');
    const after = replay(state, events);
    assert.deepEqual(after.away.lineup[0], { playerId: 'ab1', position: 'C' });
    assert.deepEqual(after.away.removed, ['a1']);
    assert.deepEqual(after.away.bench, ['ab2', 'ab3']);
    assert.equal(after.away.fielders.C, 'ab1', 'he catches when his team takes the field');
  });

  it('refuses a pinch hitter who already left the game', () => {
    const s = new Scenario();
    const state = replay(s.state(PD), turn(s, s.state(PD), {}, { pinchHitter: 'ab1' }, BATTER_ROLL));
    // a1 left for ab1; a2 bats now.
    assert.equal(refusal(s, state, {}, { pinchHitter: 'a1' }), 'PLAYER_NOT_AVAILABLE');
    assert.equal(refusal(s, state, {}, { pinchHitter: 'ab1' }), 'PLAYER_NOT_AVAILABLE', 'already in the game');
    assert.equal(refusal(s, state, {}, { pinchHitter: 'a3' }), 'PLAYER_NOT_AVAILABLE', 'a starter is not on the bench');
    assert.equal(refusal(s, state, {}, { pinchHitter: 'ar1' }), 'PLAYER_NOT_AVAILABLE', 'relievers do not pinch-hit');
    assert.equal(refusal(s, state, {}, { pinchHitter: 'nobody' }), 'PLAYER_NOT_AVAILABLE');
    assert.match(checkOffense(state, { pinchHitter: 'a1' }, s.ctx)!.message, /left the game/);
    assert.equal(refusal(s, state, {}, { pinchHitter: 'ab2' }), null);
  });

  it('brings a reliever into the pitcher slot after a pinch hitter batted for the pitcher', () => {
    const s = new Scenario();
    const start = s.state(SBA, { outs: 2 });
    const state: GameState = { ...start, away: { ...start.away, next: 8 } };
    assert.equal(state.away.lineup[8].playerId, 'ap');
    const batted = replay(state, turn(s, state, {}, { pinchHitter: 'ab1' }, BATTER_ROLL));
    assert.deepEqual([batted.half, batted.away.lineup[8].playerId], ['bottom', 'ab1']);
    assert.deepEqual(batted.away.removed, ['ap']);
    // The away side takes the field: its pitcher is gone, the default reliever must come in.
    assert.equal(requiredPitcher(batted), 'ar2', 'bullpen order, the closer kept for a save');
    const events = turn(s, batted, {}, {}, BATTER_ROLL);
    assert.deepEqual(subsOf(events).map((e) => e.type === 'pitchingChange' && [e.pitcherId, e.replacedId]), [['ar2', 'ap']]);
    const after = replay(batted, events);
    assert.deepEqual(after.away.lineup[8], { playerId: 'ar2', position: 'P' });
    assert.deepEqual([after.away.fielders.P, after.away.pitcher.pitcherId], ['ar2', 'ar2']);
    assert.deepEqual([...after.away.removed].sort(), ['ab1', 'ap']);
    assert.equal(requiredPitcher(after), null);
    // The defense may name the reliever itself.
    const named = replay(batted, turn(s, batted, { pitcher: 'ar1' }, {}, BATTER_ROLL));
    assert.deepEqual([named.away.lineup[8].playerId, named.away.bullpen], ['ar1', ['ar2']]);
  });

  it('refuses a pitcher outside the bullpen, and a pinch hitter for the pitcher with nobody left to relieve him', () => {
    const s = new Scenario();
    const start = s.state(SBA);
    assert.equal(refusal(s, { ...start, half: 'bottom' }, { pitcher: 'ap' }, {}), 'NOT_IN_BULLPEN');
    assert.equal(refusal(s, start, { pitcher: 'ar1' }, {}), 'NOT_IN_BULLPEN', "the other side's reliever");
    const emptyPen: GameState = { ...start, away: { ...start.away, next: 8, bullpen: [] } };
    assert.equal(refusal(s, emptyPen, {}, { pinchHitter: 'ab1' }), 'NO_RELIEVER');
    const onBase: GameState = { ...start, bases: bases('ap', '', ''), away: { ...start.away, bullpen: [] } };
    assert.equal(refusal(s, onBase, {}, { pinchRunner: { base: 1, playerId: 'ab1' } }), 'NO_RELIEVER');
  });

  it('brings in the required reliever when the pitcher who left is still on the mound and the defense names none', () => {
    const s = new Scenario();
    const start = s.state(SBA, { outs: 2 });
    const batted = replay(start, turn(s, { ...start, away: { ...start.away, next: 8 } }, {}, { pinchHitter: 'ab1' }, BATTER_ROLL));
    const reliever = requiredPitcher(batted);
    assert.ok(reliever, 'the pitcher batted for has left the game');
    const [first] = turn(s, batted, {}, {}, BATTER_ROLL);
    assert.deepEqual(first.type === 'pitchingChange' && first.pitcherId, reliever);
  });
});

describe('baseball substitutions: pinch runners', () => {
  it('keeps the runner\'s earned status and responsible pitcher for the pinch runner', () => {
    const s = new Scenario().set('a1', { batting: '1B' });
    const state = s.state(PD, { bases: [null, { id: 'a7', pitcherId: 'hr1', earned: false }, null] });
    const events = turn(s, state, {}, { pinchRunner: { base: 2, playerId: 'ab2' } }, BATTER_ROLL);
    const [sub] = subsOf(events);
    assert.deepEqual(sub.type === 'substitution' && [sub.kind, sub.in, sub.out, sub.position, sub.base], ['pinchRunner', 'ab2', 'a7', 'CF', 2]);
    const [play] = playsOf(events);
    assert.deepEqual(play.scored, [{ runnerId: 'ab2', pitcherId: 'hr1', earned: false }]);
    const after = replay(state, events);
    assert.deepEqual(after.away.lineup[6], { playerId: 'ab2', position: 'CF' });
    assert.equal(after.away.fielders.CF, 'ab2');
    assert.deepEqual(after.away.removed, ['a7']);
  });

  it('lets the pinch runner steal on the same turn', () => {
    const s = new Scenario().set('ab3', { speed: 20 });
    const state = s.state(PD, { bases: bases('a8', '', '') });
    const events = turn(s, state, {}, { pinchRunner: { base: 1, playerId: 'ab3' }, steal: 1 }, [1, ...BATTER_ROLL]);
    const [sb] = playsOf(events);
    assert.deepEqual([sb.code, sb.runnerId], ['SB2', 'ab3']);
    assert.equal(refusal(s, state, {}, { pinchRunner: { base: 2, playerId: 'ab3' } }), 'NO_RUNNER');
    assert.equal(refusal(s, state, {}, { pinchRunner: { base: 1, playerId: 'ab3' }, pinchHitter: 'ab3' }), 'PLAYER_NOT_AVAILABLE');
  });
});

describe('baseball substitutions: the designated hitter', () => {
  it('makes a pinch hitter for the DH the new DH, who stays out of the field unless sent there', () => {
    const s = new Scenario();
    const start = s.state(PD);
    const state: GameState = { ...start, away: { ...start.away, next: 8 } };
    const after = replay(state, turn(s, state, {}, { pinchHitter: 'ab1' }, BATTER_ROLL));
    assert.deepEqual(after.away.lineup[8], { playerId: 'ab1', position: 'DH' });
    assert.ok(!Object.values(after.away.fielders).includes('ab1'));
    const fielding: GameState = { ...after, half: 'bottom' };
    assert.equal(refusal(s, fielding, { fielders: { LF: 'a9' } }, {}), 'PLAYER_NOT_AVAILABLE', 'the old DH has left');
  });

  it('lets the DH take the field: the fielder he displaces leaves, the pitcher bats in his slot, and the DH is gone for good', () => {
    const s = new Scenario();
    const state = s.state(PD, { half: 'bottom' });
    // a9 is the DH (slot 9), a6 plays left (slot 6).
    const events = turn(s, state, { fielders: { LF: 'a9' } }, {}, BATTER_ROLL);
    assert.deepEqual(subsOf(events).map((e) => e.type === 'substitution' && [e.kind, e.in, e.out, e.position]), [['dhTakesField', 'a9', 'a6', 'LF']]);
    const after = replay(state, events);
    assert.deepEqual(after.away.lineup[8], { playerId: 'a9', position: 'LF' });
    assert.deepEqual(after.away.lineup[5], { playerId: 'ap', position: 'P' }, 'the pitcher bats where the left fielder did');
    assert.equal(after.away.fielders.LF, 'a9');
    assert.deepEqual(after.away.removed, ['a6']);
    assert.ok(!after.away.lineup.some((slot) => slot.position === 'DH'), 'no DH for the rest of the game');
    assertLegalTeam(after.away, PD);
    // From now on the pitcher's slot works as without the DH: a reliever takes it.
    const relieved = replay(after, turn(s, after, { pitcher: 'ar1' }, {}, BATTER_ROLL));
    assert.deepEqual(relieved.away.lineup[5], { playerId: 'ar1', position: 'P' });
    assert.deepEqual([...relieved.away.removed].sort(), ['a6', 'ap']);
  });

  it('moves the DH into the field through a chain of moves: whoever is left without a position leaves', () => {
    const s = new Scenario();
    const state = s.state(PD, { half: 'bottom' });
    // The DH to left, the left fielder to right: the right fielder (a8, slot 8) leaves.
    const after = replay(state, turn(s, state, { fielders: { LF: 'a9', RF: 'a6' } }, {}, BATTER_ROLL));
    assert.deepEqual([after.away.fielders.LF, after.away.fielders.RF], ['a9', 'a6']);
    assert.deepEqual(after.away.lineup[7], { playerId: 'ap', position: 'P' });
    assert.deepEqual(after.away.removed, ['a8']);
    assertLegalTeam(after.away, PD);
  });
});

describe('baseball substitutions: the double switch', () => {
  it('puts the new pitcher in the slot of the fielder who leaves, and his replacement in the pitcher\'s', () => {
    const s = new Scenario();
    const state = s.state(SBA, { half: 'bottom' });
    // ap bats 9th, a5 plays short and bats 5th: ar1 pitches and bats 5th, ab1 plays short and bats 9th.
    const events = turn(s, state, { pitcher: 'ar1', fielders: { SS: 'ab1' }, doubleSwitch: 'a5' }, {}, BATTER_ROLL);
    assert.deepEqual(subsOf(events).map((e) => e.type === 'substitution' ? [e.kind, e.in, e.out, e.position] : [e.type, e.pitcherId]),
      [['pitchingChange', 'ar1'], ['doubleSwitch', 'ab1', 'a5', 'SS']]);
    const after = replay(state, events);
    assert.deepEqual(after.away.lineup[4], { playerId: 'ar1', position: 'P' });
    assert.deepEqual(after.away.lineup[8], { playerId: 'ab1', position: 'SS' });
    assert.deepEqual([after.away.fielders.SS, after.away.fielders.P], ['ab1', 'ar1']);
    assert.deepEqual([...after.away.removed].sort(), ['a5', 'ap']);
    assertLegalTeam(after.away, SBA);
    assert.deepEqual(replay(state, JSON.parse(JSON.stringify(events)) as GameEvent[]), after, 'replays from the stored log');
  });

  it('refuses a double switch without a pitching change, with the DH, or naming a player who does not leave the field', () => {
    const s = new Scenario();
    const sba = s.state(SBA, { half: 'bottom' });
    assert.equal(refusal(s, sba, { fielders: { SS: 'ab1' }, doubleSwitch: 'a5' }, {}), 'INVALID_DOUBLE_SWITCH', 'no pitching change');
    assert.equal(refusal(s, sba, { pitcher: 'ar1', fielders: { SS: 'ab1' }, doubleSwitch: 'a4' }, {}), 'INVALID_DOUBLE_SWITCH', 'a4 stays at 3B');
    assert.equal(refusal(s, sba, { pitcher: 'ar1', doubleSwitch: 'a5' }, {}), 'INVALID_DOUBLE_SWITCH', 'nobody replaces him');
    assert.equal(refusal(s, sba, { pitcher: 'ar1', fielders: { SS: 'ab1' }, doubleSwitch: 'ab2' }, {}), 'INVALID_DOUBLE_SWITCH', 'not in the field');
    assert.equal(refusal(s, sba, { pitcher: 'ar1', fielders: { SS: 'ab1' }, doubleSwitch: 'ap' }, {}), 'INVALID_DOUBLE_SWITCH', 'the pitcher is not a fielder here');
    const pd = s.state(PD, { half: 'bottom' });
    assert.equal(refusal(s, pd, { pitcher: 'ar1', fielders: { SS: 'ab1' }, doubleSwitch: 'a5' }, {}), 'INVALID_DOUBLE_SWITCH', 'with the DH');
    assert.equal(refusal(s, sba, { pitcher: 'ar1', fielders: { SS: 'ab1' }, doubleSwitch: 'a5' }, {}), null);
  });
});

describe('baseball substitutions: defensive switches', () => {
  const fielding = (s: Scenario, rules = PD) => s.state(rules, { half: 'bottom' });

  it('replaces a fielder with a bench player, who takes his batting slot; the fielder leaves', () => {
    const s = new Scenario();
    const state = fielding(s);
    const events = turn(s, state, { fielders: { SS: 'ab1' } }, {}, BATTER_ROLL);
    assert.deepEqual(subsOf(events).map((e) => e.type === 'substitution' && [e.kind, e.in, e.out, e.position]), [['defense', 'ab1', 'a5', 'SS']]);
    const after = replay(state, events);
    assert.equal(after.away.fielders.SS, 'ab1');
    assert.deepEqual(after.away.lineup[4], { playerId: 'ab1', position: 'SS' });
    assert.deepEqual(after.away.removed, ['a5']);
  });

  it('swaps two players in the field, and chains a swap with a bench player coming in', () => {
    const s = new Scenario();
    const state = fielding(s);
    const swapped = replay(state, turn(s, state, { fielders: { SS: 'a3', '2B': 'a5' } }, {}, BATTER_ROLL));
    assert.deepEqual([swapped.away.fielders.SS, swapped.away.fielders['2B']], ['a3', 'a5']);
    assert.deepEqual([swapped.away.lineup[2].position, swapped.away.lineup[4].position], ['SS', '2B']);
    assert.deepEqual(swapped.away.removed, []);
    // a3 to SS, ab2 plays 2B, a5 (the shortstop) leaves: ab2 bats in a5's slot.
    const events = turn(s, state, { fielders: { SS: 'a3', '2B': 'ab2' } }, {}, BATTER_ROLL);
    const after = replay(state, events);
    assert.deepEqual([after.away.fielders.SS, after.away.fielders['2B']], ['a3', 'ab2']);
    assert.deepEqual(after.away.lineup[4], { playerId: 'ab2', position: '2B' });
    assert.deepEqual(after.away.removed, ['a5']);
    assertLegalTeam(after.away, PD);
  });

  it('refuses switches that break the rules', () => {
    const s = new Scenario();
    const state = fielding(s);
    assert.equal(refusal(s, state, { fielders: { SS: 'a3' } }, {}), 'DUPLICATE_FIELDER', 'nobody left at 2B');
    assert.equal(refusal(s, state, { fielders: { SS: 'ab1', '2B': 'ab1' } }, {}), 'DUPLICATE_FIELDER');
    assert.equal(refusal(s, state, { fielders: { P: 'ar1' } }, {}), 'PITCHER_CHANGE_ONLY');
    assert.equal(refusal(s, state, { fielders: { LF: 'ap', P: 'a6' } }, {}), 'PITCHER_CHANGE_ONLY');
    assert.equal(refusal(s, state, { fielders: { DH: 'ab1' } as never }, {}), 'INVALID_POSITION');
    assert.equal(refusal(s, state, { fielders: { SS: 'h1' } }, {}), 'PLAYER_NOT_AVAILABLE', "the other side's player");
    assert.equal(refusal(s, state, { fielders: { SS: 'ar1' } }, {}), 'PLAYER_NOT_AVAILABLE', 'a reliever is no fielder');
    const gone = replay(state, turn(s, state, { fielders: { SS: 'ab1' } }, {}, BATTER_ROLL));
    assert.equal(refusal(s, gone, { fielders: { SS: 'a5' } }, {}), 'PLAYER_NOT_AVAILABLE', 'no re-entry');
    assert.equal(refusal(s, state, { pitcher: 'ar1', fielders: { P: 'ar1' } }, {}), null);
  });

  it('lets a pinch hitter for the pitcher stay out of the field: the reliever takes his slot', () => {
    const s = new Scenario();
    const start = s.state(SBA, { outs: 2 });
    const batted = replay(start, turn(s, { ...start, away: { ...start.away, next: 8 } }, {}, { pinchHitter: 'ab1' }, BATTER_ROLL));
    assert.equal(refusal(s, batted, { fielders: { LF: 'ab1' } }, {}), 'PLAYER_NOT_AVAILABLE');
    assert.equal(checkDefense(batted, { fielders: { LF: 'ab2' } }, s.ctx), null);
  });
});

describe('baseball substitutions: replay', () => {
  it('replays a mixed sequence of turns to the live state, also from the stored (JSON) log', () => {
    const s = new Scenario().set('ab1', { batting: '1B' }).set('a2', { batting: 'BB' }).set('h1', { batting: '2B' });
    const initial = s.state(SBA);
    const script: [DefenseDecision, OffenseDecision, number[]][] = [
      [{}, { pinchHitter: 'ab1' }, BATTER_ROLL], // single
      [{ holdRunners: true }, { pinchRunner: { base: 1, playerId: 'ab2' }, steal: 1 }, [1, ...BATTER_ROLL]], // SB2, a2 walks
      [{ pitcher: 'hr1', fielders: { SS: 'hb1', '2B': 'h3' } }, { hitAndRun: false, bunt: true }, [2]], // sacrifice
      [{ intentionalWalk: true }, {}, []],
      [{ infieldIn: true }, {}, BATTER_ROLL], // K: 2 outs
      [{}, {}, BATTER_ROLL], // K: 3 outs
      // ab2 (catching in a1's slot since he ran for ab1) and a2 trade places; ab3 replaces a6 in left.
      [{ fielders: { LF: 'ab3', C: 'a2', '1B': 'ab2' } }, { pinchHitter: 'hb2' }, BATTER_ROLL],
      [{}, {}, BATTER_ROLL],
    ];
    let live = initial;
    const log: GameEvent[] = [];
    for (const [defense, offense, dice] of script) {
      const events = turn(s, live, defense, offense, dice);
      for (const event of events) live = applyEvent(live, event);
      log.push(...events);
    }
    assert.ok(log.some((e) => e.type === 'substitution' && e.kind === 'defense'));
    assert.ok(playsOf(log).some((p) => p.code === 'IBB'));
    assert.deepEqual(replay(initial, log), live);
    assert.deepEqual(replay(initial, JSON.parse(JSON.stringify(log)) as GameEvent[]), live);
    assertLegalTeam(live.away, SBA);
    assertLegalTeam(live.home, SBA);
  });
});

describe('baseball substitutions: whole games of random decisions', () => {
  it('never lets a player re-enter, play two positions or leave a position empty', function () {
    this.timeout(60_000);
    const clubs = sampleClubs();
    const kinds = new Set<string>();
    for (const rules of [SBA, PD]) {
      for (let seed = 1; seed <= 6; seed++) {
        const [home, away] = [clubs[seed % clubs.length], clubs[(seed + 1) % clubs.length]];
        const players = new Map<string, GamePlayer>();
        for (const club of [home, away]) for (const p of club.players) players.set(p.id, gamePlayer(p));
        const ctx: GameContext = { players };
        const initial = initialState(rules, buildLineup(away, rules, seed), buildLineup(home, rules, seed));
        const rng = seededRng(seed);
        const dice = rngDice(rng);
        let state = initial;
        const log: GameEvent[] = [];
        const refusals = new Set<string>();
        for (let turns = 0; state.status === 'live'; turns++) {
          assert.ok(turns < 3000, 'the game ends');
          let outcome = playTurn(state, randomDefense(rng, state), randomOffense(rng, state), dice, ctx);
          if (isRuleError(outcome)) {
            refusals.add(outcome.code);
            outcome = playTurn(state, {}, {}, dice, ctx);
          }
          assert.ok(!isRuleError(outcome), 'playing on is always legal');
          for (const event of outcome.events) {
            if (event.type === 'play') {
              const bat = state.half === 'top' ? state.away : state.home;
              const field = state.half === 'top' ? state.home : state.away;
              assert.ok(!bat.removed.includes(event.play.batterId), `${event.play.batterId} bats after leaving`);
              assert.ok(!field.removed.includes(event.play.pitcherId), `${event.play.pitcherId} pitches after leaving`);
              for (const r of state.bases) if (r) assert.ok(!bat.removed.includes(r.id), `${r.id} runs after leaving`);
              assert.deepEqual(resolveStoredPlay(state, event.play, ctx), event.play, 'the play re-resolves from its own dice');
            }
            state = applyEvent(state, event);
            log.push(event);
          }
          assertLegalTeam(state.away, rules);
          assertLegalTeam(state.home, rules);
        }
        assert.ok(log.some((e) => e.type === 'substitution'), 'substitutions were made');
        for (const e of log) if (e.type === 'substitution') kinds.add(`${rules.id}:${e.kind}`);
        assert.ok(refusals.size > 0, 'some random decisions were refused');
        assert.deepEqual(replay(initial, log), state);
      }
    }
    for (const kind of ['SBA:doubleSwitch', 'PD:dhTakesField', 'PD:defense', 'SBA:pinchHitter']) assert.ok(kinds.has(kind), `no ${kind} was made`);
  });
});

describe('baseball substitutions: the bench of a built lineup', () => {
  it('puts every hitter not in the lineup on the bench, and never a pitcher', () => {
    const [club] = sampleClubs();
    for (const rules of [PD, SBA]) {
      const setup = buildLineup(club, rules);
      const inLineup = new Set(setup.lineup.map((s) => s.playerId));
      const hitters = club.players.filter((p) => !p.ratings.pitching).map((p) => p.id);
      assert.deepEqual(setup.bench, hitters.filter((id) => !inLineup.has(id)));
      assert.equal(setup.bench!.length, hitters.length - (rules.designatedHitter ? 9 : 8));
    }
  });
});

describe('baseball lineups: the designated hitter of a built lineup', () => {
  const dhOf = (club: Club, setup: ReturnType<typeof buildLineup>) =>
    club.players.find((p) => p.id === setup.lineup.find((slot) => slot.position === 'DH')!.playerId)!;

  it('never makes the DH a player who would field a position better than the one playing it', () => {
    let compared = 0;
    for (const seed of [1, 2, 3]) {
      for (const club of sampleClubs(seed)) {
        for (let game = 0; game < ROTATION_SIZE; game++) {
          const setup = buildLineup(club, PD, game);
          const dh = dhOf(club, setup);
          for (const position of FIELD_POSITIONS.slice(1)) {
            if (!dh.ratings.fielding[position]) continue;
            compared++;
            const fielder = club.players.find((p) => p.id === setup.fielders[position])!;
            assert.ok(fieldingCost(dh, position) >= fieldingCost(fielder, position), `${club.id} game ${game}: DH ${dh.id} fields ${position} better than ${fielder.id}`);
          }
        }
      }
    }
    assert.ok(compared > 50, `only ${compared} comparisons`);
  });

  it('sends a DH who is the best first baseman to first, and the man he replaces to DH: the same nine bat', () => {
    const [base] = sampleClubs();
    const before = buildLineup(base, PD);
    const dh = dhOf(base, before);
    const first = before.fielders['1B'];
    const club: Club = {
      ...base,
      players: base.players.map((p) => (p.id === dh.id ? { ...p, ratings: { ...p.ratings, fielding: { ...p.ratings.fielding, '1B': { range: 1, error: 0 } } } } : p)),
    };
    const after = buildLineup(club, PD);
    assert.equal(after.fielders['1B'], dh.id);
    assert.equal(dhOf(club, after).id, first);
    assert.deepEqual(new Set(after.lineup.map((s) => s.playerId)), new Set(before.lineup.map((s) => s.playerId)));
  });
});

/** The lineup and the field agree: nine batters, each position filled once, nobody who left is still in. */
function assertLegalTeam(team: TeamState, rules: typeof PD): void {
  const ids = team.lineup.map((s) => s.playerId);
  assert.equal(new Set(ids).size, 9, 'nine different batters');
  for (const id of ids) assert.ok(!team.removed.includes(id) && !team.bench.includes(id), `${id} bats though removed or on the bench`);
  for (const id of team.bench) assert.ok(!team.removed.includes(id));
  const fielders = FIELD_POSITIONS.map((p) => team.fielders[p]);
  assert.equal(new Set(fielders).size, 9, 'nine different fielders');
  assert.equal(team.fielders.P, team.pitcher.pitcherId);
  for (const position of FIELD_POSITIONS) {
    if (position === 'P') continue;
    const slots = team.lineup.filter((s) => s.position === position);
    assert.equal(slots.length, 1, `one batter plays ${position}`);
    assert.equal(slots[0].playerId, team.fielders[position], `${position}: lineup and field agree`);
  }
  // The ninth batter is the DH, or the pitcher's slot (without the DH, or once the DH took the field).
  const special = team.lineup.filter((s) => s.position === 'DH' || s.position === 'P');
  assert.equal(special.length, 1);
  if (!rules.designatedHitter) assert.equal(special[0].position, 'P', 'a team without the DH never gets one');
  if (special[0].position === 'P' && !team.removed.includes(team.pitcher.pitcherId)) {
    assert.equal(special[0].playerId, team.pitcher.pitcherId, 'the pitcher bats in the P slot');
  }
  if (team.removed.includes(team.pitcher.pitcherId)) assert.ok(team.bullpen.length > 0, 'a reliever is left to replace him');
}

function chance(rng: Rng, percent: number): boolean {
  return rng.int(1, 100) <= percent;
}

/** Random decisions, legal or not: anyone of either side, any position. */
function someone(rng: Rng, state: GameState): string {
  const team = pickOne(rng, [state.away, state.home]);
  return pickOne(rng, [...team.bench, ...team.removed, ...team.bullpen, ...team.lineup.map((s) => s.playerId), team.pitcher.pitcherId]);
}

function randomDefense(rng: Rng, state: GameState): DefenseDecision {
  const field = state.half === 'top' ? state.home : state.away;
  const d: DefenseDecision = {};
  if (chance(rng, 3)) d.intentionalWalk = true;
  if (state.bases[2] && chance(rng, 30)) d.infieldIn = true;
  if (state.bases[0] && chance(rng, 40)) d.holdRunners = true;
  if (chance(rng, 4)) d.pitcher = chance(rng, 80) && field.bullpen.length > 0 ? pickOne(rng, field.bullpen) : someone(rng, state);
  if (chance(rng, 6)) {
    const position = pickOne(rng, FIELD_POSITIONS.slice(1));
    const fielders: Partial<Record<FieldPosition, string>> = {};
    if (field.bench.length > 0 && chance(rng, 60)) {
      fielders[position] = pickOne(rng, field.bench);
    } else {
      const other = pickOne(rng, FIELD_POSITIONS.slice(1));
      fielders[position] = field.fielders[other];
      if (chance(rng, 80)) fielders[other] = field.fielders[position];
    }
    if (chance(rng, 10)) fielders[pickOne(rng, FIELD_POSITIONS)] = someone(rng, state);
    d.fielders = fielders;
    // A double switch, often for the fielder a bench player replaces, often with a pitching change
    // (refused without one, with the DH, for a fielder who stays ...).
    if (chance(rng, 40)) {
      d.doubleSwitch = field.bench.includes(fielders[position]!) && chance(rng, 70) ? field.fielders[position] : pickOne(rng, FIELD_POSITIONS.map((p) => field.fielders[p]));
      if (field.bullpen.length > 0 && chance(rng, 70)) d.pitcher = pickOne(rng, field.bullpen);
    }
  }
  const dh = field.lineup.find((s) => s.position === 'DH');
  if (dh && chance(rng, 2)) d.fielders = { ...d.fielders, [pickOne(rng, FIELD_POSITIONS.slice(1))]: dh.playerId };
  return d;
}

function randomOffense(rng: Rng, state: GameState): OffenseDecision {
  const bat = state.half === 'top' ? state.away : state.home;
  const o: OffenseDecision = {};
  const tactic = rng.int(1, 10);
  if (tactic === 1) o.steal = pickOne(rng, [1, 2] as const);
  if (tactic === 2) o.bunt = true;
  if (tactic === 3) o.hitAndRun = true;
  if (chance(rng, 8)) o.pinchHitter = bat.bench.length > 0 && chance(rng, 80) ? pickOne(rng, bat.bench) : someone(rng, state);
  if (chance(rng, 8)) {
    const base = pickOne(rng, [1, 2, 3] as const);
    o.pinchRunner = { base, playerId: bat.bench.length > 0 && chance(rng, 80) ? pickOne(rng, bat.bench) : someone(rng, state) };
  }
  return o;
}
