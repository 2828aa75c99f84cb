import type { EntityManager } from '@mikro-orm/postgresql';
import { Draft, DraftPickRecord, RosterEntry } from '../db/entities/index.ts';
import type { Projection } from '../db/event-store.ts';
import { draftedToRosters } from '../transactions/draft-rosters.ts';
import type { DraftEvent, DraftPick, DraftState, DraftStatus } from './types.ts';

/**
 * The tables a draft's events keep up to date. Each returns a Projection the EventStore runs in the
 * same transaction as the event rows, so they use only the em they are given: if a projection
 * fails (say the (draft, player) unique refuses a double pick), the events are not written either.
 */

/** What a draft_picks row records: a pick of a draft, or a lot sold in an auction (with its price). */
export type PickRow = Pick<DraftPick, 'overall' | 'round' | 'teamId' | 'playerId' | 'auto' | 'keeper'> & { price?: number };

function pickRow(draftId: string, pick: PickRow, at: Date) {
  return {
    draft: draftId, overall: pick.overall, round: pick.round, team: pick.teamId, player: pick.playerId,
    auto: pick.auto, keeper: pick.keeper, price: pick.price ?? null, pickedAt: at,
  };
}

/**
 * A pick is a row, not a function: the EventStore writes the picks of every room in a batch with
 * the events, as one multi-row insert in one statement (no unit of work, no BEGIN/COMMIT).
 * Function projections run after the batch's rows, so an undo never deletes a pick before it is
 * inserted.
 */
export function recordPick(draftId: string, pick: PickRow, at: Date): Projection {
  return {
    table: 'draft_picks',
    row: {
      draft_id: draftId, overall: pick.overall, round: pick.round, team_id: pick.teamId, player_id: pick.playerId,
      auto: pick.auto, keeper: pick.keeper, price: pick.price ?? null, picked_at: at.toISOString(),
    },
  };
}

/** Runs a direct write after anything queued in the unit of work, keeping the batch's order. */
export function afterQueued(write: (em: EntityManager) => Promise<unknown>): Projection {
  return async (em: EntityManager) => {
    await em.flush();
    await write(em);
  };
}

/** Keepers sit in the initial state without events; the draft's start writes them to draft_picks. */
export function recordKeepers(draftId: string, state: DraftState, at: Date = new Date()): Projection {
  return afterQueued(async (em) => {
    const keepers = state.picks.filter((pick) => pick.keeper);
    if (keepers.length > 0) await em.insertMany(DraftPickRecord, keepers.map((pick) => pickRow(draftId, pick, at)));
  });
}

/** Undo of one pick (of one sale, by lot number, in an auction). */
export function removePick(draftId: string, overall: number): Projection {
  return afterQueued((em) => em.nativeDelete(DraftPickRecord, { draft: draftId, overall }));
}

/** completedAt is set only while complete: an undo after completion reopens the draft. */
export function setDraftStatus(draftId: string, status: DraftStatus, at: Date): Projection {
  return afterQueued((em) => em.nativeUpdate(Draft, { id: draftId }, { status, completedAt: status === 'complete' ? at : null }));
}

/** A player joining a roster when a draft completes; keepers join as 'keeper' whatever the draft's kind. */
export type RosterPick = Pick<DraftPick, 'teamId' | 'playerId' | 'keeper'>;

/**
 * On completion every pick joins its team's roster, acquired via `acquiredVia` ('draft' or
 * 'auction'), as `draft` entries of the league transaction log (src/transactions/draft-rosters.ts).
 * Idempotent: a player already on a roster of the league (written before, or placed by the
 * commissioner) is left as he is.
 */
export function writeRosters(draftId: string, picks: readonly RosterPick[], acquiredVia: 'draft' | 'auction' = 'draft'): Projection {
  return afterQueued(async (em) => {
    if (picks.length > 0) await draftedToRosters(em, draftId, picks, acquiredVia, new Date());
  });
}

/** Undo of a completed draft: its players leave the rosters again (entries from elsewhere stay). */
export function clearRosters(draftId: string): Projection {
  return afterQueued((em) => em.nativeDelete(RosterEntry, { sourceId: draftId }));
}

/** Where a completed draft's picks go, and how an undo after completion takes them back. */
export interface RosterWriter {
  write(draftId: string, picks: readonly DraftPick[], at: Date): Projection;
  clear(draftId: string): Projection;
}

/** The league's rosters (roster_entries): where every draft but an F1 race draft puts its picks. */
export const LEAGUE_ROSTERS: RosterWriter = { write: (draftId, picks) => writeRosters(draftId, picks), clear: clearRosters };

/**
 * Every projection one commit of a draft's events needs, in order: picks as they come, then the
 * draft's status, then rosters when the draft completes (or is reopened by an undo).
 */
export function projectionsFor(
  draftId: string, events: readonly DraftEvent[], before: DraftState, after: DraftState, at: Date, rosters: RosterWriter = LEAGUE_ROSTERS,
): Projection[] {
  const projections: Projection[] = [];
  for (const event of events) {
    if (event.type === 'started') projections.push(recordKeepers(draftId, before, at));
    if (event.type === 'picked') projections.push(recordPick(draftId, event.pick, at));
    if (event.type === 'undone') projections.push(removePick(draftId, event.overall));
    // 'skipped' writes no row (draft_picks holds players): REST reads skips from the log, and a
    // skip that ends the draft is covered by the status and roster projections below.
  }
  if (after.status !== before.status) projections.push(setDraftStatus(draftId, after.status, at));
  if (after.status === 'complete' && before.status !== 'complete') projections.push(rosters.write(draftId, after.picks, at));
  if (before.status === 'complete' && after.status !== 'complete') projections.push(rosters.clear(draftId));
  return projections;
}
