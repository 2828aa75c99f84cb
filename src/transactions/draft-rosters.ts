import type { EntityManager } from '@mikro-orm/postgresql';
import { Draft } from '../db/entities/index.ts';
import { openBook } from './book.ts';
import { recordArrivals } from './log.ts';
import { takeOffWaivers } from './moves.ts';

/** A drafted player joining a roster; keepers join as 'keeper' whatever the draft's kind. */
export interface DraftedPlayer {
  teamId: string;
  playerId: string;
  keeper: boolean;
}

/**
 * A completed draft's picks join the rosters, each a `draft` entry of the league transaction log
 * (in pick order), inside the draft's completion commit and under the league's lock. A player
 * already on a roster of the league (a commissioner placed him meanwhile, or the completion is
 * written again) keeps his place: his pick adds nothing.
 */
export async function draftedToRosters(tx: EntityManager, draftId: string, picks: readonly DraftedPlayer[], acquiredVia: 'draft' | 'auction', at: Date): Promise<void> {
  const draft = await tx.findOne(Draft, { id: draftId }, { fields: ['league'] });
  if (!draft) return;
  const book = await openBook(tx, draft.league);
  const joining = picks.filter((pick) => !book.holder.has(pick.playerId));
  // A drafted player who was on waivers (dropped before the draft ended) is nobody's claim any more.
  await takeOffWaivers(tx, book, joining.map((pick) => pick.playerId), at);
  await recordArrivals(tx, joining.map((pick) => ({
    leagueId: draft.league, type: 'draft' as const, actorId: null, at, sourceId: draftId,
    moves: [{ playerId: pick.playerId, fromTeamId: null, toTeamId: pick.teamId }] as [{ playerId: string; fromTeamId: null; toTeamId: string }],
    acquiredVia: pick.keeper ? 'keeper' as const : acquiredVia,
    reason: pick.keeper ? 'keeper' : `${acquiredVia} pick`, details: { draftId },
  })));
}
