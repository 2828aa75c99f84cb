/**
 * An F1 race draft's picks are its teams' drivers for that race only (race_picks), not roster
 * entries: the draft room writes them there when the draft completes, and a race draft's pool is
 * every driver (other races' picks do not matter) but those already on a team for this race.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RacePick } from '../db/entities/index.ts';
import { afterQueued, type RosterWriter } from '../draft/projections.ts';
import type { Pool } from '../draft/types.ts';

/** The race picks writer for a race draft of `leagueId`; the unique (league, race, driver) index is the last line of defence. */
export function racePicksWriter(leagueId: string, raceId: string): RosterWriter {
  return {
    write: (draftId, picks, at) => afterQueued(async (em) => {
      if (picks.length === 0) return;
      await em.insertMany(RacePick, picks.map((pick) => ({
        league: leagueId, race: raceId, team: pick.teamId, player: pick.playerId, draftId, overall: pick.overall, auto: pick.auto, pickedAt: at,
      })));
    }),
    clear: (draftId) => afterQueued((em) => em.nativeDelete(RacePick, { draftId })),
  };
}

/** The pool of a race draft: the sport's drivers minus those another draft already put on a team for this race. */
export async function racePool(em: EntityManager, draft: { id: string; league: string; race?: string | null }, pool: Pool): Promise<Pool> {
  if (!draft.race) return pool;
  const elsewhere = await em.find(RacePick, { league: draft.league, race: draft.race, draftId: { $ne: draft.id } }, { fields: ['player'] });
  if (elsewhere.length === 0) return pool;
  const taken = new Set(elsewhere.map((pick) => pick.player));
  return new Map([...pool].filter(([id]) => !taken.has(id)));
}
