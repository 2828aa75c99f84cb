/**
 * One period's matchups with their scores: each team's lineup (his own or the automatic one),
 * starters' points (the score) and the bench's (shown), from the stored fantasy scores of the
 * league's active rules version. Finalizing stores what this computes; views show it live.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Matchup, type SeasonPeriod } from '../db/entities/index.ts';
import { benchPoints, matchupResult, starterPoints, type MatchupResult } from './matchup.ts';
import { lineupsOf, periodPoints, rostersOf, type LoadedSeason, type PlayedLineup, type TeamRoster } from './store.ts';

export interface TeamScore extends PlayedLineup {
  teamId: string;
  points: number;
  benchPoints: number;
  roster: TeamRoster;
  /** Points per rostered player this period. */
  playerPoints: ReadonlyMap<string, number>;
}

export interface ScoredMatchup {
  row: Matchup;
  home: TeamScore;
  away: TeamScore | null;
  /** From the points now (live), whatever is stored. */
  result: MatchupResult | null;
}

/** The lineup and points of some teams in a period. */
export async function teamScores(em: EntityManager, leagueId: string, loaded: LoadedSeason, period: SeasonPeriod, teamIds: readonly string[]): Promise<Map<string, TeamScore>> {
  const rosters = await rostersOf(em, teamIds, period);
  const lineups = await lineupsOf(em, loaded.season, period.number, rosters);
  const points = await periodPoints(em, leagueId, period.key);
  return new Map(teamIds.map((teamId) => {
    const lineup = lineups.get(teamId)!;
    const roster = rosters.get(teamId)!;
    const playerPoints = points.get(teamId) ?? new Map<string, number>();
    return [teamId, {
      teamId, ...lineup, roster, playerPoints,
      points: starterPoints(lineup.starters, playerPoints),
      benchPoints: benchPoints(roster.players.keys(), lineup.starters, playerPoints),
    }];
  }));
}

export async function scorePeriod(em: EntityManager, leagueId: string, loaded: LoadedSeason, period: SeasonPeriod): Promise<ScoredMatchup[]> {
  const matchups = await em.find(Matchup, { season: loaded.season.id, period: period.number }, { refresh: true });
  const scores = await teamScores(em, leagueId, loaded, period, [...new Set(matchups.flatMap((m) => (m.away ? [m.home, m.away] : [m.home])))]);
  // Playoff games in bracket order; byes last.
  const sorted = [...matchups].sort((a, b) => (a.bracketSlot ?? 0) - (b.bracketSlot ?? 0) || Number(a.away === null) - Number(b.away === null) || a.id.localeCompare(b.id));
  return sorted.map((row) => {
    const home = scores.get(row.home)!;
    const away = row.away ? scores.get(row.away)! : null;
    return { row, home, away, result: away ? matchupResult(home.points, away.points) : null };
  });
}
