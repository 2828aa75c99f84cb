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
  mode: z.enum(['ranked', 'friendly', 'practice']).meta({ description: 'Only ranked games count in standings and season stats.' }),
  forfeitedTeamId: uuid.nullable().meta({ description: 'The team that forfeited the game (the other one won it); null otherwise.' }),
  abandon: z.object({ afterSeconds: z.number(), then: z.enum(['ai', 'suspend']) }).meta({
    description: 'When every manager has been away this long while the game is live: the AI plays it out (`ai`) or it is suspended until they are back.',
  }),
  park: z.object({
    id: z.string(), name: z.string(),
    factors: z.object({ single: z.number(), double: z.number(), triple: z.number(), hr: z.number() }),
    bp: z.object({ hr: z.int(), single: z.int() }).optional().meta({
      description: 'Ballpark ratings on the d20: a BP HR is a home run on a roll <= hr (else a fly out), a BP 1B a single on <= single (else a line out); 10 is neutral. Absent: a game from before ballpark results (none are played).',
    }),
  }).meta({ description: "The home club's park when the game was created, and how it multiplies each hit's rate (docs/baseball.md \"Ballparks\"); `neutral` (all 1) without one." }),
}).meta({ id: 'GameSummary' });

export const gamePage = z.object({ items: z.array(gameSummary), nextCursor }).meta({ id: 'GamePage' });

const base = z.int().nullable();
const stat = z.int();
/** One row of the play record (PROTOCOL.md "The play record" documents every field). */
const playRow = z.object({
  number: z.int(), kind: z.enum(['pa', 'steal', 'wild-pitch', 'passed-ball', 'balk']), inning: z.int(), half: z.enum(['top', 'bottom']),
  battingTeamId: uuid, battingOrder: z.int().meta({ description: "1-9: the batter's spot in the order." }),
  batterId: uuid, pitcherId: uuid, catcherId: uuid, defenderId: uuid.nullable(), runnerId: uuid.nullable(),
  outsBefore: z.int(), awayScore: z.int(), homeScore: z.int(),
  onFirstId: uuid.nullable(), onSecondId: uuid.nullable(), onThirdId: uuid.nullable(),
  onFirstFinal: base, onSecondFinal: base, onThirdFinal: base,
  batterFinal: base.meta({ description: 'Where the batter ended: 1-3 a base, 4 scored, null out (or not a plate appearance).' }),
  onBaseCode: z.int().meta({ description: '1 = 1st, 2 = 2nd, 4 = 3rd, before the play.' }), onBaseCodeAfter: z.int(),
  code: z.string(), outcome: z.string().nullable(), description: z.string(),
  tactics: z.array(z.string()), dice: z.array(z.object({ sides: z.int(), value: z.int() })),
  wpa: z.number().meta({ description: 'Win probability the play added for the batting team.' }),
  re24: z.number().meta({ description: 'Runs the play was worth against its base-out state (RE24).' }),
  isTied: z.boolean(), isGoAhead: z.boolean(), isNewInning: z.boolean(),
  pa: stat, ab: stat, h: stat, double: stat, triple: stat, hr: stat, bb: stat, so: stat, hbp: stat, rbi: stat, sac: stat, ibb: stat,
  gidp: stat, sb: stat, cs: stat, wp: stat, pb: stat, pickoff: stat, balk: stat, runs: stat, earnedRuns: stat, outs: stat, e: stat,
  bphr: stat.meta({ description: 'A ballpark home run: a BP HR the park made a homer (`hr` is 1 too).' }),
  bpfo: stat.meta({ description: 'A ballpark fly out: a BP HR the park held in.' }),
  bp1b: stat.meta({ description: 'A ballpark single: a BP 1B the park let through (`h` is 1 too).' }),
  bplo: stat.meta({ description: 'A ballpark line out: a BP 1B caught.' }),
}).catchall(z.unknown()).meta({ id: 'PlayRow' });
const play = playRow.extend({ tactics: z.array(z.string()).optional().meta({ description: 'Only when a decision applied.' }) });

const substitution = z.object({
  side: z.enum(['away', 'home']), teamId: uuid, kind: z.enum(['pitcher', 'pinchHitter', 'pinchRunner', 'defense', 'doubleSwitch']),
  inId: uuid, outId: uuid, position: z.string().nullable(), battingOrder: z.int().nullable(),
  inning: z.int(), half: z.enum(['top', 'bottom']), outs: z.int(),
  afterPlay: z.int().meta({ description: 'The number of the last play before the change (0: before the first).' }),
}).meta({ id: 'Substitution' });

export const playRecord = z.object({
  gameId: uuid, leagueId: uuid, status: z.enum(GAME_STATUSES), mode: z.enum(['ranked', 'friendly', 'practice']), rules: z.enum(BASEBALL_RULES),
  awayTeamId: uuid, homeTeamId: uuid, plays: z.array(playRow), substitutions: z.array(substitution),
}).meta({ id: 'PlayRecord' });

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
  substitutions: z.array(substitution),
  players: z.record(z.string(), z.string()).meta({ description: 'Player id → name, both sides.' }),
}).meta({ id: 'Game' });

export const scheduledGame = z.object({
  id: uuid.meta({ description: 'The scheduled game (POST …/baseball/schedule/games/{id}/retry).' }),
  round: z.int().meta({ description: 'The series round, from 0.' }),
  number: z.int().meta({ description: 'The game within its series, from 1.' }),
  day: z.int().meta({ description: 'Game days from the first one, from 0.' }),
  scheduledAt: time,
  homeTeamId: uuid,
  awayTeamId: uuid,
  gameId: uuid.nullable().meta({ description: 'The game once created (GET /games/{id}); null before.' }),
  status: z.union([z.enum(GAME_STATUSES), z.enum(['pending', 'not created', 'failed'])]).meta({ description: '`pending` until its game is created; `not created` when it could not be yet (see `problem`: tried again every BASEBALL_SCHEDULE_RETRY_SECONDS and at its first pitch); `failed` when its first pitch passed without it (the commissioner may retry it); then the game\'s status.' }),
  homeScore: z.int().nullable(),
  awayScore: z.int().nullable(),
  winnerId: uuid.nullable(),
  problem: z.string().nullable().meta({ description: 'Why its last try could not create the game (`CODE: message`, a roster that cannot field a lineup); null once created.' }),
  triedAt: time.nullable().meta({ description: 'Its last try to create the game; null before the first.' }),
  failedAt: time.nullable().meta({ description: 'When it was marked failed (a try at or after its first pitch failed); null otherwise.' }),
}).meta({ id: 'ScheduledBaseballGame' });

export const baseballSchedule = z.object({
  leagueId: uuid,
  settings: z.object({
    startsAt: time, gamesPerClub: z.int(), seriesLength: z.int(),
    pace: z.union([z.literal('instant'), z.number()]).optional(), decisionSeconds: z.int().optional(),
    abandon: z.object({ afterSeconds: z.int(), then: z.enum(['ai', 'suspend']) }).optional(),
  }),
  createdAt: time,
  games: z.array(scheduledGame),
}).meta({ id: 'BaseballSchedule' });

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
  refinalized: z.int().meta({ description: 'Final season periods whose matchups the rescore changed (re-finalized).' }),
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
