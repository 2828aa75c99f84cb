import type { DraftPickAsset, RosterMove } from '../db/entities/index.ts';
import { ruleError, type RuleError } from '../rules/rule-error.ts';
import { checkAdd, type RosteredPlayer } from './limits.ts';
import { picksProblem, type PickCode } from './picks.ts';
import type { TransactionSettings } from './settings.ts';

/**
 * Trade rules, pure: whether terms can stand against the rosters as they are now (at proposal,
 * at acceptance, and again at execution, when a player traded or dropped meanwhile voids the
 * trade), the moves an executed trade makes, and what an acceptance leads to (review or execution).
 */

export type TradeCode =
  | 'SAME_TEAM' | 'EMPTY_TRADE' | 'PLAYER_NOT_ON_TEAM' | 'DROP_NOT_ON_ROSTER' | 'TRADE_DEADLINE_PASSED' | 'ROSTER_FULL' | 'POSITION_LIMIT' | PickCode;

export interface TradeTerms {
  fromTeamId: string;
  toTeamId: string;
  /** Players the proposing team gives; players it gets. */
  gives: readonly string[];
  gets: readonly string[];
  /** Players each side drops at execution to stay within the roster limits. */
  fromDrops: readonly string[];
  toDrops: readonly string[];
  /** Future draft picks the proposing team gives; those it gets. */
  givesPicks: readonly DraftPickAsset[];
  getsPicks: readonly DraftPickAsset[];
}

export interface TradeContext {
  rosters: ReadonlyMap<string, readonly RosteredPlayer[]>;
  /** The players the trade moves (with their positions). */
  players: ReadonlyMap<string, RosteredPlayer>;
  settings: Pick<TransactionSettings, 'roster' | 'trades'>;
  /** Pick → the team holding it (src/transactions/picks.ts), for the seasons that can be traded. */
  pickHolders: ReadonlyMap<string, string>;
  now: number;
}

export function deadlinePassed(trades: TransactionSettings['trades'], now: number): RuleError<TradeCode> | null {
  if (trades.deadline && now > Date.parse(trades.deadline)) return ruleError('TRADE_DEADLINE_PASSED', `the trade deadline (${trades.deadline}) has passed`);
  return null;
}

/** Why the terms cannot stand against the rosters now, or null. */
export function termsProblem(terms: TradeTerms, ctx: TradeContext): RuleError<TradeCode> | null {
  if (terms.fromTeamId === terms.toTeamId) return ruleError('SAME_TEAM', 'a team cannot trade with itself');
  if (terms.gives.length + terms.gets.length + terms.givesPicks.length + terms.getsPicks.length === 0) {
    return ruleError('EMPTY_TRADE', 'a trade moves at least one player or draft pick');
  }
  const late = deadlinePassed(ctx.settings.trades, ctx.now);
  if (late) return late;
  const on = (teamId: string, playerId: string) => (ctx.rosters.get(teamId) ?? []).some((p) => p.id === playerId);
  for (const [teamId, players] of [[terms.fromTeamId, terms.gives], [terms.toTeamId, terms.gets]] as const) {
    const gone = players.find((playerId) => !on(teamId, playerId));
    if (gone) return ruleError('PLAYER_NOT_ON_TEAM', `player ${gone} is no longer on team ${teamId}`);
  }
  for (const [teamId, drops, traded] of [[terms.fromTeamId, terms.fromDrops, terms.gives], [terms.toTeamId, terms.toDrops, terms.gets]] as const) {
    const gone = drops.find((playerId) => !on(teamId, playerId) || traded.includes(playerId));
    if (gone) return ruleError('DROP_NOT_ON_ROSTER', `player ${gone} is not on team ${teamId} to drop (or is traded away)`);
  }
  return picksProblem(ctx.pickHolders, [[terms.fromTeamId, terms.givesPicks], [terms.toTeamId, terms.getsPicks]]);
}

/** termsProblem, then each side's roster limits after the trade (with its drops). */
export function executionProblem(terms: TradeTerms, ctx: TradeContext): RuleError<TradeCode> | null {
  const problem = termsProblem(terms, ctx);
  if (problem) return problem;
  const player = (id: string) => ctx.players.get(id) ?? { id, positions: [] };
  for (const [teamId, outgoing, incoming, drops] of [
    [terms.fromTeamId, terms.gives, terms.gets, terms.fromDrops], [terms.toTeamId, terms.gets, terms.gives, terms.toDrops],
  ] as const) {
    const kept = (ctx.rosters.get(teamId) ?? []).filter((p) => !outgoing.includes(p.id));
    const breach = checkAdd(kept, incoming.map(player), drops, ctx.settings.roster);
    if (breach) return ruleError(breach.code, `team ${teamId}: ${breach.message}`);
  }
  return null;
}

/** The moves of an executed trade: the drops first, then the players both ways. */
export function tradeMoves(terms: TradeTerms): RosterMove[] {
  return [
    ...terms.fromDrops.map((playerId) => ({ playerId, fromTeamId: terms.fromTeamId, toTeamId: null })),
    ...terms.toDrops.map((playerId) => ({ playerId, fromTeamId: terms.toTeamId, toTeamId: null })),
    ...terms.gives.map((playerId) => ({ playerId, fromTeamId: terms.fromTeamId, toTeamId: terms.toTeamId })),
    ...terms.gets.map((playerId) => ({ playerId, fromTeamId: terms.toTeamId, toTeamId: terms.fromTeamId })),
  ];
}

/** After the other team accepts: executed at once (no review) or into review until approved, vetoed or the window ends. */
export function afterAcceptance(trades: TransactionSettings['trades'], now: number): { status: 'executed' | 'review'; reviewEndsAt: number | null } {
  if (trades.review === 'none') return { status: 'executed', reviewEndsAt: null };
  if (trades.review === 'commissioner') return { status: 'review', reviewEndsAt: null };
  return { status: 'review', reviewEndsAt: now + trades.reviewHours * 3_600_000 };
}

/** A trade whose players include one that left his team: voided, naming him. */
export function touchedBy(terms: Omit<TradeTerms, 'givesPicks' | 'getsPicks'>, move: RosterMove): boolean {
  if (!move.fromTeamId) return false;
  if (move.fromTeamId === terms.fromTeamId) return terms.gives.includes(move.playerId) || terms.fromDrops.includes(move.playerId);
  if (move.fromTeamId === terms.toTeamId) return terms.gets.includes(move.playerId) || terms.toDrops.includes(move.playerId);
  return false;
}
