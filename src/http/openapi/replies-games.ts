import { z } from 'zod';
import { BASEBALL_RULES, GAME_STATUSES } from '../../db/entities/index.ts';
import { BATTING_COUNTS, PITCHING_COUNTS } from '../../stats/rates.ts';
import { PRESETS } from '../../scoring/presets.ts';
import { nextCursor, time, uuid } from './replies.ts';

/** Replies of baseball games, standings, season stats and fantasy scoring (see replies.ts). */

const side = z.object({
  teamId: uuid,
  name: z.string(),
  score: z.int(),
  ai: z.enum(['safe', 'balanced', 'aggressive']).nullable().meta({ description: 'The AI that manages the side; null when its manager does.' }),
});

export const gameSummary = z.object({
  id: uuid,
  leagueId: uuid,
  status: z.enum(GAME_STATUSES),
  rules: z.enum(BASEBALL_RULES),
  inning: z.int(),
  away: side,
  home: side,
  winnerId: uuid.nullable(),
  createdAt: time,
  startedAt: time.nullable(),
  finishedAt: time.nullable(),
  scheduledAt: time.nullable().meta({ description: 'The first pitch; null: as soon as the room opens.' }),
  challengedTeamId: uuid.nullable().meta({ description: 'A challenge: the team whose manager (or the commissioner) accepts it. Null for a game created outright.' }),
  decisionSeconds: z.number().meta({ description: "Each manager's time to decide before the AI decides for him." }),
}).meta({ id: 'GameSummary' });

export const gamePage = z.object({ items: z.array(gameSummary), nextCursor }).meta({ id: 'GamePage' });

const play = z.looseObject({
  number: z.int(), inning: z.int(), half: z.enum(['top', 'bottom']), kind: z.string(), code: z.string(), description: z.string(),
  batterId: uuid, pitcherId: uuid, outsBefore: z.int(), onBaseCode: z.int().meta({ description: '1 = 1st, 2 = 2nd, 4 = 3rd, before the play.' }),
  awayScore: z.int(), homeScore: z.int(), runs: z.int(), outs: z.int(),
  tactics: z.array(z.string()).optional(),
  dice: z.array(z.object({ sides: z.int(), value: z.int() })),
  wpa: z.number().meta({ description: 'Win probability the play added for the batting team.' }),
});
const runsPerInning = z.array(z.int().nullable());
const totals = z.object({ r: z.int(), h: z.int(), e: z.int() });

export const gameView = gameSummary.extend({
  half: z.enum(['top', 'bottom']),
  diceCommitment: z.string().meta({ description: 'SHA-256 of the secret dice seed.' }),
  diceSeed: z.string().nullable().meta({ description: 'Revealed once the game is final.' }),
  lineScore: z.object({ away: runsPerInning, home: runsPerInning, totals: z.object({ away: totals, home: totals }) }),
  box: z.object({ away: z.looseObject({}), home: z.looseObject({}) }).meta({
    description: 'Per side: {runs, hits, errors, lob, batting: [{playerId, name, pa … gidp}], pitching: [{playerId, name, outs … pitches}]}.',
  }),
  plays: z.array(play),
  players: z.record(z.string(), z.string()).meta({ description: 'Player id → name, both sides.' }),
}).meta({ id: 'Game' });

export const diceReport = z.object({
  gameId: uuid,
  commitment: z.string(),
  seed: z.string().nullable(),
  rolls: z.int(),
  verification: z.object({
    ok: z.boolean(),
    commitmentOk: z.boolean(),
    mismatches: z.array(z.object({ n: z.int(), sides: z.int(), value: z.int(), expected: z.int().nullable(), reason: z.string() })),
  }).nullable().meta({ description: "The server's check of every roll once final; null before." }),
}).meta({ id: 'DiceReport' });

export const standings = z.object({
  leagueId: uuid,
  rules: z.enum(BASEBALL_RULES),
  items: z.array(z.object({
    teamId: uuid, name: z.string(), w: z.int(), l: z.int(), pct: z.string(), gb: z.number(), rs: z.int(), ra: z.int(), diff: z.int(),
    streak: z.string(), last10: z.string(), home: z.string(), away: z.string(),
  })),
  computedAt: time.optional().meta({ description: 'When these standings were computed, when served from the stored snapshot (never older than the final games).' }),
}).meta({ id: 'Standings' });

// -------------------------------------------------------------------------------- season stats

const counts = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, z.int()]));
const rate = z.string().nullable();
const who = { playerId: uuid, name: z.string(), teamId: uuid, team: z.string() };
const battingTotals = { g: z.int(), ...counts(BATTING_COUNTS), avg: rate, obp: rate, slg: rate, ops: rate };
const pitchingTotals = { g: z.int(), ...counts(PITCHING_COUNTS), ip: z.string(), era: rate, whip: rate };
const leaders = (id: string, line: Record<string, z.ZodType>) => z.object({
  leagueId: uuid, season: z.int(), sort: z.string(), items: z.array(z.object({ ...who, ...line })), nextCursor,
}).meta({ id });

export const battingLeaders = leaders('BattingLeaders', battingTotals);
export const pitchingLeaders = leaders('PitchingLeaders', pitchingTotals);

export const playerSeason = z.object({
  playerId: uuid,
  name: z.string(),
  season: z.int(),
  seasons: z.array(z.int()),
  leagues: z.array(z.object({
    leagueId: uuid, league: z.string(), teamId: uuid, team: z.string(),
    batting: z.object(battingTotals).nullable(), pitching: z.object(pitchingTotals).nullable(),
  })),
  games: z.array(z.looseObject({
    gameId: uuid, leagueId: uuid, result: z.string(),
    // Read by raw SQL: PostgreSQL's text ('2030-04-01 00:02:21+00'), not the ISO form of other times.
    finishedAt: time.meta({ description: 'When the game ended (ISO 8601).' }),
  }).meta({
    description: '{gameId, leagueId, finishedAt, teamId, team, opponentId, opponent, home, result, batting | null, pitching | null}',
  })),
}).meta({ id: 'PlayerSeason' });

// ----------------------------------------------------------------------------------- scoring

const versionSummary = z.object({
  version: z.int(),
  preset: z.enum(PRESETS).nullable().meta({ description: 'null for custom rules.' }),
  active: z.boolean(),
  createdBy: uuid.nullable().meta({ description: "null for the server's default." }),
  createdAt: time,
});
const rules = z.record(z.string(), z.unknown()).meta({ description: '{sport, perUnit, positionPerUnit, tables, bonuses}' });

export const scoringRules = z.object({
  leagueId: uuid,
  sport: z.enum(['football', 'f1']),
  activeVersion: z.int(),
  active: versionSummary.extend({ rules }),
  versions: z.array(versionSummary),
}).meta({ id: 'ScoringRules' });

export const scoringVersion = versionSummary.extend({ leagueId: uuid, rules }).meta({ id: 'ScoringRulesVersion' });
export const newScoringVersion = scoringVersion.extend({
  rescored: z.object({ scores: z.int() }).nullable().meta({ description: 'null without rescore.' }),
}).meta({ id: 'NewScoringRulesVersion' });

export const fantasyStandings = z.object({
  leagueId: uuid,
  sport: z.enum(['football', 'f1']),
  rulesVersion: z.int(),
  periods: z.array(z.string()),
  items: z.array(z.object({ rank: z.int(), teamId: uuid, name: z.string(), total: z.number(), periods: z.record(z.string(), z.number()) })),
}).meta({ id: 'FantasyStandings' });

export const scoresPage = z.object({
  leagueId: uuid,
  rulesVersion: z.int(),
  items: z.array(z.looseObject({ id: uuid, teamId: uuid, playerId: uuid, period: z.string(), rulesVersion: z.int(), points: z.number() }).meta({
    description: '{id, teamId, playerId, playerName, position, period, rulesVersion, points, breakdown: [{label, value?, points}], statEventId, eventKey, revision, occurredAt, stats}',
  })),
  nextCursor,
}).meta({ id: 'ScoresPage' });
