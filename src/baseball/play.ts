import { replayDice, type Dice } from './dice.ts';
import { fatigueLevel } from './fatigue.ts';
import { OUTFIELD, X_DOUBLE_ON, errorPercent, fieldingAt, xHitMax } from './fielding.ts';
import {
  advance, advanceRunners, forceBatterToFirst, mergedMoves, onBaseCode, putOut, startRunning, type Running,
} from './running.ts';
import { battingTeam, fieldingTeam } from './state.ts';
import type {
  DieRoll, FieldPosition, GameContext, GamePlayer, GameState, Outcome, Play, PlayKind, Runner, XCheck,
} from './types.ts';

/**
 * Resolving plays: pure functions of (state, dice, context) to a Play record. The dice are asked
 * for in a fixed order (d6 column, d6 + d6 row, d20 split, then only the checks the result needs),
 * and every roll is kept in the play, so a stored play can be re-resolved from its own dice.
 */

/** Speed checks on a d20 (speed 1..20): a runner makes it on a roll <= the threshold. */
export const speedChecks = {
  /** Runner on 1st reaches 3rd on a single. MLB: ~28 %. */
  firstToThird: (speed: number, outs: number) => Math.floor(speed / 3) + 2 + (outs === 2 ? 2 : 0),
  /** Runner on 1st scores on a double. MLB: ~40 %. */
  scoreFromFirst: (speed: number, outs: number) => Math.floor(speed / 2) + 3 + (outs === 2 ? 3 : 0),
  /** Runner on 3rd tags and scores on a medium fly. */
  tagFromThird: (speed: number) => Math.floor(speed / 2) + 5,
};

/** Steal of 2nd (or 3rd, harder): speed, the pitcher's hold and the catcher's arm (-5 best .. +5 worst). */
export function stealThreshold(speed: number, hold: number, arm: number, toBase: number): number {
  const t = Math.floor(speed / 2) + 8 + Math.round((hold + arm) / 2) - (toBase === 3 ? 3 : 0);
  return Math.min(19, Math.max(1, t));
}
/** A steal attempt with d20 = 20 is a pickoff. */
export const PICKOFF_ROLL = 20;

// --------------------------------------------------------------------------------------- tactics

/**
 * The decisions in force for one plate appearance, already checked against the bases and outs
 * (turn.ts works them out from both sides' decisions): each flag is only set when it can matter.
 */
export interface PaTactics {
  /** Runner on 3rd, fewer than two outs. */
  infieldIn: boolean;
  /** Runner on 1st. */
  holdRunners: boolean;
  /** Runner on 1st, 2nd open, fewer than two outs. */
  hitAndRun: boolean;
  /** Runner on 1st and/or 2nd, fewer than two outs. */
  bunt: boolean;
}

export const NO_TACTICS: PaTactics = Object.freeze({ infieldIn: false, holdRunners: false, hitAndRun: false, bunt: false });

/** How the decisions are named in `Play.tactics`. */
export const TACTIC = {
  intentionalWalk: 'IBB', infieldIn: 'infield in', hitAndRun: 'hit-and-run', bunt: 'bunt', holdRunners: 'hold',
} as const;

/**
 * Holding the runner on 1st shortens his lead: his steal of 2nd needs 2 less on the d20, and so
 * does his first-to-third check on a single.
 */
export const HOLD_PENALTY = 2;

/**
 * Ground balls through the infield. A card grounder that is an out gets one more d20 when the
 * defense has drawn the infield in (<= 3: it gets through for a single, the price of cutting off
 * the run) or holds the runner on 1st (the first baseman on the bag opens the hole: <= 1 more).
 * X-checks are not rolled again: the fielder's range already decided them.
 */
export const INFIELD_IN_THROUGH = 3;
export const HOLD_THROUGH = 1;

/**
 * The hit-and-run. The runner on 1st goes with the pitch and the batter must swing at it, whatever
 * it is: that is what the play costs. Before the card is read, a d20 against the batter's contact:
 * on d20 <= hitAndRunMissMax(his K rate) he swings through it (or cannot reach it): the runner is
 * stealing on his own, a play of its own (dice: that d20, then the steal's d20), needing
 * HIT_AND_RUN_JUMP_PENALTY less than on a steal he chose (he goes on the pitch whoever he is,
 * without a base stealer's jump, and looks in for the ball), and no pickoff (he is already
 * running: a 20 is caught stealing). Then the batter's plate appearance goes on as usual, the
 * hit-and-run spent (turn.ts). MLB batters whiff on about a quarter of their swings, more on
 * pitches they would not have chosen: the miss chance is a little over the K rate (30 % for the
 * league's .225, 20 % for a .100 contact hitter, 45 % for a pitcher), so the manager saves the
 * play for his contact hitters, as real ones do, and the double play stays in the game.
 *
 * When he makes contact the card is read with the runner going: no force at 2nd on a grounder
 * (so no double play), and HIT_AND_RUN_GOING more on his speed checks (1st to 3rd on a single: 75 %
 * for an average runner, against 25 % standing; home on a double: 90 %, against 40 %; a ball in
 * front of the left fielder still stops a slow one at 2nd). But a ball caught on the fly near
 * the infield finds the runner far off the bag: a line drive or short pop (FB C) doubles him off
 * 1st on d20 <= DOUBLED_OFF_MAX, and a hard ground-ball result (GB A) is a line drive at an
 * infielder on d20 <= LINED_INTO_DP, doubled off too. A strikeout read off the card is no steal:
 * the hit-and-run pitch was the one the contact d20 was for (fouled off or put in play), and the
 * runner was back at 1st by strike three.
 */
export const HIT_AND_RUN_MISS_EXTRA = 1;
export const HIT_AND_RUN_JUMP_PENALTY = 3;

/** The d20 (<=) on which a batter with this strikeout rate misses the hit-and-run pitch: ceil(20 x K) + 1. */
export function hitAndRunMissMax(kRate: number): number {
  // (The epsilon keeps a rate like .15 from ceiling to 4 on a float product of 3.0000000000000004.)
  return Math.min(19, Math.max(1, Math.ceil(20 * kRate - 1e-9) + HIT_AND_RUN_MISS_EXTRA));
}

/** Hit-and-run: the runner going from 1st has this much more on his 1st-to-3rd and score-from-1st checks. */
export const HIT_AND_RUN_GOING = 10;
/** Hit-and-run, a line drive or pop-up (FB C): the runner going from 1st is doubled off on d20 <= this. */
export const DOUBLED_OFF_MAX = 10;
/** Hit-and-run, a GB A: on d20 <= this it is a line drive at an infielder and the runner is doubled off. */
export const LINED_INTO_DP = 3;

/**
 * The sacrifice-bunt chart, a d20 by the batter's bunt rating: 1..single is a bunt single,
 * ..sacrifice a sacrifice (batter out, runners up), ..failed a failed bunt (lead runner forced,
 * batter safe at 1st), the rest a popped-up bunt (batter out, runners hold). MLB sacrifices
 * succeed about 3 times in 4; a good bunter more, a poor one (most pitchers) about half the time.
 */
export const BUNT_CHART: Readonly<Record<'A' | 'B' | 'C' | 'D', { single: number; sacrifice: number; failed: number }>> = {
  A: { single: 1, sacrifice: 17, failed: 19 },
  B: { single: 1, sacrifice: 15, failed: 18 },
  C: { single: 0, sacrifice: 13, failed: 17 },
  D: { single: 0, sacrifice: 10, failed: 15 },
};
/** The corners charge a drawn-in infield's bunts: this many sacrifice rolls become failed bunts. */
export const INFIELD_IN_BUNT = 3;

/** The names of the tactics in force, in a fixed order, for `Play.tactics`. */
export function tacticNames(t: PaTactics): string[] {
  const names: string[] = [];
  if (t === NO_TACTICS) return names;
  if (t.infieldIn) names.push(TACTIC.infieldIn);
  if (t.hitAndRun) names.push(TACTIC.hitAndRun);
  if (t.bunt) names.push(TACTIC.bunt);
  if (t.holdRunners) names.push(TACTIC.holdRunners);
  return names;
}

/** The tactics a stored play was resolved with: to re-resolve it from its own dice. */
export function playTactics(play: Pick<Play, 'tactics'>): PaTactics {
  if (play.tactics.length === 0) return NO_TACTICS;
  const has = (name: string) => play.tactics.includes(name);
  return { infieldIn: has(TACTIC.infieldIn), holdRunners: has(TACTIC.holdRunners), hitAndRun: has(TACTIC.hitAndRun), bunt: has(TACTIC.bunt) };
}

/**
 * Resolves a stored play again, from its own dice and tactics, against the state it was played
 * on: equal to the stored play when the play is what the rules and the dice say.
 */
export function resolveStoredPlay(state: GameState, play: Play, ctx: GameContext): Play {
  if (play.code === 'IBB') return intentionalWalk(state, ctx);
  const tactics = playTactics(play);
  const dice = replayDice(play.dice);
  // A steal play with 'hit-and-run' is the batter missing the hit-and-run pitch: the PA's dice.
  if (play.kind !== 'steal' || tactics.hitAndRun) return resolvePlateAppearance(state, dice, ctx, tactics);
  return resolveSteal(state, state.bases[0]?.id === play.runnerId ? 1 : 2, dice, ctx, tactics.holdRunners);
}

/** d20 <= 4 x the catcher's passed-ball rating on a PB row is a passed ball (rating 5 = always). */
export const PB_PER_RATING_POINT = 4;

function player(ctx: GameContext, id: string): GamePlayer {
  const p = ctx.players.get(id);
  if (!p) throw new Error(`unknown player ${id}`);
  return p;
}

/**
 * Resolves the next plate appearance, or the wild pitch, passed ball or balk that comes before it,
 * with the tactics in force (a sacrifice bunt reads the bunt chart instead of the cards). On a
 * hit-and-run the contact d20 comes first; when the batter misses, the play returned is the
 * runner's steal (kind 'steal', tactics 'hit-and-run'), and the PA is still to be played
 * (turn.ts plays it without the hit-and-run).
 */
export function resolvePlateAppearance(state: GameState, dice: Dice, ctx: GameContext, tactics: PaTactics = NO_TACTICS): Play {
  const bat = battingTeam(state);
  const field = fieldingTeam(state);
  const batterId = bat.lineup[bat.next].playerId;
  const batter = player(ctx, batterId);
  const pitcher = player(ctx, field.pitcher.pitcherId);
  const level = fatigueLevel(field.pitcher, pitcher.ratings.pitching);
  const rolls: DieRoll[] = [];
  const roll = (sides: number) => {
    const value = dice.next(sides);
    rolls.push({ sides, value });
    return value;
  };
  if (tactics.bunt) return sacrificeBunt(state, batterId, level, roll, rolls, tactics, ctx);
  if (tactics.hitAndRun) {
    const swing = roll(20);
    if (swing <= hitAndRunMissMax(batter.ratings.batting.kRate)) {
      return steal(state, 1, roll, rolls, ctx, tactics.holdRunners, `${batter.name} misses the hit-and-run pitch: `);
    }
  }
  // A position player pitching has no pitcher card: every column is the batter's.
  const pitcherCard = pitcher.pitchingCards[Math.min(level, pitcher.pitchingCards.length - 1)] ?? batter.battingCard;
  const runnersOn = state.bases[0] !== null || state.bases[1] !== null || state.bases[2] !== null;
  for (;;) {
    const column = roll(6);
    const row = roll(6) + roll(6);
    const splitRoll = roll(20);
    const cardRow = (column <= 3 ? batter.battingCard : pitcherCard).columns[(column - 1) % 3][row - 2];
    const outcome = splitRoll <= cardRow.split ? cardRow.a : cardRow.b;
    if (outcome === 'WP' || outcome === 'PB' || outcome === 'BK') {
      // With the bases empty nothing can happen: the pitch is a ball and the dice are read again.
      if (!runnersOn) continue;
      if (outcome === 'PB') {
        const catcher = player(ctx, field.fielders.C);
        if (roll(20) > Math.round(PB_PER_RATING_POINT * (catcher.ratings.passedBall ?? 0))) continue;
      }
      // On a hit-and-run the play keeps the tactic: its dice begin with the contact d20.
      const kind = outcome === 'WP' ? 'wild-pitch' : outcome === 'PB' ? 'passed-ball' : 'balk';
      const play = newPlay(state, batterId, kind, rolls, tactics.hitAndRun ? [TACTIC.hitAndRun] : []);
      play.column = column; play.row = row; play.splitRoll = splitRoll; play.outcome = outcome; play.fatigue = level;
      return pitchEvent(state, play, outcome, ctx);
    }
    const play = newPlay(state, batterId, 'pa', rolls, tacticNames(tactics));
    play.column = column; play.row = row; play.splitRoll = splitRoll; play.outcome = outcome; play.fatigue = level;
    return plateAppearance(state, play, outcome, roll, ctx, tactics);
  }
}

/**
 * The intentional walk: no dice, no pitches (the automatic walk of today's game), the batter to
 * 1st and only forced runners move.
 */
export function intentionalWalk(state: GameState, ctx: GameContext): Play {
  const bat = battingTeam(state);
  const field = fieldingTeam(state);
  const play = newPlay(state, bat.lineup[bat.next].playerId, 'pa', [], [TACTIC.intentionalWalk]);
  play.fatigue = fatigueLevel(field.pitcher, player(ctx, field.pitcher.pitcherId).ratings.pitching);
  play.pa = 1;
  play.bb = 1;
  play.ibb = 1;
  play.code = 'IBB';
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  forceBatterToFirst(r);
  return finish(state, play, r, ctx, 'is walked intentionally');
}

/**
 * A sacrifice bunt: one d20 on the bunt chart (BUNT_CHART) instead of the cards. On a sacrifice
 * every runner moves up, except that a drawn-in infield holds the runner on 3rd when he is not
 * forced; a failed bunt forces the lead runner (the runner on 2nd when 1st is empty).
 */
function sacrificeBunt(
  state: GameState, batterId: string, level: number, roll: (sides: number) => number, rolls: DieRoll[],
  tactics: PaTactics, ctx: GameContext,
): Play {
  const play = newPlay(state, batterId, 'pa', rolls, tacticNames(tactics));
  const chart = BUNT_CHART[player(ctx, batterId).ratings.batting.bunt] ?? BUNT_CHART.C;
  const d = roll(20);
  play.splitRoll = d;
  play.fatigue = level;
  play.pa = 1;
  play.ab = 1;
  play.pitches = 1 + (d % 3);
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  let text: string;
  if (d <= chart.single) {
    advanceRunners(r, 1, true);
    advance(r, 0, 1, true);
    hit(play, 1);
    text = 'beats out a bunt single';
  } else if (d <= chart.sacrifice - (tactics.infieldIn ? INFIELD_IN_BUNT : 0)) {
    groundOutAdvance(r, tactics.infieldIn && !(r.bases[0] && r.bases[1]));
    play.sac = 1;
    play.ab = 0;
    play.code = 'SH';
    text = 'lays down a sacrifice bunt';
  } else if (d <= chart.failed) {
    const lead = !r.bases[0] ? 2 : !r.bases[1] ? 1 : !r.bases[2] ? 2 : 3;
    putOut(r, lead);
    for (let base = lead - 1; base >= 1; base--) advance(r, base, base + 1, false);
    advance(r, 0, 1, false);
    play.code = 'FC';
    text = `bunts into a force out at ${['', '2nd', '3rd', 'home'][lead]}`;
  } else {
    putOut(r, 0);
    play.code = 'FO';
    text = 'pops up the bunt';
  }
  return finish(state, play, r, ctx, text);
}

function newPlay(state: GameState, batterId: string, kind: PlayKind, dice: DieRoll[], tactics: string[]): Play {
  const bat = battingTeam(state);
  const field = fieldingTeam(state);
  return {
    number: state.plays + 1, kind, inning: state.inning, half: state.half, outsBefore: state.outs,
    onBaseCode: onBaseCode(state.bases), onBaseCodeAfter: 0,
    awayScore: state.away.runs, homeScore: state.home.runs,
    battingOrder: bat.next + 1, batterId, pitcherId: field.pitcher.pitcherId, catcherId: field.fielders.C,
    defenderId: null, runnerId: null,
    column: 0, row: 0, splitRoll: 0, outcome: null, code: '', description: '', fatigue: 0,
    reachedOnError: false, pitches: 0, tactics, moves: [], scored: [], dice,
    pa: 0, ab: 0, h: 0, double: 0, triple: 0, hr: 0, bb: 0, so: 0, hbp: 0, rbi: 0, sac: 0, ibb: 0, gidp: 0,
    sb: 0, cs: 0, wp: 0, pb: 0, pickoff: 0, balk: 0, runs: 0, earnedRuns: 0, outs: 0, e: 0,
  };
}

function batterRunner(play: Play): Runner {
  return { id: play.batterId, pitcherId: play.pitcherId, earned: true };
}

function pitchEvent(state: GameState, play: Play, outcome: 'WP' | 'PB' | 'BK', ctx: GameContext): Play {
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  advanceRunners(r, 1, false);
  if (outcome === 'WP') play.wp = 1;
  else if (outcome === 'PB') play.pb = 1;
  else play.balk = 1;
  play.code = outcome;
  play.pitches = 1;
  return finish(state, play, r, ctx, { WP: 'Wild pitch', PB: 'Passed ball', BK: 'Balk' }[outcome] + ': runners move up');
}

function plateAppearance(
  state: GameState, play: Play, outcome: Outcome, roll: (sides: number) => number, ctx: GameContext, t: PaTactics,
): Play {
  play.pa = 1;
  play.ab = 1;
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  // Pitches are not rolled; a plausible count comes from the split roll (MLB: ~3.9 per PA).
  const s = play.splitRoll;
  play.pitches = outcome === 'K' ? 3 + (s % 4) : outcome === 'BB' ? 4 + (s % 4) : outcome === 'HBP' ? 1 + (s % 4) : 2 + (s % 4);
  if (outcome.startsWith('X-')) return xCheck(state, play, outcome as XCheck, r, roll, ctx, t);
  if ((t.infieldIn || t.holdRunners) && (outcome === 'GB-A' || outcome === 'GB-B' || outcome === 'GB-C')
    && roll(20) <= (t.infieldIn ? INFIELD_IN_THROUGH : 0) + (t.holdRunners ? HOLD_THROUGH : 0)) {
    const text = resolveOutcome(play, '1B', r, roll, ctx, t);
    return finish(state, play, r, ctx, `${text}: a ground ball through the infield`);
  }
  const text = resolveOutcome(play, outcome, r, roll, ctx, t);
  return finish(state, play, r, ctx, text);
}

/** A ground-ball out at 1st; the runners move up a base where they can, the runner on 3rd only unless held. */
function groundOutAdvance(r: Running, holdThird: boolean): void {
  putOut(r, 0);
  if (r.outs >= 3) return;
  if (r.bases[2] && !holdThird) advance(r, 3, 4, true);
  if (r.bases[1] && !r.bases[2]) advance(r, 2, 3, true);
  if (r.bases[0] && !r.bases[1]) advance(r, 1, 2, true);
}

/**
 * Ground balls that the tactics change, with fewer than two outs. Hit-and-run: the runner from 1st
 * is gone with the pitch, so there is no force at 2nd and no double play: the batter is out at 1st
 * and the runners move up; but a GB A is a line drive at an infielder on d20 <= LINED_INTO_DP, and
 * the runner is doubled off. Infield in (GB B and C; a GB A is turned as usual): the fielder looks
 * the runner on 3rd back and takes the out at 1st, unless the bases are loaded: then the force is
 * at the plate. Returns null when the tactics change nothing.
 */
function tacticalGrounder(play: Play, outcome: Outcome, r: Running, roll: (sides: number) => number, t: PaTactics): string | null {
  if (r.outs >= 2) return null;
  if (t.hitAndRun && r.bases[0]) {
    if (outcome === 'GB-A' && roll(20) <= LINED_INTO_DP) {
      // A line drive at an infielder: the runner on 1st is off with the pitch and cannot get back.
      putOut(r, 0);
      putOut(r, 1);
      play.code = 'DP';
      return 'lines out to the infield; the runner is doubled off 1st';
    }
    groundOutAdvance(r, t.infieldIn);
    play.code = 'GO';
    return 'grounds out; the runner was going';
  }
  if (!t.infieldIn || !r.bases[2] || outcome === 'GB-A') return null;
  if (r.bases[0] && r.bases[1]) {
    putOut(r, 3);
    advance(r, 2, 3, true);
    advance(r, 1, 2, true);
    advance(r, 0, 1, true);
    play.code = 'FC';
    return 'grounds into a force out at the plate';
  }
  groundOutAdvance(r, true);
  play.code = 'GO';
  return 'grounds out; the runner on 3rd holds';
}

/** Applies a card result (or an X-check's) to the runners, with the tactics in force; returns the description. */
function resolveOutcome(play: Play, outcome: Outcome, r: Running, roll: (sides: number) => number, ctx: GameContext, t: PaTactics): string {
  const speedOf = (base: number) => player(ctx, r.bases[base - 1]!.id).ratings.batting.speed;
  const outsBefore = r.outs;
  if ((t.hitAndRun || t.infieldIn) && (outcome === 'GB-A' || outcome === 'GB-B' || outcome === 'GB-C')) {
    const text = tacticalGrounder(play, outcome, r, roll, t);
    if (text !== null) return text;
  }
  switch (outcome) {
    case 'HR':
      advanceRunners(r, 4, true);
      advance(r, 0, 4, true);
      hit(play, 4);
      return 'home run';
    case '3B':
      advanceRunners(r, 3, true);
      advance(r, 0, 3, true);
      hit(play, 3);
      return 'triple';
    case '2B':
      if (r.bases[2]) advance(r, 3, 4, true);
      if (r.bases[1]) advance(r, 2, 4, true);
      // Hit-and-run: the runner from 1st was off with the pitch: HIT_AND_RUN_GOING more on his check.
      if (r.bases[0]) {
        const needs = speedChecks.scoreFromFirst(speedOf(1), outsBefore) + (t.hitAndRun ? HIT_AND_RUN_GOING : 0);
        advance(r, 1, roll(20) <= needs ? 4 : 3, true);
      }
      advance(r, 0, 2, true);
      hit(play, 2);
      return 'double';
    case '1B':
      if (r.bases[2]) advance(r, 3, 4, true);
      if (r.bases[1]) advance(r, 2, 4, true);
      if (r.bases[0]) {
        // Hit-and-run: he is off with the pitch (holding him made no difference to his jump).
        const needs = speedChecks.firstToThird(speedOf(1), outsBefore)
          + (t.hitAndRun ? HIT_AND_RUN_GOING : t.holdRunners ? -HOLD_PENALTY : 0);
        advance(r, 1, roll(20) <= needs ? 3 : 2, true);
      }
      advance(r, 0, 1, true);
      hit(play, 1);
      return 'single';
    case 'BB':
    case 'HBP':
      forceBatterToFirst(r);
      play.ab = 0;
      if (outcome === 'BB') play.bb = 1; else play.hbp = 1;
      play.code = outcome;
      return outcome === 'BB' ? 'walk' : 'hit by pitch';
    case 'K':
      putOut(r, 0);
      play.so = 1;
      play.code = 'K';
      return 'strikes out';
    case 'GB-A':
      if (r.bases[0] && outsBefore < 2) {
        // Double play: the runner from 1st is forced at 2nd, the batter out at 1st; if that is
        // not the third out the other runners move up (without an RBI).
        putOut(r, 1);
        putOut(r, 0);
        if (r.outs < 3) advanceRunners(r, 1, false);
        play.gidp = 1;
        play.code = 'GIDP';
        return 'grounds into a double play';
      }
      putOut(r, 0);
      play.code = 'GO';
      return 'grounds out';
    case 'GB-B':
      if (outsBefore === 2) {
        putOut(r, r.bases[0] ? 1 : 0);
        play.code = r.bases[0] ? 'FC' : 'GO';
        return r.bases[0] ? 'grounds into a force out' : 'grounds out';
      }
      if (r.bases[0]) {
        // Force at 2nd, batter safe at 1st on the fielder's choice, the others move up.
        if (r.bases[2]) advance(r, 3, 4, true);
        if (r.bases[1]) advance(r, 2, 3, true);
        putOut(r, 1);
        advance(r, 0, 1, true);
        play.code = 'FC';
        return 'grounds into a force out';
      }
      advanceRunners(r, 1, true);
      putOut(r, 0);
      play.code = 'GO';
      return 'grounds out';
    case 'GB-C':
      putOut(r, 0);
      if (r.outs < 3) advanceRunners(r, 1, true);
      play.code = 'GO';
      return 'grounds out slowly, runners advance';
    case 'FB-A':
    case 'FB-B':
    case 'FB-C': {
      putOut(r, 0);
      play.code = 'FO';
      if (t.hitAndRun && outcome === 'FB-C' && r.outs < 3 && r.bases[0] && roll(20) <= DOUBLED_OFF_MAX) {
        putOut(r, 1);
        play.code = 'DP';
        return 'lines out; the runner is doubled off 1st';
      }
      if (r.outs >= 3 || outcome === 'FB-C') return outcome === 'FB-C' ? 'pops out' : 'flies out';
      let scored = false;
      if (r.bases[2] && (outcome === 'FB-A' || roll(20) <= speedChecks.tagFromThird(speedOf(3)))) {
        advance(r, 3, 4, true);
        scored = true;
      }
      if (outcome === 'FB-A' && r.bases[1] && !r.bases[2]) advance(r, 2, 3, false);
      if (!scored) return outcome === 'FB-A' ? 'flies out deep' : 'flies out';
      play.sac = 1;
      play.ab = 0;
      play.code = 'SF';
      return 'hits a sacrifice fly';
    }
    default:
      throw new Error(`resolveOutcome: ${outcome} is not a batted-ball result`);
  }
}

function hit(play: Play, bases: number): void {
  play.h = 1;
  if (bases === 2) play.double = 1;
  if (bases === 3) play.triple = 1;
  if (bases === 4) play.hr = 1;
  play.code = ['', '1B', '2B', '3B', 'HR'][bases];
}

const POSITION_NUMBER: Readonly<Record<FieldPosition, number>> = {
  P: 1, C: 2, '1B': 3, '2B': 4, '3B': 5, SS: 6, LF: 7, CF: 8, RF: 9,
};

/**
 * X-check: d20 against the fielder's range says hit or out (and which kind), d100 against his
 * error rating whether he errs. An error on an out puts the batter on 1st and moves every runner
 * up a base; an error on a hit gives the batter and every runner one more base.
 */
function xCheck(
  state: GameState, play: Play, outcome: XCheck, r: Running, roll: (sides: number) => number, ctx: GameContext, t: PaTactics,
): Play {
  const position = outcome.slice(2) as FieldPosition;
  const fielderId = fieldingTeam(state).fielders[position];
  const rating = fieldingAt(player(ctx, fielderId).ratings, position);
  const rangeRoll = roll(20);
  const error = roll(100) <= errorPercent(rating);
  play.defenderId = fielderId;
  const where = `to ${position} (range ${rating.range}, d20 ${rangeRoll})`;
  if (rangeRoll <= xHitMax(position, rating.range)) {
    let text: string;
    if (OUTFIELD.has(position)) {
      text = resolveOutcome(play, rangeRoll <= X_DOUBLE_ON ? '2B' : '1B', r, roll, ctx, t);
    } else {
      // An infield hit: every runner moves up one base.
      advanceRunners(r, 1, true);
      advance(r, 0, 1, true);
      hit(play, 1);
      text = 'infield single';
    }
    if (!error) return finish(state, play, r, ctx, `${text} ${where}`);
    play.e = 1;
    advanceRunners(r, 1, false);
    return finish(state, play, r, ctx, `${text} ${where}, error ${POSITION_NUMBER[position]}: everyone takes another base`);
  }
  if (error) {
    play.e = 1;
    play.reachedOnError = true;
    r.batter = { ...r.batter, earned: false };
    advanceRunners(r, 1, false);
    advance(r, 0, 1, false);
    play.code = `E${POSITION_NUMBER[position]}`;
    return finish(state, play, r, ctx, `reaches on an error ${where}`);
  }
  const out: Outcome = position === 'C' ? 'FB-C'
    : OUTFIELD.has(position) ? (rangeRoll >= (position === 'CF' ? 15 : 17) ? 'FB-A' : 'FB-B')
      : position === 'SS' || position === '2B' ? (rangeRoll >= 13 ? 'GB-A' : 'GB-B')
        : position === '3B' && rangeRoll >= 16 ? 'GB-A' : 'GB-B';
  const text = resolveOutcome(play, out, r, roll, ctx, t);
  return finish(state, play, r, ctx, `${text} ${where}`);
}

/**
 * Fills in what follows from the running: outs, runs and which are earned, RBIs, the walk-off
 * rule, and the description.
 */
function finish(state: GameState, play: Play, r: Running, ctx: GameContext, text: string): Play {
  let scorers = r.scorers;
  let rbi = r.rbi;
  // Walk-off: in the last inning or later only the runs up to the winning run count, unless it is
  // a home run (then every run counts).
  if (state.half === 'bottom' && state.inning >= state.rules.innings && play.hr === 0) {
    const needed = state.away.runs - state.home.runs + 1;
    if (needed > 0 && scorers.length > needed) {
      const dropped = new Set(scorers.slice(needed).map((s) => s.id));
      for (const move of r.moves) if (move.to === 4 && dropped.has(move.runnerId)) move.to = 3;
      scorers = scorers.slice(0, needed);
      rbi = rbi.slice(0, needed);
    }
  }
  // Earned unless the runner reached on an error (or is the extra-inning runner), an error came
  // earlier in the half-inning, or he scored because of this play's error (runs that score
  // before the error's extra base carry the RBI flag and stay earned).
  play.scored = scorers.map((s, i) => ({
    runnerId: s.id, pitcherId: s.pitcherId, earned: s.earned && !state.errorInHalf && (play.e === 0 || rbi[i]),
  }));
  play.runs = scorers.length;
  play.earnedRuns = play.scored.filter((s) => s.earned).length;
  play.rbi = play.gidp ? 0 : rbi.filter(Boolean).length;
  play.outs = r.outs - state.outs;
  play.moves = mergedMoves(r.moves);
  play.onBaseCodeAfter = r.outs >= 3 ? 0 : onBaseCode(r.bases);
  const runs = play.runs === 0 ? '' : play.runs === 1 ? '; 1 run scores' : `; ${play.runs} runs score`;
  const who = play.kind === 'pa' ? `${player(ctx, play.batterId).name} ${text}` : text;
  play.description = `${who}${runs}`;
  return play;
}

// ---------------------------------------------------------------------------------------- steals

/**
 * The d20 a steal from `fromBase` needs (<=), with this runner, pitcher and catcher, and whether
 * the runner on 1st is held (HOLD_PENALTY, steals of 2nd only); 0 without a runner.
 */
export function stealNeeds(state: GameState, fromBase: 1 | 2, ctx: GameContext, held = false): number {
  const runner = state.bases[fromBase - 1];
  if (!runner) return 0;
  const needs = stealThreshold(player(ctx, runner.id).ratings.batting.speed, holdOf(state, ctx), armOf(state, ctx), fromBase + 1);
  return held && fromBase === 1 ? Math.max(1, needs - HOLD_PENALTY) : needs;
}

/**
 * The d20 the runner on 1st needs (<=) when the batter missed the hit-and-run pitch: his steal of
 * 2nd less HIT_AND_RUN_JUMP_PENALTY (at least 1).
 */
export function hitAndRunStealNeeds(state: GameState, ctx: GameContext, held = false): number {
  return Math.max(1, stealNeeds(state, 1, ctx, held) - HIT_AND_RUN_JUMP_PENALTY);
}

/** Chance the steal succeeds (the AI's input). */
export function stealChance(state: GameState, fromBase: 1 | 2, ctx: GameContext, held = false): number {
  return stealNeeds(state, fromBase, ctx, held) / 20;
}

function holdOf(state: GameState, ctx: GameContext): number {
  return player(ctx, fieldingTeam(state).pitcher.pitcherId).ratings.pitching?.hold ?? 0;
}

function armOf(state: GameState, ctx: GameContext): number {
  const catcher = player(ctx, fieldingTeam(state).fielders.C);
  return fieldingAt(catcher.ratings, 'C').arm ?? 0;
}

/**
 * A steal attempt by the runner on `fromBase` (the next base must be free): one d20, a 20 is a
 * pickoff, else <= the steal threshold is safe, above it caught stealing. `held`: the defense
 * holds the runner on 1st.
 */
export function resolveSteal(state: GameState, fromBase: 1 | 2, dice: Dice, ctx: GameContext, held = false): Play {
  const rolls: DieRoll[] = [];
  const roll = (sides: number) => {
    const value = dice.next(sides);
    rolls.push({ sides, value });
    return value;
  };
  return steal(state, fromBase, roll, rolls, ctx, held, null);
}

/**
 * The steal's d20, after `rolls` (the missed hit-and-run's contact d20). `missed`: the batter
 * missed the hit-and-run pitch (the text says so): the runner is already going, so a 20 is no
 * pickoff, and his jump costs HIT_AND_RUN_JUMP_PENALTY; null for a steal called on its own.
 */
function steal(
  state: GameState, fromBase: 1 | 2, roll: (sides: number) => number, rolls: DieRoll[], ctx: GameContext, held: boolean,
  missed: string | null,
): Play {
  const runner = state.bases[fromBase - 1];
  if (!runner || state.bases[fromBase]) throw new Error(`resolveSteal: no runner on ${fromBase} or the next base is taken`);
  const bat = battingTeam(state);
  const value = roll(20);
  const held2nd = held && fromBase === 1;
  const tactics: string[] = missed !== null ? [TACTIC.hitAndRun] : [];
  if (held2nd) tactics.push(TACTIC.holdRunners);
  const play = newPlay(state, bat.lineup[bat.next].playerId, 'steal', rolls, tactics);
  play.runnerId = runner.id;
  play.splitRoll = value;
  play.pitches = 1;
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  const base = fromBase === 1 ? '2nd' : '3rd';
  const name = `${missed ?? ''}${player(ctx, runner.id).name}`;
  if (value === PICKOFF_ROLL && missed === null) {
    putOut(r, fromBase);
    play.pickoff = 1;
    play.code = `PO${fromBase}`;
    return finish(state, play, r, ctx, `${name} is picked off ${fromBase === 1 ? '1st' : '2nd'}`);
  }
  if (value <= (missed !== null ? hitAndRunStealNeeds(state, ctx, held) : stealNeeds(state, fromBase, ctx, held2nd))) {
    advance(r, fromBase, fromBase + 1, false);
    play.sb = 1;
    play.code = `SB${fromBase + 1}`;
    return finish(state, play, r, ctx, `${name} steals ${base}`);
  }
  putOut(r, fromBase);
  play.cs = 1;
  play.code = `CS${fromBase + 1}`;
  return finish(state, play, r, ctx, `${name} is caught stealing ${base}`);
}
