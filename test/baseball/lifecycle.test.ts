import assert from 'node:assert/strict';
import type { GameConfig } from '../../src/baseball/config.ts';
import * as lifecycle from '../../src/baseball/lifecycle.ts';
import * as live from '../../src/baseball/live.ts';
import { buildLineup } from '../../src/baseball/lineup.ts';
import { gameContext } from '../../src/baseball/game.ts';
import { gameProjections, winnerOf } from '../../src/baseball/projections.ts';
import { standings } from '../../src/baseball/standings.ts';
import { rngDice } from '../../src/baseball/dice.ts';
import { seededRng } from '../../src/dice/rng.ts';
import { isRuleError } from '../../src/rules/rule-error.ts';
import type { AiStyle, Side } from '../../src/baseball/types.ts';
import { SBA, sampleClubs } from './fixtures.ts';

const clubs = sampleClubs();
const NOW = Date.UTC(2030, 3, 1, 18);

function config(ai: { away?: AiStyle | null; home?: AiStyle | null } = {}, extra: Partial<GameConfig> = {}): GameConfig {
  const side = (i: number, style: AiStyle | null | undefined) => ({
    teamId: `team-${i}`, name: clubs[i].name ?? `Club ${i}`, setup: buildLineup(clubs[i], SBA), players: [...clubs[i].players], ai: style ?? null,
  });
  return {
    gameId: 'g', leagueId: 'l', rules: SBA, away: side(0, ai.away), home: side(1, ai.home),
    paceMs: 0, decisionMs: 30_000, startAt: 0, diceCommitment: '', ...extra,
  };
}

const none = new Set<Side>();
const both = new Set<Side>(['away', 'home']);

function fold(state: live.LiveGame, outcome: live.LiveOutcome): live.LiveGame {
  if (isRuleError(outcome)) throw new Error(`${outcome.code}: ${outcome.message}`);
  return live.replayLive(state, outcome.events);
}

function started(cfg: GameConfig, at = NOW): live.LiveGame {
  return fold(live.initialLive(cfg), live.start(live.initialLive(cfg), { now: at }));
}

describe('game lifecycle (pure)', () => {
  describe('pregame: when a game starts', () => {
    it('waits for every manager when no first pitch is set, and starts the moment both are in', () => {
      const game = live.initialLive(config());
      assert.equal(lifecycle.startTime(game, none, NOW), null);
      assert.equal(lifecycle.startTime(game, new Set<Side>(['home']), NOW), null, 'one manager is not enough');
      assert.equal(lifecycle.startTime(game, both, NOW), NOW);
    });

    it('starts at its first pitch without the managers, or earlier once both are in', () => {
      const game = live.initialLive(config({}, { startAt: NOW + 60_000 }));
      assert.equal(lifecycle.startTime(game, none, NOW), NOW + 60_000);
      assert.equal(lifecycle.startTime(game, both, NOW), NOW);
    });

    it('waits only for the managed side when the AI runs the other', () => {
      const game = live.initialLive(config({ away: 'safe' }));
      assert.equal(lifecycle.startTime(game, new Set<Side>(['away']), NOW), null, 'the away side is the AI: presence there means nothing');
      assert.equal(lifecycle.startTime(game, new Set<Side>(['home']), NOW), NOW);
    });

    it('starts an AI-vs-AI game at its first pitch (at once without one), whoever is in', () => {
      assert.equal(lifecycle.startTime(live.initialLive(config({ away: 'safe', home: 'balanced' })), none, NOW), 0);
      const later = live.initialLive(config({ away: 'safe', home: 'balanced' }, { startAt: NOW + 5000 }));
      assert.equal(lifecycle.startTime(later, both, NOW), NOW + 5000);
    });

    it('runs no decision clock before the start', () => {
      const game = live.initialLive(config());
      assert.equal(game.deadline, 0);
      assert.equal(game.awaiting, '');
    });
  });

  describe('the decision clock', () => {
    it("changes nothing when its expiry comes for a decision already made (it waited behind it): the next decision's clock runs", () => {
      let state = started(config());
      const ctx = (now: number) => ({ now, dice: rngDice(seededRng(now)), game: gameContext(clubs.slice(0, 2)) });
      const armedFor = live.turnOf(state);
      assert.equal(armedFor.awaiting, 'defense');
      // The fielding manager decides just before the deadline; the expiry armed for his decision runs after.
      state = fold(state, live.decideDefense(state, 'home', { decision: {} }, ctx(NOW + 29_990)));
      const late = live.expire(state, ctx(NOW + 30_000), armedFor);
      assert.ok(isRuleError(late) && late.code === 'STALE', 'the batting manager keeps his window');
      assert.equal(state.deadline, NOW + 29_990 + 30_000);
      // The expiry armed for the offense, when it comes, has the AI decide it.
      const due = live.expire(state, ctx(state.deadline), live.turnOf(state));
      assert.ok(!isRuleError(due) && due.events.some((e) => e.type === 'turn'));
    });
  });

  describe('cancel and postpone', () => {
    it('cancels a game not started; refuses once it has', () => {
      const game = live.initialLive(config());
      const cancelled = fold(game, lifecycle.cancel(game, { now: NOW }));
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.finishedAt, NOW);
      const playing = started(config());
      const refused = lifecycle.cancel(playing, { now: NOW });
      assert.ok(isRuleError(refused) && refused.code === 'ALREADY_STARTED');
      const again = lifecycle.cancel(cancelled, { now: NOW });
      assert.ok(isRuleError(again) && again.code === 'ALREADY_STARTED');
    });

    it('moves the first pitch later; refuses a time not after now and a started game', () => {
      const game = live.initialLive(config({}, { startAt: NOW + 1000 }));
      const moved = fold(game, lifecycle.postpone(game, NOW + 86_400_000, { now: NOW }));
      assert.equal(moved.startAt, NOW + 86_400_000);
      assert.equal(moved.status, 'scheduled');
      assert.equal(lifecycle.startTime(moved, none, NOW), NOW + 86_400_000);
      const past = lifecycle.postpone(game, NOW, { now: NOW });
      assert.ok(isRuleError(past) && past.code === 'INVALID_TIME');
      const playing = lifecycle.postpone(started(config()), NOW + 1000, { now: NOW });
      assert.ok(isRuleError(playing) && playing.code === 'ALREADY_STARTED');
    });
  });

  describe('forfeit', () => {
    it('ends the game for the other side, before or during play; never twice', () => {
      const pregame = live.initialLive(config());
      const early = fold(pregame, lifecycle.forfeit(pregame, 'home', { now: NOW }));
      assert.equal(early.status, 'final');
      assert.equal(early.forfeitedBy, 'home');
      assert.equal(winnerOf(early), 'team-0');
      const playing = started(config());
      const late = fold(playing, lifecycle.forfeit(playing, 'away', { now: NOW + 1 }));
      assert.equal(winnerOf(late), 'team-1');
      assert.equal(late.deadline, 0);
      const again = lifecycle.forfeit(late, 'home', { now: NOW + 2 });
      assert.ok(isRuleError(again) && again.code === 'GAME_OVER');
    });

    it('makes the decisions of a forfeited game refused as GAME_OVER', () => {
      const playing = started(config());
      const over = fold(playing, lifecycle.forfeit(playing, 'away', { now: NOW }));
      const ctx = { now: NOW, dice: rngDice(seededRng(1)), game: gameContext(clubs.slice(0, 2)) };
      const refused = live.decideDefense(over, 'home', { decision: {} }, ctx);
      assert.ok(isRuleError(refused) && refused.code === 'GAME_OVER');
    });

    it('writes the winner and the forfeiting team, and no season-stat lines, to the games row', () => {
      const playing = started(config());
      const over = fold(playing, lifecycle.forfeit(playing, 'away', { now: NOW }));
      const projections = gameProjections(playing, over, [], new Date(NOW));
      assert.equal(projections.length, 1, 'the games row only: a forfeit adds no player lines');
    });
  });

  describe('abandonment', () => {
    const rule = { afterMs: 60_000, then: 'ai' as const };

    it('counts from the last manager leaving (not before the start) and only while nobody is in', () => {
      const game = started(config({}, { abandon: rule }), NOW);
      assert.equal(lifecycle.abandonTime(game, none, NOW - 600_000), NOW + 60_000, 'absence before the first pitch is not idleness');
      assert.equal(lifecycle.abandonTime(game, none, NOW + 5000), NOW + 65_000);
      assert.equal(lifecycle.abandonTime(game, new Set<Side>(['away']), NOW), null);
      const early = lifecycle.abandon(game, none, NOW, { now: NOW + 59_999 });
      assert.ok(isRuleError(early) && early.code === 'NOT_ABANDONED');
      const present = lifecycle.abandon(game, new Set<Side>(['home']), NOW, { now: NOW + 120_000 });
      assert.ok(isRuleError(present) && present.code === 'NOT_ABANDONED');
    });

    it('never abandons an AI-vs-AI game', () => {
      const game = started(config({ away: 'safe', home: 'safe' }));
      assert.equal(lifecycle.abandonTime(game, none, NOW), null);
    });

    it('hands both sides to the AI at the game pace, which then plays the game to its end', () => {
      const cfg = config({}, { abandon: rule, paceMs: 500 });
      const game = started(cfg, NOW);
      const abandoned = fold(game, lifecycle.abandon(game, none, NOW, { now: NOW + 60_000 }));
      assert.deepEqual(abandoned.autopilot, ['away', 'home']);
      assert.equal(abandoned.status, 'live');
      assert.equal(abandoned.deadline, NOW + 60_500, 'the AI decides at the game pace, not the managers\' 30 s');
      assert.deepEqual(lifecycle.managedSides(abandoned), []);
      const ctx = { now: NOW, dice: rngDice(seededRng(7)), game: gameContext(clubs.slice(0, 2)) };
      const refused = live.decideDefense(abandoned, 'home', { decision: {} }, ctx);
      assert.ok(isRuleError(refused) && refused.code === 'AI_SIDE');
      let state = abandoned;
      for (let step = 0; state.status === 'live' && step < 2000; step++) state = fold(state, live.expire(state, { ...ctx, now: NOW + step }));
      assert.equal(state.status, 'final');
    });

    it('gives a side back to its manager when he is back: his awaited decision with a fresh window, the AI plays on for the other', () => {
      const cfg = config({}, { abandon: rule, paceMs: 500 });
      const game = started(cfg, NOW);
      const abandoned = fold(game, lifecycle.abandon(game, none, NOW, { now: NOW + 60_000 }));
      assert.equal(abandoned.awaiting, 'defense');
      assert.equal(lifecycle.reclaimingSide(abandoned, none), null, 'nobody is back');
      const early = lifecycle.reclaim(abandoned, 'home', none, { now: NOW + 60_100 });
      assert.ok(isRuleError(early) && early.code === 'NOT_AUTOPILOT', 'not while he is away');

      // Top of the 1st: home fields, so the awaited defense is his again, with his 30 s.
      assert.equal(lifecycle.reclaimingSide(abandoned, new Set<Side>(['home'])), 'home');
      const home = fold(abandoned, lifecycle.reclaim(abandoned, 'home', new Set<Side>(['home']), { now: NOW + 60_200 }));
      assert.deepEqual(home.autopilot, ['away']);
      assert.equal(home.deadline, NOW + 60_200 + 30_000);
      assert.deepEqual(lifecycle.managedSides(home), ['home']);
      const ctx = { now: NOW + 61_000, dice: rngDice(seededRng(7)), game: gameContext(clubs.slice(0, 2)) };
      const decided = fold(home, live.decideDefense(home, 'home', { decision: {} }, ctx));
      assert.equal(decided.awaiting, 'offense');
      assert.equal(decided.deadline, ctx.now, 'the away side is still the AI\'s: it bats at once');
      const refusedAgain = lifecycle.reclaim(home, 'home', new Set<Side>(['home']), ctx);
      assert.ok(isRuleError(refusedAgain) && refusedAgain.code === 'NOT_AUTOPILOT', 'once');

      // The away manager back while the home side decides: the pending decision is not his, its clock stands.
      const away = fold(home, lifecycle.reclaim(home, 'away', both, { now: NOW + 60_300 }));
      assert.deepEqual(away.autopilot, []);
      assert.equal(away.deadline, home.deadline);
      // Both away again for the idle time: abandoned again, both sides to the AI.
      const again = fold(away, lifecycle.abandon(away, none, NOW + 61_000, { now: NOW + 121_000 }));
      assert.deepEqual(again.autopilot.toSorted(), ['away', 'home']);
    });

    it('suspends the game when so configured, and resumes it with a fresh clock once both managers are back', () => {
      const game = started(config({}, { abandon: { afterMs: 1000, then: 'suspend' } }), NOW);
      const suspended = fold(game, lifecycle.abandon(game, none, NOW, { now: NOW + 1000 }));
      assert.equal(suspended.status, 'suspended');
      assert.equal(suspended.deadline, 0);
      assert.equal(suspended.awaiting, 'defense', 'the plate appearance waits where it was');
      const ctx = { now: NOW, dice: rngDice(seededRng(1)), game: gameContext(clubs.slice(0, 2)) };
      const refused = live.decideDefense(suspended, 'home', { decision: {} }, ctx);
      assert.ok(isRuleError(refused) && refused.code === 'SUSPENDED');
      assert.equal(lifecycle.resumeTime(suspended, new Set<Side>(['home']), NOW + 5000), null);
      const early = lifecycle.resume(suspended, new Set<Side>(['home']), { now: NOW + 5000 });
      assert.ok(isRuleError(early) && early.code === 'NOT_SUSPENDED');
      const resumed = fold(suspended, lifecycle.resume(suspended, both, { now: NOW + 9000 }));
      assert.equal(resumed.status, 'live');
      assert.equal(resumed.deadline, NOW + 9000 + 30_000);
    });

    describe('resume on command', () => {
      const suspendRule = { afterMs: 1000, then: 'suspend' as const };
      const home = new Set<Side>(['home']);
      function suspendedGame(cfg = config({}, { abandon: suspendRule, paceMs: 500 })) {
        const game = started(cfg, NOW);
        return fold(game, lifecycle.abandon(game, none, NOW, { now: NOW + 1000 }));
      }

      it('refuses a game that is not suspended, and a manager who is not in the room', () => {
        const playing = started(config({}, { abandon: suspendRule }), NOW);
        const live_ = lifecycle.resumeNow(playing, both, null, { now: NOW });
        assert.ok(isRuleError(live_) && live_.code === 'NOT_SUSPENDED');
        const pregame = lifecycle.resumeNow(live.initialLive(config()), both, null, { now: NOW });
        assert.ok(isRuleError(pregame) && pregame.code === 'NOT_SUSPENDED');
        const suspended = suspendedGame();
        const away = lifecycle.resumeNow(suspended, home, ['away'], { now: NOW + 5000 });
        assert.ok(isRuleError(away) && away.code === 'NOT_PRESENT', 'the away manager is not in the room');
      });

      it('hands the absent side to the AI at the game pace, leaves the present one his own with his window', () => {
        const suspended = suspendedGame();
        assert.equal(suspended.awaiting, 'defense', 'top of the 1st: the home side fields');
        const outcome = lifecycle.resumeNow(suspended, home, null, { now: NOW + 5000 });
        assert.ok(!isRuleError(outcome));
        assert.deepEqual(outcome.events, [{ type: 'resume', at: NOW + 5000, autopilot: ['away'] }]);
        const resumed = fold(suspended, outcome);
        assert.equal(resumed.status, 'live');
        assert.deepEqual(resumed.autopilot, ['away']);
        assert.deepEqual(lifecycle.managedSides(resumed), ['home']);
        assert.equal(resumed.deadline, NOW + 5000 + 30_000, "the home manager's own decision window");
        // The home manager decides; the AI bats for the away side at once.
        const ctx = { now: NOW + 6000, dice: rngDice(seededRng(3)), game: gameContext(clubs.slice(0, 2)) };
        const decided = fold(resumed, live.decideDefense(resumed, 'home', { decision: {} }, ctx));
        assert.equal(decided.deadline, ctx.now, 'the AI answers for the absent away side');
        const refused = live.decideOffense(decided, 'away', { decision: {} }, ctx);
        assert.ok(isRuleError(refused) && refused.code === 'AI_SIDE');
        // The away manager back: he takes his side back as after an abandonment.
        assert.equal(lifecycle.reclaimingSide(decided, both), 'away');
        const back = fold(decided, lifecycle.reclaim(decided, 'away', both, { now: NOW + 7000 }));
        assert.deepEqual(back.autopilot, []);
        assert.equal(back.deadline, NOW + 7000 + 30_000, 'his turn to bat: a fresh window of his own');
      });

      it('lets a manager in the room resume: with both away the commissioner hands both sides to the AI', () => {
        const suspended = suspendedGame();
        const byManager = fold(suspended, lifecycle.resumeNow(suspended, home, ['home'], { now: NOW + 5000 }));
        assert.deepEqual(byManager.autopilot, ['away']);
        const nobody = fold(suspended, lifecycle.resumeNow(suspended, none, null, { now: NOW + 5000 }));
        assert.deepEqual(nobody.autopilot, ['away', 'home']);
        assert.equal(nobody.deadline, NOW + 5000 + 500, 'the AI fields at the game pace');
        assert.equal(lifecycle.abandonTime(nobody, none, NOW), null, 'nobody manages it now: it is not abandoned again');
        const all = fold(suspended, lifecycle.resumeNow(suspended, both, null, { now: NOW + 5000 }));
        assert.deepEqual(all.autopilot, [], 'both in: nobody to replace');
      });

      it('replays a resumed game from its log as it was played live, whoever is in at the replay', () => {
        const cfg = config({}, { abandon: suspendRule, paceMs: 500 });
        const events: live.LiveEvent[] = [];
        let state = live.initialLive(cfg);
        const step = (outcome: live.LiveOutcome) => {
          if (isRuleError(outcome)) throw new Error(`${outcome.code}: ${outcome.message}`);
          events.push(...outcome.events);
          state = live.replayLive(state, outcome.events);
        };
        step(live.start(state, { now: NOW }));
        step(lifecycle.abandon(state, none, NOW, { now: NOW + 1000 }));
        step(lifecycle.resumeNow(state, home, ['home'], { now: NOW + 2000 }));
        const ctx = (now: number) => ({ now, dice: rngDice(seededRng(now)), game: gameContext(clubs.slice(0, 2)) });
        step(live.decideDefense(state, 'home', { decision: {} }, ctx(NOW + 3000)));
        step(live.expire(state, ctx(NOW + 3000)));
        // Suspended again with the away side still the AI's, and resumed with both in.
        step(lifecycle.abandon(state, none, NOW + 3000, { now: NOW + 4000 }));
        assert.equal(state.status, 'suspended');
        step(lifecycle.resumeNow(state, both, null, { now: NOW + 5000 }));
        assert.deepEqual(state.autopilot, ['away'], 'the away side stays the AI\'s once, until he takes it back');
        const stored = JSON.parse(JSON.stringify(events)) as live.LiveEvent[];
        assert.deepEqual(live.replayLive(live.initialLive(cfg), stored), state);
      });

      it('folds an old log whose resume names no sides as before: nobody handed to the AI', () => {
        const suspended = suspendedGame();
        const old = live.replayLive(suspended, [{ type: 'resume', at: NOW + 9000 }]);
        assert.deepEqual(old.autopilot, []);
        assert.equal(old.status, 'live');
        assert.equal(old.deadline, NOW + 9000 + 30_000);
      });
    });

    it('uses the default (10 minutes, AI) for a game that names none', () => {
      assert.deepEqual(lifecycle.abandonRule(live.initialLive(config())), { afterMs: 600_000, then: 'ai' });
    });
  });

  it('counts a forfeit for its winner in the standings whatever the runs', () => {
    const teams = [{ id: 'a', name: 'A' }, { id: 'h', name: 'H' }];
    const rows = standings(teams, [{ homeTeamId: 'h', awayTeamId: 'a', homeScore: 3, awayScore: 1, at: 1, winnerId: 'a' }]);
    assert.deepEqual(rows.map((r) => [r.teamId, r.w, r.l]), [['a', 1, 0], ['h', 0, 1]]);
  });
});
