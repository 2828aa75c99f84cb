/** Stored matchups as the pure rules take them: final regular-season games, final playoff games. */
import type { Matchup } from '../db/entities/index.ts';
import type { PlayedGame } from './playoffs.ts';
import type { FinalGame } from './standings.ts';

/** A stored double column as a number (the driver may hand it over as a string). */
export const pointsOf = (value: number | string | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));

const isFinalGame = (m: Matchup): m is Matchup & { away: string } => m.away != null && m.result != null;

export function regularGames(matchups: readonly Matchup[]): FinalGame[] {
  return matchups.filter((m) => m.playoffRound == null).filter(isFinalGame).map((m) => ({
    period: m.period, home: m.home, away: m.away, homePoints: pointsOf(m.homePoints) ?? 0, awayPoints: pointsOf(m.awayPoints) ?? 0,
  }));
}

export function playoffGames(matchups: readonly Matchup[]): PlayedGame[] {
  return matchups.filter((m) => m.playoffRound != null).filter(isFinalGame).map((m) => ({
    round: m.playoffRound!, home: m.home, away: m.away, homePoints: pointsOf(m.homePoints) ?? 0, awayPoints: pointsOf(m.awayPoints) ?? 0,
  }));
}
