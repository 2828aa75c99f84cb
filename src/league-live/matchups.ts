/**
 * The seam between the live league room and whatever pairs teams up in a scoring period. The room
 * shows `matchups` from one LiveMatchupSource: a season's head-to-head matchups with starters'
 * live points (season-matchups.ts), or without a season the league's live team scoreboard (one
 * entry per team with no opponent), without the room or its synced state changing shape.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scoreboard } from './scoreboard.ts';

export interface MatchupSide {
  teamId: string;
  /** Live points of the side in the matchup's period. */
  points: number;
}

export interface LiveMatchup {
  /** Stable while the matchup lasts (the room updates it in place). */
  id: string;
  period: string;
  home: MatchupSide;
  /** Null: no opponent (a bye, or no schedule at all). */
  away: MatchupSide | null;
}

/**
 * The current period's matchups of a league with per-team live points. The room passes the
 * scoreboard it has just read (a source built on it reads nothing more); a source of its own, such
 * as a season's `(em, leagueId) => currentMatchups`, may ignore it.
 */
export type LiveMatchupSource = (em: EntityManager, leagueId: string, scoreboard: Scoreboard) => Promise<LiveMatchup[]>;

/** Without a schedule: every team alone against the period, in the league's team order (clients rank them). */
export function scoreboardMatchups(scoreboard: Scoreboard): LiveMatchup[] {
  const { period } = scoreboard;
  if (period === null) return [];
  return scoreboard.teams.map((team) => ({ id: `${period}:${team.teamId}`, period, home: { teamId: team.teamId, points: team.points }, away: null }));
}
