import type { ClubPlayer } from './lineup.ts';
import type { TeamSetup } from './state.ts';
import type { AiStyle, LeagueRules, Side } from './types.ts';

/**
 * Everything a live game is fixed with at creation. The players are a snapshot (ratings as they
 * were when the game was made), so replaying the game's log always rebuilds the same game.
 */
export interface GameSideConfig {
  teamId: string;
  name: string;
  /** Lineup, fielders, starter, bullpen and bench for this game. */
  setup: TeamSetup;
  /** Every player who may appear for this side: lineup, bench, bullpen. */
  players: ClubPlayer[];
  /** Who decides for this side: an AI style, or null for the team's manager. */
  ai: AiStyle | null;
}

export interface GameConfig {
  gameId: string;
  leagueId: string;
  rules: LeagueRules;
  away: GameSideConfig;
  home: GameSideConfig;
  /** AI-vs-AI pacing: ms between plays (0 = as fast as plays can be stored). */
  paceMs: number;
  /** How long a manager has for a decision before the AI decides for them (the default on expiry). */
  decisionMs: number;
  /** Epoch ms of the first pitch; 0 = as soon as the game's room opens. */
  startAt: number;
  /** SHA-256 of the secret dice seed, published before the first roll. */
  diceCommitment: string;
}

export const SIDES: readonly Side[] = ['away', 'home'];
