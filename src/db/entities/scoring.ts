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
    /** When a score job first scored the line (null: not yet, or its player changed since). */
    scoredAt: p.datetime().nullable(),
  },
});
export type StatEvent = InferEntity<typeof StatEvent>;

/**
 * Who earned each scored stat line in each league: the team holding the player now, unless the
 * league has a `score_attributions` row for the line (a team, or null: nobody). Those rows are
 * written only where the default would stop being true (migration 20261211100000: a roster
 * trigger freezes a leaving player's scored lines to the team he leaves, and marks the scored
 * lines of a player nobody held as nobody's before he joins; the score job writes race-weekend
 * attributions, src/f1/attribution.ts), so the usual batch writes no row per league.
 */
export const SCORE_OWNERS = `select t.league_id, r.team_id, e.id as stat_event_id, e.player_id, e.period, e.occurred_at
  from roster_entries r join teams t on t.id = r.team_id join leagues l on l.id = t.league_id
  join stat_events e on e.player_id = r.player_id and e.sport = l.sport
 where r.released_at is null and e.scored_at is not null
   and not exists (select 1 from score_attributions x where x.league_id = t.league_id and x.stat_event_id = e.id)
union all
select x.league_id, x.team_id, e.id, e.player_id, e.period, e.occurred_at
  from score_attributions x join stat_events e on e.id = x.stat_event_id
 where x.team_id is not null and e.scored_at is not null`;

/** The view `fantasy_scores`: each owned line's points under every version of the league whose rules content has them. Its id is a name-based UUID (version 3: MD5 of league, event and version). */
export const FANTASY_SCORES = `select overlay(overlay(k.h placing '3' from 13) placing substr('89ab', (('x' || substr(k.h, 17, 1))::bit(4)::int & 3) + 1, 1) from 17)::uuid as id,
       o.league_id, o.team_id, o.player_id, o.stat_event_id, v.version as rules_version, o.period, s.points, s.breakdown, s.scored_at
  from score_owners o join scoring_rules v on v.league_id = o.league_id
  join line_scores s on s.stat_event_id = o.stat_event_id and s.rules_key = v.rules_key
  cross join lateral (select md5(o.league_id::text || o.stat_event_id::text || v.version::text) as h) k`;

/**
 * The points one stat event earned one team of a league under one rules version (read-only: a
 * view over `line_scores`, one row per line and rules content, and `score_owners`). One row per
 * (league, event, version).
 */
export const FantasyScore = defineEntity({
  name: 'FantasyScore',
  tableName: 'fantasy_scores',
  view: true,
  expression: FANTASY_SCORES,
  properties: {
    id: p.uuid().primary(),
    league: () => p.manyToOne(League).mapToPk(),
    team: () => p.manyToOne(Team).mapToPk(),
    player: () => p.manyToOne(Player).mapToPk(),
    statEvent: () => p.manyToOne(StatEvent).mapToPk(),
    rulesVersion: p.integer(),
    period: p.string().length(40),
    points: p.double(),
    breakdown: p.json<BreakdownLine[]>(),
    scoredAt: p.datetime(),
  },
});
export type FantasyScore = InferEntity<typeof FantasyScore>;

export const scoringEntities = [ScoringRulesVersion, LeagueScoring, StatEvent, FantasyScore];
