import { hiddenSlot } from '../rules/hidden-slot.ts';
import { boardOf } from './board.ts';
import { rosterSize } from './state.ts';
import { ruleError, type DraftState, type Pool, type PoolPlayer, type RosterRules, type RuleError, type SkipReason } from './types.ts';

/** Players counted at each position: each rostered player counts once, at the position it was slotted. */
export type SlotCounts = Map<string, number>;

/** The first of the player's positions that still has room, or null if none does (unlisted positions have no limit). */
export function slotFor(rules: RosterRules, counts: SlotCounts, positions: readonly string[]): string | null {
  for (const position of positions) {
    const max = rules.maxPerPosition[position];
    if (max === undefined || (counts.get(position) ?? 0) < max) return position;
  }
  return null;
}

/**
 * How a team's roster fills the positions. Keepers were placed before anyone knew the pool, so they are
 * slotted here, first and in draft order, the same way every time; drafted players keep the slot
 * they were given when picked. A keeper that fits nowhere still counts at its primary position.
 */
export function slotCounts(state: DraftState, teamId: string, pool: Pool): SlotCounts {
  const counts: SlotCounts = new Map();
  const add = (position: string) => counts.set(position, (counts.get(position) ?? 0) + 1);
  // Two passes over the team's picks (keepers first), not over the draft's: a pick asks this for every pick.
  const picks = boardOf(state.picks).teamPicks(teamId);
  for (const pick of picks) {
    if (!pick.keeper) continue;
    const positions = pool.get(pick.playerId)?.positions ?? [];
    const slot = slotFor(state.config.rosterRules, counts, positions) ?? positions[0];
    if (slot !== undefined) add(slot);
  }
  for (const pick of picks) {
    if (!pick.keeper && pick.slot !== '') add(pick.slot);
  }
  return counts;
}

/** Where the player would count on this team's roster, or why the roster rules forbid the pick. */
export function rosterCheck(state: DraftState, teamId: string, player: PoolPlayer, pool: Pool): { slot: string } | RuleError {
  const rules = state.config.rosterRules;
  if (rules.total !== undefined && rosterSize(state, teamId) >= rules.total) {
    return ruleError('ROSTER_FULL', `${teamId} already has ${rules.total} players`);
  }
  const slot = slotFor(rules, slotCounts(state, teamId, pool), player.positions);
  if (slot === null) return ruleError('POSITION_FULL', `${teamId} has no room at ${player.positions.join('/') || 'any position'} for ${player.id}`);
  return { slot };
}

/**
 * Positions the team has nobody at yet although the rules allow someone there (unlisted positions and
 * positions limited to 0 are never "needed").
 */
export function emptyPositions(state: DraftState, teamId: string, pool: Pool): string[] {
  const counts = slotCounts(state, teamId, pool);
  return Object.entries(state.config.rosterRules.maxPerPosition)
    .filter(([position, max]) => max > 0 && (counts.get(position) ?? 0) === 0)
    .map(([position]) => position);
}

/**
 * Why the team cannot make any pick now (its roster is at the total, or no player left fits a
 * position it has room at), or null when some player is still legal for it. The same test as
 * `rosterCheck` over the whole pool, so a team is skipped exactly when every pick would be refused.
 */
export function whyNoPick(state: DraftState, teamId: string, pool: Pool): NoPick | null {
  const known = answered.get(state);
  if (known?.teamId === teamId && known.pool === pool) return known.answer;
  const answer = findWhyNoPick(state, teamId, pool);
  answered.set(state, { teamId, pool, answer });
  return answer;
}

type NoPick = { reason: SkipReason; message: string };
/**
 * The last answer for each state, kept on it: a pick asks it for the state after the pick (to skip a stuck
 * team), and the room asks again for the same state when it arms the clock. States are never
 * mutated, so the answer stands.
 */
const answered = hiddenSlot<DraftState, { teamId: string; pool: Pool; answer: NoPick | null }>('whyNoPick');

function findWhyNoPick(state: DraftState, teamId: string, pool: Pool): NoPick | null {
  const rules = state.config.rosterRules;
  if (rules.total !== undefined && rosterSize(state, teamId) >= rules.total) {
    return { reason: 'ROSTER_FULL', message: `${teamId} already has ${rules.total} players` };
  }
  const counts = slotCounts(state, teamId, pool);
  const board = boardOf(state.picks);
  for (const player of backwards(pool)) {
    if (!board.isTaken(player.id) && slotFor(rules, counts, player.positions) !== null) return null;
  }
  return { reason: 'NO_ELIGIBLE_PLAYER', message: `no player left fits a position ${teamId} has room at` };
}

/** Each pool's players in reverse order, kept on the pool (shared by every room of its sport). */
const reversed = hiddenSlot<Pool, readonly PoolPlayer[]>('reversed');

/**
 * The pool's players last to first. A pool is read best-ranked first and drafts take from the front,
 * so whether any player is left for a team is answered near the back at once: from the front, every
 * pick asked it past every player taken so far (a Map lookup each, ~180 at the end of a 12 × 15
 * draft). A pool is never changed once built; one of another size is listed again.
 */
function backwards(pool: Pool): readonly PoolPlayer[] {
  let players = reversed.get(pool);
  if (players?.length !== pool.size) {
    players = [...pool.values()].reverse();
    reversed.set(pool, players);
  }
  return players;
}
