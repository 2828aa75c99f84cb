import type { BattingRatings, PitchingRatings } from '../players/types.ts';
import { PITCHER_GROUND_SHARES, X_CHANCE, batterGroundShares, tiredPitching } from './cards.ts';
import {
  BUNT_CHART, DOUBLED_OFF_MAX, HIT_AND_RUN_GOING, HOLD_PENALTY, HOLD_THROUGH, INFIELD_IN_BUNT, INFIELD_IN_THROUGH, LINED_INTO_DP,
  speedChecks,
} from './charts.ts';
import { X_SHARE, averageXHits } from './fielding.ts';
import { LEAGUE_BATTING, LEAGUE_PITCHING, hitsPerPa } from './norms.ts';

/**
 * The AI's probability model of one plate appearance: this batter's rates against this pitcher
 * (their ratings, as the cards play them, with fatigue), and the running rules and tactics of
 * play.ts with the runners' speeds, to the value of where the PA ends (test/baseball/ai-model.test.ts
 * holds it to a Monte-Carlo run of the real resolver).
 */

/** Share of grounders read off the cards (the rest are X-checks, which get no extra roll through the infield). */
const CARD_GROUNDERS = 0.8;

/**
 * Infield singles per PA: the pitcher card's X-checks (read half the time) to an average infielder
 * that are hits. Every runner moves up one base on them, so the runner on 2nd does not score.
 */
const INFIELD_SINGLES = (0.5 * X_CHANCE) * (['P', '1B', '2B', '3B', 'SS'] as const)
  .reduce((sum, position) => sum + X_SHARE[position] * averageXHits(position).single, 0);

/** What the end of a plate appearance is worth to the batting side. */
export type Value = (outs: number, code: number, runs: number) => number;

/** The runners' speeds on 1st, 2nd and 3rd; 0 = empty. */
export type Runners = readonly [number, number, number];
export const EMPTY: Runners = [0, 0, 0];

export function codeOf(r: Runners): number {
  return (r[0] ? 1 : 0) | (r[1] ? 2 : 0) | (r[2] ? 4 : 0);
}

/** Per-PA rates of a batter against a pitcher, as their cards play them (league + both deviations). */
export interface MatchupRates {
  /** Singles to the outfield (runners by the speed checks) and infield singles (every runner up one base). */
  single: number; infieldSingle: number;
  double: number; triple: number; hr: number; walk: number; k: number;
  /** Ground-ball outs, and their shares: A double-play ball, B force, C slow roller. */
  gb: number; gbA: number; gbB: number; gbC: number;
  /** Fly-ball outs, and their shares: A deep, B medium, C pop-up. */
  fb: number; fbA: number; fbB: number;
}

export function matchupRates(b: BattingRatings, pitching: PitchingRatings | undefined, fatigue = 0): MatchupRates {
  const p = pitching ? tiredPitching(pitching, fatigue) : LEAGUE_PITCHING;
  const dHits = p.hitRate - LEAGUE_PITCHING.hitRate;
  const dHr = p.hrRate - LEAGUE_PITCHING.hrRate;
  const hr = Math.max(0, b.hrRate + dHr);
  const double = Math.max(0, b.doubleRate + 0.2 * (dHits - dHr));
  const triple = b.tripleRate;
  const hits = Math.max(hr + double + triple, hitsPerPa(b) + dHits);
  const walk = Math.max(0, b.bbRate + p.bbRate - LEAGUE_PITCHING.bbRate) + b.hbpRate;
  const k = Math.max(0, b.kRate + p.kRate - LEAGUE_PITCHING.kRate);
  const outs = Math.max(0, 1 - hits - walk - k);
  const singles = hits - hr - double - triple;
  const infieldSingle = Math.min(singles, INFIELD_SINGLES);
  // Half the outs are read off the batter's card (his grounder share; A and C by his speed, deep
  // flies by his power), half off the pitcher's (the league's shares): cards.ts.
  const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
  const gbShare = (b.gbRate + LEAGUE_BATTING.gbRate) / 2;
  const [batterA, , batterC] = batterGroundShares(b.speed);
  const gbA = (batterA + PITCHER_GROUND_SHARES[0]) / 2;
  const gbC = (batterC + PITCHER_GROUND_SHARES[2]) / 2;
  const fbA = (clamp(0.2 + 3 * (b.hrRate - LEAGUE_BATTING.hrRate), 0.08, 0.4) + 0.22) / 2;
  return {
    single: singles - infieldSingle, infieldSingle, double, triple, hr, walk, k,
    gb: outs * gbShare, gbA, gbB: 1 - gbA - gbC, gbC,
    fb: outs * (1 - gbShare), fbA, fbB: 0.65 - fbA,
  };
}

/** The tactics of a PA, as play.ts applies them (hitAndRun: the batter made contact with the pitch). */
export interface Tactics {
  hitAndRun: boolean;
  infieldIn: boolean;
  hold: boolean;
}
export const SWING: Tactics = { hitAndRun: false, infieldIn: false, hold: false };

/** The rest of the game's value from where a PA ends (runs = runs scored on it). */
export type Next = (outs: number, runners: Runners, runs: number) => number;

/** Forced runners move up on a walk; returns the runners and the runs. */
export function walked(r: Runners, batterSpeed: number): [Runners, number] {
  const [s1, s2, s3] = r;
  if (!s1) return [[batterSpeed, s2, s3], 0];
  if (!s2) return [[batterSpeed, s1, s3], 0];
  return [[batterSpeed, s1, s2], s3 ? 1 : 0];
}

/** A ground-ball out at 1st: the runners move up where they can, the runner on 3rd unless held (play.ts). */
function groundOutAdvance(r: Runners, holdThird: boolean): [Runners, number] {
  let [s1, s2, s3] = r;
  let runs = 0;
  if (s3 && !holdThird) { runs = 1; s3 = 0; }
  if (s2 && !s3) { s3 = s2; s2 = 0; }
  if (s1 && !s2) { s2 = s1; s1 = 0; }
  return [[s1, s2, s3], runs];
}

/**
 * The expected value of one plate appearance: each result with its probability, the runners moved
 * as play.ts moves them (speed checks with the runners' speeds, the tactics), then `next`. With
 * `t.hitAndRun` it is the PA once the batter has made contact with the hit-and-run pitch
 * (expectHitAndRun adds the miss).
 */
export function expectPa(outs: number, r: Runners, bs: number, m: MatchupRates, t: Tactics, next: Next): number {
  const [s1, s2, s3] = r;
  const ahead = (s2 ? 1 : 0) + (s3 ? 1 : 0);
  let total = 0;
  const add = (p: number, o: number, after: Runners, runs: number) => {
    if (p > 0) total += p * (o >= 3 ? next(3, EMPTY, 0) : next(o, after, runs));
  };
  const d20 = (needs: number) => Math.min(1, Math.max(0, needs / 20));
  add(m.hr, outs, EMPTY, ahead + (s1 ? 1 : 0) + 1);
  add(m.triple, outs, [0, 0, bs], ahead + (s1 ? 1 : 0));
  // Grounders the tactics let through the infield play as singles.
  const through = m.gb * CARD_GROUNDERS * d20((t.infieldIn && s3 && outs < 2 ? INFIELD_IN_THROUGH : 0) + (t.hold && s1 ? HOLD_THROUGH : 0));
  const single = m.single + through;
  if (s1) {
    const home = d20(speedChecks.scoreFromFirst(s1, outs) + (t.hitAndRun ? HIT_AND_RUN_GOING : 0));
    add(m.double * home, outs, [0, bs, 0], ahead + 1);
    add(m.double * (1 - home), outs, [0, bs, s1], ahead);
    const third = d20(speedChecks.firstToThird(s1, outs) + (t.hitAndRun ? HIT_AND_RUN_GOING : t.hold ? -HOLD_PENALTY : 0));
    add(single * third, outs, [bs, 0, s1], ahead);
    add(single * (1 - third), outs, [bs, s1, 0], ahead);
  } else {
    add(m.double, outs, [0, bs, 0], ahead);
    add(single, outs, [bs, 0, 0], ahead);
  }
  add(m.infieldSingle, outs, [bs, s1, s2], s3 ? 1 : 0);
  const [afterWalk, walkRuns] = walked(r, bs);
  add(m.walk, outs, afterWalk, walkRuns);
  // Strikeout (on the hit-and-run the runner is back at 1st by strike three: play.ts).
  add(m.k, outs + 1, r, 0);
  grounders(outs, r, bs, m.gb - through, m, t, add);
  // Flies: A scores the runner from 3rd and moves 2nd to 3rd, B scores him on a tag check, C holds
  // (on the hit-and-run the runner from 1st is doubled off on d20 <= DOUBLED_OFF_MAX).
  if (outs + 1 >= 3) {
    add(m.fb, 3, EMPTY, 0);
    return total;
  }
  add(m.fb * m.fbA, outs + 1, [s1, 0, s2], s3 ? 1 : 0);
  const tag = s3 ? d20(speedChecks.tagFromThird(s3)) : 0;
  add(m.fb * m.fbB * tag, outs + 1, [s1, s2, 0], 1);
  add(m.fb * m.fbB * (1 - tag), outs + 1, r, 0);
  const pop = m.fb * (1 - m.fbA - m.fbB);
  const doubledOff = t.hitAndRun && s1 ? d20(DOUBLED_OFF_MAX) : 0;
  add(pop * doubledOff, outs + 2, [0, s2, s3], 0);
  add(pop * (1 - doubledOff), outs + 1, r, 0);
  return total;
}

/**
 * The hit-and-run as play.ts plays it: the batter misses the pitch with chance `miss` and the
 * runner on 1st steals with chance `steal`, then the PA is played as usual (nobody on 1st to
 * hold); else the PA with the runner going.
 */
export function expectHitAndRun(outs: number, r: Runners, bs: number, m: MatchupRates, hold: boolean, miss: number, steal: number, next: Next): number {
  const [s1, , s3] = r;
  const contact = expectPa(outs, r, bs, m, { ...SWING, hold, hitAndRun: true }, next);
  const safe = expectPa(outs, [0, s1, s3], bs, m, SWING, next);
  const caught = outs + 1 >= 3 ? next(3, EMPTY, 0) : expectPa(outs + 1, [0, 0, s3], bs, m, SWING, next);
  return (1 - miss) * contact + miss * (steal * safe + (1 - steal) * caught);
}

/** Ground-ball outs as play.ts resolves them, with the tactics. */
function grounders(outs: number, r: Runners, bs: number, gb: number, m: MatchupRates, t: Tactics, add: (p: number, o: number, after: Runners, runs: number) => void): void {
  const [s1, s2, s3] = r;
  if (outs === 2) { add(gb, 3, EMPTY, 0); return; }
  const [up, upRuns] = groundOutAdvance(r, false);
  if (t.hitAndRun && s1) {
    // The runner is going: no force at 2nd, no double play; but some A's are liners that double him off.
    const lined = gb * m.gbA * LINED_INTO_DP / 20;
    add(lined, outs + 2, [0, s2, s3], 0);
    const [held, heldRuns] = groundOutAdvance(r, t.infieldIn);
    add(gb - lined, outs + 1, held, heldRuns);
    return;
  }
  // A: a double play with a runner on 1st (the others move up), else the batter out and the runners hold.
  if (s1) add(gb * m.gbA, outs + 2, outs + 2 >= 3 ? EMPTY : [0, 0, s2], s3 && outs === 0 ? 1 : 0);
  else add(gb * m.gbA, outs + 1, r, 0);
  const rest = gb * (m.gbB + m.gbC);
  if (t.infieldIn && s3) {
    // B and C with the infield in: the force at the plate with the bases loaded, else the runner holds.
    if (s1 && s2) add(rest, outs + 1, [bs, s1, s2], 0);
    else { const [held, heldRuns] = groundOutAdvance(r, true); add(rest, outs + 1, held, heldRuns); }
    return;
  }
  // B: the force at 2nd (batter safe at 1st) with a runner on 1st; C, and B without one: everyone up.
  if (s1) add(gb * m.gbB, outs + 1, [bs, 0, s2], s3 ? 1 : 0);
  else add(gb * m.gbB, outs + 1, up, upRuns);
  add(gb * m.gbC, outs + 1, up, upRuns);
}

/** The sacrifice bunt: the bunt chart of play.ts by the batter's grade. */
export function expectBunt(outs: number, r: Runners, bs: number, grade: BattingRatings['bunt'], infieldIn: boolean, value: Value): number {
  const chart = BUNT_CHART[grade] ?? BUNT_CHART.C;
  const [s1, s2, s3] = r;
  const single = chart.single / 20;
  const sacrifice = Math.max(0, chart.sacrifice - chart.single - (infieldIn ? INFIELD_IN_BUNT : 0)) / 20;
  const failed = chart.failed / 20 - single - sacrifice;
  const popped = 1 - chart.failed / 20;
  const [sac, sacRuns] = groundOutAdvance(r, infieldIn && !(s1 && s2));
  // Failed: the lead runner is forced (at 3rd with runners on 1st and 2nd, at home with the bases loaded).
  const lead: Runners = !s1 || !s2 ? [bs, 0, s3] : [bs, s1, s3 ? s2 : 0];
  return single * value(outs, codeOf([bs, s1, s2]), s3 ? 1 : 0)
    + sacrifice * value(outs + 1, codeOf(sac), sacRuns)
    + failed * value(outs + 1, codeOf(lead), 0)
    + popped * value(outs + 1, codeOf(r), 0);
}

