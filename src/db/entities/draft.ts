import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SPORTS } from '../../players/types.ts';
import type { DraftConfig } from '../../draft/types.ts';
import type { AuctionConfig } from '../../auction/types.ts';
import { League, Team } from './league.ts';
import { Player } from './player.ts';
import { F1Race } from './f1.ts';

/** The partial unique index behind "one draft per race and league". */
export const RACE_DRAFT_UNIQUE = 'drafts_league_id_race_id_unique';

/** Pick-by-pick kinds run by the draft room; 'auction' is run by the auction room. */
export const DRAFT_KINDS = ['snake', 'linear', '3rr', 'auction'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export const DRAFT_STATUSES = ['scheduled', 'live', 'paused', 'complete'] as const;

/**
 * A draft of a league. `config` holds the whole pure config as it was fixed at creation, so a room
 * can rebuild the state from it plus the event log: a DraftConfig (order, roster rules, keepers,
 * traded picks) for the pick-by-pick kinds, an AuctionConfig (order, budget, bids, clocks) for
 * 'auction'. `kind` says which; read it through draftConfigOf / auctionConfigOf.
 */
export const Draft = defineEntity({
  name: 'Draft',
  tableName: 'drafts',
  // One draft per race and league (race drafts only; other drafts have no race).
  uniques: [{ name: RACE_DRAFT_UNIQUE, properties: ['league', 'race'], where: 'race_id is not null' }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade').index(),
    sport: p.enum(SPORTS),
    kind: p.enum(DRAFT_KINDS),
    config: p.json<DraftConfig | AuctionConfig>(),
    /** Whether the server drafts for teams without a manager. */
    bots: p.boolean().default(false),
    /** A projection of the event log, kept here so lists need not replay it. */
    status: p.enum(DRAFT_STATUSES).default('scheduled'),
    scheduledAt: p.datetime().nullable(),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
    /** An F1 race draft (src/f1/): its picks are the teams' drivers for that race only, not roster entries. */
    race: () => p.manyToOne(F1Race).mapToPk().nullable().deleteRule('cascade'),
    /** The season (a year) the draft is for: its traded picks come from trades of that season's picks. */
    season: p.integer().nullable(),
  },
});
export type Draft = InferEntity<typeof Draft>;

/** The config of a pick-by-pick draft (snake, linear, 3rr); throws for an auction. */
export function draftConfigOf(draft: Pick<Draft, 'id' | 'kind' | 'config'>): DraftConfig {
  if (draft.kind === 'auction') throw new Error(`draft ${draft.id} is an auction`);
  return draft.config as DraftConfig;
}

/** The config of an auction draft; throws for a pick-by-pick draft. */
export function auctionConfigOf(draft: Pick<Draft, 'id' | 'kind' | 'config'>): AuctionConfig {
  if (draft.kind !== 'auction') throw new Error(`draft ${draft.id} is a ${draft.kind} draft, not an auction`);
  return draft.config as AuctionConfig;
}

/**
 * One pick made (a projection of the draft's event log, written in the same transaction).
 * The uniques are the last line of defence: no pick number is made twice, no player drafted twice.
 *
 * An auction writes one row per lot sold: `overall` = the lot number (lots are never renumbered,
 * cancelled ones included, so it stays unique), `round` = the how-manieth player this team bought
 * (1-based: the slot it fills), `price` = the winning bid. Undo takes back the last sale, which is
 * also that team's last purchase, so a team's rounds always run 1..n without gaps.
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
    /** Auctions only: the winning bid in whole dollars; null for pick-by-pick drafts. */
    price: p.integer().nullable(),
    pickedAt: p.datetime(),
  },
});
export type DraftPickRecord = InferEntity<typeof DraftPickRecord>;
