import { z } from 'zod';
import { DRAFT_STATUSES, RACE_ORDER_MODES } from '../../db/entities/index.ts';
import { time, uuid } from './replies.ts';

/** The shapes of the Fantasy F1 race-weekend replies (src/http/routes/f1.ts), for the OpenAPI document. */

export const race = z.object({
  id: uuid,
  season: z.int(),
  round: z.int(),
  name: z.string(),
  circuit: z.string(),
  country: z.string(),
  period: z.string().meta({ description: "The stat feed's `period` of this race's results (`aurora-2026`)." }),
  startsAt: time,
  locksAt: time.meta({ description: 'The start of qualifying: every race draft is complete by then.' }),
}).meta({ id: 'Race' });

export const races = z.object({ items: z.array(race) }).meta({ id: 'Races' });

export const raceSettings = z.object({
  season: z.int(),
  draftLeadMinutes: z.int(),
  orderMode: z.enum(RACE_ORDER_MODES),
  pickSeconds: z.int(),
  baseOrder: z.array(uuid),
  updatedAt: time,
}).meta({ id: 'RaceSettings' });

export const leagueRaces = z.object({
  settings: raceSettings,
  items: z.array(race.extend({
    draftOpensAt: time,
    draft: z.object({ id: uuid, status: z.enum(DRAFT_STATUSES), order: z.array(uuid) }).nullable()
      .meta({ description: 'null until the draft opens (draftOpensAt).' }),
  })),
}).meta({ id: 'LeagueRaces' });

const driver = z.object({
  playerId: uuid, name: z.string().nullable(), overall: z.int(), auto: z.boolean(),
  points: z.number().nullable().meta({ description: 'null until his result is scored.' }),
});

export const leaderboard = z.object({
  leagueId: uuid,
  season: z.int(),
  rulesVersion: z.int(),
  races: z.array(race.extend({ scored: z.boolean() })).optional().meta({ description: 'The season view: every race of the season.' }),
  race: race.optional().meta({ description: 'The race view (`?race=`).' }),
  items: z.array(z.object({
    rank: z.int(), teamId: uuid, name: z.string(),
    total: z.number().optional().meta({ description: 'Season view: the season total.' }),
    races: z.record(z.string(), z.number()).optional().meta({ description: 'Season view: points per scored race, by round.' }),
    points: z.number().optional().meta({ description: 'Race view: points in that race.' }),
    drivers: z.array(driver).optional().meta({ description: "Race view: the team's drivers for that race." }),
  })),
}).meta({ id: 'F1Leaderboard' });
