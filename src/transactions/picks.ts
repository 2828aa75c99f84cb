import type { DraftPickAsset } from '../db/entities/index.ts';
import type { TradedPick } from '../draft/types.ts';
import { ruleError, type RuleError } from '../rules/rule-error.ts';

/**
 * Future draft picks as trade assets, pure. Every team starts with its own pick in each round of
 * each open season; an executed trade moves picks and its log entry names them (`PickMove`), so
 * who holds a pick now is the fold of the log's pick moves over that start, as rosters are the
 * fold of its player moves. A draft later created for a season honours the picks as traded
 * picks (`draftTradedPicks`): the slot stays where the original team's pick falls, its new
 * holder makes it.
 */

/** Seasons ahead, this year's included, whose picks can be traded (as Sleeper: this year and the next two). */
export const PICK_SEASONS_AHEAD = 3;

/** A pick changing hands in an executed trade (stored in the trade's log entry, `details.picks`). */
export interface PickMove extends DraftPickAsset {
  fromTeamId: string;
  toTeamId: string;
}

/** The picks that can be traded: seasons not drafted yet, rounds of the league's drafts. */
export interface PickWindow {
  seasons: readonly number[];
  rounds: number;
}

export type PickCode = 'PICK_NOT_OWNED' | 'DUPLICATE_PICK';

export const pickKey = (pick: DraftPickAsset): string => `${pick.season}:${pick.round}:${pick.originalTeamId}`;

/**
 * The open seasons from `year` on: PICK_SEASONS_AHEAD of them, less those the league has a draft
 * for already (their picks were made or are being made).
 */
export function pickWindow(year: number, drafted: ReadonlySet<number>, rounds: number): PickWindow {
  const seasons = Array.from({ length: PICK_SEASONS_AHEAD }, (_, i) => year + i).filter((season) => !drafted.has(season));
  return { seasons, rounds };
}

/**
 * Pick (by pickKey) → the team holding it: each team's own picks of `seasons` × rounds 1..`rounds`,
 * then the log's pick moves in order (a move of a pick outside them is ignored).
 */
export function pickHolders(teamIds: readonly string[], seasons: readonly number[], rounds: number, moves: readonly PickMove[]): Map<string, string> {
  const holders = new Map<string, string>();
  for (const season of seasons) {
    for (let round = 1; round <= rounds; round++) {
      for (const originalTeamId of teamIds) holders.set(pickKey({ season, round, originalTeamId }), originalTeamId);
    }
  }
  for (const move of moves) {
    const key = pickKey(move);
    if (holders.has(key)) holders.set(key, move.toTeamId);
  }
  return holders;
}

/** The picks a team holds, by season, round, then original team. */
export function heldPicks(holders: ReadonlyMap<string, string>, teamId: string): DraftPickAsset[] {
  return [...holders].filter(([, holder]) => holder === teamId).map(([key]) => {
    const [season, round, originalTeamId] = key.split(':');
    return { season: Number(season), round: Number(round), originalTeamId };
  }).sort((a, b) => a.season - b.season || a.round - b.round || a.originalTeamId.localeCompare(b.originalTeamId));
}

/** Why a side cannot give these picks (one it does not hold, or one named twice), or null. */
export function picksProblem(holders: ReadonlyMap<string, string>, sides: ReadonlyArray<[teamId: string, picks: readonly DraftPickAsset[]]>): RuleError<PickCode> | null {
  const named = new Set<string>();
  for (const [teamId, picks] of sides) {
    for (const pick of picks) {
      const key = pickKey(pick);
      if (named.has(key)) return ruleError('DUPLICATE_PICK', `the ${describePick(pick)} is named twice`);
      named.add(key);
      if (holders.get(key) !== teamId) return ruleError('PICK_NOT_OWNED', `team ${teamId} does not hold the ${describePick(pick)}`);
    }
  }
  return null;
}

export function describePick(pick: DraftPickAsset): string {
  return `${pick.season} round ${pick.round} pick of team ${pick.originalTeamId}`;
}

/** The pick moves of an executed trade: what the proposing team gives, then what it gets. */
export function tradePickMoves(fromTeamId: string, toTeamId: string, gives: readonly DraftPickAsset[], gets: readonly DraftPickAsset[]): PickMove[] {
  return [
    ...gives.map((pick) => ({ ...pickOf(pick), fromTeamId, toTeamId })),
    ...gets.map((pick) => ({ ...pickOf(pick), fromTeamId: toTeamId, toTeamId: fromTeamId })),
  ];
}

const pickOf = ({ season, round, originalTeamId }: DraftPickAsset): DraftPickAsset => ({ season, round, originalTeamId });

/**
 * A new draft's traded picks for `season`: every pick of a round the draft has whose holder is not
 * its original team (a pick traded back home is no trade). Teams not in the draft are left out.
 */
export function draftTradedPicks(season: number, rounds: number, order: readonly string[], moves: readonly PickMove[]): TradedPick[] {
  const holders = pickHolders(order, [season], rounds, moves);
  return [...holders].flatMap(([key, holder]) => {
    const [, round, originalTeamId] = key.split(':');
    return holder === originalTeamId ? [] : [{ round: Number(round), fromTeamId: originalTeamId, toTeamId: holder }];
  }).sort((a, b) => a.round - b.round || a.fromTeamId.localeCompare(b.fromTeamId));
}

/** Whether a trade names a pick that a move just took from its side. */
export function pickTouched(trade: { fromTeam: string; toTeam: string; givesPicks: readonly DraftPickAsset[]; getsPicks: readonly DraftPickAsset[] }, move: PickMove): boolean {
  const key = pickKey(move);
  if (move.fromTeamId === trade.fromTeam) return trade.givesPicks.some((p) => pickKey(p) === key);
  if (move.fromTeamId === trade.toTeam) return trade.getsPicks.some((p) => pickKey(p) === key);
  return false;
}
