import { pickLabel, type DraftPick } from './picks.ts';

/**
 * Readable text for the league room's `transaction` message and the user's notifications
 * (PROTOCOL "League room", "Notifications"), with ids of teams and players named.
 */
export interface Names { team: (teamId: string) => string; player: (playerId: string) => string }

interface TradeTerms { fromTeamId: string; toTeamId: string; gives: string[]; gets: string[]; givesPicks?: DraftPick[]; getsPicks?: DraftPick[] }
export type TransactionNotice =
  | ({ kind: 'trade'; tradeId: string; transactionId: number } & TradeTerms)
  | { kind: 'waivers'; runId: string; awarded: Array<{ teamId: string; playerId: string; dropPlayerId: string | null }> };
interface ClaimOutcome { teamId: string; playerId: string; status: string; reason: string | null; bid: number | null }

const KIND_TEXT: Record<string, string> = {
  draftStarting: 'Your draft starts soon', onTheClock: 'You are on the clock', lineupNotSet: 'Your lineup is not set',
  periodFinal: 'A scoring period is final', playoffResult: 'Playoff result',
};

const list = (items: string[]) => (items.length === 0 ? 'nothing' : items.join(', '));

/** "Team 1 sends Joe Back, 2027 round 1 (Team 1's) to Team 2 for Al Wide". */
export function tradeText(trade: TradeTerms, names: Names): string {
  const assets = (players: string[], picks: DraftPick[] = []) => list([...players.map(names.player), ...picks.map((p) => pickLabel(p, names.team))]);
  return `${names.team(trade.fromTeamId)} sends ${assets(trade.gives, trade.givesPicks)} to ${names.team(trade.toTeamId)} for ${assets(trade.gets, trade.getsPicks)}`;
}

/** A `transaction` message: an executed trade, or a waiver run's winning claims. */
export function transactionText(notice: TransactionNotice, names: Names): string {
  if (notice.kind === 'trade') return `Trade: ${tradeText(notice, names)}`;
  if (notice.awarded.length === 0) return 'Waivers settled: no claim won';
  return `Waivers: ${notice.awarded.map((a) => `${names.team(a.teamId)} claims ${names.player(a.playerId)}${a.dropPlayerId ? ` (drops ${names.player(a.dropPlayerId)})` : ''}`).join('; ')}`;
}

/** A notification's line: its kind in words, with the trade's terms or the claims' outcomes. */
export function notificationText(kind: string, payload: Record<string, unknown>, names: Names): string {
  if (kind === 'tradeExecuted') return `Trade executed: ${tradeText(payload as unknown as TradeTerms, names)}`;
  if (kind === 'waiverResult') {
    const claims = (payload.claims ?? []) as ClaimOutcome[];
    return `Waiver results: ${list(claims.map((c) => `${names.player(c.playerId)} ${c.status}${c.bid !== null && c.bid !== undefined ? ` ($${c.bid})` : ''}`))}`;
  }
  return KIND_TEXT[kind] ?? kind;
}
