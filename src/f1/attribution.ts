/**
 * Whose points an F1 result is in a league that plays race weekends: the team that drafted the
 * driver for that race (race_picks), whoever holds him on a roster. A result of a race the league
 * drafted nobody for, or of a driver nobody took in that race, scores for no team there.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { F1LeagueSettings, F1Race, RacePick, type StatEvent } from '../db/entities/index.ts';

export interface RaceAttribution {
  /** Leagues that play the races of these events: each must be scored, roster or not. */
  leagues: Set<string>;
  /**
   * The team an event's points go to in a league: a team id, null for nobody, undefined when the
   * event is not a race this league plays (roster attribution then).
   */
  teamFor(leagueId: string, event: Pick<StatEvent, 'sport' | 'period' | 'player'>): string | null | undefined;
}

export async function raceAttribution(em: EntityManager, events: ReadonlyArray<Pick<StatEvent, 'sport' | 'period' | 'player'>>): Promise<RaceAttribution> {
  const periods = [...new Set(events.filter((e) => e.sport === 'f1').map((e) => e.period))];
  const races = periods.length === 0 ? [] : await em.find(F1Race, { period: { $in: periods } }, { disableIdentityMap: true });
  const raceOf = new Map(races.map((race) => [race.period, race]));
  const seasons = [...new Set(races.map((r) => r.season))];
  const settings = seasons.length === 0 ? [] : await em.find(F1LeagueSettings, { season: { $in: seasons } }, { disableIdentityMap: true });
  const seasonOf = new Map(settings.map((s) => [s.league, s.season]));
  const picks = races.length === 0 ? [] : await em.find(RacePick, {
    race: { $in: races.map((r) => r.id) }, player: { $in: [...new Set(events.map((e) => e.player))] },
  }, { fields: ['league', 'race', 'player', 'team'], disableIdentityMap: true });
  const holder = new Map(picks.map((p) => [`${p.league}:${p.race}:${p.player}`, p.team]));
  return {
    leagues: new Set(settings.map((s) => s.league)),
    teamFor(leagueId, event) {
      const race = event.sport === 'f1' ? raceOf.get(event.period) : undefined;
      if (!race || seasonOf.get(leagueId) !== race.season) return undefined;
      return holder.get(`${leagueId}:${race.id}:${event.player}`) ?? null;
    },
  };
}
