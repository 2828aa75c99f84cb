import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SPORTS } from '../../players/types.ts';
import { User } from './user.ts';
import { Player } from './player.ts';

export const ROLES = ['commissioner', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/** The two rule sets the baseball engine plays (src/baseball/leagues.ts): chosen per league. */
export const BASEBALL_RULES = ['SBA', 'PD'] as const;
export type BaseballRulesId = (typeof BASEBALL_RULES)[number];

/** Who may see a league (src/leagues/access.ts): public, every signed-in user; private, its members only. */
export const VISIBILITIES = ['public', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const League = defineEntity({
  name: 'League',
  tableName: 'leagues',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    name: p.string().length(80),
    sport: p.enum(SPORTS),
    /** Shared by the commissioner; whoever has it may join and claim an open team. */
    inviteCode: p.string().length(16).unique(),
    /** Baseball leagues: which rules their games play (DH, extra-inning runner). */
    baseballRules: p.enum(BASEBALL_RULES).default('SBA'),
    visibility: p.enum(VISIBILITIES).default('private'),
    /**
     * Roster limits, waiver and trade settings (src/transactions/settings.ts); null: the sport's
     * defaults. Parsed by zod whenever it is read, so an old row gains new settings' defaults.
     */
    transactionSettings: p.json<Record<string, unknown>>().nullable(),
    /** Set when the commissioner archives the league: read-only from then on (no transactions). */
    archivedAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(User).mapToPk(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type League = InferEntity<typeof League>;

export const LeagueMember = defineEntity({
  name: 'LeagueMember',
  tableName: 'league_members',
  uniques: [{ properties: ['league', 'user'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    role: p.enum(ROLES),
    joinedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type LeagueMember = InferEntity<typeof LeagueMember>;

/** The partial unique index behind "one team per manager and league"; its violation is a 409. */
export const TEAM_OWNER_UNIQUE = 'teams_league_id_owner_id_unique';

export const Team = defineEntity({
  name: 'Team',
  tableName: 'teams',
  uniques: [
    { properties: ['league', 'name'] },
    // One manager, one team per league: the database settles parallel joins (src/leagues/service.ts).
    { name: TEAM_OWNER_UNIQUE, properties: ['league', 'owner'], where: 'owner_id is not null' },
  ],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    name: p.string().length(60),
    /** The manager; null while the team is open to be claimed. */
    owner: () => p.manyToOne(User).mapToPk().nullable().index(),
    /** Baseball: the id of the park its home games are played in (src/baseball/ballparks.ts); null: a neutral park. */
    park: p.string().length(40).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Team = InferEntity<typeof Team>;

export const ACQUISITIONS = ['draft', 'auction', 'keeper', 'commissioner', 'free_agent', 'waiver', 'trade'] as const;
export type Acquisition = (typeof ACQUISITIONS)[number];

/** The partial unique index behind "a player is on a team's current roster once". */
export const ROSTER_CURRENT_UNIQUE = 'roster_entries_team_id_player_id_current_unique';

/**
 * A player's stay on a team's roster, with how and when it got there and, once he left (dropped,
 * traded, claimed away), when: the rosters are the projection of the league transaction log
 * (src/transactions/), and a stay that ended is kept as history, never deleted. The current
 * roster is the rows with `releasedAt` null (`ON_ROSTER`).
 */
export const RosterEntry = defineEntity({
  name: 'RosterEntry',
  tableName: 'roster_entries',
  uniques: [{ name: ROSTER_CURRENT_UNIQUE, properties: ['team', 'player'], where: 'released_at is null' }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    team: () => p.manyToOne(Team).mapToPk().deleteRule('cascade').index(),
    player: () => p.manyToOne(Player).mapToPk(),
    acquiredVia: p.enum(ACQUISITIONS),
    /** The draft (or other event) the player came from. */
    sourceId: p.uuid().nullable(),
    acquiredAt: p.datetime().onCreate(() => new Date()),
    /** When the player left this roster (null: he is on it). */
    releasedAt: p.datetime().nullable(),
    /** The league_transactions entry that put him on, and the one that took him off. */
    acquiredBy: p.integer().nullable(),
    releasedBy: p.integer().nullable(),
  },
});
export type RosterEntry = InferEntity<typeof RosterEntry>;

/** The filter of a current roster row: add it to every query of who is on a team now. */
export const ON_ROSTER = { releasedAt: null } as const;
