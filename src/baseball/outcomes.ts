import { DOUBLED_OFF_MAX, HIT_AND_RUN_GOING, HOLD_PENALTY, LINED_INTO_DP, speedChecks, type PaTactics } from './charts.ts';
import { player, type Roll } from './play-record.ts';
import { advance, advanceRunners, forceBatterToFirst, putOut, type Running } from './running.ts';
import type { GameContext, CardResult, Play } from './types.ts';

/** Batted-ball results (off the cards or an X-check) applied to the runners, with the tactics in force. */

/** A ground-ball out at 1st; the runners move up a base where they can, the runner on 3rd only unless held. */
export function groundOutAdvance(r: Running, holdThird: boolean): void {
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
function tacticalGrounder(play: Play, outcome: CardResult, r: Running, roll: Roll, t: PaTactics): string | null {
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
export function resolveOutcome(play: Play, outcome: CardResult, r: Running, roll: Roll, ctx: GameContext, t: PaTactics): string {
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

export function hit(play: Play, bases: number): void {
  play.h = 1;
  if (bases === 2) play.double = 1;
  if (bases === 3) play.triple = 1;
  if (bases === 4) play.hr = 1;
  play.code = ['', '1B', '2B', '3B', 'HR'][bases];
}

