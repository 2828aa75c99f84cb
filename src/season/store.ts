/**
 * Reading a season from the database: the season and its periods, a team's roster with each
 * player's kickoff, the points each player earned in a period under the active scoring rules, and
 * the lineup a team plays (his own, or the automatic one).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Lineup, ON_ROSTER, Player, RosterEntry, Season, SeasonPeriod, Team } from '../db/entities/index.ts';
import { AppError, notFound } from '../errors.ts';
import { activeRules, scoredLeague } from '../scoring/versions.ts';
import { autoLineup, type RosterPlayer } from './lineup.ts';
import type { PlayerPoints } from './matchup.ts';

/** A season read before a transaction was deleted by the time it locked it (a commissioner replaced it). */
export const seasonChanged = () => new AppError(409, 'SEASON_CHANGED', 'The season was replaced meanwhile: load it again');

export interface LoadedSeason {
  season: Season;
  /** In order, period 1 first. */
  periods: SeasonPeriod[];
}

/** The league's season `number`, or its latest (the current one). 404 NO_SEASON when there is none. */
export async function loadSeason(em: EntityManager, leagueId: string, number?: number): Promise<LoadedSeason> {
  await scoredLeague(em, leagueId);
  const season = number === undefined
    ? await em.findOne(Season, { league: leagueId }, { orderBy: { number: 'desc' }, refresh: true })
    : await em.findOne(Season, { league: leagueId, number }, { refresh: true });
  if (!season) {
    throw number === undefined ? new AppError(404, 'NO_SEASON', 'This league has no season yet (POST /leagues/:id/seasons)') : notFound('Season');
  }
  const periods = await em.find(SeasonPeriod, { season: season.id }, { orderBy: { number: 'asc' }, refresh: true });
  return { season, periods };
}

export function periodOf(loaded: LoadedSeason, number: number): SeasonPeriod {
  const period = loaded.periods.find((p) => p.number === number);
  if (!period) throw notFound('Period');
  return period;
}

/** The period being played at `now`: the last one started, else the first. */
export function currentPeriod(loaded: LoadedSeason, now: number): SeasonPeriod {
  const started = loaded.periods.filter((p) => p.startsAt.getTime() <= now);
  return started.at(-1) ?? loaded.periods[0];
}

/** When a player of club `club` locks in a period: his club's kickoff, else the period's lock time. */
export function kickoffOf(period: SeasonPeriod, club: string): number {
  const fixture = period.fixtures[club];
  return fixture ? Date.parse(fixture) : period.locksAt.getTime();
}

/** The earliest lock of a period: its lock time or an earlier kickoff. */
export function firstLock(period: SeasonPeriod): number {
  return Math.min(period.locksAt.getTime(), ...Object.values(period.fixtures).map((at) => Date.parse(at)));
}

/** The last kickoff of a period: the finalize job runs its grace after it. */
export function lastKickoff(period: SeasonPeriod): number {
  return Math.max(period.locksAt.getTime(), ...Object.values(period.fixtures).map((at) => Date.parse(at)));
}

export interface TeamRoster {
  players: Map<string, RosterPlayer>;
  /** Names and positions for views. */
  info: Map<string, { name: string; position: string; club: string }>;
}

/** Every team's roster in a league, with each player's kickoff in `period`. */
export async function rostersOf(em: EntityManager, teamIds: readonly string[], period: SeasonPeriod): Promise<Map<string, TeamRoster>> {
  const entries = await em.find(RosterEntry, { team: { $in: [...teamIds] }, ...ON_ROSTER }, { disableIdentityMap: true });
  const players = new Map((await em.find(Player, { id: { $in: entries.map((e) => e.player) } }, { disableIdentityMap: true })).map((p) => [p.id, p]));
  const rosters = new Map<string, TeamRoster>(teamIds.map((id) => [id, { players: new Map(), info: new Map() }]));
  for (const entry of entries) {
    const player = players.get(entry.player);
    const roster = rosters.get(entry.team);
    if (!player || !roster) continue;
    roster.players.set(player.id, { id: player.id, positions: player.positions, rank: player.rank, kickoff: kickoffOf(period, player.team) });
    roster.info.set(player.id, { name: player.name, position: player.positions[0] ?? '', club: player.team });
  }
  return rosters;
}

/** Points per team and player of one period under the league's active scoring rules. */
export async function periodPoints(em: EntityManager, leagueId: string, periodKey: string): Promise<Map<string, PlayerPoints>> {
  const { version } = await activeRules(em, await scoredLeague(em, leagueId));
  const rows = await em.getConnection().execute<Array<{ team_id: string; player_id: string; points: number }>>(
    `select team_id, player_id, sum(points) as points from fantasy_scores
      where league_id = ? and rules_version = ? and period = ? group by team_id, player_id`,
    [leagueId, version, periodKey], 'all', em.getTransactionContext());
  const byTeam = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const team = byTeam.get(row.team_id) ?? new Map<string, number>();
    team.set(row.player_id, Number(row.points));
    byTeam.set(row.team_id, team);
  }
  return byTeam;
}

export interface PlayedLineup {
  starters: Array<string | null>;
  auto: boolean;
  /** Whether this lineup is stored (a manager's, or an automatic one fixed at finalization). */
  stored: boolean;
}

/** The lineups every team plays in a period: stored ones, else the automatic lineup of its roster now. */
export async function lineupsOf(
  em: EntityManager, season: Season, period: number, rosters: Map<string, TeamRoster>,
): Promise<Map<string, PlayedLineup>> {
  const stored = await em.find(Lineup, { season: season.id, period, team: { $in: [...rosters.keys()] } }, { disableIdentityMap: true });
  const byTeam = new Map(stored.map((l) => [l.team, l]));
  return new Map([...rosters].map(([teamId, roster]) => {
    const row = byTeam.get(teamId);
    return [teamId, row
      ? { starters: row.starters, auto: row.auto, stored: true }
      : { starters: autoLineup(season.settings.lineup, roster.players.values()), auto: true, stored: false }];
  }));
}

export async function leagueTeamsById(em: EntityManager, leagueId: string): Promise<Map<string, Team>> {
  const teams = await em.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' }, disableIdentityMap: true });
  return new Map(teams.map((t) => [t.id, t]));
}
