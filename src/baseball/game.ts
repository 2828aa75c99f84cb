import type { Rng } from '../dice/rng.ts';
import { isRuleError } from '../rules/rule-error.ts';
import { aiDefense, aiOffense } from './ai.ts';
import { rngDice, type Dice } from './dice.ts';
import { buildLineup, type Club } from './lineup.ts';
import { NEUTRAL_PARK, parkContext, type Ballpark } from './ballparks.ts';
import { applyEvent, initialState } from './state.ts';
import { playTurn } from './turn.ts';
import type { AiStyle, GameContext, GameEvent, GameState, LeagueRules, Play } from './types.ts';

/**
 * A whole game managed by the AI on both sides: the default lineups and benches (lineup.ts), then
 * every plate appearance as a turn: the fielding side decides (aiDefense), the batting side decides
 * without seeing it (aiOffense), the dice play it (playTurn).
 */

/** Safety net against a runaway loop: no real game has this many turns. */
const MAX_TURNS = 2000;

export interface SimulateOptions {
  /** Picks the starter: rotation turn = gameNumber mod 5. */
  gameNumber?: number;
  /** Dice other than the Rng's (verifiable dice, scripted dice). */
  dice?: Dice;
  /** Each side's AI manager (balanced unless told). */
  styles?: { home?: AiStyle; away?: AiStyle };
}

export interface GameResult {
  plays: Play[];
  events: GameEvent[];
  initial: GameState;
  final: GameState;
  context: GameContext;
}

/**
 * The players of a game with their cards; `home`'s play from their home cards (home-field.ts), and
 * everyone bats in the home club's park (ballparks.ts; neutral without a home club or park).
 */
export function gameContext(clubs: readonly Club[], home?: Club, park: Ballpark = home?.park ?? NEUTRAL_PARK): GameContext {
  return parkContext(clubs.map((club) => ({ players: club.players, home: club === home })), park);
}

export function simulateGame(home: Club, away: Club, rules: LeagueRules, rng: Rng, options: SimulateOptions = {}): GameResult {
  const context = gameContext([away, home], home);
  const gameNumber = options.gameNumber ?? 0;
  const initial = initialState(rules, buildLineup(away, rules, gameNumber), buildLineup(home, rules, gameNumber));
  const dice = options.dice ?? rngDice(rng);
  const styles = { home: options.styles?.home ?? 'balanced', away: options.styles?.away ?? 'balanced' };
  const plays: Play[] = [];
  const events: GameEvent[] = [];
  let state = initial;
  for (let turn = 0; state.status === 'live'; turn++) {
    if (turn >= MAX_TURNS) throw new Error(`simulateGame: no result after ${MAX_TURNS} turns`);
    const batting = state.half === 'top' ? styles.away : styles.home;
    const fielding = state.half === 'top' ? styles.home : styles.away;
    const defense = aiDefense(state, fielding, context);
    const offense = aiOffense(state, batting, context);
    const outcome = playTurn(state, defense, offense, dice, context);
    if (isRuleError(outcome)) {
      throw new Error(`simulateGame: the AI's decision was refused (${outcome.code}: ${outcome.message}): `
        + `defense ${JSON.stringify(defense)}, offense ${JSON.stringify(offense)}`);
    }
    for (const event of outcome.events) {
      events.push(event);
      if (event.type === 'play') plays.push(event.play);
      state = applyEvent(state, event);
    }
  }
  return { plays, events, initial, final: state, context };
}
