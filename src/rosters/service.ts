import type { EntityManager } from '@mikro-orm/postgresql';
import { commissionerAdd, commissionerRemove, type MoveResult } from '../transactions/moves.ts';

/**
 * Commissioner roster moves: put players on a team or take them off, outside any draft (the
 * "commissioner" acquisition). Each is an entry of the league transaction log (src/transactions/),
 * checked against the roster limits like any add; a player taken off goes on waivers.
 */
export async function addToRoster(em: EntityManager, leagueId: string, teamId: string, userId: string, playerIds: string[], now: number) {
  const result = await commissionerAdd(em, { leagueId, teamId, userId, playerIds, now });
  return { teamId, added: result.added, transactionId: result.transactionId || null };
}

export function removeFromRoster(em: EntityManager, leagueId: string, teamId: string, userId: string, playerId: string, now: number): Promise<MoveResult> {
  return commissionerRemove(em, { leagueId, teamId, userId, playerId, now });
}
