import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AbandonPolicy } from '../../baseball/lifecycle.ts';
import { Game } from './game.ts';
import { League, Team } from './league.ts';

/** How a league's scheduled games are played: fixed when the commissioner draws the schedule. */
export interface BaseballScheduleSettings {
  /** The first game day's first pitch (ISO); day n's games are n × 24 h later. */
  startsAt: string;
  gamesPerClub: number;
  seriesLength: number;
  /** As POST /leagues/:id/games takes them, for every game of the schedule. */
  pace?: 'instant' | number;
  decisionSeconds?: number;
  abandon?: { afterSeconds: number; then: AbandonPolicy };
}

/**
 * A baseball league's season schedule (src/baseball/league-schedule.ts): one per league, drawn by
 * its commissioner; its games are the rows of baseball_schedule_games. `createdBy` stores the games
 * it creates as the commissioner's.
 */
export const BaseballSchedule = defineEntity({
  name: 'BaseballSchedule',
  tableName: 'baseball_schedules',
  uniques: [{ properties: ['league'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    settings: p.json<BaseballScheduleSettings>(),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type BaseballSchedule = InferEntity<typeof BaseballSchedule>;

/**
 * One game of a schedule: who hosts whom, when. The `baseball-schedule` job creates its Game
 * (`game`) shortly before `scheduledAt`; `problem` says why it could not (a roster that cannot field
 * a lineup) at its last try (`triedAt`). Such a game is tried again every BASEBALL_SCHEDULE_RETRY_SECONDS
 * and at its first pitch; once a try at or after its first pitch fails too, it is `failedAt` and only
 * the commissioner's retry (POST …/games/:gameId/retry) tries it again.
 */
export const BaseballScheduledGame = defineEntity({
  name: 'BaseballScheduledGame',
  tableName: 'baseball_schedule_games',
  uniques: [{ properties: ['league', 'round', 'number', 'homeTeam'] }, { properties: ['game'] }],
  indexes: [{ properties: ['league', 'scheduledAt'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    /** The series round, from 0; `number` the game within its series, from 1; `day` from the first game day. */
    round: p.integer(),
    number: p.integer(),
    day: p.integer(),
    homeTeam: () => p.manyToOne(Team).mapToPk().deleteRule('cascade'),
    awayTeam: () => p.manyToOne(Team).mapToPk().deleteRule('cascade'),
    scheduledAt: p.datetime(),
    game: () => p.manyToOne(Game).mapToPk().nullable().deleteRule('set null'),
    problem: p.text().nullable(),
    triedAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
  },
});
export type BaseballScheduledGame = InferEntity<typeof BaseballScheduledGame>;

export const baseballScheduleEntities = [BaseballSchedule, BaseballScheduledGame];
