import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SPORTS } from '../../players/types.ts';

export const Player = defineEntity({
  name: 'Player',
  tableName: 'players',
  indexes: [{ properties: ['sport', 'rank'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    /** Stable id from the data source: makes seeding and imports idempotent. */
    externalId: p.string().length(64).unique(),
    sport: p.enum(SPORTS),
    name: p.string().length(80),
    positions: p.array(),
    team: p.string().length(40),
    rank: p.integer(),
    adp: p.double(),
    /** Sport-specific data, e.g. baseball card ratings. */
    attributes: p.json<Record<string, unknown>>(),
  },
});
export type Player = InferEntity<typeof Player>;
