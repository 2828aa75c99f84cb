import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ScoringRules } from '../../scoring/rules.ts';
import type { BreakdownLine } from '../../scoring/scorer.ts';
import { League, Team } from './league.ts';
import { Player } from './player.ts';
import { User } from './user.ts';

/** The sports with fantasy scoring (src/scoring/stats.ts SCORED_SPORTS). */
const STAT_SPORTS = ['football', 'f1'] as const;

/**
 * One version of a league's scoring rules. Rows are never updated: a change is a new version,
 * so every stored score can name the exact rules that produced it.
 */
export const ScoringRulesVersion = defineEntity({
  name: 'ScoringRulesVersion',
  tableName: 'scoring_rules',
  uniques: [{ properties: ['league', 'version'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    /** 1, 2, 3, … per league. */
    version: p.integer(),
    /** The preset it was made from, null for custom rules. */
    preset: p.string().length(16).nullable(),
    rules: p.json<ScoringRules>(),
    /** Null for the default version the server gives a new league. */
    createdBy: () => p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ScoringRulesVersion = InferEntity<typeof ScoringRulesVersion>;

/** Which version scores a league now: a pointer, so activating never touches a version row. */
export const LeagueScoring = defineEntity({
  name: 'LeagueScoring',
  tableName: 'league_scoring',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade').unique(),
    activeVersion: p.integer(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type LeagueScoring = InferEntity<typeof LeagueScoring>;

/** A replaced revision of a stat event, kept on the event for audit. */
export interface StatEventRevision {
  revision: number;
  period: string;
  occurredAt: string;
  stats: Record<string, unknown>;
  receivedAt: string;
}

/**
 * One real-world stat line from a feed (a player's game or race weekend). `eventKey` is the feed's
 * idempotency key: the same line twice is stored once; the same key with another payload is a
 * correction, which replaces the line (revision + 1) and keeps the old one in `history`.
 */
export const StatEvent = defineEntity({
  name: 'StatEvent',
  tableName: 'stat_events',
  indexes: [{ properties: ['sport', 'period'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    eventKey: p.string().length(128).unique(),
    player: () => p.manyToOne(Player).mapToPk().index(),
    sport: p.enum(STAT_SPORTS),
    /** The scoring period: a week ('2026-W01') or a race ('monaco-2026'). */
    period: p.string().length(40),
    stats: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
    receivedAt: p.datetime().onCreate(() => new Date()),
    /** 1, then + 1 per correction; also the optimistic lock between two writers correcting one line. */
    revision: p.integer().version(),
    /** SHA-256 of the canonical payload: tells a duplicate from a correction. */
    payloadHash: p.string().length(64),
    history: p.json<StatEventRevision[]>(),
    revisedAt: p.datetime().nullable(),
  },
});
export type StatEvent = InferEntity<typeof StatEvent>;

/**
 * The points one stat event earned one team of a league under one rules version. Unique per
 * (league, event, version): scoring again overwrites the row, so it counts once.
 */
export const FantasyScore = defineEntity({
  name: 'FantasyScore',
  tableName: 'fantasy_scores',
  uniques: [{ properties: ['league', 'statEvent', 'rulesVersion'] }],
  indexes: [{ properties: ['league', 'rulesVersion', 'period'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    team: () => p.manyToOne(Team).mapToPk().deleteRule('cascade').index(),
    player: () => p.manyToOne(Player).mapToPk(),
    statEvent: () => p.manyToOne(StatEvent).mapToPk().deleteRule('cascade').index(),
    rulesVersion: p.integer(),
    period: p.string().length(40),
    points: p.double(),
    breakdown: p.json<BreakdownLine[]>(),
    scoredAt: p.datetime(),
  },
});
export type FantasyScore = InferEntity<typeof FantasyScore>;

export const scoringEntities = [ScoringRulesVersion, LeagueScoring, StatEvent, FantasyScore];
