/**
 * Creating a season and its schedule (commissioner only), and listing a league's seasons.
 *
 * A new season replaces the latest one while that one has not started (its week 1 has not
 * locked), so a commissioner can fix a mistake; a season that has started must finish
 * (`409 SEASON_IN_PROGRESS`); finished seasons stay readable.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { League, Matchup, Season, SeasonPeriod, Team } from '../db/entities/index.ts';
import { AppError, badField, invalidInput } from '../errors.ts';
import { requireCommissioner } from '../leagues/access.ts';
import { scoredLeague } from '../scoring/versions.ts';
import { secureRng, shuffled, type Rng } from '../dice/rng.ts';
import { roundRobin } from './schedule.ts';
import { newSeasonBody, seasonOptions as optionsFor, settingsOf } from './settings.ts';
import { firstLock, loadSeason, seasonChanged } from './store.ts';
import { seasonView } from './views.ts';

export async function createSeason(em: EntityManager, leagueId: string, userId: string, body: unknown, now: number) {
  await requireCommissioner(em, leagueId, userId);
  const league = await scoredLeague(em, leagueId);
  const parsed = newSeasonBody(league.sport).safeParse(body ?? {});
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const teams = await em.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  if (teams.length < 2) throw new AppError(409, 'NOT_ENOUGH_TEAMS', 'A season needs at least two teams');
  if (input.playoffTeams > teams.length) throw badField('playoffTeams', `at most the league's ${teams.length} teams`);
  const seasonId = await em.transactional(async (tx) => {
    await lockSeasons(tx, leagueId);
    const latest = await tx.findOne(Season, { league: leagueId }, { orderBy: { number: 'desc' } });
    if (latest && latest.status !== 'complete') {
      const first = await tx.findOneOrFail(SeasonPeriod, { season: latest.id, number: 1 });
      if (firstLock(first) <= now) throw new AppError(409, 'SEASON_IN_PROGRESS', `Season ${latest.number} has started: it must finish first`);
      tx.remove(latest);
      await tx.flush();
    }
    const season = tx.create(Season, {
      league: leagueId, number: latest && latest.status === 'complete' ? latest.number + 1 : latest?.number ?? 1,
      settings: settingsOf(input), createdBy: userId,
    });
    input.periods.forEach((period, i) => tx.create(SeasonPeriod, {
      season: season.id, number: i + 1, key: period.key, kind: i < input.regularWeeks ? 'regular' : 'playoff',
      startsAt: new Date(period.startsAt), locksAt: new Date(period.locksAt), fixtures: period.fixtures,
    }));
    queueSchedule(tx, season, teams.map((t) => t.id), input.regularWeeks);
    await tx.flush();
    return season.id;
  });
  return seasonView(em, leagueId, (await em.findOneOrFail(Season, { id: seasonId })).number);
}

/**
 * A league's seasons and schedules change one request at a time, across processes: the league's
 * row lock, held to the end of the transaction. Two schedule draws at once (a double click) each
 * deleted the matchups before the other's were committed, and both sets stayed.
 */
async function lockSeasons(tx: EntityManager, leagueId: string): Promise<void> {
  await tx.findOne(League, { id: leagueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/** The regular-season matchups of a season, queued on `em` (the caller flushes). */
function queueSchedule(em: EntityManager, season: Season, teamIds: string[], weeks: number): void {
  roundRobin(teamIds, weeks).forEach((week, i) => {
    for (const { home, away } of week) em.create(Matchup, { season: season.id, period: i + 1, home, away });
  });
}

/**
 * Commissioner: the schedule again, from the league's teams now (say, after a team joined), in a
 * shuffled order so it differs; refused once week 1 has locked (`409 SCHEDULE_LOCKED`).
 */
export async function regenerateSchedule(em: EntityManager, leagueId: string, userId: string, now: number, rng: Rng = secureRng()) {
  await requireCommissioner(em, leagueId, userId);
  const { season, periods } = await loadSeason(em, leagueId);
  if (firstLock(periods[0]) <= now) throw new AppError(409, 'SCHEDULE_LOCKED', 'week 1 has locked');
  const teams = await em.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  if (season.settings.playoffTeams > teams.length) throw new AppError(409, 'NOT_ENOUGH_TEAMS', `The playoffs need ${season.settings.playoffTeams} teams`);
  await em.transactional(async (tx) => {
    await lockSeasons(tx, leagueId);
    if (!(await tx.findOne(Season, { id: season.id }))) throw seasonChanged();
    await tx.nativeDelete(Matchup, { season: season.id });
    queueSchedule(tx, season, shuffled(rng, teams.map((t) => t.id)), season.settings.regularWeeks);
    await tx.flush();
  });
  return seasonView(em, leagueId, season.number);
}

export async function listSeasons(em: EntityManager, leagueId: string) {
  await scoredLeague(em, leagueId);
  const seasons = await em.find(Season, { league: leagueId }, { orderBy: { number: 'desc' } });
  return { leagueId, items: await Promise.all(seasons.map((s) => seasonView(em, leagueId, s.number))) };
}

/** What a season of this league may hold (its sport's positions, default slots, tiebreakers, limits); baseball: `400 NOT_SUPPORTED`. */
export async function seasonOptions(em: EntityManager, leagueId: string) {
  const league = await scoredLeague(em, leagueId);
  return { leagueId, ...optionsFor(league.sport, await em.count(Team, { league: leagueId })) };
}
