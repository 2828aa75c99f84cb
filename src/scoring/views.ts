/**
 * What REST shows of the scores: fantasy standings and the score lines, always of the version
 * that is active (or the one asked for), never a mix of versions.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { FantasyScore, Player, StatEvent, Team } from '../db/entities/index.ts';
import { rankTeams, type FantasyStandingsRow } from './standings.ts';
import type { ScoredSport } from './stats.ts';
import { activeRules, findVersion, scoredLeague } from './versions.ts';

export interface FantasyStandings {
  leagueId: string;
  sport: ScoredSport;
  rulesVersion: number;
  /** Every period scored so far, in the order played. */
  periods: string[];
  items: FantasyStandingsRow[];
}

/** Fantasy standings: per team, season total and per period, from the stored scores of the active version. */
export async function fantasyStandings(em: EntityManager, leagueId: string): Promise<FantasyStandings> {
  const league = await scoredLeague(em, leagueId);
  const { version } = await activeRules(em, league);
  const teams = await em.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const totals = await em.getConnection().execute<Array<{ team_id: string; period: string; points: number; first_at: Date }>>(
    `select s.team_id, s.period, sum(s.points) as points, min(e.occurred_at) as first_at
       from fantasy_scores s join stat_events e on e.id = s.stat_event_id
      where s.league_id = ? and s.rules_version = ?
      group by s.team_id, s.period`,
    [leagueId, version], 'all', em.getTransactionContext());
  const { periods, items } = rankTeams(teams, totals.map((t) => ({
    teamId: t.team_id, period: t.period, points: Number(t.points), firstAt: new Date(t.first_at).getTime(),
  })));
  return { leagueId, sport: league.sport, rulesVersion: version, periods, items };
}

export interface ScoresQuery {
  period?: string;
  teamId?: string;
  /** Default: the active version. */
  version?: number;
  limit: number;
  cursor?: string;
}

/** Score lines, period by period, best first; `nextCursor` pages on. */
export async function listScores(em: EntityManager, leagueId: string, query: ScoresQuery) {
  const league = await scoredLeague(em, leagueId);
  const version = query.version ?? (await activeRules(em, league)).version;
  if (query.version !== undefined) await findVersion(em, leagueId, version);
  const offset = Number(query.cursor ?? 0) || 0;
  const rows = await em.find(FantasyScore, {
    league: leagueId, rulesVersion: version,
    ...(query.period ? { period: query.period } : {}),
    ...(query.teamId ? { team: query.teamId } : {}),
  }, { orderBy: [{ period: 'asc' }, { points: 'desc' }, { id: 'asc' }], limit: query.limit + 1, offset });
  const page = rows.slice(0, query.limit);
  const events = new Map((await em.find(StatEvent, { id: { $in: page.map((r) => r.statEvent) } })).map((e) => [e.id, e]));
  const players = new Map((await em.find(Player, { id: { $in: page.map((r) => r.player) } })).map((p) => [p.id, p]));
  const items = page.map((row) => {
    const event = events.get(row.statEvent);
    const player = players.get(row.player);
    return {
      id: row.id, teamId: row.team, playerId: row.player, playerName: player?.name ?? null,
      position: player?.positions[0] ?? null, period: row.period, rulesVersion: row.rulesVersion,
      points: row.points, breakdown: row.breakdown,
      statEventId: row.statEvent, eventKey: event?.eventKey ?? null, revision: event?.revision ?? null,
      occurredAt: event?.occurredAt ?? null, stats: event?.stats ?? null,
    };
  });
  return { leagueId, rulesVersion: version, items, nextCursor: rows.length > query.limit ? String(offset + query.limit) : null };
}
