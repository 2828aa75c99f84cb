/**
 * Finalizing a period: its lineups are fixed (a team that never set one keeps the automatic
 * lineup, stored), each matchup's points and result are stored, and the season moves on: seeds
 * when the regular season is final, the next playoff round's games, the champion after the last.
 *
 * Idempotent: finalizing a final period again recomputes it from the stored scores; when that
 * changes a score (a stat correction, a rescore) it counts as a re-finalization (`refinalized` + 1)
 * and the bracket follows; when nothing changed, nothing is written. The season row is locked for
 * the whole transaction, so a retried job and the commissioner cannot finalize one period twice at once.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Lineup, Matchup, Season, SeasonPeriod, Team } from '../db/entities/index.ts';
import { AppError } from '../errors.ts';
import { storePeriodFinal } from '../notifications/season.ts';
import { pushNotification, type StoredNotification } from '../notifications/service.ts';
import { requireCommissioner } from '../leagues/access.ts';
import { scorePeriod } from './period.ts';
import { buildBracket, gamesToPlay } from './playoffs.ts';
import { playoffGames, pointsOf, regularGames } from './results.ts';
import { seasonStandings } from './standings.ts';
import { lastKickoff, loadSeason, periodOf, type LoadedSeason } from './store.ts';

export interface FinalizeResult {
  period: number;
  /** True when this call finalized it for the first time. */
  finalized: boolean;
  /** True when it was already final and this call changed a score (a correction). */
  refinalized: boolean;
  /** Matchups whose points changed. */
  changed: number;
}

/** When the job finalizes a period: its grace after the last kickoff. */
export function dueAt(period: SeasonPeriod, graceMinutes: number): number {
  return lastKickoff(period) + graceMinutes * 60_000;
}

/** The commissioner's finalize (POST /leagues/:id/periods/:n/finalize): any time after the period's lock. */
export async function finalizeByCommissioner(em: EntityManager, leagueId: string, userId: string, number: number, now: number) {
  await requireCommissioner(em, leagueId, userId);
  const { season, periods } = await loadSeason(em, leagueId);
  const period = periodOf({ season, periods }, number);
  if (period.locksAt.getTime() > now) throw new AppError(409, 'PERIOD_NOT_STARTED', `Period ${number} has not locked yet`);
  return finalizePeriod(em, season.id, number, now);
}

export async function finalizePeriod(em: EntityManager, seasonId: string, number: number, now: number): Promise<FinalizeResult> {
  const { notices, ...result } = await finalizeInTransaction(em, seasonId, number, now);
  // Committed, the managers' results with it: they hear them live (again, saying so, after a correction).
  for (const notice of notices) await pushNotification(notice);
  return result;
}

function finalizeInTransaction(em: EntityManager, seasonId: string, number: number, now: number): Promise<FinalizeResult & { notices: StoredNotification[] }> {
  return em.transactional(async (tx) => {
    const season = await tx.findOneOrFail(Season, { id: seasonId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const periods = await tx.find(SeasonPeriod, { season: seasonId }, { orderBy: { number: 'asc' }, refresh: true });
    const loaded = { season, periods };
    const period = periodOf(loaded, number);
    const earlier = periods.find((p) => p.number < number && !p.finalizedAt);
    if (earlier) throw new AppError(409, 'PREVIOUS_NOT_FINAL', `Period ${earlier.number} must be final first`);
    const changed = await storeResults(tx, loaded, period, now);
    const first = !period.finalizedAt;
    if (first) period.finalizedAt = new Date(now);
    else if (changed > 0) {
      period.refinalized += 1;
      period.refinalizedAt = new Date(now);
    }
    await tx.flush();
    await advanceSeason(tx, loaded);
    await tx.flush();
    const refinalized = !first && changed > 0;
    const notices = first || refinalized ? await storePeriodFinal(tx, seasonId, number) : [];
    return { period: number, finalized: first, refinalized, changed, notices };
  });
}

/** Stores the period's lineups and results; returns how many matchups' points changed. */
async function storeResults(tx: EntityManager, loaded: LoadedSeason, period: SeasonPeriod, now: number): Promise<number> {
  const scored = await scorePeriod(tx, loaded.season.league, loaded, period);
  let changed = 0;
  for (const { row, home, away, result } of scored) {
    for (const team of away ? [home, away] : [home]) {
      if (!team.stored) {
        tx.create(Lineup, { season: loaded.season.id, period: period.number, team: team.teamId, starters: team.starters, auto: true, updatedAt: new Date(now) });
      }
    }
    const awayPoints = away?.points ?? null;
    if (pointsOf(row.homePoints) === home.points && pointsOf(row.awayPoints) === awayPoints && row.result === result) continue;
    // A first finalization writes every row; only a later change counts as a correction.
    if (row.result !== null || row.homePoints !== null) changed++;
    Object.assign(row, { homePoints: home.points, awayPoints, result });
  }
  return changed;
}

/**
 * Seeds once every regular-season period is final; the playoff rounds not yet final follow the
 * bracket (created, or redrawn after a correction changed a winner); the champion after the last.
 */
async function advanceSeason(tx: EntityManager, { season, periods }: LoadedSeason): Promise<void> {
  const regular = periods.filter((p) => p.kind === 'regular');
  if (regular.some((p) => !p.finalizedAt)) return;
  const matchups = await tx.find(Matchup, { season: season.id }, { refresh: true });
  if (!season.seeds) {
    const teams = await tx.find(Team, { league: season.league });
    season.seeds = seasonStandings(teams, regularGames(matchups), season.settings.tiebreakers).slice(0, season.settings.playoffTeams).map((r) => r.teamId);
    season.status = 'playoffs';
  }
  const bracket = buildBracket(season.seeds, playoffGames(matchups));
  const playoffs = periods.filter((p) => p.kind === 'playoff');
  for (const [index, period] of playoffs.entries()) {
    if (period.finalizedAt) continue;
    await syncRound(tx, season, period.number, index + 1, gamesToPlay(bracket, index + 1), matchups);
  }
  const last = playoffs.at(-1);
  if (last?.finalizedAt && bracket.champion) {
    season.champion = bracket.champion.teamId;
    season.status = 'complete';
  }
}

/** Makes a playoff period's matchups the bracket's games of that round (no-op when they already are). */
async function syncRound(
  tx: EntityManager, season: Season, period: number, round: number,
  games: ReturnType<typeof gamesToPlay>, matchups: readonly Matchup[],
): Promise<void> {
  const existing = matchups.filter((m) => m.period === period);
  const same = existing.length === games.length && games.every((g) =>
    existing.some((m) => m.home === g.home.teamId && m.away === g.away.teamId && m.bracketSlot === g.slot));
  if (same) return;
  await tx.nativeDelete(Matchup, { season: season.id, period });
  for (const game of games) {
    tx.create(Matchup, { season: season.id, period, home: game.home.teamId, away: game.away.teamId, playoffRound: round, bracketSlot: game.slot });
  }
}

/**
 * Re-finalizes the final periods a change of scores touched: `periodKeys` (a correction's periods),
 * or every final period (a rescore under new rules). Each season in period order.
 */
export async function refinalizeLeague(em: EntityManager, leagueId: string, now: number, periodKeys?: readonly string[]): Promise<FinalizeResult[]> {
  const seasons = await em.find(Season, { league: leagueId }, { orderBy: { number: 'asc' } });
  const results: FinalizeResult[] = [];
  for (const season of seasons) {
    const periods = await em.find(SeasonPeriod, {
      season: season.id, finalizedAt: { $ne: null }, ...(periodKeys ? { key: { $in: [...periodKeys] } } : {}),
    }, { orderBy: { number: 'asc' }, refresh: true });
    for (const period of periods) results.push(await finalizePeriod(em, season.id, period.number, now));
  }
  return results;
}
