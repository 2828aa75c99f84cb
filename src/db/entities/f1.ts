import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { League, Team } from './league.ts';
import { Player } from './player.ts';

/**
 * Fantasy F1 race weekends (src/f1/). The calendar is global, as the real one is: a race's
 * results are one set of facts that score every league, and its period is the stat feed's
 * `period` (`aurora-2026`). Each F1 league that plays race weekends drafts its own drivers for
 * each race; the picks of a race are its teams' rosters for that race only.
 */
export const F1Race = defineEntity({
  name: 'F1Race',
  tableName: 'f1_races',
  uniques: [{ properties: ['season', 'round'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    season: p.integer(),
    round: p.integer(),
    name: p.string().length(60),
    circuit: p.string().length(80),
    country: p.string().length(60),
    /** The stat feed's period for this race's results (`aurora-2026`): how results find their race. */
    period: p.string().length(40).unique(),
    /** Lights out. */
    startsAt: p.datetime(),
    /** The start of qualifying: every race draft is complete by then. */
    locksAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type F1Race = InferEntity<typeof F1Race>;

export const RACE_ORDER_MODES = ['rotate', 'standings'] as const;
export type RaceOrderMode = (typeof RACE_ORDER_MODES)[number];

/** An F1 league that plays race weekends: which season, when each race's draft opens, in what order. */
export const F1LeagueSettings = defineEntity({
  name: 'F1LeagueSettings',
  tableName: 'f1_league_settings',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade').unique(),
    season: p.integer(),
    /** A race's draft opens this long before its lock (the start of qualifying). */
    draftLeadMinutes: p.integer(),
    /** 'rotate': the first pick moves one team down each race; 'standings': last in the season picks first. */
    orderMode: p.enum(RACE_ORDER_MODES),
    pickSeconds: p.integer(),
    /** The order of round 1 (team ids); later rounds rotate it (and break standings ties by it). */
    baseOrder: p.json<string[]>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type F1LeagueSettings = InferEntity<typeof F1LeagueSettings>;

/** The unique index that keeps a driver on one team per race and league. */
export const RACE_PICK_UNIQUE = 'race_picks_league_id_race_id_player_id_unique';

/**
 * A driver on a team for one race: the projection of that race's draft, written when it
 * completes. Earlier races' rows stay as history; scoring reads them to find who drafted the
 * driver a result belongs to.
 */
export const RacePick = defineEntity({
  name: 'RacePick',
  tableName: 'race_picks',
  uniques: [{ name: RACE_PICK_UNIQUE, properties: ['league', 'race', 'player'] }],
  indexes: [{ properties: ['race', 'player'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    race: () => p.manyToOne(F1Race).mapToPk().deleteRule('cascade'),
    team: () => p.manyToOne(Team).mapToPk().deleteRule('cascade').index(),
    player: () => p.manyToOne(Player).mapToPk(),
    /** The draft that made the pick (a unique (league, race) draft). */
    draftId: p.uuid(),
    overall: p.integer(),
    auto: p.boolean(),
    pickedAt: p.datetime(),
  },
});
export type RacePick = InferEntity<typeof RacePick>;

export const f1Entities = [F1Race, F1LeagueSettings, RacePick];
