import type { Rng } from '../dice/rng.ts';
import { rngDice, type Dice } from './dice.ts';
import { chooseReliever, shouldChangePitcher } from './fatigue.ts';
import { buildLineup, gamePlayer, type Club } from './lineup.ts';
import { resolvePlateAppearance, resolveSteal, stealChance } from './play.ts';
import { applyPitchingChange, applyPlay, initialState, pitchingChange } from './state.ts';
import type { GameContext, GameEvent, GamePlayer, GameState, LeagueRules, Play } from './types.ts';

/**
 * A whole game with default decisions: the lineups of lineup.ts, the automatic pitching change of
 * fatigue.ts and a simple steal rule. Nothing else is decided (no bunts, no intentional walks,
 * no pinch hitters): the dice play the game.
 */

/** Steal only when it pays: MLB's break-even success rate for a steal of 2nd is about 70 %. */
export const STEAL_MIN_CHANCE = 0.75;
/** Stealing 3rd pays only when nearly sure. */
export const STEAL_THIRD_MIN_CHANCE = 0.9;
/** A runner this slow never goes, whatever the battery. */
export const STEAL_MIN_SPEED = 13;
/** Safety net against a runaway loop: no real game has this many plays. */
const MAX_PLAYS = 2000;

export interface SimulateOptions {
  /** Picks the starter: rotation turn = gameNumber mod 5. */
  gameNumber?: number;
  /** Dice other than the Rng's (verifiable dice, scripted dice). */
  dice?: Dice;
}

export interface GameResult {
  plays: Play[];
  events: GameEvent[];
  initial: GameState;
  final: GameState;
  context: GameContext;
}

export function gameContext(clubs: readonly Club[]): GameContext {
  const players = new Map<string, GamePlayer>();
  for (const club of clubs) for (const p of club.players) players.set(p.id, gamePlayer(p));
  return { players };
}

/**
 * The steal rule: a fast runner on 1st with 2nd open and fewer than two outs goes when his chance
 * against this pitcher and catcher is good enough and the game is not out of reach.
 */
export function chooseSteal(state: GameState, ctx: GameContext): 1 | 2 | null {
  if (state.outs >= 2) return null;
  const lead = state.half === 'top' ? state.away.runs - state.home.runs : state.home.runs - state.away.runs;
  if (lead < -3 || lead > 5) return null;
  const fast = (base: 0 | 1) => (ctx.players.get(state.bases[base]!.id)?.ratings.batting.speed ?? 0) >= STEAL_MIN_SPEED;
  if (state.bases[0] && !state.bases[1] && fast(0) && stealChance(state, 1, ctx) >= STEAL_MIN_CHANCE) return 1;
  if (state.bases[1] && !state.bases[2] && state.outs === 1 && fast(1) && stealChance(state, 2, ctx) >= STEAL_THIRD_MIN_CHANCE) return 2;
  return null;
}

export function simulateGame(home: Club, away: Club, rules: LeagueRules, rng: Rng, options: SimulateOptions = {}): GameResult {
  const context = gameContext([away, home]);
  const gameNumber = options.gameNumber ?? 0;
  const initial = initialState(rules, buildLineup(away, rules, gameNumber), buildLineup(home, rules, gameNumber));
  const dice = options.dice ?? rngDice(rng);
  const plays: Play[] = [];
  const events: GameEvent[] = [];
  let state = initial;
  // At most one steal per batter: a runner who just stole 2nd does not go again before the pitch.
  let stealTried = false;
  while (state.status === 'live') {
    if (plays.length >= MAX_PLAYS) throw new Error(`simulateGame: no result after ${MAX_PLAYS} plays`);
    if (shouldChangePitcher(state, context)) {
      const reliever = chooseReliever(state);
      if (reliever) {
        const change = pitchingChange(state, reliever);
        events.push(change);
        state = applyPitchingChange(state, change);
        continue;
      }
    }
    const steal: 1 | 2 | null = stealTried ? null : chooseSteal(state, context);
    const play: Play = steal ? resolveSteal(state, steal, dice, context) : resolvePlateAppearance(state, dice, context);
    stealTried = steal !== null || (stealTried && play.pa === 0 && play.outs === 0);
    plays.push(play);
    events.push({ type: 'play', play });
    state = applyPlay(state, play);
  }
  return { plays, events, initial, final: state, context };
}
