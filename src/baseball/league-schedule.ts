import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  BaseballSchedule, BaseballScheduledGame, Game, type BaseballScheduleSettings,
} from '../db/entities/index.ts';
import { AppError, badField, notFound } from '../errors.ts';
import { requireCommissioner } from '../leagues/access.ts';
import { leagueTeams } from '../leagues/teams.ts';
import { seriesSchedule } from './schedule.ts';
import { inStoredRange } from '../time-input.ts';
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
 * created or tried (a failed creation too): once one has, the season is under way (`409 SCHEDULE_LOCKED`).
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
  const lastDay = Math.max(0, ...games.map((game) => game.day));
  if (!inStoredRange(new Date(startsAt + lastDay * DAY_MS))) throw badField('startsAt', `the schedule's last game day (${lastDay + 1}) would fall after the year 9999`);
  await em.transactional(async (tx) => {
    // The schedule's row is the lock the job takes too: no game is created while it is redrawn.
    const existing = await tx.findOne(BaseballSchedule, { league: leagueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const started = await tx.count(BaseballScheduledGame, { league: leagueId, $or: [{ game: { $ne: null } }, { problem: { $ne: null } }] });
    if (started > 0) throw new AppError(409, 'SCHEDULE_LOCKED', 'a game of the schedule has been created (or tried)');
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

/** A row's fields that say where its creation stands. */
type Tries = Pick<BaseballScheduledGame, 'game' | 'problem' | 'triedAt' | 'failedAt' | 'scheduledAt'>;

/**
 * When a scheduled game is next tried (epoch ms); null once it has its game or has failed. A game
 * never tried is due CREATE_AHEAD_MS before its first pitch; one whose creation failed is tried
 * again `retryMs` after its last try, and at its first pitch at the latest (a try from then on that
 * fails marks it failed: `tryFailed`). Pure.
 */
export function nextTryAt(row: Tries, retryMs: number): number | null {
  if (row.game || row.failedAt) return null;
  const firstPitch = row.scheduledAt.getTime();
  if (row.problem === null || !row.triedAt) return firstPitch - CREATE_AHEAD_MS;
  return Math.min(row.triedAt.getTime() + retryMs, firstPitch);
}

/** Whether the game is due to be tried by `now` (a job that runs a little early counts). */
export const dueBy = (row: Tries, retryMs: number, now: number): boolean => (nextTryAt(row, retryMs) ?? Infinity) <= now + EARLY_TOLERANCE_MS;

/** What a try that failed with `error` at `now` leaves on the row: the error; failed once its first pitch has come. Pure. */
export function tryFailed(row: Tries, error: AppError, now: number): void {
  row.problem = `${error.code}: ${error.message}`;
  row.triedAt = new Date(now);
  if (now >= row.scheduledAt.getTime()) row.failedAt = new Date(now);
}

/** A row's state as GET …/baseball/schedule shows it: `pending`, `not created` (tried again), `failed`, or its game's. */
function rowView(row: BaseballScheduledGame, game: Pick<Game, 'status' | 'homeScore' | 'awayScore' | 'winner'> | undefined) {
  const waiting = row.failedAt ? 'failed' : row.problem ? 'not created' : 'pending';
  return {
    id: row.id, round: row.round, number: row.number, day: row.day, scheduledAt: row.scheduledAt.toISOString(),
    homeTeamId: row.homeTeam, awayTeamId: row.awayTeam, gameId: row.game ?? null,
    status: game?.status ?? waiting,
    homeScore: game ? game.homeScore : null, awayScore: game ? game.awayScore : null, winnerId: game?.winner ?? null,
    problem: row.problem ?? null, triedAt: row.triedAt?.toISOString() ?? null, failedAt: row.failedAt?.toISOString() ?? null,
  };
}

async function rowViews(em: EntityManager, rows: BaseballScheduledGame[]) {
  const created = await em.find(Game, { id: { $in: rows.flatMap((row) => (row.game ? [row.game] : [])) } }, {
    fields: ['status', 'homeScore', 'awayScore', 'winner'],
  });
  const games = new Map(created.map((game) => [game.id, game]));
  return rows.map((row) => rowView(row, row.game ? games.get(row.game) : undefined));
}

/** The schedule with each game's state: `pending` until its Game is created, then that game's status and score. */
export async function scheduleView(em: EntityManager, leagueId: string) {
  await baseballLeague(em, leagueId);
  const schedule = await em.findOne(BaseballSchedule, { league: leagueId });
  if (!schedule) throw new AppError(404, 'NO_SCHEDULE', 'this league has no baseball schedule yet');
  const rows = await em.find(BaseballScheduledGame, { league: leagueId }, { orderBy: { scheduledAt: 'asc', round: 'asc', number: 'asc', homeTeam: 'asc' } });
  return { leagueId, settings: schedule.settings, createdAt: schedule.createdAt.toISOString(), games: await rowViews(em, rows) };
}

export interface CreatedGame { gameId: string; scheduledAt: Date }

/**
 * Creates every game of the league's schedule that is due by `now`: first tries, and tries again of
 * those that failed (idempotent: a game is created once). Reads first: a run with nothing due writes nothing.
 */
export async function createDueGames(orm: MikroORM, leagueId: string, now: number, retryMs: number): Promise<CreatedGame[]> {
  const waiting = await orm.em.fork().find(BaseballScheduledGame, {
    league: leagueId, game: null, failedAt: null,
    $or: [{ problem: null, scheduledAt: { $lte: new Date(now + CREATE_AHEAD_MS + EARLY_TOLERANCE_MS) } }, { problem: { $ne: null } }],
  }, { orderBy: { scheduledAt: 'asc', round: 'asc', number: 'asc', homeTeam: 'asc' }, fields: ['id', 'game', 'problem', 'triedAt', 'failedAt', 'scheduledAt'] });
  const created: CreatedGame[] = [];
  for (const { id } of waiting.filter((row) => dueBy(row, retryMs, now))) {
    const tried = await tryOne(orm.em, leagueId, id, now, { retryMs });
    if (tried && 'created' in tried) created.push(tried.created);
  }
  return created;
}

type Tried = { created: CreatedGame } | { refused: AppError };

/**
 * One try of a scheduled game's Game, under the schedule's lock. The job's (`retryMs`): null when it
 * has one, has failed or is no longer due (another try came first). The commissioner's (`manual`):
 * refused when it has one (`409 ALREADY_CREATED`) or its time has not come (`409 NOT_TRIED`). A
 * failed try is stored (`tryFailed`) and returned as `refused`.
 */
async function tryOne(em: EntityManager, leagueId: string, rowId: string, now: number, by: { retryMs: number } | { manual: true }): Promise<Tried | null> {
  return em.fork().transactional(async (tx) => {
    const schedule = await tx.findOne(BaseballSchedule, { league: leagueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const row = await tx.findOne(BaseballScheduledGame, { id: rowId, league: leagueId }, { refresh: true });
    if ('manual' in by) {
      if (!schedule || !row) throw notFound('Scheduled game');
      if (row.game) throw new AppError(409, 'ALREADY_CREATED', 'this game has been created already', { gameId: row.game });
      if (!row.problem && row.scheduledAt.getTime() - CREATE_AHEAD_MS > now) {
        throw new AppError(409, 'NOT_TRIED', `this game is created ${CREATE_AHEAD_MS / 3600_000} h before its first pitch: its time has not come yet`);
      }
    } else if (!schedule || !row || !dueBy(row, by.retryMs, now)) {
      return null;
    }
    const { pace, decisionSeconds, abandon } = schedule.settings;
    try {
      const gameId = await createScheduledGame(tx, leagueId, schedule.createdBy, {
        homeTeamId: row.homeTeam, awayTeamId: row.awayTeam, scheduledAt: row.scheduledAt.toISOString(), mode: 'ranked', pace, decisionSeconds, abandon,
      });
      Object.assign(row, { game: gameId, problem: null, failedAt: null, triedAt: new Date(now) });
      return { created: { gameId, scheduledAt: row.scheduledAt } };
    } catch (error) {
      // A roster that cannot field a lineup: said on the schedule, tried again until the first pitch.
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      tryFailed(row, error, now);
      return { refused: error };
    }
  });
}

/**
 * The commissioner tries a game again by hand (PROTOCOL.md "Baseball league schedule"): one that
 * failed or is not created yet, whose time has come. Its row as GET shows it, and the game created;
 * a try that fails again throws the creation's own coded error (and is stored as the row's last try).
 */
export async function retryScheduledGame(em: EntityManager, leagueId: string, rowId: string, userId: string, now: number) {
  await requireCommissioner(em, leagueId, userId);
  await baseballLeague(em, leagueId);
  const tried = await tryOne(em, leagueId, rowId, now, { manual: true });
  if (!tried) throw notFound('Scheduled game');
  if ('refused' in tried) throw tried.refused;
  const row = await em.fork().findOneOrFail(BaseballScheduledGame, { id: rowId });
  const [view] = await rowViews(em.fork(), [row]);
  return { game: view, created: tried.created };
}

/** When the league's next game still to try is due (epoch ms); null when none is left. */
export async function nextCreationTime(em: EntityManager, leagueId: string, retryMs: number): Promise<number | null> {
  const fields = ['game', 'problem', 'triedAt', 'failedAt', 'scheduledAt'] as const;
  const first = await em.findOne(BaseballScheduledGame, { league: leagueId, game: null, problem: null, failedAt: null }, { orderBy: { scheduledAt: 'asc' }, fields: [...fields] });
  const again = await em.find(BaseballScheduledGame, { league: leagueId, game: null, problem: { $ne: null }, failedAt: null }, { fields: [...fields] });
  const times = [first, ...again].flatMap((row) => (row ? [nextTryAt(row, retryMs)] : [])).filter((at): at is number => at !== null);
  return times.length ? Math.min(...times) : null;
}

/** Leagues with a game still to create (never tried, or tried and not failed). A read only. */
export async function leaguesWithPendingGames(em: EntityManager): Promise<string[]> {
  const rows = await em.getConnection().execute<Array<{ league_id: string }>>(
    'select distinct league_id from baseball_schedule_games where game_id is null and failed_at is null');
  return rows.map((row) => row.league_id);
}
