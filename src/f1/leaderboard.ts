/**
 * The F1 race-weekend leaderboard: per race (each team's drivers for that race and what they
 * scored) and for the season (the sum over its races), from the stored fantasy scores of the
 * active rules version, so it moves as each result is scored.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { F1Race, FantasyScore, Player, RacePick, Team } from '../db/entities/index.ts';
import { notFound } from '../errors.ts';
import { roundPoints } from '../scoring/scorer.ts';
import { activeRules } from '../scoring/versions.ts';
import { raceView } from './calendar.ts';
import { raceLeague } from './settings.ts';

interface ScoreSum { team_id: string; player_id: string; period: string; points: number }

/** Points per (team, driver, period) of the league's active version, for these periods (at most 24 races × 20 drivers). */
async function scoreSums(em: EntityManager, leagueId: string, version: number, periods: string[]): Promise<ScoreSum[]> {
  if (periods.length === 0) return [];
  const rows = await em.find(FantasyScore, { league: leagueId, rulesVersion: version, period: { $in: periods } },
    { fields: ['team', 'player', 'period', 'points'], disableIdentityMap: true });
  const sums = new Map<string, ScoreSum>();
  for (const row of rows) {
    const key = `${row.team}:${row.player}:${row.period}`;
    const sum = sums.get(key) ?? { team_id: row.team, player_id: row.player, period: row.period, points: 0 };
    sum.points = roundPoints(sum.points + Number(row.points));
    sums.set(key, sum);
  }
  return [...sums.values()];
}

/** 1-based ranks, best first; equal points share a rank (1, 1, 3); ties listed by name. */
function ranked<T extends { name: string }>(rows: T[], points: (row: T) => number): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => points(b) - points(a) || a.name.localeCompare(b.name));
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((other) => points(other) === points(row)) + 1 }));
}

/** Each team's season points from the races before `beforeRound` (the 'standings' draft order reads it). */
export async function seasonPointsBefore(em: EntityManager, leagueId: string, season: number, beforeRound: number): Promise<Map<string, number>> {
  const league = await raceLeague(em, leagueId);
  const { version } = await activeRules(em, league);
  const races = await em.find(F1Race, { season, round: { $lt: beforeRound } }, { fields: ['period'] });
  const totals = new Map<string, number>();
  for (const sum of await scoreSums(em, leagueId, version, races.map((r) => r.period))) {
    totals.set(sum.team_id, roundPoints((totals.get(sum.team_id) ?? 0) + sum.points));
  }
  return totals;
}

/** The league's season, rules version, teams (league order) and races (by round). */
async function boardInputs(em: EntityManager, leagueId: string) {
  const league = await raceLeague(em, leagueId);
  const { settings } = league;
  const { version } = await activeRules(em, league);
  const teams = await em.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const races = await em.find(F1Race, { season: settings.season }, { orderBy: { round: 'asc' } });
  return { season: settings.season, version, teams, races };
}

export async function leaderboard(em: EntityManager, leagueId: string, raceId?: string) {
  if (raceId === undefined) return seasonLeaderboard(em, leagueId);
  const { season, version, teams, races } = await boardInputs(em, leagueId);
  const race = races.find((r) => r.id === raceId);
  if (!race) throw notFound('Race');
  return { leagueId, season, rulesVersion: version, race: raceView(race), ...await raceBoard(em, leagueId, version, race, teams) };
}

/** The season's leaderboard (GET …/f1/leaderboard without `race`; the league room's race state reads it too). */
export async function seasonLeaderboard(em: EntityManager, leagueId: string) {
  const { season, version, teams, races } = await boardInputs(em, leagueId);
  const sums = await scoreSums(em, leagueId, version, races.map((r) => r.period));
  const scored = new Set(sums.map((s) => s.period));
  const rows = teams.map((team) => {
    const byRace = Object.fromEntries(races.filter((r) => scored.has(r.period)).map((race) => [String(race.round), roundPoints(
      sums.filter((s) => s.team_id === team.id && s.period === race.period).reduce((sum, s) => sum + s.points, 0))]));
    return { teamId: team.id, name: team.name, total: roundPoints(Object.values(byRace).reduce((a, b) => a + b, 0)), races: byRace };
  });
  return {
    leagueId, season, rulesVersion: version,
    races: races.map((race) => ({ ...raceView(race), scored: scored.has(race.period) })),
    items: ranked(rows, (row) => row.total),
  };
}

/** One race: each team's drivers for it (its race picks) with their points so far (null: no result yet). */
async function raceBoard(em: EntityManager, leagueId: string, version: number, race: F1Race, teams: Team[]) {
  const picks = await em.find(RacePick, { league: leagueId, race: race.id }, { orderBy: { overall: 'asc' } });
  const players = new Map((await em.find(Player, { id: { $in: picks.map((p) => p.player) } })).map((p) => [p.id, p]));
  const sums = await scoreSums(em, leagueId, version, [race.period]);
  const pointsOf = (teamId: string, playerId: string) => sums.find((s) => s.team_id === teamId && s.player_id === playerId)?.points ?? null;
  const rows = teams.map((team) => {
    const drivers = picks.filter((p) => p.team === team.id).map((pick) => ({
      playerId: pick.player, name: players.get(pick.player)?.name ?? null, overall: pick.overall, auto: pick.auto,
      points: pointsOf(team.id, pick.player),
    }));
    // Points of drivers scored for this team though no longer picked (a rescore keeps who earned them).
    const points = sums.filter((s) => s.team_id === team.id).reduce((sum, s) => sum + s.points, 0);
    return { teamId: team.id, name: team.name, points: roundPoints(points), drivers };
  });
  return { items: ranked(rows, (row) => row.points) };
}
