import { isRuleError as isSharedRuleError, ruleError as sharedRuleError, type RuleError as SharedRuleError } from '../rules/rule-error.ts';
import type { Outcome as SharedOutcome } from '../rules/outcome.ts';

/**
 * The data of a live draft (snake, linear, third-round reversal). Everything here is plain data so
 * a state can be stored, compared and rebuilt from the event log; the functions live in the other files.
 */

/** 'snake': every other round reversed; 'linear': always the same order; '3rr': snake with round 3 reversed again. */
export type DraftType = 'snake' | 'linear' | '3rr';

export type DraftStatus = 'scheduled' | 'live' | 'paused' | 'complete';

export interface RosterRules {
  /** Most players a team may slot at a position. A position not listed here has no limit. */
  maxPerPosition: Record<string, number>;
  /**
   * Most players a team may hold in all, keepers included. Unset (the default): as many as the picks
   * the team holds after trades. Set: a draft in which some team holds more picks than this is refused.
   */
  total?: number;
}

/** A player kept from last season: it fills the team's pick in that round before the draft starts. */
export interface Keeper {
  teamId: string;
  playerId: string;
  round: number;
}

/** fromTeam's pick in `round` is made by toTeam (trades are stated against the original owner). */
export interface TradedPick {
  round: number;
  fromTeamId: string;
  toTeamId: string;
}

export interface DraftConfig {
  draftId: string;
  type: DraftType;
  rounds: number;
  /** Seconds on the clock for each pick; 0 = soft timer: nothing happens when it runs out. */
  pickSeconds: number;
  /** Team ids, first pick first. */
  order: string[];
  rosterRules: RosterRules;
  keepers: Keeper[];
  tradedPicks: TradedPick[];
}

/** A player of the pool as the draft needs it; ranks are unique, lower is better. */
export interface PoolPlayer {
  id: string;
  /** Every position the player is eligible at, primary first. */
  positions: string[];
  rank: number;
  adp: number;
}

export type Pool = ReadonlyMap<string, PoolPlayer>;

export interface DraftPick {
  /** 1-based across the whole draft. */
  overall: number;
  round: number;
  teamId: string;
  playerId: string;
  /** Made by the server (autopick or expired clock), not by a person. */
  auto: boolean;
  /** Placed from the config before the draft started. */
  keeper: boolean;
  /** The position this player counts toward; '' for keepers, which are slotted when rosters are counted. */
  slot: string;
}

/** Why a team's pick was passed over: nothing it may still draft. */
export type SkipReason = 'ROSTER_FULL' | 'NO_ELIGIBLE_PLAYER';

/** A pick the server passed over because its team had no legal pick left: the draft moves on. */
export interface DraftSkip {
  overall: number;
  round: number;
  teamId: string;
  reason: SkipReason;
  message: string;
}

export interface DraftState {
  config: DraftConfig;
  status: DraftStatus;
  /** The overall pick on the clock, 1-based; totalPicks + 1 once every pick is made. */
  currentPick: number;
  /** Every pick made so far, keepers included, sorted by overall. */
  picks: DraftPick[];
  /** Picks passed over (no legal player for the team), sorted by overall; they count as made. */
  skips: DraftSkip[];
  /** When the clock runs out (epoch ms); 0 = no clock (soft timer, paused, not live). */
  deadline: number;
  /** While paused: time that was left on the clock, given back on resume (0 = a full clock). */
  remainingMs: number;
  /** Teams the server picks for as soon as they are on the clock. */
  autopick: string[];
  /** Each team's wish list, best first; may hold players drafted since (they are skipped). */
  queues: Record<string, string[]>;
}

/**
 * What happened, as stored in the event log. Every value the reducer needs is inside the event
 * (deadlines included), so replaying the log never needs a clock.
 */
export type DraftEvent =
  | { type: 'started'; at: number; deadline: number }
  | { type: 'picked'; pick: DraftPick; nextDeadline: number }
  | { type: 'skipped'; skip: DraftSkip; nextDeadline: number }
  | { type: 'paused'; at: number; remainingMs: number }
  | { type: 'resumed'; at: number; deadline: number }
  | { type: 'undone'; overall: number; deadline: number }
  | { type: 'autopickSet'; teamId: string; enabled: boolean }
  | { type: 'queueSet'; teamId: string; playerIds: string[] }
  | { type: 'completed'; at: number };

export const RULE_ERROR_CODES = [
  'NOT_LIVE',
  'NOT_YOUR_TURN',
  'STALE',
  'UNKNOWN_PLAYER',
  'UNKNOWN_TEAM',
  'PLAYER_TAKEN',
  'ROSTER_FULL',
  'POSITION_FULL',
  'ALREADY_STARTED',
  'NOT_PAUSED',
  'NOTHING_TO_UNDO',
  'DRAFT_COMPLETE',
  'INVALID_ORDER',
  'INVALID_CONFIG',
  'QUEUE_TOO_LONG',
] as const;
export type RuleErrorCode = (typeof RULE_ERROR_CODES)[number];

/** A command refused: goes back to the sender only; nothing changes (the shared RuleError, with draft codes). */
export type RuleError = SharedRuleError<RuleErrorCode>;
export const ruleError: (code: RuleErrorCode, message: string) => RuleError = sharedRuleError;
export const isRuleError: (x: unknown) => x is RuleError = isSharedRuleError;

/** The shared Outcome (src/rules/outcome.ts) with the draft's events and codes. */
export type Outcome = SharedOutcome<DraftEvent, RuleErrorCode>;
