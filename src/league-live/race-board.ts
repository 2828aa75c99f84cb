/**
 * The league room's F1 race weekend: the current race of a league that plays race weekends and
 * each team's points in it and over the season. The numbers are the F1 leaderboard's
 * (src/f1/leaderboard.ts, GET …/f1/leaderboard), read again on every reload of the room, so a
 * result that is ingested, corrected or rescored reaches the room by the scores' own push.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { F1LeagueSettings } from '../db/entities/index.ts';
import { seasonLeaderboard } from '../f1/leaderboard.ts';

export interface LiveRace {
  id: string;
  round: number;
  name: string;
  period: string;
  locksAt: number;
  startsAt: number;
  scored: boolean;
}

export interface RaceTeamPoints {
  teamId: string;
  /** Points in the current race (0 before any result of it). */
  racePoints: number;
  /** Points over the season's scored races. */
  seasonPoints: number;
}

export interface RaceBoard {
  /** Null until the season's first race locks or is scored. */
  race: LiveRace | null;
  teams: RaceTeamPoints[];
  /** The next lock still ahead (epoch ms): the current race changes then, whether or not anything is scored. */
  nextLockAt: number | null;
}

interface BoardRace { id: string; round: number; name: string; period: string; startsAt: Date | string; locksAt: Date | string; scored: boolean }

/**
 * The current race: the last of the season (by round) whose window has opened (its lock has passed:
 * results may come) or that already has results. Pure: the caller's clock.
 */
export function currentRace<R extends BoardRace>(races: readonly R[], now: number): R | null {
  let current: R | null = null;
  for (const race of races) if (race.scored || new Date(race.locksAt).getTime() <= now) current = race;
  return current;
}

/**
 * Null for a league that does not play race weekends (not F1, or no settings): the room shows no
 * race. `races`: whether it does, when the caller has read it already.
 */
export async function liveRaceBoard(em: EntityManager, leagueId: string, now: number, races?: boolean): Promise<RaceBoard | null> {
  if (!(races ?? (await em.count(F1LeagueSettings, { league: leagueId })) > 0)) return null;
  const board = await seasonLeaderboard(em, leagueId);
  const race = currentRace(board.races, now);
  const upcoming = board.races.map((r) => new Date(r.locksAt).getTime()).filter((at) => at > now);
  return {
    race: race && {
      id: race.id, round: race.round, name: race.name, period: race.period, scored: race.scored,
      locksAt: new Date(race.locksAt).getTime(), startsAt: new Date(race.startsAt).getTime(),
    },
    teams: board.items.map((row) => ({
      teamId: row.teamId, seasonPoints: row.total, racePoints: race ? (row.races[String(race.round)] ?? 0) : 0,
    })),
    nextLockAt: upcoming.length > 0 ? Math.min(...upcoming) : null,
  };
}
