import type { EntityManager } from '@mikro-orm/postgresql';
import { Draft, Team } from '../db/entities/index.ts';
import { SPORT_DEFAULTS } from '../draft/config.ts';
import { findLeague } from '../leagues/access.ts';
import { heldPicks, pickHolders, pickWindow, type PickMove, type PickWindow } from './picks.ts';

/**
 * Reading the league's future draft picks from the database: the pick moves of its executed
 * trades (the log, `details.picks`) and the seasons it has drafted already. Called inside the
 * caller's transaction under the league's lock (src/transactions/book.ts) when it validates a trade.
 */

/** The league's pick moves, oldest first. */
export async function pickMovesOf(em: EntityManager, leagueId: string): Promise<PickMove[]> {
  const rows = await em.getConnection().execute<Array<{ picks: PickMove[] }>>(
    `select details->'picks' as picks from league_transactions
      where league_id = ? and type = 'trade' and jsonb_typeof(details->'picks') = 'array' order by id`,
    [leagueId], 'all', em.getTransactionContext());
  return rows.flatMap((row) => row.picks);
}

/** The seasons and rounds whose picks can be traded in the league now (`now`: its year is the first season). */
export async function leaguePickWindow(em: EntityManager, leagueId: string, sport: keyof typeof SPORT_DEFAULTS, now: number): Promise<PickWindow> {
  const drafts = await em.find(Draft, { league: leagueId, season: { $ne: null } }, { fields: ['season'], disableIdentityMap: true });
  return pickWindow(new Date(now).getUTCFullYear(), new Set(drafts.map((d) => d.season!)), SPORT_DEFAULTS[sport].rounds);
}

/** Pick → holder for the league's open seasons (see picks.ts pickHolders). */
export async function leaguePickHolders(em: EntityManager, league: { id: string; sport: keyof typeof SPORT_DEFAULTS }, teamIds: readonly string[], now: number) {
  const window = await leaguePickWindow(em, league.id, league.sport, now);
  return { window, holders: pickHolders(teamIds, window.seasons, window.rounds, await pickMovesOf(em, league.id)) };
}

/** GET /leagues/:id/picks: the tradeable seasons and rounds, and every team's picks in them. */
export async function listPicks(em: EntityManager, leagueId: string, now: number) {
  const league = await findLeague(em, leagueId);
  const teams = await em.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' }, fields: ['id', 'name'] });
  const { window, holders } = await leaguePickHolders(em, league, teams.map((t) => t.id), now);
  return {
    seasons: window.seasons, rounds: window.rounds,
    teams: teams.map((team) => ({ teamId: team.id, name: team.name, picks: heldPicks(holders, team.id) })),
  };
}
