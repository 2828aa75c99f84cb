import { isRuleError as isSharedRuleError, ruleError as sharedRuleError, type RuleError as SharedRuleError } from '../rules/rule-error.ts';
import type { Outcome as SharedOutcome } from '../rules/outcome.ts';

export type { Pool, PoolPlayer } from '../draft/types.ts';

/**
 * The data of a live auction draft: teams nominate players in a fixed order and everyone bids on the
 * player (the "lot") until its clock runs out. Everything here is plain data so a state can be stored,
 * compared and rebuilt from the event log; the functions live in the other files.
 */

export type AuctionStatus = 'scheduled' | 'live' | 'paused' | 'complete';

/** 'nominating': the nominator on the clock picks the next player; 'bidding': a lot is open. */
export type AuctionPhase = 'nominating' | 'bidding';

export interface AuctionRosterRules {
  /** Most players a team may hold at a position. A position not listed here has no limit. */
  maxPerPosition: Record<string, number>;
}

export interface AuctionConfig {
  draftId: string;
  /** Team ids in nomination order; the same order every round. */
  order: string[];
  /** Dollars each team starts with. */
  budget: number;
  /** The lowest bid (and opening bid) allowed; every open roster slot keeps this much in reserve. */
  minBid: number;
  /** How much a bid must beat the high bid by. */
  increment: number;
  /** Players each team buys. */
  rosterSlots: number;
  rosterRules?: AuctionRosterRules;
  /** Seconds the nominator on the clock has to put a player up. */
  nominationSeconds: number;
  /** Seconds a lot stays open after the opening bid. */
  bidSeconds: number;
  /** A bid with less time than this left on the lot's clock resets it to this much. */
  resetFloorSeconds: number;
}

/** One accepted bid on a lot (the opening bid included); `proxy` = placed by the server from a proxy maximum. */
export interface AuctionBid {
  teamId: string;
  amount: number;
  at: number;
  proxy: boolean;
}

/** The player up for bids. */
export interface AuctionLot {
  /** 1-based; never reused, so a bid aimed at an older lot is recognised as STALE. */
  number: number;
  playerId: string;
  nominator: string;
  highBid: number;
  highBidder: string;
  /** When bidding ends (epoch ms); 0 while paused. */
  deadline: number;
  bids: AuctionBid[];
}

export interface TeamPurchase {
  playerId: string;
  price: number;
  lot: number;
}

export interface AuctionTeam {
  /** Dollars left. */
  budget: number;
  /** Players bought, in the order the lots closed. */
  won: TeamPurchase[];
}

/** A closed lot. `nominator` is kept so undo can put that team back on the clock. */
export interface WonLot {
  lot: number;
  playerId: string;
  teamId: string;
  price: number;
  nominator: string;
}

/** A team's private maximum for one lot: the server bids for it up to `max`. */
export interface ProxyBid {
  lot: number;
  max: number;
  /** When the maximum was set (epoch ms); equal maximums go to the earlier one. */
  placedAt: number;
}

export interface AuctionState {
  config: AuctionConfig;
  status: AuctionStatus;
  phase: AuctionPhase;
  /** Index into config.order of the team that nominates next (teams that cannot nominate are skipped). */
  nominatorIndex: number;
  lot: AuctionLot | null;
  /** Lots opened so far (cancelled ones included). */
  lotNumber: number;
  /** When the nomination or bid clock runs out (epoch ms); 0 = no clock (paused, not live). */
  deadline: number;
  /** While paused: time that was left on the clock, given back on resume (0 = a full clock). */
  remainingMs: number;
  teams: Record<string, AuctionTeam>;
  won: WonLot[];
  /** PRIVATE: each team's proxy maximum; the room shows a team only its own. */
  proxies: Record<string, ProxyBid>;
  /** PRIVATE: each team's nomination wish list, best first; may hold players sold since (they are skipped). */
  queues: Record<string, string[]>;
}

/**
 * What happened, as stored in the event log. Every value the reducer needs is inside the event
 * (deadlines, prices, proxy raises included), so replaying the log never needs a clock or the pool.
 * `proxySet` is private to its team: the room must not broadcast it.
 */
export type AuctionEvent =
  | { type: 'started'; at: number; deadline: number; nominatorIndex: number }
  | { type: 'nominated'; at: number; lot: AuctionLot; deadline: number; auto: boolean }
  | { type: 'bid'; lot: number; teamId: string; amount: number; at: number; deadline: number; proxy: boolean }
  | { type: 'proxySet'; teamId: string; lot: number; max: number; at: number }
  | { type: 'lotClosed'; lot: number; playerId: string; teamId: string; price: number; at: number; nextNominatorIndex: number; deadline: number }
  | { type: 'nominationSkipped'; teamId: string; at: number; nextNominatorIndex: number; deadline: number }
  | { type: 'lotCancelled'; lot: number; at: number; nominatorIndex: number; deadline: number }
  | { type: 'undone'; lot: number; playerId: string; teamId: string; price: number; at: number; nominatorIndex: number; deadline: number }
  | { type: 'paused'; at: number; remainingMs: number }
  | { type: 'resumed'; at: number; deadline: number }
  | { type: 'queueSet'; teamId: string; playerIds: string[] }
  | { type: 'completed'; at: number };

export type BidEvent = Extract<AuctionEvent, { type: 'bid' }>;

export const RULE_ERROR_CODES = [
  'NOT_LIVE',
  'NOT_NOMINATING',
  'NOT_BIDDING',
  'NOT_YOUR_TURN',
  'STALE',
  'LOT_CLOSED',
  'UNKNOWN_PLAYER',
  'UNKNOWN_TEAM',
  'PLAYER_TAKEN',
  'POSITION_FULL',
  'BID_TOO_LOW',
  'OVER_MAX_BID',
  'ALREADY_HIGH_BIDDER',
  'INVALID_AMOUNT',
  'ALREADY_STARTED',
  'NOT_PAUSED',
  'NOTHING_TO_UNDO',
  'AUCTION_COMPLETE',
  'INVALID_ORDER',
  'INVALID_CONFIG',
  'QUEUE_TOO_LONG',
] as const;
export type RuleErrorCode = (typeof RULE_ERROR_CODES)[number];

/** A command refused: goes back to the sender only; nothing changes (the shared RuleError, with auction codes). */
export type RuleError = SharedRuleError<RuleErrorCode>;
export const ruleError: (code: RuleErrorCode, message: string) => RuleError = sharedRuleError;
export const isRuleError: (x: unknown) => x is RuleError = isSharedRuleError;

/** The shared Outcome (src/rules/outcome.ts) with the auction's events and codes. */
export type Outcome = SharedOutcome<AuctionEvent, RuleErrorCode>;
