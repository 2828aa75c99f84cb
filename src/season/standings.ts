/**
 * Head-to-head standings from the final regular-season matchups. Pure.
 *
 * Ranked by the league's tiebreakers in order (default: record, then points for, then head-to-head
 * among the tied teams); teams still level after all of them are ordered by name, then id, so the
 * table is always one order. Ties count half a win in PCT, as ESPN and Sleeper count them.
 */
import { z } from 'zod';
import { roundPoints } from '../scoring/scorer.ts';

export const TIEBREAKERS = ['record', 'pointsFor', 'headToHead', 'pointsAgainst'] as const;
export type Tiebreaker = (typeof TIEBREAKERS)[number];
export const DEFAULT_TIEBREAKERS: Tiebreaker[] = ['record', 'pointsFor', 'headToHead'];
export const tiebreakersSchema = z.array(z.enum(TIEBREAKERS)).min(1).max(TIEBREAKERS.length)
  .refine((list) => new Set(list).size === list.length, 'each tiebreaker once');

/** A final game between two teams (byes are not games). */
export interface FinalGame {
  period: number;
  home: string;
  away: string;
  homePoints: number;
  awayPoints: number;
}

export interface StandingsRow {
  rank: number;
  teamId: string;
  name: string;
  wins: number;
  losses: number;
  ties: number;
  /** (W + T/2) / games, 3 decimals; 0 before any game. */
  pct: number;
  pointsFor: number;
  pointsAgainst: number;
  /** The current run: 'W3', 'L1', 'T1'; '' before any game. */
  streak: string;
  /** Games behind the leader: ((leader W − W) + (L − leader L)) / 2. */
  gamesBack: number;
}

type Row = Omit<StandingsRow, 'rank' | 'gamesBack'>;

export function seasonStandings(
  teams: ReadonlyArray<{ id: string; name: string }>, games: readonly FinalGame[], tiebreakers: readonly Tiebreaker[] = DEFAULT_TIEBREAKERS,
): StandingsRow[] {
  const rows = new Map(teams.map((t) => [t.id, tally(t, games)]));
  const ordered = rank([...rows.values()], games, tiebreakers);
  const leader = ordered[0];
  return ordered.map((row, i) => ({
    rank: i + 1, ...row,
    gamesBack: leader ? ((leader.wins - row.wins) + (row.losses - leader.losses)) / 2 : 0,
  }));
}

function tally(team: { id: string; name: string }, games: readonly FinalGame[]): Row {
  const mine = games.filter((g) => g.home === team.id || g.away === team.id).sort((a, b) => a.period - b.period);
  const outcomes = mine.map((g) => {
    const [own, other] = g.home === team.id ? [g.homePoints, g.awayPoints] : [g.awayPoints, g.homePoints];
    return { own, other, letter: own > other ? 'W' : own < other ? 'L' : 'T' };
  });
  const count = (letter: string) => outcomes.filter((o) => o.letter === letter).length;
  const [wins, losses, ties] = [count('W'), count('L'), count('T')];
  return {
    teamId: team.id, name: team.name, wins, losses, ties,
    pct: mine.length === 0 ? 0 : Math.round(((wins + ties / 2) / mine.length) * 1000) / 1000,
    pointsFor: roundPoints(outcomes.reduce((s, o) => s + o.own, 0)),
    pointsAgainst: roundPoints(outcomes.reduce((s, o) => s + o.other, 0)),
    streak: streakOf(outcomes.map((o) => o.letter)),
  };
}

function streakOf(letters: readonly string[]): string {
  const last = letters.at(-1);
  if (!last) return '';
  let n = 0;
  for (let i = letters.length - 1; i >= 0 && letters[i] === last; i--) n++;
  return `${last}${n}`;
}

/** Win share of each team in the games among `group` only. */
function headToHead(group: readonly Row[], games: readonly FinalGame[]): Map<string, number> {
  const ids = new Set(group.map((r) => r.teamId));
  const share = new Map<string, number>();
  for (const row of group) {
    const among = games.filter((g) => (g.home === row.teamId && ids.has(g.away)) || (g.away === row.teamId && ids.has(g.home)));
    const points = among.reduce((sum, g) => {
      const [own, other] = g.home === row.teamId ? [g.homePoints, g.awayPoints] : [g.awayPoints, g.homePoints];
      return sum + (own > other ? 1 : own === other ? 0.5 : 0);
    }, 0);
    share.set(row.teamId, among.length === 0 ? 0 : points / among.length);
  }
  return share;
}

/** Higher is better for every key. */
function keyOf(tiebreaker: Tiebreaker, group: readonly Row[], games: readonly FinalGame[]): (row: Row) => number {
  if (tiebreaker === 'record') return (row) => row.pct;
  if (tiebreaker === 'pointsFor') return (row) => row.pointsFor;
  if (tiebreaker === 'pointsAgainst') return (row) => -row.pointsAgainst;
  const share = headToHead(group, games);
  return (row) => share.get(row.teamId) ?? 0;
}

/** Splits by the first tiebreaker, then each tied group by the rest (head-to-head among that group). */
function rank(group: readonly Row[], games: readonly FinalGame[], tiebreakers: readonly Tiebreaker[]): Row[] {
  if (group.length <= 1) return [...group];
  const [first, ...rest] = tiebreakers;
  if (!first) return [...group].sort((a, b) => a.name.localeCompare(b.name) || a.teamId.localeCompare(b.teamId));
  const key = keyOf(first, group, games);
  const levels = [...new Set(group.map(key))].sort((a, b) => b - a);
  return levels.flatMap((level) => rank(group.filter((row) => key(row) === level), games, rest));
}
