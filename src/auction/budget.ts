import { slotFor } from '../draft/roster.ts';
import { ruleError, type AuctionState, type Pool, type PoolPlayer, type RuleError } from './types.ts';

/**
 * What a team can still afford and hold. The one money rule: a team always keeps minBid for every
 * open slot after the one being bid on, so it can always fill its roster.
 */

/** Roster slots the team has not filled yet (0 for a team not in the auction). */
export function openSlots(state: AuctionState, teamId: string): number {
  const team = state.teams[teamId];
  return team ? Math.max(0, state.config.rosterSlots - team.won.length) : 0;
}

/** The most the team may bid now: its budget less minBid for each other open slot; 0 with a full roster. */
export function maxBid(state: AuctionState, teamId: string): number {
  const open = openSlots(state, teamId);
  return open === 0 ? 0 : state.teams[teamId].budget - (open - 1) * state.config.minBid;
}

/** Whether the team takes its turn to nominate: it has a slot to fill and can pay the opening bid. */
export function canNominate(state: AuctionState, teamId: string): boolean {
  return openSlots(state, teamId) > 0 && maxBid(state, teamId) >= state.config.minBid;
}

/** Players counted at each position: each bought player counts at the first of its positions with room, in buying order. */
export function slotCounts(state: AuctionState, teamId: string, pool: Pool): Map<string, number> {
  const counts = new Map<string, number>();
  const rules = state.config.rosterRules;
  if (!rules) return counts;
  for (const bought of state.teams[teamId]?.won ?? []) {
    const positions = pool.get(bought.playerId)?.positions ?? [];
    const slot = slotFor(rules, counts, positions) ?? positions[0];
    if (slot !== undefined) counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  return counts;
}

/** Whether the position limits leave the team room for the player (always, without roster rules). */
export function hasRoomFor(state: AuctionState, teamId: string, player: PoolPlayer, pool: Pool, counts = slotCounts(state, teamId, pool)): boolean {
  const rules = state.config.rosterRules;
  return !rules || slotFor(rules, counts, player.positions) !== null;
}

export function rosterCheck(state: AuctionState, teamId: string, player: PoolPlayer, pool: Pool): RuleError | null {
  return hasRoomFor(state, teamId, player, pool)
    ? null
    : ruleError('POSITION_FULL', `${teamId} has no room at ${player.positions.join('/') || 'any position'} for ${player.id}`);
}
