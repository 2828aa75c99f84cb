/**
 * A league's live scoreboard: every team's fantasy points in the current scoring period, player by
 * player, from the stored scores of the active rules version (src/scoring/). Read again whenever a
 * score job says the league's scores changed, by every open league room at once: three queries.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { LeagueScoring } from '../db/entities/index.ts';
import { roundPoints } from '../scoring/scorer.ts';
import { isScoredSport } from '../scoring/stats.ts';
import { activeRules, type ScoredLeague } from '../scoring/versions.ts';
import { findLeague } from '../leagues/access.ts';
import type { LiveReads, PointsRow, RosterRow } from './live-reads.ts';
import { latestScoredLines, livePeriodPoints } from '../scoring/period-points.ts';

export interface PlayerPoints {
  playerId: string;
  name: string;
  position: string;
  /** Points this player earned this team in the period (0 until he scores). */
  points: number;
}

export interface TeamPoints {
  teamId: string;
  name: string;
  points: number;
  /** The current roster and anyone who scored for the team this period and has left it, by name (a stable order). */
  players: PlayerPoints[];
}

/** The league's latest scored stat line: its period is the one shown. */
export interface LatestLine { period: string; occurredAt: number }

export interface Scoreboard {
  /** The period being scored: that of the league's latest stat event; null before any scored. */
  period: string | null;
  latest: LatestLine | null;
  /** The rules version the points are of; 0 for a league without fantasy scoring (baseball). */
  rulesVersion: number;
  teams: TeamPoints[];
}


/** The league's sport, its teams in league order and their rosters with the players' names. */
function rosters(em: EntityManager, leagueId: string): Promise<RosterRow[]> {
  return em.getConnection().execute<RosterRow[]>(
    `select l.sport, t.id as team_id, t.name as team_name, r.player_id, p.name, p.positions
       from leagues l left join teams t on t.league_id = l.id
       left join roster_entries r on r.team_id = t.id and r.released_at is null left join players p on p.id = r.player_id
      where l.id = ? order by t.created_at, t.id`,
    [leagueId], 'all', em.getTransactionContext());
}

/** The version scoring the league (made on first use, as every reader of scores does); `known`: the pointer as read. */
async function activeVersion(em: EntityManager, leagueId: string, known?: number | null): Promise<number> {
  const pointer = known === undefined
    ? (await em.findOne(LeagueScoring, { league: leagueId }, { fields: ['activeVersion'], disableIdentityMap: true }))?.activeVersion
    : known;
  return pointer ?? (await activeRules(em, (await findLeague(em, leagueId)) as ScoredLeague)).version;
}

/**
 * Points per (team, player) in the period of the league's most recent scored stat line: `latest`
 * when the caller knows it (a score job said so), else looked up. With `reads` (a league room)
 * both come from reads shared with the other rooms reloading at that moment.
 */
async function currentPoints(em: EntityManager, leagueId: string, version: number, latest: LatestLine | null, reads?: LiveReads): Promise<PointsRow[]> {
  const current = latest ?? (reads ? await reads.latest({ leagueId, version }) : (await latestScoredLines(em, [{ leagueId, version }]))[0]);
  if (!current) return [];
  if (reads) return reads.points({ leagueId, version, ...current });
  const [rows] = await livePeriodPoints(em, [{ leagueId, version, ...current }]);
  return rows;
}

/**
 * The scoreboard now; `latest`, when known, spares looking for the current period. With `reads`
 * (a league room) the rows come from reads shared with the other rooms reloading at that moment.
 */
export async function liveScoreboard(em: EntityManager, leagueId: string, latest: LatestLine | null = null, reads?: LiveReads): Promise<Scoreboard> {
  // The rosters are read while the points are (a room knows the league's sport and version from its facts).
  const rosterRead = reads ? reads.roster(leagueId) : rosters(em, leagueId);
  rosterRead.catch(() => {}); // awaited below, where a failure is thrown
  const facts = reads ? await reads.facts(leagueId) : undefined;
  const sport = facts ? facts.sport : (await rosterRead)[0]?.sport;
  const version = sport !== undefined && isScoredSport(sport) ? await activeVersion(em, leagueId, facts ? facts.activeVersion : undefined) : 0;
  const points = version === 0 ? [] : await currentPoints(em, leagueId, version, latest, reads);
  const roster = await rosterRead;
  if (roster.length === 0) throw new Error(`league ${leagueId} not found`);
  const teams = new Map<string, { name: string; players: Map<string, PlayerPoints> }>();
  for (const row of roster) {
    if (!row.team_id) continue;
    const team = teams.get(row.team_id) ?? { name: row.team_name ?? '', players: new Map() };
    teams.set(row.team_id, team);
    if (row.player_id) team.players.set(row.player_id, { playerId: row.player_id, name: row.name ?? '', position: row.positions?.[0] ?? '', points: 0 });
  }
  for (const row of points) {
    const team = teams.get(row.team_id);
    if (!team) continue;
    const player = team.players.get(row.player_id) ?? { playerId: row.player_id, name: row.name, position: row.positions[0] ?? '', points: 0 };
    team.players.set(row.player_id, { ...player, points: roundPoints(Number(row.points)) });
  }
  return {
    period: points[0]?.period ?? null, rulesVersion: version,
    latest: points[0] ? { period: points[0].period, occurredAt: new Date(points[0].occurred_at).getTime() } : null,
    teams: [...teams].map(([teamId, team]) => {
      const players = [...team.players.values()].sort((a, b) => a.name.localeCompare(b.name) || a.playerId.localeCompare(b.playerId));
      return { teamId, name: team.name, points: roundPoints(players.reduce((sum, p) => sum + p.points, 0)), players };
    }),
  };
}
