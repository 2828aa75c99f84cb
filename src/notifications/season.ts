/**
 * A season's notifications (kinds in src/db/entities/notification.ts): each manager hears his
 * team's result when a period is final (`periodFinal`; `playoffResult` in the playoffs, with the
 * champion after the final) and again, saying so, when a correction re-finalizes it; and a manager
 * whose team has no lineup of his own is reminded before the period's first lock (`lineupNotSet`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Lineup, Matchup, Season, SeasonPeriod, Team } from '../db/entities/index.ts';
import { notify, storeNotification, type StoredNotification } from './service.ts';

type Outcome = 'win' | 'loss' | 'tie' | 'bye';

function outcomeOf(row: Matchup, side: 'home' | 'away'): Outcome {
  if (row.away === null) return 'bye';
  if (row.result === 'tie') return 'tie';
  return row.result === side ? 'win' : 'loss';
}

/**
 * Period `number` of the season is being finalized (or re-finalized): one notification per managed
 * team that played, stored in the finalize's transaction (`tx`); pushed by the caller once it commits.
 */
export async function storePeriodFinal(em: EntityManager, seasonId: string, number: number): Promise<StoredNotification[]> {
  const season = await em.findOneOrFail(Season, { id: seasonId }, { refresh: true });
  const period = await em.findOneOrFail(SeasonPeriod, { season: seasonId, number }, { refresh: true });
  const matchups = await em.find(Matchup, { season: seasonId, period: number }, { refresh: true });
  const owners = new Map((await em.find(Team, { league: season.league })).map((t) => [t.id, t.owner ?? null]));
  const playoff = period.kind === 'playoff';
  const stored: StoredNotification[] = [];
  for (const row of matchups) {
    for (const side of row.away === null ? ['home'] as const : ['home', 'away'] as const) {
      const teamId = side === 'home' ? row.home : row.away!;
      const userId = owners.get(teamId);
      if (!userId) continue;
      const [points, opponentPoints] = side === 'home' ? [row.homePoints, row.awayPoints] : [row.awayPoints, row.homePoints];
      const payload = {
        leagueId: season.league, season: season.number, period: number, matchupId: row.id, teamId,
        opponentTeamId: side === 'home' ? row.away : row.home, points, opponentPoints, outcome: outcomeOf(row, side),
        corrected: period.refinalized > 0,
        ...(playoff ? { round: row.playoffRound, champion: season.champion === teamId } : {}),
      };
      // A correction is news again: the key counts the re-finalizations.
      const key = `season:${seasonId}:period:${number}:final:${period.refinalized}`;
      const view = await storeNotification(em, userId, playoff ? 'playoffResult' : 'periodFinal', payload, { key });
      if (view) stored.push({ userId, view });
    }
  }
  return stored;
}

/** Before a period's first lock: the managers whose team still plays the automatic lineup. */
export async function notifyLineupNotSet(em: EntityManager, seasonId: string, number: number, now: number): Promise<number> {
  const season = await em.findOne(Season, { id: seasonId });
  const period = season && await em.findOne(SeasonPeriod, { season: seasonId, number });
  if (!season || !period || period.finalizedAt || period.locksAt.getTime() <= now) return 0;
  const set = new Set((await em.find(Lineup, { season: seasonId, period: number, auto: false })).map((l) => l.team));
  const teams = await em.find(Team, { league: season.league, owner: { $ne: null } });
  let sent = 0;
  for (const team of teams.filter((t) => !set.has(t.id))) {
    const payload = { leagueId: season.league, season: season.number, period: number, teamId: team.id, locksAt: period.locksAt.toISOString() };
    if (await notify(em, team.owner!, 'lineupNotSet', payload, { key: `season:${seasonId}:period:${number}:lineup` })) sent++;
  }
  return sent;
}
