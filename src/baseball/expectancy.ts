import { LEAGUE_PA } from './norms.ts';
import type { LeagueRules, Play } from './types.ts';

/**
 * Run expectancy (RE24) and win expectancy (WPA).
 *
 * RE24 uses a published table: MLB 2015, runs scored from each base-out state to the end of the
 * inning (Jim Albert, computed from Retrosheet play-by-play; bayesball.github.io/VB, runs2015.csv).
 *
 * Win expectancy comes from a Markov model, documented here because it is ours:
 * 1. A league-average PA (norms.ts rates; outs in play split 44 % grounders / 56 % flies) moves
 *    the 24 base-out states with simple running: singles score from 2nd and take 1st-to-3rd 28 %
 *    of the time, doubles score from 1st 40 %, grounders with a runner on 1st and < 2 outs are
 *    double plays 45 % of the time (else a force, the others move up), other grounders move the
 *    runners up 55 %, flies score a runner from 3rd with < 2 outs 44 % of the time.
 * 2. Iterating it gives, for each state, the distribution of runs to the end of the half-inning.
 * 3. Win expectancy at the start of each half-inning is solved backwards from the last inning, with
 *    the extra innings (same start state from the extra-inning runner on) as a fixed point; a
 *    mid-inning state combines its runs distribution with the next half-inning's values.
 * Teams are taken as equal and there is no home-field edge beyond batting last.
 */

/** [outs][onBaseCode]: onBaseCode 1 = 1st, 2 = 2nd, 4 = 3rd. MLB 2015. */
export const RUN_EXPECTANCY: readonly (readonly number[])[] = [
  // ___    1__    _2_    12_    __3    1_3    _23    123
  [0.474, 0.858, 1.111, 1.473, 1.401, 1.711, 2.045, 2.287],
  [0.251, 0.505, 0.664, 0.888, 0.964, 1.121, 1.366, 1.590],
  [0.099, 0.227, 0.304, 0.430, 0.363, 0.453, 0.560, 0.793],
];

export function runExpectancy(outs: number, onBaseCode: number): number {
  return outs >= 3 ? 0 : RUN_EXPECTANCY[outs][onBaseCode];
}

/** Did this play end the game? (walk-off, or the last out of a decided game) */
export function endsGame(play: Play, innings = 9): boolean {
  const away = play.awayScore + (play.half === 'top' ? play.runs : 0);
  const home = play.homeScore + (play.half === 'bottom' ? play.runs : 0);
  if (play.inning < innings) return false;
  if (play.half === 'bottom' && home > away) return true;
  const halfOver = play.outsBefore + play.outs >= 3;
  return halfOver && (play.half === 'top' ? home > away : home !== away);
}

/** Runs the play was worth against the base-out state it started from. */
export function re24(play: Play, innings = 9): number {
  const outsAfter = play.outsBefore + play.outs;
  const after = endsGame(play, innings) ? 0 : runExpectancy(outsAfter, play.onBaseCodeAfter);
  return after - runExpectancy(play.outsBefore, play.onBaseCode) + play.runs;
}

// ------------------------------------------------------------------------------------ Markov model

const MAX_RUNS = 15;
const MAX_DIFF = 25;

interface Transition { p: number; outs: number; bases: number; runs: number }

function transitions(outs: number, bases: number): Transition[] {
  const out: Transition[] = [];
  const on1 = (bases & 1) !== 0;
  const on2 = (bases & 2) !== 0;
  const on3 = (bases & 4) !== 0;
  const count = Number(on1) + Number(on2) + Number(on3);
  const add = (p: number, o: number, b: number, r: number) => { if (p > 0) out.push({ p, outs: o, bases: b, runs: o >= 3 ? 0 : r }); };
  const L = LEAGUE_PA;
  const inPlayOuts = 1 - (L.single + L.double + L.triple + L.hr + L.bb + L.hbp + L.k);
  add(L.hr, outs, 0, count + 1);
  add(L.triple, outs, 4, count);
  const twoScore = Number(on2) + Number(on3);
  if (on1) { add(L.double * 0.4, outs, 2, twoScore + 1); add(L.double * 0.6, outs, 6, twoScore); } else add(L.double, outs, 2, twoScore);
  if (on1) { add(L.single * 0.28, outs, 5, twoScore); add(L.single * 0.72, outs, 3, twoScore); } else add(L.single, outs, 1, twoScore);
  const walk = on1 ? (on2 ? (on3 ? { b: 7, r: 1 } : { b: 7, r: 0 }) : { b: bases | 3, r: 0 }) : { b: bases | 1, r: 0 };
  add(L.bb + L.hbp, outs, walk.b, walk.r);
  add(L.k, outs + 1, bases, 0);
  const ground = inPlayOuts * 0.44;
  const fly = inPlayOuts - ground;
  const moveUp = { b: ((bases << 1) & 7), r: Number(on3) };
  if (on1 && outs < 2) {
    add(ground * 0.45, outs + 2, on2 ? 4 : 0, Number(on3)); // double play, others move up
    add(ground * 0.55, outs + 1, 1 | (on2 ? 4 : 0), Number(on3)); // force at 2nd
  } else {
    add(ground * 0.55, outs + 1, moveUp.b, moveUp.r);
    add(ground * 0.45, outs + 1, bases, 0);
  }
  if (on3 && outs < 2) {
    add(fly * 0.44, outs + 1, bases & 3, 1);
    add(fly * 0.56, outs + 1, bases, 0);
  } else {
    add(fly, outs + 1, bases, 0);
  }
  return out;
}

let runsTable: number[][] | null = null;

/** P(exactly k more runs this half-inning) from each state (index outs * 8 + onBaseCode). */
export function halfInningRuns(): readonly (readonly number[])[] {
  if (runsTable) return runsTable;
  const moves = Array.from({ length: 24 }, (_, s) => transitions(Math.floor(s / 8), s % 8));
  let table = Array.from({ length: 24 }, () => new Array<number>(MAX_RUNS + 1).fill(0));
  for (let iteration = 0; iteration < 200; iteration++) {
    const next = Array.from({ length: 24 }, () => new Array<number>(MAX_RUNS + 1).fill(0));
    for (let s = 0; s < 24; s++) {
      for (const t of moves[s]) {
        for (let k = 0; k <= MAX_RUNS; k++) {
          const total = Math.min(MAX_RUNS, k + t.runs);
          if (t.outs >= 3) { if (k === 0) next[s][t.runs > MAX_RUNS ? MAX_RUNS : t.runs] += t.p; continue; }
          next[s][total] += t.p * table[t.outs * 8 + t.bases][k];
        }
      }
    }
    table = next;
  }
  runsTable = table;
  return table;
}

/** Expected runs to the end of the half-inning under the model (compare RUN_EXPECTANCY). */
export function modelRunExpectancy(outs: number, onBaseCode: number): number {
  return halfInningRuns()[outs * 8 + onBaseCode].reduce((sum, p, k) => sum + p * k, 0);
}

interface WinTables {
  /** [inning][half 0 top, 1 bottom][diff + MAX_DIFF]: home win chance at the start of the half. */
  start: number[][][];
  /** Start state (onBaseCode) of each inning's halves. */
  startBases: number[];
  innings: number;
}

const winTables = new Map<string, WinTables>();
/** The same rules object asks again and again (the AI): found without building the key. */
const byRules = new WeakMap<object, WinTables>();

function tablesFor(rules: Pick<LeagueRules, 'innings' | 'extraInningRunnerFrom'>): WinTables {
  const known = byRules.get(rules);
  if (known) return known;
  const key = `${rules.innings}:${rules.extraInningRunnerFrom}`;
  const cached = winTables.get(key);
  if (cached) { byRules.set(rules, cached); return cached; }
  const runs = halfInningRuns();
  const from = rules.extraInningRunnerFrom;
  // From this inning on every inning starts alike: the extra innings are one fixed point.
  const steady = Math.max(rules.innings + 1, from ?? 0);
  const startBases = Array.from({ length: steady + 1 }, (_, i) => (from !== null && i >= from ? 2 : 0));
  const dist = (inning: number) => runs[startBases[Math.min(inning, steady)]];
  const clampDiff = (d: number) => Math.max(-MAX_DIFF, Math.min(MAX_DIFF, d));
  const start: number[][][] = Array.from({ length: steady + 1 }, () => [[], []]);
  // Fixed point for a tie at the top of a steady extra inning: W = A + B * W.
  const p = dist(steady);
  let a = 0;
  let b = 0;
  for (let away = 0; away <= MAX_RUNS; away++) {
    for (let home = 0; home <= MAX_RUNS; home++) {
      if (home > away) a += p[away] * p[home];
      if (home === away) b += p[away] * p[home];
    }
  }
  const tieAtExtraTop = a / (1 - b);
  const bottomValue = (inning: number, d: number, nextTop: (d: number) => number) => {
    if (inning >= rules.innings && d > 0) return 1;
    const q = dist(inning);
    let value = 0;
    for (let k = 0; k <= MAX_RUNS; k++) {
      const after = d + k;
      value += q[k] * (inning >= rules.innings ? (after > 0 ? 1 : after < 0 ? 0 : nextTop(0)) : nextTop(after));
    }
    return value;
  };
  const topValue = (inning: number, d: number, bottom: (d: number) => number) => {
    const q = dist(inning);
    let value = 0;
    for (let k = 0; k <= MAX_RUNS; k++) value += q[k] * bottom(d - k);
    return value;
  };
  for (let inning = steady; inning >= 1; inning--) {
    const nextTop = inning === steady
      ? (d: number) => (d === 0 ? tieAtExtraTop : d > 0 ? 1 : 0)
      : (d: number) => start[inning + 1][0][clampDiff(d) + MAX_DIFF];
    for (let d = -MAX_DIFF; d <= MAX_DIFF; d++) start[inning][1][d + MAX_DIFF] = bottomValue(inning, d, nextTop);
    const bottom = (d: number) => start[inning][1][clampDiff(d) + MAX_DIFF];
    for (let d = -MAX_DIFF; d <= MAX_DIFF; d++) start[inning][0][d + MAX_DIFF] = topValue(inning, d, bottom);
  }
  const tables = { start, startBases, innings: rules.innings };
  winTables.set(key, tables);
  byRules.set(rules, tables);
  return tables;
}

export interface WinSituation {
  inning: number;
  half: 'top' | 'bottom';
  outs: number;
  onBaseCode: number;
  /** Home runs minus away runs. */
  scoreDiff: number;
}

/** The home team's chance to win from a situation (the start of a half-inning: outs 0, its start bases). */
export function winExpectancy(s: WinSituation, rules: Pick<LeagueRules, 'innings' | 'extraInningRunnerFrom'>): number {
  const t = tablesFor(rules);
  if (s.outs >= 3) return afterHalf(t, s.inning, s.half, s.scoreDiff, rules.innings);
  if (s.half === 'bottom' && s.inning >= rules.innings && s.scoreDiff > 0) return 1;
  const q = halfInningRuns()[s.outs * 8 + s.onBaseCode];
  let value = 0;
  for (let k = 0; k <= MAX_RUNS; k++) {
    if (q[k] === 0) continue;
    value += q[k] * afterHalf(t, s.inning, s.half, s.half === 'top' ? s.scoreDiff - k : s.scoreDiff + k, rules.innings);
  }
  return value;
}

/** The home team's chance once this half-inning is over with the score at `scoreDiff`. */
function afterHalf(t: WinTables, inning: number, half: 'top' | 'bottom', scoreDiff: number, innings: number): number {
  if (half === 'top' && inning >= innings && scoreDiff > 0) return 1;
  if (half === 'bottom' && inning >= innings && scoreDiff !== 0) return scoreDiff > 0 ? 1 : 0;
  const steady = t.start.length - 1;
  const nextInning = half === 'top' ? Math.min(inning, steady) : Math.min(inning + 1, steady);
  const d = scoreDiff < -MAX_DIFF ? -MAX_DIFF : scoreDiff > MAX_DIFF ? MAX_DIFF : scoreDiff;
  return t.start[nextInning][half === 'top' ? 1 : 0][d + MAX_DIFF];
}

/** Win probability added by a play, for the batting team, with the home team's chances before and after. */
export function wpa(play: Play, rules: Pick<LeagueRules, 'innings' | 'extraInningRunnerFrom'>): { before: number; after: number; wpa: number } {
  const diffBefore = play.homeScore - play.awayScore;
  const before = winExpectancy({ inning: play.inning, half: play.half, outs: play.outsBefore, onBaseCode: play.onBaseCode, scoreDiff: diffBefore }, rules);
  const diffAfter = diffBefore + (play.half === 'bottom' ? play.runs : -play.runs);
  const after = endsGame(play, rules.innings)
    ? (diffAfter > 0 ? 1 : 0)
    : winExpectancy({ inning: play.inning, half: play.half, outs: play.outsBefore + play.outs, onBaseCode: play.onBaseCodeAfter, scoreDiff: diffAfter }, rules);
  return { before, after, wpa: play.half === 'bottom' ? after - before : before - after };
}
