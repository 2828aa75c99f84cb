import { ruleError, type RuleError } from '../rules/rule-error.ts';
import { requiredPitcher } from './decisions.ts';
import type { Dice } from './dice.ts';
import { resolvePlateAppearance } from './play.ts';
import { resolveSteal } from './steal.ts';
import { battingSide, fieldingSide, pitchingChange } from './state.ts';
import type { GameContext, GameEvent, GameState, Side } from './types.ts';

/**
 * The commands of a game: each checks a request against the state and returns the events that
 * carry it out, or a RuleError (then nothing changes). Like the draft's, they never apply the
 * events: the room stores them first, then applies them with `applyEvent`.
 */
export type GameOutcome = { events: GameEvent[] } | RuleError;

function notLive(state: GameState): RuleError | null {
  return state.status === 'live' ? null : ruleError('GAME_OVER', 'the game is over');
}

/** Nobody pitches to a batter while the fielding side's pitcher has left the game (batted or run for). */
function noPitcher(state: GameState): RuleError | null {
  const reliever = requiredPitcher(state);
  return reliever === null ? null : ruleError('PITCHER_REQUIRED', `the pitcher has left the game: bring in a reliever (${reliever})`);
}

/** The next plate appearance (or the wild pitch, passed ball or balk before it). */
export function pitch(state: GameState, dice: Dice, ctx: GameContext): GameOutcome {
  const refused = notLive(state) ?? noPitcher(state);
  if (refused) return refused;
  return { events: [{ type: 'play', play: resolvePlateAppearance(state, dice, ctx) }] };
}

export interface StealInput {
  side: Side;
  /** The base the runner leaves: 1 (steal of 2nd) or 2 (steal of 3rd). */
  fromBase: 1 | 2;
}

export function steal(state: GameState, input: StealInput, dice: Dice, ctx: GameContext): GameOutcome {
  const refused = notLive(state) ?? noPitcher(state);
  if (refused) return refused;
  if (input.side !== battingSide(state)) return ruleError('NOT_BATTING', `${input.side} is in the field`);
  if (input.fromBase !== 1 && input.fromBase !== 2) return ruleError('INVALID_BASE', 'runners steal 2nd or 3rd');
  if (!state.bases[input.fromBase - 1]) return ruleError('NO_RUNNER', `nobody is on ${input.fromBase === 1 ? '1st' : '2nd'}`);
  if (state.bases[input.fromBase]) return ruleError('BASE_TAKEN', `${input.fromBase === 1 ? '2nd' : '3rd'} is taken`);
  return { events: [{ type: 'play', play: resolveSteal(state, input.fromBase, dice, ctx) }] };
}

export interface PitchingChangeInput {
  side: Side;
  pitcherId: string;
}

/** A reliever from the bullpen replaces the pitcher, between plate appearances. */
export function changePitcher(state: GameState, input: PitchingChangeInput): GameOutcome {
  const refused = notLive(state);
  if (refused) return refused;
  if (input.side !== fieldingSide(state)) return ruleError('NOT_FIELDING', `${input.side} is batting`);
  if (!state[input.side].bullpen.includes(input.pitcherId)) {
    return ruleError('NOT_IN_BULLPEN', `${input.pitcherId} is not an available reliever`);
  }
  return { events: [pitchingChange(state, input.pitcherId)] };
}
