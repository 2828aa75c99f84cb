import type { Ballpark } from './ballparks.ts';
import type { AbandonRule } from './lifecycle.ts';
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
  /** Whether it counts: only ranked games make standings and season stats. Absent (older games): ranked. */
  mode?: GameMode;
  /** What an abandoned game does (lifecycle.ts); absent: DEFAULT_ABANDON. */
  abandon?: AbandonRule;
  /** The home club's park as it was when the game was created (ballparks.ts); absent (older games): neutral. */
  park?: Ballpark;
}

/**
 * `ranked`: counts in the standings and season stats; `friendly`: played like one, counts
 * nowhere; `practice`: the same, for trying lineups and tactics (a label for lists).
 */
export const GAME_MODES = ['ranked', 'friendly', 'practice'] as const;
export type GameMode = (typeof GAME_MODES)[number];

export function modeOf(config: Pick<GameConfig, 'mode'>): GameMode {
  return config.mode ?? 'ranked';
}

export const SIDES: readonly Side[] = ['away', 'home'];
