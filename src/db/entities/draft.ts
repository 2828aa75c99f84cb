import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SPORTS } from '../../players/types.ts';
import type { DraftConfig } from '../../draft/types.ts';
import { League, Team } from './league.ts';
import { Player } from './player.ts';

/** Pick-by-pick kinds run by the draft room; 'auction' is reserved for the auction room. */
export const DRAFT_KINDS = ['snake', 'linear', '3rr', 'auction'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export const DRAFT_STATUSES = ['scheduled', 'live', 'paused', 'complete'] as const;

/**
 * A draft of a league. `config` holds the whole pure DraftConfig (order, roster rules, keepers,
 * traded picks) as it was fixed at creation, so a room can rebuild the state from it plus the event log.
 */
export const Draft = defineEntity({
  name: 'Draft',
  tableName: 'drafts',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade').index(),
    sport: p.enum(SPORTS),
    kind: p.enum(DRAFT_KINDS),
    config: p.json<DraftConfig>(),
    /** Whether the server drafts for teams without a manager. */
    bots: p.boolean().default(false),
    /** A projection of the event log, kept here so lists need not replay it. */
    status: p.enum(DRAFT_STATUSES).default('scheduled'),
    scheduledAt: p.datetime().nullable(),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
  },
});
export type Draft = InferEntity<typeof Draft>;

/**
 * One pick made (a projection of the draft's event log, written in the same transaction).
 * The uniques are the last line of defence: no pick number is made twice, no player drafted twice.
 */
export const DraftPickRecord = defineEntity({
  name: 'DraftPickRecord',
  tableName: 'draft_picks',
  uniques: [{ properties: ['draft', 'overall'] }, { properties: ['draft', 'player'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    draft: () => p.manyToOne(Draft).mapToPk().deleteRule('cascade'),
    overall: p.integer(),
    round: p.integer(),
    team: () => p.manyToOne(Team).mapToPk(),
    player: () => p.manyToOne(Player).mapToPk(),
    /** Made by the server (autopick, expired clock, bot). */
    auto: p.boolean(),
    /** Placed from the config before the draft started. */
    keeper: p.boolean(),
    pickedAt: p.datetime(),
  },
});
export type DraftPickRecord = InferEntity<typeof DraftPickRecord>;
