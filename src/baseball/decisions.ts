import { ruleError, type RuleError } from '../rules/rule-error.ts';
import { chooseReliever } from './fatigue.ts';
import { battingTeam, fieldingTeam } from './state.ts';
import { designatedHitter } from './substitutions.ts';
import {
  FIELD_POSITIONS, type DefenseDecision, type FieldPosition, type GameContext, type GameState, type OffenseDecision,
  type TeamState,
} from './types.ts';

/**
 * Whether a side's decision before a plate appearance is legal, against the state before the
 * plate appearance (both sides decide on the same state: the defense's decision is sealed).
 * The first problem found is returned; null means legal. turn.ts carries the decisions out.
 *
 * Substitution rules: a player who has left the game never comes back; bench players (position
 * players who have not played) are the only pinch hitters, pinch runners and defensive
 * replacements; relievers come only from the bullpen and the pitcher changes only through
 * `pitcher`; every position has exactly one player; a pinch hitter or runner for the DH is the new
 * DH; the DH may take the field, which ends the DH for his team (the pitcher bats in the slot of the
 * fielder he displaced, MLB rule 5.11(a)(4)). A team whose pitcher bats may make a double switch:
 * with a pitching change, the new pitcher bats in the slot of a fielder who leaves, and the bench
 * player who replaces that fielder in the pitcher's. A pitcher who was batted or run for must be
 * replaced when his team next takes the field (requiredPitcher), so that needs a reliever left.
 */

/** The codes a decision can be refused with (stable: clients show them). */
export type DecisionErrorCode =
  | 'GAME_OVER'
  /** Unknown player, not on the bench, already in the game, or gone from it. */
  | 'PLAYER_NOT_AVAILABLE'
  | 'NOT_IN_BULLPEN'
  /** Batting or running for the pitcher with no reliever left to replace him. */
  | 'NO_RELIEVER'
  /** `fielders` names a position that is not one of the nine. */
  | 'INVALID_POSITION'
  /** `fielders` tries to change the pitcher or move him: that is what `pitcher` is for. */
  | 'PITCHER_CHANGE_ONLY'
  /** `fielders` would leave a player at two positions (and so another position without one). */
  | 'DUPLICATE_FIELDER'
  /** `doubleSwitch` without a pitching change, with the DH, or naming a player who does not leave the field. */
  | 'INVALID_DOUBLE_SWITCH'
  /** A steal, hit-and-run, bunt, hold, infield-in or pinch runner without the runner it needs. */
  | 'NO_RUNNER'
  /** The base a runner would go to is taken. */
  | 'BASE_TAKEN'
  | 'INVALID_BASE'
  /** A bunt, hit-and-run or infield-in with two outs. */
  | 'TWO_OUTS'
  /** Two of steal, bunt and hit-and-run at once. */
  | 'CONFLICTING_TACTICS';

type DecisionError = RuleError<DecisionErrorCode>;

function refuse(code: DecisionErrorCode, message: string): DecisionError {
  return ruleError(code, message);
}

const BASE_NAMES = ['', '1st', '2nd', '3rd'] as const;

/**
 * The pitcher the fielding side must bring in before this plate appearance: its pitcher was
 * batted or run for (he left the game), so the reliever the default would choose (bullpen order,
 * chooseReliever) comes in. null when the pitcher is still in the game (or nobody is left).
 */
export function requiredPitcher(state: GameState): string | null {
  const field = fieldingTeam(state);
  if (field.removed.length === 0 || !field.removed.includes(field.pitcher.pitcherId)) return null;
  return chooseReliever(state);
}

/** Why a bench player may not come in, or null when he may. */
function notOnBench(team: TeamState, playerId: string, ctx: GameContext): DecisionError | null {
  if (team.bench.includes(playerId) && ctx.players.has(playerId)) return null;
  const why = team.removed.includes(playerId) ? 'has already left the game'
    : team.lineup.some((s) => s.playerId === playerId) || team.pitcher.pitcherId === playerId ? 'is already in the game'
      : 'is not on the bench';
  return refuse('PLAYER_NOT_AVAILABLE', `${playerId} ${why}`);
}

/** Batting or running for the pitcher removes him: a reliever must be left to take over. */
function needsReliever(team: TeamState, playerId: string): DecisionError | null {
  if (playerId !== team.pitcher.pitcherId || team.bullpen.length > 0) return null;
  return refuse('NO_RELIEVER', 'no reliever is left to replace the pitcher');
}

export function checkDefense(state: GameState, decision: DefenseDecision, ctx: GameContext): DecisionError | null {
  if (state.status !== 'live') return refuse('GAME_OVER', 'the game is over');
  const field = fieldingTeam(state);
  if (decision.pitcher !== undefined && !field.bullpen.includes(decision.pitcher)) {
    return refuse('NOT_IN_BULLPEN', `${decision.pitcher} is not an available reliever`);
  }
  if (decision.holdRunners && !state.bases[0]) return refuse('NO_RUNNER', 'nobody is on 1st to hold');
  if (decision.infieldIn) {
    if (!state.bases[2]) return refuse('NO_RUNNER', 'the infield comes in only with a runner on 3rd');
    if (state.outs >= 2) return refuse('TWO_OUTS', 'with two outs the infield plays back for the out at 1st');
  }
  const illegal = decision.fielders ? checkFielders(state, field, decision, ctx) : null;
  return illegal ?? (decision.doubleSwitch !== undefined ? checkDoubleSwitch(state, field, decision) : null);
}

function checkDoubleSwitch(state: GameState, field: TeamState, decision: DefenseDecision): DecisionError | null {
  const leaving = decision.doubleSwitch!;
  if (designatedHitter(field) !== null) return refuse('INVALID_DOUBLE_SWITCH', 'with the DH the pitcher does not bat: there is no slot to switch');
  if (!(decision.pitcher ?? requiredPitcher(state))) return refuse('INVALID_DOUBLE_SWITCH', 'a double switch comes with a pitching change');
  const inField = FIELD_POSITIONS.some((p) => p !== 'P' && field.fielders[p] === leaving);
  const stays = Object.values({ ...field.fielders, ...decision.fielders }).includes(leaving);
  if (!inField || stays) return refuse('INVALID_DOUBLE_SWITCH', `${leaving} must be a fielder this switch replaces from the bench`);
  return null;
}

function checkFielders(state: GameState, field: TeamState, decision: DefenseDecision, ctx: GameContext): DecisionError | null {
  const pitcher = decision.pitcher ?? requiredPitcher(state) ?? field.fielders.P;
  const after: Record<FieldPosition, string> = { ...field.fielders, P: pitcher };
  for (const [position, playerId] of Object.entries(decision.fielders!)) {
    if (!FIELD_POSITIONS.includes(position as FieldPosition)) return refuse('INVALID_POSITION', `${position} is not a fielding position`);
    if (playerId === undefined) continue;
    if (position === 'P' || playerId === field.fielders.P || playerId === pitcher) {
      if (position === 'P' && playerId === pitcher) continue;
      return refuse('PITCHER_CHANGE_ONLY', 'the pitcher changes only through a pitching change');
    }
    const inField = FIELD_POSITIONS.some((p) => p !== 'P' && field.fielders[p] === playerId);
    if (!inField) {
      // The DH may take the field (ending the DH); anyone else coming in must come off the bench.
      const refused = playerId === designatedHitter(field) ? null : notOnBench(field, playerId, ctx);
      if (refused) return refused;
    }
    after[position as FieldPosition] = playerId;
  }
  const seen = new Set<string>();
  for (const position of FIELD_POSITIONS) {
    if (seen.has(after[position])) return refuse('DUPLICATE_FIELDER', `${after[position]} would play two positions`);
    seen.add(after[position]);
  }
  return null;
}

export function checkOffense(state: GameState, decision: OffenseDecision, ctx: GameContext): DecisionError | null {
  if (state.status !== 'live') return refuse('GAME_OVER', 'the game is over');
  const { steal, bunt, hitAndRun, pinchHitter, pinchRunner } = decision;
  if ((steal !== undefined ? 1 : 0) + (bunt ? 1 : 0) + (hitAndRun ? 1 : 0) > 1) {
    return refuse('CONFLICTING_TACTICS', 'steal, bunt and hit-and-run are one at a time');
  }
  if (steal !== undefined) {
    // One runner steals, alone: 2nd from 1st or 3rd from 2nd, into a free base (no double steals).
    if (steal !== 1 && steal !== 2) return refuse('INVALID_BASE', 'runners steal 2nd or 3rd');
    if (!state.bases[steal - 1]) return refuse('NO_RUNNER', `nobody is on ${BASE_NAMES[steal]}`);
    if (state.bases[steal]) return refuse('BASE_TAKEN', `${BASE_NAMES[steal + 1]} is taken`);
  }
  if (bunt) {
    if (state.outs >= 2) return refuse('TWO_OUTS', 'nobody sacrifices with two outs');
    if (!state.bases[0] && !state.bases[1]) return refuse('NO_RUNNER', 'a sacrifice needs a runner on 1st or 2nd');
  }
  if (hitAndRun) {
    if (state.outs >= 2) return refuse('TWO_OUTS', 'with two outs the runner goes anyway');
    if (!state.bases[0]) return refuse('NO_RUNNER', 'the hit-and-run needs a runner on 1st');
    if (state.bases[1]) return refuse('BASE_TAKEN', 'the hit-and-run needs 2nd open');
  }
  const bat = battingTeam(state);
  if (pinchHitter !== undefined) {
    const refused = notOnBench(bat, pinchHitter, ctx) ?? needsReliever(bat, bat.lineup[bat.next].playerId);
    if (refused) return refused;
  }
  if (pinchRunner !== undefined) {
    const { base, playerId } = pinchRunner;
    if (base !== 1 && base !== 2 && base !== 3) return refuse('INVALID_BASE', 'a pinch runner takes 1st, 2nd or 3rd');
    const runner = state.bases[base - 1];
    if (!runner) return refuse('NO_RUNNER', `nobody is on ${BASE_NAMES[base]} to run for`);
    if (playerId === pinchHitter) return refuse('PLAYER_NOT_AVAILABLE', `${playerId} cannot both pinch-hit and pinch-run`);
    const refused = notOnBench(bat, playerId, ctx) ?? needsReliever(bat, runner.id);
    if (refused) return refused;
  }
  return null;
}
