import {
  SWING, codeOf, expectBunt, expectHitAndRun, expectPa, matchupRates, walked, type Next, type Runners, type Value,
} from './ai-model.ts';
import { hitAndRunMissMax } from './charts.ts';
import { requiredPitcher } from './decisions.ts';
import { runExpectancy, winExpectancy } from './expectancy.ts';
import { chooseReliever, fatigueLevel, shouldChangePitcher } from './fatigue.ts';
import { battingValue } from './lineup.ts';
import { hitAndRunStealNeeds, stealChance } from './steal.ts';
import { battingTeam, fieldingTeam } from './state.ts';
import type {
  AiStyle, DefenseDecision, GameContext, GamePlayer, GameState, LineupPosition, OffenseDecision, TeamState,
} from './types.ts';

/**
 * The AI manager: every decision of a plate appearance from run expectancy and win probability.
 * Pure and deterministic (no dice): the same state and style always give the same decision.
 * Tactics that change the PA are priced with the model of ai-model.ts. Design, styles and
 * calibration: docs/baseball.md.
 */

export interface AiStyleParams {
  /** Runs (RE24) a move must add over playing on; 0: every move that breaks even is taken. */
  runEdge: number;
  /** Win probability a move must add, late in a close game. */
  winEdge: number;
  /** Pinch-hit for a position player when the bench bat is this much better (batting value per PA). */
  pinchHitGap: number;
  /** Hold a runner whose steal would be this close to paying (runs; win probability late and close: /10). */
  holdMargin: number;
}

export const AI_STYLE_PARAMS: Readonly<Record<AiStyle, AiStyleParams>> = {
  safe: { runEdge: 0.05, winEdge: 0.008, pinchHitGap: 0.09, holdMargin: 0.04 },
  balanced: { runEdge: 0.015, winEdge: 0.002, pinchHitGap: 0.07, holdMargin: 0.02 },
  aggressive: { runEdge: 0, winEdge: 0, pinchHitGap: 0.06, holdMargin: 0 },
};

/** Late and close: from this many innings before the last, within this many runs. */
const LATE_INNINGS = 1;
const CLOSE_RUNS = 2;
/** The bench comes into play from this inning, the batting side trailing by at most / leading by at most. */
const BENCH_FROM_INNING = 7;
const BENCH_TRAILING = 3;
const BENCH_LEADING = 1;
/** A runner this slow is run for by a bench player at least PINCH_RUN_GAIN faster. */
const SLOW_RUNNER = 8;
const PINCH_RUN_GAIN = 5;
/** The pitcher is batted for only while more relievers than this are left. */
const RELIEVERS_KEPT = 1;
/** A pitcher's spot is batted for when the bench bat is this much better (always, in practice). */
const PITCHER_PINCH_GAP = 0.02;
/** Only a batter this much better than the next one (batting value per PA) is considered for a walk. */
const WALK_GAP = 0.05;
// ------------------------------------------------------------------------------------------ values

interface Valuer {
  value: Value;
  edge: number;
  /** Win probability (late and close) rather than runs: margins in those units. */
  late: boolean;
}

/** Batting side's runs minus the fielding side's. */
function lead(state: GameState): number {
  return state.half === 'top' ? state.away.runs - state.home.runs : state.home.runs - state.away.runs;
}

function isLateAndClose(state: GameState): boolean {
  return state.inning >= state.rules.innings - LATE_INNINGS && Math.abs(lead(state)) <= CLOSE_RUNS;
}

function valuer(state: GameState, style: AiStyle): Valuer {
  const params = AI_STYLE_PARAMS[style];
  if (!isLateAndClose(state)) return { value: (outs, code, runs) => runs + runExpectancy(outs, code), edge: params.runEdge, late: false };
  const home = state.half === 'bottom';
  const diff = state.home.runs - state.away.runs;
  const situation = { inning: state.inning, half: state.half, outs: 0, onBaseCode: 0, scoreDiff: diff };
  return {
    value(outs, code, runs) {
      situation.outs = Math.min(outs, 3);
      situation.onBaseCode = outs >= 3 ? 0 : code;
      situation.scoreDiff = diff + (home ? runs : -runs);
      const w = winExpectancy(situation, state.rules);
      return home ? w : 1 - w;
    },
    edge: params.winEdge,
    late: true,
  };
}

function runnersOf(state: GameState, ctx: GameContext): Runners {
  const speed = (i: number) => {
    const runner = state.bases[i];
    return runner ? Math.max(1, player(ctx, runner.id).ratings.batting.speed) : 0;
  };
  return [speed(0), speed(1), speed(2)];
}

function player(ctx: GameContext, id: string): GamePlayer {
  const p = ctx.players.get(id);
  if (!p) throw new Error(`ai: unknown player ${id}`);
  return p;
}

/** The batter up, the next one, and the pitcher's ratings and fatigue (a new pitcher is fresh). */
function matchup(state: GameState, ctx: GameContext, pitcherId?: string) {
  const bat = battingTeam(state);
  const batter = player(ctx, bat.lineup[bat.next].playerId);
  const next = player(ctx, bat.lineup[(bat.next + 1) % bat.lineup.length].playerId);
  const work = fieldingTeam(state).pitcher;
  const pitching = player(ctx, pitcherId ?? work.pitcherId).ratings.pitching;
  const fatigue = pitcherId ? 0 : fatigueLevel(work, pitching);
  return {
    batter, next, runners: runnersOf(state, ctx),
    rates: matchupRates(batter.ratings.batting, pitching, fatigue),
    nextRates: () => matchupRates(next.ratings.batting, pitching, fatigue),
  };
}

// ------------------------------------------------------------------------------------------ steals

function codeOfBases(state: GameState): number {
  return (state.bases[0] ? 1 : 0) | (state.bases[1] ? 2 : 0) | (state.bases[2] ? 4 : 0);
}

/** What a steal from `from` adds: p x value(safe) + (1 - p) x value(out) - value(now). */
function stealGain(state: GameState, from: 1 | 2, p: number, v: Valuer): number {
  const code = codeOfBases(state);
  const without = code & ~(1 << (from - 1));
  return p * v.value(state.outs, without | (1 << from), 0) + (1 - p) * v.value(state.outs + 1, without, 0) - v.value(state.outs, code, 0);
}

/**
 * Would this defense hold the runner on 1st (2nd open)? When his steal would come within the
 * style's margin of paying against an unheld runner. The offense asks it of a balanced defense.
 */
function holds(state: GameState, ctx: GameContext, style: AiStyle, v: Valuer): boolean {
  if (!state.bases[0] || state.bases[1]) return false;
  const margin = AI_STYLE_PARAMS[style].holdMargin / (v.late ? 10 : 1);
  return stealGain(state, 1, stealChance(state, 1, ctx), v) > -margin;
}

// ----------------------------------------------------------------------------------------- offense

/**
 * The batting side's decision: a pinch runner or pinch hitter late in a close game, else the best
 * of swinging away, stealing, the sacrifice bunt and the hit-and-run.
 */
export function aiOffense(state: GameState, style: AiStyle, ctx: GameContext): OffenseDecision {
  if (state.status !== 'live') return {};
  const pinchRunner = choosePinchRunner(state, ctx);
  const pinchHitter = choosePinchHitter(state, style, ctx, pinchRunner?.playerId);
  // A substitute changes the numbers: he plays the PA as it comes, the tactics wait for the next.
  if (pinchRunner || pinchHitter) return { ...(pinchRunner && { pinchRunner }), ...(pinchHitter && { pinchHitter }) };
  if (!state.bases[0] && !state.bases[1]) return {};
  const v = valuer(state, style);
  // The offense expects the runner on 1st to be held when a (balanced) defense would hold him.
  const hold = holds(state, ctx, 'balanced', v);
  let best: OffenseDecision = {};
  let bestGain = v.edge;
  for (const from of [1, 2] as const) {
    if (!state.bases[from - 1] || state.bases[from]) continue;
    const gain = stealGain(state, from, stealChance(state, from, ctx, from === 1 && hold), v);
    if (gain > bestGain) { best = { steal: from }; bestGain = gain; }
  }
  if (state.outs >= 2) return best;
  const m = matchup(state, ctx);
  const value: Next = (o, r, runs) => v.value(o, codeOf(r), runs);
  const bs = m.batter.ratings.batting.speed;
  const swing = expectPa(state.outs, m.runners, bs, m.rates, { ...SWING, hold }, value);
  const bunt = expectBunt(state.outs, m.runners, bs, m.batter.ratings.batting.bunt, false, v.value) - swing;
  if (bunt > bestGain) { best = { bunt: true }; bestGain = bunt; }
  if (state.bases[0] && !state.bases[1]) {
    const miss = hitAndRunMissMax(m.batter.ratings.batting.kRate) / 20;
    const steal = hitAndRunStealNeeds(state, ctx, hold) / 20;
    const hitAndRun = expectHitAndRun(state.outs, m.runners, bs, m.rates, hold, miss, steal, value) - swing;
    if (hitAndRun > bestGain) best = { hitAndRun: true };
  }
  return best;
}

/** Late, with the batting side trailing by at most 3 or leading by at most 1. */
function benchSituation(state: GameState): boolean {
  const diff = lead(state);
  return state.inning >= BENCH_FROM_INNING && diff >= -BENCH_TRAILING && diff <= BENCH_LEADING;
}

/**
 * Pinch hitter: for a relief pitcher whenever his turn comes; late in a game within reach for the
 * starting pitcher (no DH; both while relievers are left), or for a batter the best bench bat
 * out-hits by the style's gap. He keeps the slot's position, so he must be able to play it (a
 * DH's or pitcher's slot: anyone).
 */
function choosePinchHitter(state: GameState, style: AiStyle, ctx: GameContext, taken?: string): string | undefined {
  const bat = battingTeam(state);
  const slot = bat.lineup[bat.next];
  const batter = player(ctx, slot.playerId);
  const pitcherSlot = slot.playerId === bat.pitcher.pitcherId || batter.ratings.pitching !== undefined;
  // A reliever is batted for whenever his turn comes (MLB relievers hardly ever bat); anyone else late and close.
  if (!benchSituation(state) && !(pitcherSlot && batter.ratings.pitching?.role === 'RP')) return undefined;
  if (pitcherSlot && bat.bullpen.length <= RELIEVERS_KEPT) return undefined;
  const least = battingValue(batter.ratings.batting) + (pitcherSlot ? PITCHER_PINCH_GAP : AI_STYLE_PARAMS[style].pinchHitGap);
  return bestOnBench(bat, slot.position, ctx, (p) => (p.id === taken ? -Infinity : battingValue(p.ratings.batting)), least);
}

/**
 * The bench player with the best score above `least` who can take over a lineup slot at
 * `position` (he keeps the slot's position: a fielder's must be his; a DH's or pitcher's: anyone).
 */
function bestOnBench(bat: TeamState, position: LineupPosition, ctx: GameContext, score: (p: GamePlayer) => number, least: number): string | undefined {
  const fields = position === 'P' || position === 'DH' ? null : position;
  let best: string | undefined;
  let bestScore = least;
  for (const id of bat.bench) {
    const p = player(ctx, id);
    if (p.ratings.pitching || (fields && !p.ratings.fielding[fields])) continue;
    const value = score(p);
    if (value > bestScore) { best = id; bestScore = value; }
  }
  return best;
}

/**
 * Pinch runner, late and close: a slow runner who is the tying or winning run gives way to a much
 * faster bench player who can play his position. Never for the pitcher (he would have to be
 * replaced).
 */
function choosePinchRunner(state: GameState, ctx: GameContext): OffenseDecision['pinchRunner'] {
  if (state.inning < state.rules.innings - LATE_INNINGS) return undefined;
  const behind = -lead(state);
  if (behind < 0 || behind > CLOSE_RUNS) return undefined;
  const bat = battingTeam(state);
  // The runner on 3rd scores first: he is run 1, then 2nd's, then 1st's.
  let order = 0;
  for (let base = 3; base >= 1; base--) {
    const runner = state.bases[base - 1];
    if (!runner) continue;
    order++;
    if (order !== behind && order !== behind + 1) continue;
    const p = player(ctx, runner.id);
    if (p.ratings.pitching || runner.id === bat.pitcher.pitcherId || p.ratings.batting.speed > SLOW_RUNNER) continue;
    const slot = bat.lineup.find((s) => s.playerId === runner.id);
    if (!slot) continue;
    const best = bestOnBench(bat, slot.position, ctx, (q) => q.ratings.batting.speed, p.ratings.batting.speed + PINCH_RUN_GAIN - 1);
    if (best) return { base: base as 1 | 2 | 3, playerId: best };
  }
  return undefined;
}

// ----------------------------------------------------------------------------------------- defense

/**
 * The fielding side's decision: the pitcher (when one must come in, or by the style's hook), then
 * the intentional walk, the infield in and holding the runner on 1st.
 */
export function aiDefense(state: GameState, style: AiStyle, ctx: GameContext): DefenseDecision {
  if (state.status !== 'live') return {};
  const decision: DefenseDecision = {};
  if (requiredPitcher(state) !== null || shouldChangePitcher(state, ctx, style)) {
    const reliever = requiredPitcher(state) ?? chooseReliever(state);
    if (reliever) decision.pitcher = reliever;
  }
  if (!state.bases[0] && !state.bases[1] && !state.bases[2]) return decision;
  const v = valuer(state, style);
  if (shouldWalk(state, ctx, v, decision.pitcher)) return { ...decision, intentionalWalk: true };
  const hold = holds(state, ctx, style, v);
  if (hold) decision.holdRunners = true;
  if (state.bases[2] && state.outs < 2 && v.late) {
    const m = matchup(state, ctx, decision.pitcher);
    const value: Next = (o, r, runs) => v.value(o, codeOf(r), runs);
    const bs = m.batter.ratings.batting.speed;
    const back = expectPa(state.outs, m.runners, bs, m.rates, { ...SWING, hold }, value);
    const drawnIn = expectPa(state.outs, m.runners, bs, m.rates, { ...SWING, hold, infieldIn: true }, value);
    // The defense wants the batting side's value low.
    if (back - drawnIn > v.edge) decision.infieldIn = true;
  }
  return decision;
}

/**
 * The intentional walk: first base open, a runner in scoring position, a batter more dangerous
 * than the next one, late and close or with two outs. Walk him when facing the next batter with
 * him on 1st is worth more to the defense than facing him (two PAs ahead, then the table).
 */
function shouldWalk(state: GameState, ctx: GameContext, v: Valuer, newPitcher?: string): boolean {
  if (state.bases[0] || (!state.bases[1] && !state.bases[2])) return false;
  if (!v.late && state.outs < 2) return false;
  const m = matchup(state, ctx, newPitcher);
  if (battingValue(m.batter.ratings.batting) - battingValue(m.next.ratings.batting) < WALK_GAP) return false;
  const nextRates = m.nextRates();
  const bs = m.batter.ratings.batting.speed;
  const ns = m.next.ratings.batting.speed;
  // The next batter's PA from where this one leaves the inning, then the table.
  const nextPa: Next = (o, r, runs) => (o >= 3
    ? v.value(3, 0, runs)
    : expectPa(o, r, ns, nextRates, SWING, (o2, r2, more) => v.value(o2, codeOf(r2), runs + more)));
  const pitchTo = expectPa(state.outs, m.runners, bs, m.rates, SWING, nextPa);
  const [onFirst] = walked(m.runners, bs);
  const walk = nextPa(state.outs, onFirst, 0);
  return pitchTo - walk > v.edge;
}
