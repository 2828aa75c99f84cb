import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { SeasonSettings } from '../../season/settings.ts';
import { League, Team } from './league.ts';
import { User } from './user.ts';

export const SEASON_STATUSES = ['regular', 'playoffs', 'complete'] as const;
export type SeasonStatus = (typeof SEASON_STATUSES)[number];

/**
 * A fantasy season of a league (src/season/): its settings, where it stands, the playoff seeds
 * once the regular season is final, and the champion. Numbered 1, 2, … per league; the latest is
 * the current one, earlier ones stay readable.
 */
export const Season = defineEntity({
  name: 'Season',
  tableName: 'seasons',
  uniques: [{ properties: ['league', 'number'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    number: p.integer(),
    settings: p.json<SeasonSettings>(),
    status: p.enum(SEASON_STATUSES).default('regular'),
    /** Team ids by seed (1 first), fixed when the last regular-season period is final. */
    seeds: p.json<string[]>().nullable(),
    champion: () => p.manyToOne(Team).mapToPk().nullable().deleteRule('set null'),
    createdBy: () => p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Season = InferEntity<typeof Season>;

export const PERIOD_KINDS = ['regular', 'playoff'] as const;

/**
 * One period (week) of a season. `key` is the stat feed's period ('2026-W01'): its scores are the
 * period's. `fixtures` gives each real club's kickoff in the period (club → ISO time): a player
 * locks then, or at `locksAt` when his club has none.
 */
export const SeasonPeriod = defineEntity({
  name: 'SeasonPeriod',
  tableName: 'season_periods',
  uniques: [{ properties: ['season', 'number'] }],
  indexes: [{ properties: ['finalizedAt'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    season: () => p.manyToOne(Season).mapToPk().deleteRule('cascade'),
    number: p.integer(),
    key: p.string().length(40),
    kind: p.enum(PERIOD_KINDS),
    startsAt: p.datetime(),
    locksAt: p.datetime(),
    fixtures: p.json<Record<string, string>>(),
    finalizedAt: p.datetime().nullable(),
    /** How often a correction or a rescore changed it after it was first final. */
    refinalized: p.integer().default(0),
    refinalizedAt: p.datetime().nullable(),
  },
});
export type SeasonPeriod = InferEntity<typeof SeasonPeriod>;

/**
 * One head-to-head game of a period (`away` null: a bye). Points and result are written when the
 * period is finalized (and again when it is re-finalized); until then they are computed live.
 */
export const Matchup = defineEntity({
  name: 'Matchup',
  tableName: 'matchups',
  uniques: [{ properties: ['season', 'period', 'home'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    season: () => p.manyToOne(Season).mapToPk().deleteRule('cascade'),
    period: p.integer(),
    home: () => p.manyToOne(Team).mapToPk().deleteRule('cascade'),
    away: () => p.manyToOne(Team).mapToPk().nullable().deleteRule('cascade'),
    /** Playoff games: the round (1 = first) and the place in it. */
    playoffRound: p.integer().nullable(),
    bracketSlot: p.integer().nullable(),
    homePoints: p.double().nullable(),
    awayPoints: p.double().nullable(),
    /** 'home' | 'away' | 'tie' once final; null before. */
    result: p.string().length(8).nullable(),
  },
});
export type Matchup = InferEntity<typeof Matchup>;

/**
 * A team's lineup for one period. A manager's lineup is stored when he sets it; a team that never
 * set one plays the automatic lineup, stored (auto true) when the period is finalized.
 */
export const Lineup = defineEntity({
  name: 'Lineup',
  tableName: 'lineups',
  uniques: [{ properties: ['season', 'period', 'team'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    season: () => p.manyToOne(Season).mapToPk().deleteRule('cascade'),
    period: p.integer(),
    team: () => p.manyToOne(Team).mapToPk().deleteRule('cascade'),
    /** Player ids aligned with the season's lineup slots; null = an empty slot. */
    starters: p.json<Array<string | null>>(),
    auto: p.boolean(),
    setBy: () => p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    updatedAt: p.datetime(),
  },
});
export type Lineup = InferEntity<typeof Lineup>;

export const seasonEntities = [Season, SeasonPeriod, Matchup, Lineup];
