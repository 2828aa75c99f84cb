import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  BaseballSchedule, BaseballScheduledGame, Game, type BaseballScheduleSettings,
} from '../db/entities/index.ts';
import { AppError, badField } from '../errors.ts';
import { requireCommissioner } from '../leagues/access.ts';
import { leagueTeams } from '../leagues/teams.ts';
import { seriesSchedule } from './schedule.ts';
import { baseballLeague, createScheduledGame } from './service.ts';

/**
 * A baseball league's season (PROTOCOL.md "Baseball league schedule"): the commissioner draws a
 * schedule of series (schedule.ts: round robin, home and away balanced) from the league's teams;
 * each game of it becomes a Game, as POST /leagues/:id/games would store it, CREATE_AHEAD_MS before
 * its first pitch (the `baseball-schedule` job, src/jobs/baseball-schedule.ts). From then on it is
 * an ordinary ranked game: its room opens shortly before its time, an owned team's manager plays
 * his side (the AI when he is away), an unowned team's side is the AI's, and its final score
 * counts in the standings.
 */

const DAY_MS = 24 * 3600_000;
/**
 * A game day's games are created this long before their first pitch: the rotation, lineups and
 * rosters are those of that moment, and the game is listed (GET /leagues/:id/games) ahead of time.
 */
export const CREATE_AHEAD_MS = 6 * 3600_000;
/** A job that runs a little early (clock skew between processes) still creates what is due by then. */
const EARLY_TOLERANCE_MS = 60_000;

/**
 * Draws (or draws again) the league's schedule. Again only while none of its games has been
 * created: once one has, the season is under way (`409 SCHEDULE_LOCKED`).
 */
export async function drawSchedule(em: EntityManager, leagueId: string, userId: string, asked: BaseballScheduleSettings, now: number) {
  await requireCommissioner(em, leagueId, userId);
  await baseballLeague(em, leagueId);
  const startsAt = Date.parse(asked.startsAt);
  if (!(startsAt > now)) throw badField('startsAt', 'the first game day must be ahead');
  // Stored (and served) in UTC, whatever offset it came with.
  const settings = { ...asked, startsAt: new Date(startsAt).toISOString() };
  const teams = await leagueTeams(em, leagueId);
  if (teams.length < 2) throw new AppError(409, 'TOO_FEW_TEAMS', 'a schedule needs at least two teams');
  const games = seriesSchedule(teams.map((t) => t.id), settings);
  await em.transactional(async (tx) => {
    // The schedule's row is the lock the job takes too: no game is created while it is redrawn.
    const existing = await tx.findOne(BaseballSchedule, { league: leagueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const started = await tx.count(BaseballScheduledGame, { league: leagueId, $or: [{ game: { $ne: null } }, { problem: { $ne: null } }] });
    if (started > 0) throw new AppError(409, 'SCHEDULE_LOCKED', 'the schedule\'s first games have been created: it can no longer be drawn again');
    await tx.nativeDelete(BaseballScheduledGame, { league: leagueId });
    if (existing) {
      existing.settings = settings;
      existing.createdBy = userId;
    } else {
      tx.create(BaseballSchedule, { league: leagueId, settings, createdBy: userId });
    }
    for (const game of games) {
      tx.create(BaseballScheduledGame, {
        league: leagueId, round: game.round, number: game.game, day: game.day, homeTeam: game.home, awayTeam: game.away,
        scheduledAt: new Date(startsAt + game.day * DAY_MS),
      });
    }
  });
  return scheduleView(em.fork(), leagueId);
}

/** The schedule with each game's state: `pending` until its Game is created, then that game's status and score. */
export async function scheduleView(em: EntityManager, leagueId: string) {
  await baseballLeague(em, leagueId);
  const schedule = await em.findOne(BaseballSchedule, { league: leagueId });
  if (!schedule) throw new AppError(404, 'NO_SCHEDULE', 'this league has no baseball schedule yet');
  const rows = await em.find(BaseballScheduledGame, { league: leagueId }, { orderBy: { scheduledAt: 'asc', round: 'asc', number: 'asc', homeTeam: 'asc' } });
  const created = await em.find(Game, { id: { $in: rows.flatMap((row) => (row.game ? [row.game] : [])) } }, {
    fields: ['status', 'homeScore', 'awayScore', 'winner'],
  });
  const games = new Map(created.map((game) => [game.id, game]));
  return {
    leagueId, settings: schedule.settings, createdAt: schedule.createdAt.toISOString(),
    games: rows.map((row) => {
      const game = row.game ? games.get(row.game) : undefined;
      return {
        round: row.round, number: row.number, day: row.day, scheduledAt: row.scheduledAt.toISOString(),
        homeTeamId: row.homeTeam, awayTeamId: row.awayTeam, gameId: row.game ?? null,
        status: game?.status ?? (row.problem ? 'not created' : 'pending'),
        homeScore: game ? game.homeScore : null, awayScore: game ? game.awayScore : null, winnerId: game?.winner ?? null,
        problem: row.problem ?? null,
      };
    }),
  };
}

export interface CreatedGame { gameId: string; scheduledAt: Date }

/** Creates every game of the league's schedule that is due by `now` (idempotent: a game is created once). */
export async function createDueGames(orm: MikroORM, leagueId: string, now: number): Promise<CreatedGame[]> {
  const due = await orm.em.fork().find(BaseballScheduledGame, {
    league: leagueId, game: null, problem: null, scheduledAt: { $lte: new Date(now + CREATE_AHEAD_MS + EARLY_TOLERANCE_MS) },
  }, { orderBy: { scheduledAt: 'asc', round: 'asc', number: 'asc', homeTeam: 'asc' }, fields: ['id'] });
  const created: CreatedGame[] = [];
  for (const { id } of due) {
    const game = await createOne(orm, leagueId, id);
    if (game) created.push(game);
  }
  return created;
}

/** One scheduled game's Game, under the schedule's lock; null when it already has one or cannot have one. */
function createOne(orm: MikroORM, leagueId: string, rowId: string): Promise<CreatedGame | null> {
  return orm.em.fork().transactional(async (tx) => {
    const schedule = await tx.findOne(BaseballSchedule, { league: leagueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const row = await tx.findOne(BaseballScheduledGame, { id: rowId }, { refresh: true });
    if (!schedule || !row || row.game || row.problem) return null;
    const { pace, decisionSeconds, abandon } = schedule.settings;
    try {
      row.game = await createScheduledGame(tx, leagueId, schedule.createdBy, {
        homeTeamId: row.homeTeam, awayTeamId: row.awayTeam, scheduledAt: row.scheduledAt.toISOString(), mode: 'ranked', pace, decisionSeconds, abandon,
      });
      return { gameId: row.game, scheduledAt: row.scheduledAt };
    } catch (error) {
      // A roster that cannot field a lineup: said on the schedule, not retried (the job would fail forever).
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      row.problem = `${error.code}: ${error.message}`;
      return null;
    }
  });
}

/** When the league's next game still to create is due to be created (epoch ms); null when none is left. */
export async function nextCreationTime(em: EntityManager, leagueId: string): Promise<number | null> {
  const next = await em.findOne(BaseballScheduledGame, { league: leagueId, game: null, problem: null }, { orderBy: { scheduledAt: 'asc' }, fields: ['scheduledAt'] });
  return next ? next.scheduledAt.getTime() - CREATE_AHEAD_MS : null;
}

/** Leagues with a game still to create. */
export async function leaguesWithPendingGames(em: EntityManager): Promise<string[]> {
  const rows = await em.getConnection().execute<Array<{ league_id: string }>>(
    'select distinct league_id from baseball_schedule_games where game_id is null and problem is null');
  return rows.map((row) => row.league_id);
}
