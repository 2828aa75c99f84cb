/**
 * What REST (and the league room) shows of a season: the season, its schedule, one period's
 * matchups with live scores, the head-to-head standings and the playoff bracket. Reads only.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Matchup, Season, type SeasonPeriod, type Team } from '../db/entities/index.ts';
import { BENCH } from './lineup-slots.ts';
import { isLocked } from './lineup.ts';
import { scorePeriod, type TeamScore } from './period.ts';
import { buildBracket, type BracketTeam } from './playoffs.ts';
import { playoffGames, pointsOf, regularGames } from './results.ts';
import { seasonStandings } from './standings.ts';
import { currentPeriod, leagueTeamsById, loadSeason, periodOf, type LoadedSeason } from './store.ts';

export function periodView(period: SeasonPeriod) {
  return {
    number: period.number, key: period.key, kind: period.kind,
    startsAt: period.startsAt.toISOString(), locksAt: period.locksAt.toISOString(), fixtures: period.fixtures,
    final: period.finalizedAt !== null, finalizedAt: period.finalizedAt?.toISOString() ?? null,
    refinalized: period.refinalized, refinalizedAt: period.refinalizedAt?.toISOString() ?? null,
  };
}

export async function seasonView(em: EntityManager, leagueId: string, number?: number) {
  const { season, periods } = await loadSeason(em, leagueId, number);
  return {
    id: season.id, leagueId, number: season.number, status: season.status, settings: season.settings,
    seeds: season.seeds, championTeamId: season.champion ?? null, createdAt: season.createdAt.toISOString(),
    periods: periods.map(periodView),
  };
}

const teamRef = (teams: Map<string, Team>, id: string | null | undefined) =>
  (id ? { teamId: id, name: teams.get(id)?.name ?? null } : null);

/** Every period's games: teams, and points and result once final. */
export async function scheduleView(em: EntityManager, leagueId: string, number?: number) {
  const loaded = await loadSeason(em, leagueId, number);
  const teams = await leagueTeamsById(em, leagueId);
  const matchups = await em.find(Matchup, { season: loaded.season.id }, { orderBy: { period: 'asc', bracketSlot: 'asc', id: 'asc' }, refresh: true });
  return {
    leagueId, season: loaded.season.number,
    periods: loaded.periods.map((period) => ({
      ...periodView(period),
      matchups: matchups.filter((m) => m.period === period.number).map((m) => ({
        id: m.id, playoffRound: m.playoffRound ?? null, home: teamRef(teams, m.home), away: teamRef(teams, m.away),
        homePoints: pointsOf(m.homePoints), awayPoints: pointsOf(m.awayPoints), result: m.result ?? null,
      })),
    })),
  };
}

export function sideView(loaded: LoadedSeason, teams: Map<string, Team>, score: TeamScore, now: number) {
  const { slots } = loaded.season.settings.lineup;
  const player = (playerId: string, slot: string) => {
    const info = score.roster.info.get(playerId);
    return {
      slot, playerId, name: info?.name ?? null, position: info?.position ?? null, club: info?.club ?? null,
      points: score.playerPoints.get(playerId) ?? 0, locked: isLocked(score.roster.players.get(playerId), now),
    };
  };
  const started = new Set(score.starters);
  return {
    teamId: score.teamId, name: teams.get(score.teamId)?.name ?? null, points: score.points, benchPoints: score.benchPoints, auto: score.auto,
    starters: score.starters.map((id, i) => (id ? player(id, slots[i]) : { slot: slots[i], playerId: null, name: null, position: null, club: null, points: 0, locked: false })),
    bench: [...score.roster.players.keys()].filter((id) => !started.has(id)).map((id) => player(id, BENCH)),
  };
}

/**
 * One period's matchups (default: the current one) with live scores: each side's lineup, starters'
 * points (the score) and bench points (shown). `final` says whether they are settled.
 */
export async function matchupsView(em: EntityManager, leagueId: string, now: number, query: { period?: number; season?: number } = {}) {
  const loaded = await loadSeason(em, leagueId, query.season);
  const period = query.period === undefined ? currentPeriod(loaded, now) : periodOf(loaded, query.period);
  const teams = await leagueTeamsById(em, leagueId);
  const scored = await scorePeriod(em, leagueId, loaded, period);
  return {
    leagueId, season: loaded.season.number, period: periodView(period),
    items: scored.map(({ row, home, away, result }) => ({
      id: row.id, playoffRound: row.playoffRound ?? null, result,
      home: sideView(loaded, teams, home, now), away: away ? sideView(loaded, teams, away, now) : null,
    })),
  };
}

/** The current period's matchups with live starter points: what the league room shows. */
export function currentMatchups(em: EntityManager, leagueId: string, now: number) {
  return matchupsView(em, leagueId, now);
}

async function finalMatchups(em: EntityManager, seasonId: string) {
  return em.find(Matchup, { season: seasonId, result: { $ne: null } }, { refresh: true });
}

/** Head-to-head standings of a season from its final regular-season matchups. */
export async function seasonStandingsView(em: EntityManager, leagueId: string, number?: number) {
  const { season } = await loadSeason(em, leagueId, number);
  const teams = await leagueTeamsById(em, leagueId);
  const items = seasonStandings([...teams.values()], regularGames(await finalMatchups(em, season.id)), season.settings.tiebreakers);
  return { seasonId: season.id, number: season.number, tiebreakers: season.settings.tiebreakers, items };
}

/** The current (or `number`) season's head-to-head standings, or null for a league without a season (a `number` asked for: 404). */
export async function currentSeasonStandings(em: EntityManager, leagueId: string, number?: number) {
  const none = number === undefined && (await em.count(Season, { league: leagueId })) === 0;
  return none ? null : seasonStandingsView(em, leagueId, number);
}

/** The bracket: seeds once the regular season is final, each round's games and results, the champion. */
export async function playoffsView(em: EntityManager, leagueId: string, number?: number) {
  const loaded = await loadSeason(em, leagueId, number);
  const { season } = loaded;
  const teams = await leagueTeamsById(em, leagueId);
  const base = { leagueId, season: season.number, status: season.status, playoffTeams: season.settings.playoffTeams };
  if (!season.seeds) return { ...base, seeds: null, rounds: [], champion: null };
  const bracket = buildBracket(season.seeds, playoffGames(await finalMatchups(em, season.id)));
  const named = (t: BracketTeam | null) => (t ? { ...t, name: teams.get(t.teamId)?.name ?? null } : null);
  const playoffPeriods = loaded.periods.filter((p) => p.kind === 'playoff');
  return {
    ...base,
    seeds: season.seeds.map((teamId, i) => named({ seed: i + 1, teamId })),
    rounds: bracket.rounds.map((games, i) => ({
      round: i + 1, period: playoffPeriods[i]?.number ?? null, final: playoffPeriods[i]?.finalizedAt != null,
      games: games.map((g) => ({ ...g, home: named(g.home), away: named(g.away), winner: named(g.winner) })),
    })),
    champion: season.champion ? named(bracket.champion) : null,
  };
}
