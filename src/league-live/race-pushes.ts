/**
 * Changes that move an F1 league's current race without any result being scored, told to the
 * league rooms through the scores' own push (src/live/publisher.ts) so they read the race anew:
 * a room arms its next-lock reload from what it last read.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { F1LeagueSettings } from '../db/entities/index.ts';
import { publishScoresChanged } from '../live/publisher.ts';

/** A league's race-weekend settings changed (another season is another race and other totals). */
export function publishRaceSettingsChanged(leagueId: string): Promise<void> {
  return publishScoresChanged([{ leagueId, latest: null }], Date.now());
}

/** A race of `season` moved: every league playing that season reads its races again. */
export async function publishRaceMoved(em: EntityManager, season: number): Promise<void> {
  const leagues = await em.find(F1LeagueSettings, { season }, { fields: ['league'], disableIdentityMap: true });
  await publishScoresChanged(leagues.map((s) => ({ leagueId: s.league, latest: null })), Date.now());
}
