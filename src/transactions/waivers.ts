import { checkAdd, type RosteredPlayer } from './limits.ts';
import type { TransactionSettings } from './settings.ts';

/**
 * The waiver run, pure: which pending claims win, which lose and why, the waiver order and the
 * FAAB spent afterwards. Deterministic: the same inputs give the same result whatever order the
 * claims were read in (each is sorted here), so a retried run decides as the first one did.
 *
 * - Priority waivers (rolling, reverse standings): the team first in the order with a claim left
 *   has its earliest claim settled; a win sends a rolling team to the end of the order.
 * - FAAB: claims by bid, highest first; equal bids go to the team first in the order (which,
 *   rolling, a win sends to the end). A bid beyond what the team has left after earlier wins in
 *   the same run fails.
 * - Every claim is checked against the rosters as the run has left them so far: the player still
 *   free (one won and dropped again in this run is not), the drop still on the roster, the roster
 *   limits (with the drop).
 */

export type ClaimOutcomeCode =
  | 'CLAIMED_BY_OTHER' | 'PLAYER_TAKEN' | 'DROP_NOT_ON_ROSTER' | 'INSUFFICIENT_BUDGET' | 'ROSTER_FULL' | 'POSITION_LIMIT';

export interface PendingClaim {
  id: string;
  teamId: string;
  playerId: string;
  dropPlayerId: string | null;
  bid: number | null;
  createdAt: number;
}

export interface WaiverRunInput {
  settings: Pick<TransactionSettings, 'waivers' | 'roster'>;
  /** Team ids, first claim first: the rolling order, or the reverse standings. */
  order: readonly string[];
  rosters: ReadonlyMap<string, readonly RosteredPlayer[]>;
  /** Player → the team holding him before the run. */
  holder: ReadonlyMap<string, string>;
  /** The claimed players, with their positions. */
  players: ReadonlyMap<string, RosteredPlayer>;
  /** FAAB a team has left before the run. */
  budgetLeft: ReadonlyMap<string, number>;
  /** Claims of the players whose waivers clear in this run. */
  claims: readonly PendingClaim[];
}

export interface ClaimOutcome {
  claimId: string;
  teamId: string;
  playerId: string;
  status: 'won' | 'lost' | 'failed';
  reason: ClaimOutcomeCode | null;
  bid: number | null;
  dropPlayerId: string | null;
}

export interface WaiverRunResult {
  /** In the order settled: the wins are applied to the rosters in this order. */
  outcomes: ClaimOutcome[];
  order: string[];
  spent: Map<string, number>;
}

const byAge = (a: PendingClaim, b: PendingClaim) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

export function runWaivers(input: WaiverRunInput): WaiverRunResult {
  const run = new RunState(input);
  const pending = [...input.claims].sort(byAge);
  if (input.settings.waivers.type === 'faab') {
    while (pending.length > 0) {
      const rank = (teamId: string) => run.order.indexOf(teamId);
      pending.sort((a, b) => (b.bid ?? 0) - (a.bid ?? 0) || rank(a.teamId) - rank(b.teamId) || byAge(a, b));
      run.settle(pending.shift()!);
    }
  } else {
    while (pending.length > 0) {
      const team = run.order.find((teamId) => pending.some((c) => c.teamId === teamId))
        ?? pending[0].teamId; // a team outside the order (added since) comes last
      const next = pending.findIndex((c) => c.teamId === team);
      run.settle(pending.splice(next, 1)[0]);
    }
  }
  return { outcomes: run.outcomes, order: run.order, spent: run.spent };
}

class RunState {
  readonly outcomes: ClaimOutcome[] = [];
  readonly order: string[];
  readonly spent = new Map<string, number>();
  private readonly rosters: Map<string, RosteredPlayer[]>;
  private readonly holder: Map<string, string>;
  private readonly input: WaiverRunInput;

  constructor(input: WaiverRunInput) {
    this.input = input;
    this.order = [...input.order];
    this.rosters = new Map([...input.rosters].map(([team, roster]) => [team, [...roster]]));
    this.holder = new Map(input.holder);
  }

  settle(claim: PendingClaim): void {
    const reason = this.refusal(claim);
    const base = { claimId: claim.id, teamId: claim.teamId, playerId: claim.playerId, bid: claim.bid, dropPlayerId: claim.dropPlayerId };
    if (reason) {
      this.outcomes.push({ ...base, status: reason === 'CLAIMED_BY_OTHER' ? 'lost' : 'failed', reason });
      return;
    }
    this.award(claim);
    this.outcomes.push({ ...base, status: 'won', reason: null });
  }

  private refusal(claim: PendingClaim): ClaimOutcomeCode | null {
    const holder = this.holder.get(claim.playerId);
    if (holder) return this.input.holder.get(claim.playerId) === holder ? 'PLAYER_TAKEN' : 'CLAIMED_BY_OTHER';
    const roster = this.rosters.get(claim.teamId) ?? [];
    if (claim.dropPlayerId && !roster.some((p) => p.id === claim.dropPlayerId)) return 'DROP_NOT_ON_ROSTER';
    if (this.faab && (claim.bid ?? 0) > this.budgetLeft(claim.teamId)) return 'INSUFFICIENT_BUDGET';
    const player = this.input.players.get(claim.playerId) ?? { id: claim.playerId, positions: [] };
    return checkAdd(roster, [player], claim.dropPlayerId ? [claim.dropPlayerId] : [], this.input.settings.roster)?.code ?? null;
  }

  private award(claim: PendingClaim): void {
    const roster = (this.rosters.get(claim.teamId) ?? []).filter((p) => p.id !== claim.dropPlayerId);
    roster.push(this.input.players.get(claim.playerId) ?? { id: claim.playerId, positions: [] });
    this.rosters.set(claim.teamId, roster);
    // A player a win drops stays taken for the rest of the run: he goes on waivers anew, and the
    // claims on him in this run lost to the win that brought him here (or found him rostered).
    this.holder.set(claim.playerId, claim.teamId);
    if (this.faab) this.spent.set(claim.teamId, (this.spent.get(claim.teamId) ?? 0) + (claim.bid ?? 0));
    // Rolling (and FAAB's tie order): the winner goes to the end. Reverse standings stay as they are.
    if (this.input.settings.waivers.type !== 'reverse-standings') {
      const at = this.order.indexOf(claim.teamId);
      if (at >= 0) this.order.splice(at, 1);
      this.order.push(claim.teamId);
    }
  }

  private get faab(): boolean {
    return this.input.settings.waivers.type === 'faab';
  }

  private budgetLeft(teamId: string): number {
    return (this.input.budgetLeft.get(teamId) ?? 0) - (this.spent.get(teamId) ?? 0);
  }
}
