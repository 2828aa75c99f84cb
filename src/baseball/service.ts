import { z } from 'zod';
import { decodeCursor as decodePageCursor, encodeCursor as encodePageCursor, cursorParts } from '../http/cursor.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import {
  Game, ON_ROSTER, Player, RosterEntry, StreamEvent, Team, type BaseballRulesId, type GameStatus, type League,
} from '../db/entities/index.ts';
import type { BaseballRatings } from '../players/types.ts';
import { commitment, newSeed, verifyRolls } from '../dice/verifiable.ts';
import { AppError, badField, forbidden, notFound, notSupported } from '../errors.ts';
import { leagueTeams } from '../leagues/teams.ts';
import { findLeague, roleIn } from '../leagues/access.ts';
import { SIDES, modeOf, type GameConfig, type GameMode, type GameSideConfig } from './config.ts';
import { abandonRule, type AbandonPolicy } from './lifecycle.ts';
import { isLineupProblem, rosterProblem, teamSetup, type LineupInput } from './game-setup.ts';
import { gameLogView } from './game-view.ts';
import { playRecord } from './play-rows.ts';
import { LEAGUES } from './leagues.ts';
import type { Club } from './lineup.ts';
import { BEFORE_PARKS, ballpark, parkContext } from './ballparks.ts';
import { rollsOf, type LiveEvent } from './live.ts';
import { standings } from './standings.ts';
import type { AiStyle, GameContext, LeagueRules, Side } from './types.ts';

/** A game request as the route has parsed it. */
export interface NewGameInput {
  homeTeamId: string;
  awayTeamId: string;
  homeLineup?: LineupInput;
  awayLineup?: LineupInput;
  ai?: Partial<Record<Side, AiStyle>>;
  /** Seconds between AI plays, or 'instant'. */
  pace?: 'instant' | number;
  decisionSeconds?: number;
  /** ISO time of the first pitch; without it a game starts when its managers are in its room (at once for AI sides). */
  scheduledAt?: string;
  /** ranked (default) counts in standings and season stats; friendly and practice games do not. */
  mode?: GameMode;
  /** What happens when every manager has been away this long while the game is live (lifecycle.ts). */
  abandon?: { afterSeconds: number; then: AbandonPolicy };
}

/** An AI-vs-AI game a spectator can follow: a few seconds a play (a nine-inning game in ~5 min). */
export const DEFAULT_PACE_SECONDS = 3;
/** How long a manager has to decide before the AI decides for him. */
export const DEFAULT_DECISION_SECONDS = 30;
/** The AI that runs a side nobody manages, when the request names no style for it. */
const OPEN_TEAM_STYLE: AiStyle = 'balanced';
/**
 * A challenger sets the decision time of both managers: below this, the other side could not
 * decide in time and would be played by the AI (the game counting in standings all the same).
 */
export const MIN_CHALLENGE_DECISION_SECONDS = 10;
/** Games that were (or will be) played: they turn the rotation. Challenges not accepted do not. */
const PLAYED_STATUSES: GameStatus[] = ['scheduled', 'live', 'final'];

/** Games and standings exist for baseball leagues only. */
export async function baseballLeague(em: EntityManager, leagueId: string): Promise<League & { sport: 'baseball' }> {
  const league = await findLeague(em, leagueId);
  if (league.sport !== 'baseball') throw notSupported(`${league.sport} leagues play no baseball games`);
  return league as League & { sport: 'baseball' };
}

/**
 * Validates and stores a new game: both sides' setups and player snapshots, the dice commitment
 * in the config and the secret seed beside it. Status scheduled, or proposed when it is a
 * challenge (see challengedSide). Opening its room is the caller's job, so the game is stored
 * whether or not a room can start right now.
 */
export async function createGame(em: EntityManager, leagueId: string, userId: string, input: NewGameInput): Promise<string> {
  const league = await baseballLeague(em, leagueId);
  const teams = { home: await leagueTeam(em, leagueId, input.homeTeamId, 'homeTeamId'), away: await leagueTeam(em, leagueId, input.awayTeamId, 'awayTeamId') };
  const challenged = await challengedSide(em, leagueId, userId, teams, input);
  if (teams.home.id === teams.away.id) throw badField('awayTeamId', 'a team cannot play itself');
  return storeGame(em, league, teams, userId, input, challenged);
}

/**
 * A game of the league's season schedule (league-schedule.ts), stored by its job in the name of the
 * commissioner who drew the schedule: never a challenge, whoever manages the teams now.
 */
export async function createScheduledGame(em: EntityManager, leagueId: string, createdBy: string, input: NewGameInput): Promise<string> {
  const league = await baseballLeague(em, leagueId);
  const teams = { home: await leagueTeam(em, leagueId, input.homeTeamId, 'homeTeamId'), away: await leagueTeam(em, leagueId, input.awayTeamId, 'awayTeamId') };
  return storeGame(em, league, teams, createdBy, input, null);
}

async function storeGame(
  em: EntityManager, league: League, teams: Record<Side, Team>, userId: string, input: NewGameInput, challenged: Side | null,
): Promise<string> {
  const leagueId = league.id;
  const rules = LEAGUES[league.baseballRules as BaseballRulesId];
  const clubs = { home: await clubOf(em, teams.home), away: await clubOf(em, teams.away) };
  for (const side of SIDES) {
    const problem = rosterProblem(clubs[side], rules);
    if (problem) {
      throw new AppError(409, 'ROSTER_INCOMPLETE', `${teams[side].name} cannot field a lineup: ${problem}`, { teamId: teams[side].id, side });
    }
  }
  const gameId = crypto.randomUUID();
  const seed = newSeed();
  const config: GameConfig = {
    gameId, leagueId, rules,
    away: await sideConfig(em, 'away', teams.away, clubs.away, rules, input),
    home: await sideConfig(em, 'home', teams.home, clubs.home, rules, input),
    paceMs: input.pace === 'instant' ? 0 : Math.round((input.pace ?? DEFAULT_PACE_SECONDS) * 1000),
    decisionMs: (input.decisionSeconds ?? DEFAULT_DECISION_SECONDS) * 1000,
    startAt: input.scheduledAt ? Date.parse(input.scheduledAt) : 0,
    diceCommitment: commitment(seed),
    mode: input.mode ?? 'ranked',
    ...(input.abandon ? { abandon: { afterMs: input.abandon.afterSeconds * 1000, then: input.abandon.then } } : {}),
    // The home club's park as it is now: a later change of park changes later games only.
    park: ballpark(teams.home.park),
  };
  em.create(Game, {
    id: gameId, league: leagueId, homeTeam: teams.home.id, awayTeam: teams.away.id, rules: rules.id,
    config, diceSeed: seed, createdBy: userId, mode: modeOf(config),
    status: challenged ? 'proposed' : 'scheduled', challengedTeam: challenged ? teams[challenged].id : null,
    scheduledAt: config.startAt ? new Date(config.startAt) : null,
  });
  await em.flush();
  return gameId;
}

async function leagueTeam(em: EntityManager, leagueId: string, teamId: string, field: string): Promise<Team> {
  const team = await em.findOne(Team, { id: teamId, league: leagueId });
  if (!team) throw badField(field, 'no team of this league');
  return team;
}

/**
 * The commissioner creates any game outright; a manager only games his own team plays, and he
 * sets the lineup and AI of his side alone. A manager's game against a team he does not own is a
 * challenge: the side returned (the opponent) must accept it first (src/baseball/challenges.ts).
 * That holds for an unowned team too, whose games are the commissioner's to decide. Null: no
 * acceptance needed (the commissioner, or a manager who owns both teams).
 */
async function challengedSide(em: EntityManager, leagueId: string, userId: string, teams: Record<Side, Team>, input: NewGameInput): Promise<Side | null> {
  if ((await roleIn(em, leagueId, userId)) === 'commissioner') return null;
  const own = SIDES.filter((side) => teams[side].owner === userId);
  if (own.length === 0) throw forbidden('A manager may only create games his own team plays');
  const other = SIDES.find((side) => !own.includes(side));
  if (!other) return null;
  if (input[`${other}Lineup`] || input.ai?.[other]) {
    throw new AppError(403, 'NOT_YOUR_SIDE', `Only the ${other} team's manager (when he accepts) or the commissioner sets its lineup and AI`, { side: other });
  }
  if (input.decisionSeconds !== undefined && input.decisionSeconds < MIN_CHALLENGE_DECISION_SECONDS) {
    throw badField('decisionSeconds', `a challenge gives each manager at least ${MIN_CHALLENGE_DECISION_SECONDS} seconds to decide`);
  }
  return other;
}

/** A team's roster as the engine's Club, best players first (rotation and bullpen go in this order). */
export async function clubOf(em: EntityManager, team: Team): Promise<Club> {
  const entries = await em.find(RosterEntry, { team: team.id, ...ON_ROSTER }, { fields: ['player'] });
  const players = await em.find(Player, { id: { $in: entries.map((e) => e.player) }, sport: 'baseball' }, { orderBy: { rank: 'asc', id: 'asc' } });
  return {
    id: team.id, name: team.name,
    players: players.map((p) => ({ id: p.id, name: p.name, positions: [...p.positions], ratings: p.attributes as unknown as BaseballRatings })),
  };
}

/** The side's lineup and AI as `input` asks (defaults from the roster), or a 400 naming the field. */
export async function sideConfig(
  em: EntityManager, side: Side, team: Team, club: Club, rules: LeagueRules, input: Pick<NewGameInput, 'homeLineup' | 'awayLineup' | 'ai'>,
): Promise<GameSideConfig> {
  // The rotation turns with every game the team has played or will play, whoever it played.
  const gameNumber = await em.count(Game, { status: { $in: PLAYED_STATUSES }, $or: [{ homeTeam: team.id }, { awayTeam: team.id }] });
  const setup = teamSetup(club, rules, gameNumber, input[`${side}Lineup`]);
  if (isLineupProblem(setup)) throw badField(`${side}Lineup.${setup.path}`, setup.message);
  return {
    teamId: team.id, name: team.name, setup, players: [...club.players],
    ai: input.ai?.[side] ?? (team.owner ? null : OPEN_TEAM_STYLE),
  };
}

// -------------------------------------------------------------------------------------- read side

export async function findGame(em: EntityManager, gameId: string): Promise<Game> {
  const game = await em.findOne(Game, { id: gameId });
  if (!game) throw notFound('Game');
  return game;
}

/** The game's log: the LiveEvents its room stored, in order. */
export async function loadLiveEvents(em: EntityManager, gameId: string): Promise<LiveEvent[]> {
  const rows = await em.find(StreamEvent, { stream: gameId }, { orderBy: { seq: 'asc' }, fields: ['payload'] });
  return rows.map((row) => row.payload as unknown as LiveEvent);
}

function sideSummary(game: Game, side: Side, score: number) {
  const { teamId, name, ai } = game.config[side];
  return { teamId, name, score, ai };
}

/** What lists show: the stored projections (no replay). */
export function gameSummary(game: Game) {
  return {
    id: game.id, leagueId: game.league, status: game.status, rules: game.rules, inning: game.inning,
    away: sideSummary(game, 'away', game.awayScore), home: sideSummary(game, 'home', game.homeScore),
    winnerId: game.winner ?? null, createdAt: game.createdAt, startedAt: game.startedAt ?? null, finishedAt: game.finishedAt ?? null,
    scheduledAt: game.scheduledAt ?? null, challengedTeamId: game.challengedTeam ?? null, decisionSeconds: game.config.decisionMs / 1000,
    mode: game.mode, forfeitedTeamId: game.forfeitedBy ?? null, abandon: abandonView(game.config),
    park: game.config.park ?? BEFORE_PARKS,
  };
}

function abandonView(config: GameConfig) {
  const rule = abandonRule({ config });
  return { afterSeconds: rule.afterMs / 1000, then: rule.then };
}

/** The whole game: replayed from its log. The dice seed only once the game is final. */
export async function getGameView(em: EntityManager, gameId: string) {
  const game = await findGame(em, gameId);
  const { inning, half, score, lineScore, box, plays, substitutions, players } = gameLogView(game.config, await loadLiveEvents(em, gameId));
  return {
    ...gameSummary(game),
    inning, half,
    away: sideSummary(game, 'away', score.away), home: sideSummary(game, 'home', score.home),
    diceCommitment: game.config.diceCommitment,
    diceSeed: game.status === 'final' ? game.diceSeed : null,
    lineScore, box, plays, substitutions, players,
  };
}

/** GET /games/:id/plays: the play record as rows a stats consumer loads (play-rows.ts). */
export async function gamePlayRecord(em: EntityManager, gameId: string) {
  const game = await findGame(em, gameId);
  const { plays, substitutions } = playRecord(game.config, await loadLiveEvents(em, gameId));
  return {
    gameId, leagueId: game.league, status: game.status, mode: game.mode, rules: game.rules,
    awayTeamId: game.config.away.teamId, homeTeamId: game.config.home.teamId, plays, substitutions,
  };
}

export interface GameListQuery {
  status?: GameStatus;
  teamId?: string;
  /** Games created at or after this time. */
  from?: Date;
  /** Games created before this time. */
  to?: Date;
  limit: number;
  cursor?: string;
}

/**
 * A league's games, newest first; keyset pagination on (createdAt, id) as the player search.
 * `from`/`to` bound the creation time, the order's own key, so a filtered list pages the same way.
 */
export async function listGames(em: EntityManager, leagueId: string, query: GameListQuery) {
  await baseballLeague(em, leagueId);
  const where: FilterQuery<Game>[] = [{ league: leagueId }];
  if (query.status) where.push({ status: query.status });
  if (query.teamId) where.push({ $or: [{ homeTeam: query.teamId }, { awayTeam: query.teamId }] });
  if (query.from) where.push({ createdAt: { $gte: query.from } });
  if (query.to) where.push({ createdAt: { $lt: query.to } });
  if (query.cursor) {
    const after = decodeGameCursor(query.cursor);
    where.push({ $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }] });
  }
  const page = await em.find(Game, { $and: where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
  const items = page.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(gameSummary),
    nextCursor: page.length > query.limit && last ? encodeGameCursor(last) : null,
  };
}

function encodeGameCursor(game: Pick<Game, 'createdAt' | 'id'>): string {
  return encodePageCursor([game.createdAt.toISOString(), game.id]);
}

const gameCursorShape = z.tuple([cursorParts.date, cursorParts.id]);

function decodeGameCursor(raw: string): { createdAt: Date; id: string } {
  const [createdAt, id] = decodePageCursor(raw, gameCursorShape);
  return { createdAt, id };
}

/** Counts the game's rolls; once final, checks the revealed seed against the commitment and recomputes each roll. */
export async function diceReport(em: EntityManager, gameId: string) {
  const game = await findGame(em, gameId);
  const rolls = rollsOf(await loadLiveEvents(em, gameId));
  const final = game.status === 'final';
  return {
    gameId, commitment: game.config.diceCommitment, seed: final ? game.diceSeed : null, rolls: rolls.length,
    verification: final ? verifyRolls(game.diceSeed, game.config.diceCommitment, gameId, rolls) : null,
  };
}

/** Standings from the league's final ranked games (friendlies and practice games count nowhere). */
export async function leagueStandings(em: EntityManager, leagueId: string) {
  const league = await baseballLeague(em, leagueId);
  const teams = await leagueTeams(em, leagueId);
  const games = await em.find(Game, { league: leagueId, status: 'final', mode: 'ranked' }, {
    fields: ['homeTeam', 'awayTeam', 'homeScore', 'awayScore', 'finishedAt', 'createdAt', 'winner'],
  });
  const items = standings(teams, games.map((g) => ({
    homeTeamId: g.homeTeam, awayTeamId: g.awayTeam, homeScore: g.homeScore, awayScore: g.awayScore,
    at: (g.finishedAt ?? g.createdAt).getTime(), winnerId: g.winner,
  })));
  return { leagueId, rules: league.baseballRules, items };
}

// ------------------------------------------------------------------------------------------ rooms

export interface GameForRoom {
  game: Game;
  config: GameConfig;
  /** The secret dice seed: the room rolls with it and reveals it when the game is final. */
  seed: string;
  events: LiveEvent[];
}

/** Everything a game's room needs to restore it; null for an unknown game. */
export async function loadGameForRoom(em: EntityManager, gameId: string): Promise<GameForRoom | null> {
  const game = await em.findOne(Game, { id: gameId });
  if (!game) return null;
  return { game, config: game.config, seed: game.diceSeed, events: await loadLiveEvents(em, gameId) };
}

/**
 * The players of both sides with their cards, from the game's snapshot (never today's ratings); the
 * home side's with the home edge, everyone's in the park the game was created with.
 */
export function gameContextOf(config: GameConfig): GameContext {
  return parkContext(SIDES.map((side) => ({ players: config[side].players, home: side === 'home' })), config.park ?? BEFORE_PARKS);
}
