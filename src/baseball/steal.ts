import type { Dice } from './dice.ts';
import { HIT_AND_RUN_JUMP_PENALTY, HOLD_PENALTY, TACTIC } from './charts.ts';
import { fieldingAt } from './fielding.ts';
import { batterRunner, finish, newPlay, player, recordRolls, type Roll } from './play-record.ts';
import { advance, putOut, startRunning } from './running.ts';
import { battingTeam, fieldingTeam } from './state.ts';
import type { DieRoll, GameContext, GameState, Play } from './types.ts';

/** Steals: the runner's d20 against his speed, the pitcher's hold and the catcher's arm. */

/** Steal of 2nd (or 3rd, harder): speed, the pitcher's hold and the catcher's arm (-5 best .. +5 worst). */
export function stealThreshold(speed: number, hold: number, arm: number, toBase: number): number {
  const t = Math.floor(speed / 2) + 8 + Math.round((hold + arm) / 2) - (toBase === 3 ? 3 : 0);
  return Math.min(19, Math.max(1, t));
}
/** A steal attempt with d20 = 20 is a pickoff. */
export const PICKOFF_ROLL = 20;

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
  const { roll, rolls } = recordRolls(dice);
  return stealPlay(state, fromBase, roll, rolls, ctx, held, null);
}

/**
 * The steal's d20, after `rolls` (the missed hit-and-run's contact d20). `missed`: the batter
 * missed the hit-and-run pitch (the text says so): the runner is already going, so a 20 is no
 * pickoff, and his jump costs HIT_AND_RUN_JUMP_PENALTY; null for a steal called on its own.
 */
export function stealPlay(
  state: GameState, fromBase: 1 | 2, roll: Roll, rolls: DieRoll[], ctx: GameContext, held: boolean,
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
