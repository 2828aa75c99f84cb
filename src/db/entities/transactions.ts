import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { League, Team } from './league.ts';
import { Player } from './player.ts';

/**
 * The league transaction log (src/transactions/): every add, drop, waiver claim, trade, draft pick
 * joining a roster, commissioner move and league administration change, in the order it happened.
 * Append-only: rows are never updated or deleted. `roster_entries` is its projection, written in
 * the same database transaction as the entry.
 */
export const TRANSACTION_TYPES = ['add', 'drop', 'claim', 'trade', 'draft', 'commissioner', 'admin'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

/**
 * A future draft pick as a trade asset: `originalTeamId`'s pick in `round` of the league's draft
 * of `season` (a year). Who holds it now follows from the trades in the log (src/transactions/picks.ts).
 */
export interface DraftPickAsset {
  season: number;
  round: number;
  originalTeamId: string;
}

/** One player changing hands: from a team (null: the pool) to a team (null: dropped to the pool). */
export interface RosterMove {
  playerId: string;
  fromTeamId: string | null;
  toTeamId: string | null;
}

export const LeagueTransaction = defineEntity({
  name: 'LeagueTransaction',
  tableName: 'league_transactions',
  indexes: [{ properties: ['league', 'id'] }],
  properties: {
    /** Serial: the log's order, replayed as is (several entries of one database transaction included). */
    id: p.integer().primary().autoincrement(),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    type: p.enum(TRANSACTION_TYPES),
    /** Who did it; null for the system (a waiver run, a draft's completion). */
    actor: p.uuid().nullable(),
    /** The teams involved, for `?teamId=` (a GIN index over it). */
    teamIds: p.array(),
    moves: p.json<RosterMove[]>(),
    /** Why, in words (a claim's bid, the commissioner's note, a voided trade's cause). */
    reason: p.text().nullable(),
    /** What else the entry needs to be read alone: bids, a trade's id, settings before and after. */
    details: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type LeagueTransaction = InferEntity<typeof LeagueTransaction>;

export const WAIVER_STATUSES = ['waiting', 'processed'] as const;

/** A dropped player on waivers: claims only until `clearsAt`, when the waiver run settles him. */
export const WaiverPlayer = defineEntity({
  name: 'WaiverPlayer',
  tableName: 'waiver_players',
  uniques: [{ name: 'waiver_players_league_id_player_id_waiting_unique', properties: ['league', 'player'], where: "status = 'waiting'" }],
  indexes: [{ properties: ['status', 'clearsAt'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    player: () => p.manyToOne(Player).mapToPk(),
    fromTeam: () => p.manyToOne(Team).mapToPk().nullable().deleteRule('set null'),
    clearsAt: p.datetime(),
    status: p.enum(WAIVER_STATUSES).default('waiting'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type WaiverPlayer = InferEntity<typeof WaiverPlayer>;

export const CLAIM_STATUSES = ['pending', 'won', 'lost', 'failed', 'cancelled'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A team's claim of a player on waivers; seen by that team alone until a run settles it. */
export const WaiverClaim = defineEntity({
  name: 'WaiverClaim',
  tableName: 'waiver_claims',
  uniques: [{ name: 'waiver_claims_team_id_player_id_pending_unique', properties: ['team', 'player'], where: "status = 'pending'" }],
  indexes: [{ properties: ['league', 'status'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    team: () => p.manyToOne(Team).mapToPk().deleteRule('cascade'),
    player: () => p.manyToOne(Player).mapToPk(),
    dropPlayer: () => p.manyToOne(Player).mapToPk().nullable(),
    /** FAAB leagues: the blind bid. */
    bid: p.integer().nullable(),
    status: p.enum(CLAIM_STATUSES).default('pending'),
    /** Why it lost or failed (a code from src/transactions/waivers.ts). */
    reason: p.string().length(40).nullable(),
    run: p.uuid().nullable(),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    processedAt: p.datetime().nullable(),
  },
});
export type WaiverClaim = InferEntity<typeof WaiverClaim>;

/** One waiver run of a league: unique per (league, runAt), so a retried job finds it done. */
export const WaiverRun = defineEntity({
  name: 'WaiverRun',
  tableName: 'waiver_runs',
  uniques: [{ properties: ['league', 'runAt'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    runAt: p.datetime(),
    processedAt: p.datetime(),
    results: p.json<Record<string, unknown>>(),
  },
});
export type WaiverRun = InferEntity<typeof WaiverRun>;

/** A team's place in the waiver order (1 first) and the FAAB it has spent this season. */
export const TeamWaiverState = defineEntity({
  name: 'TeamWaiverState',
  tableName: 'team_waiver_states',
  properties: {
    team: () => p.oneToOne(Team).primary().mapToPk().deleteRule('cascade'),
    priority: p.integer(),
    faabSpent: p.integer().default(0),
  },
});
export type TeamWaiverState = InferEntity<typeof TeamWaiverState>;

export const TRADE_STATUSES = ['proposed', 'review', 'executed', 'rejected', 'countered', 'cancelled', 'vetoed', 'void'] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

/** A trade between two teams of a league, from proposal to execution (src/transactions/trades.ts). */
export const Trade = defineEntity({
  name: 'Trade',
  tableName: 'trades',
  indexes: [{ properties: ['league', 'status'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    fromTeam: () => p.manyToOne(Team).mapToPk().deleteRule('cascade'),
    toTeam: () => p.manyToOne(Team).mapToPk().deleteRule('cascade'),
    /** Players the proposing team gives, and those it gets. */
    gives: p.array(),
    gets: p.array(),
    /** Players each side drops at execution to stay within its limits. */
    fromDrops: p.array(),
    toDrops: p.array(),
    /** Future draft picks the proposing team gives, and those it gets. */
    givesPicks: p.json<DraftPickAsset[]>().default([]),
    getsPicks: p.json<DraftPickAsset[]>().default([]),
    status: p.enum(TRADE_STATUSES).default('proposed'),
    /** Why it ended as it did (a voided trade names the player and what happened to him). */
    reason: p.text().nullable(),
    /** The trade this one counters. */
    counterOf: p.uuid().nullable(),
    /** League veto: teams that voted against. */
    vetoes: p.array().default([]),
    reviewEndsAt: p.datetime().nullable(),
    /** When the receiving team accepted: from then on the trade is every viewer's to see, whatever becomes of it. */
    acceptedAt: p.datetime().nullable(),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    decidedAt: p.datetime().nullable(),
  },
});
export type Trade = InferEntity<typeof Trade>;

export const transactionEntities = [LeagueTransaction, WaiverPlayer, WaiverClaim, WaiverRun, TeamWaiverState, Trade];
