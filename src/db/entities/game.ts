import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { GAME_MODES, type GameConfig } from '../../baseball/config.ts';
import { BASEBALL_RULES, League, Team } from './league.ts';

/**
 * `proposed`: a manager's challenge to a team he does not own, waiting for that team's manager (or
 * the commissioner) to accept; no room, no dice. `declined`: a challenge refused, kept, never played.
 * `suspended`: abandoned by its managers, resumed when they are back; `cancelled`: called off before
 * its first pitch (src/baseball/lifecycle.ts).
 */
export const GAME_STATUSES = ['proposed', 'declined', 'scheduled', 'live', 'suspended', 'final', 'cancelled'] as const;
export type GameStatus = (typeof GAME_STATUSES)[number];

/**
 * A baseball game of a league. `config` is the whole pure GameConfig as fixed at creation
 * (lineups, player snapshot, AI sides, pace, dice commitment); the plays are the game's event
 * log (stream = game id). Score, inning, status and the box score are projections of the log,
 * kept here so lists and standings need not replay it.
 *
 * `diceSeed` is the secret behind `config.diceCommitment`: never served until the game is final.
 */
export const Game = defineEntity({
  name: 'Game',
  tableName: 'games',
  indexes: [{ properties: ['league', 'status'] }, { properties: ['status', 'scheduledAt'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    homeTeam: () => p.manyToOne(Team).mapToPk(),
    awayTeam: () => p.manyToOne(Team).mapToPk(),
    rules: p.enum(BASEBALL_RULES),
    status: p.enum(GAME_STATUSES).default('scheduled'),
    /** ranked (standings, season stats) / friendly / practice: a column, so standings filter on it. */
    mode: p.enum(GAME_MODES).default('ranked'),
    config: p.json<GameConfig>(),
    diceSeed: p.string().length(64).hidden(),
    awayScore: p.integer().default(0),
    homeScore: p.integer().default(0),
    inning: p.integer().default(1),
    /** The team that forfeited it (the other one is the winner); null for a game played out. */
    forfeitedBy: () => p.manyToOne(Team).mapToPk().nullable(),
    /** Null until final (a game has no ties). */
    winner: () => p.manyToOne(Team).mapToPk().nullable(),
    /** The box and line score, written when the game goes final. */
    box: p.json<Record<string, unknown>>().nullable(),
    /** The first pitch (config.startAt) as a column: the open-game sweep finds far-off games by it. Null: at once. */
    scheduledAt: p.datetime().nullable(),
    /** A challenge's opponent: the team whose manager (or the commissioner) accepts it. Null for a game created outright. */
    challengedTeam: () => p.manyToOne(Team).mapToPk().nullable(),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});
export type Game = InferEntity<typeof Game>;
