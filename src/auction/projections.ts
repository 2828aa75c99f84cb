import type { Projection } from '../db/event-store.ts';
import { clearRosters, recordPick, removePick, setDraftStatus, writeRosters } from '../draft/projections.ts';
import { applyEvent } from './state.ts';
import type { AuctionEvent, AuctionState } from './types.ts';

/**
 * The tables an auction's events keep up to date, run by the EventStore in the same transaction as
 * the events (so a sale the database refuses, say a player sold twice, writes no event either).
 * A sold lot is a draft_picks row: overall = lot number, round = the how-manieth player that team
 * bought, price = the winning bid (see DraftPickRecord).
 */
export function auctionProjectionsFor(
  draftId: string, events: readonly AuctionEvent[], before: AuctionState, after: AuctionState, at: Date,
): Projection[] {
  const projections: Projection[] = [];
  let state = before;
  for (const event of events) {
    // Folded one by one so a sale's round counts the purchases of the events before it in this commit.
    state = applyEvent(state, event);
    if (event.type === 'lotClosed') {
      const round = state.teams[event.teamId]?.won.length ?? 0;
      projections.push(recordPick(draftId, {
        overall: event.lot, round, teamId: event.teamId, playerId: event.playerId, auto: false, keeper: false, price: event.price,
      }, at));
    }
    if (event.type === 'undone') projections.push(removePick(draftId, event.lot));
  }
  if (after.status !== before.status) projections.push(setDraftStatus(draftId, after.status, at));
  if (after.status === 'complete' && before.status !== 'complete') {
    const picks = after.won.map(({ teamId, playerId }) => ({ teamId, playerId, keeper: false }));
    projections.push(writeRosters(draftId, picks, 'auction'));
  }
  if (before.status === 'complete' && after.status !== 'complete') projections.push(clearRosters(draftId));
  return projections;
}
