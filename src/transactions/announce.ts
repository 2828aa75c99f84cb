/**
 * Telling a league what a committed trade or waiver run did: a notice to every client of the
 * league's live room (rooms/LeagueLiveRoom.ts, through src/live/publisher.ts) and a stored
 * notification to each manager it concerns (src/notifications/). Claims are private to their team
 * until processed and stay so: the room hears only the claims that won (the moves the public log
 * shows anyway); a team's own notification lists all of its claims, lost ones and bids included.
 * The notifications are stored in the transaction of the change they report; the pushes follow
 * its commit. Both are safe to repeat (a retried job): notifications are keyed, a repeated notice
 * changes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Team, type DraftPickAsset } from '../db/entities/index.ts';
import { leagueTopic, publishLive, type LeagueNoticeEvent } from '../live/publisher.ts';
import { pushNotification, storeNotification, type StoredNotification } from '../notifications/service.ts';
import type { ClaimOutcome } from './waivers.ts';

export interface TradeNotice {
  kind: 'trade';
  tradeId: string;
  transactionId: number;
  fromTeamId: string;
  toTeamId: string;
  gives: string[];
  gets: string[];
  fromDrops: string[];
  toDrops: string[];
  givesPicks: DraftPickAsset[];
  getsPicks: DraftPickAsset[];
}

export interface WaiverNotice {
  kind: 'waivers';
  runId: string;
  /** The winning claims, in the order applied: who got whom, and whom he dropped. */
  awarded: Array<{ teamId: string; playerId: string; dropPlayerId: string | null }>;
}

export type LeagueNotice = TradeNotice | WaiverNotice;

/** An executed trade (as trade-service's execute returns it). */
export interface ExecutedTrade extends Omit<TradeNotice, 'kind' | 'tradeId'> {
  id: string;
  leagueId: string;
}

async function owners(em: EntityManager, teamIds: string[]): Promise<Map<string, string>> {
  const teams = await em.find(Team, { id: { $in: teamIds }, owner: { $ne: null } }, { fields: ['id', 'owner'], disableIdentityMap: true });
  return new Map(teams.map((t) => [t.id, t.owner!]));
}

function pushNotice(leagueId: string, notice: LeagueNotice): Promise<void> {
  return publishLive(leagueTopic(leagueId), { type: 'transaction', at: Date.now(), notice } satisfies LeagueNoticeEvent);
}

/**
 * Both managers' notifications of an executed trade, stored in the transaction that executes it:
 * they commit with it, so a crash after the commit loses only the live pushes.
 */
export async function storeTradeNotifications(tx: EntityManager, trade: ExecutedTrade): Promise<StoredNotification[]> {
  const notice = tradeNotice(trade);
  const stored: StoredNotification[] = [];
  for (const [teamId, userId] of await owners(tx, [trade.fromTeamId, trade.toTeamId])) {
    const view = await storeNotification(tx, userId, 'tradeExecuted', { leagueId: trade.leagueId, teamId, ...notice }, { key: `trade:${trade.id}:executed:${teamId}` });
    if (view) stored.push({ userId, view });
  }
  return stored;
}

/** After an executed trade is committed: the league's room hears of it, its managers' notifications are pushed. */
export async function announceTrade(trade: ExecutedTrade, stored: readonly StoredNotification[]): Promise<void> {
  await pushNotice(trade.leagueId, tradeNotice(trade));
  for (const notification of stored) await pushNotification(notification);
}

function tradeNotice(trade: ExecutedTrade): TradeNotice {
  const { id, transactionId, fromTeamId, toTeamId, gives, gets, fromDrops, toDrops, givesPicks, getsPicks } = trade;
  return { kind: 'trade', tradeId: id, transactionId, fromTeamId, toTeamId, gives, gets, fromDrops, toDrops, givesPicks, getsPicks };
}

/**
 * Each team's own claims of a waiver run, to its manager: stored in the run's transaction (see
 * storeTradeNotifications), so the in-process runner losing the job after the commit loses no result.
 */
export async function storeWaiverNotifications(tx: EntityManager, leagueId: string, runId: string, outcomes: readonly ClaimOutcome[]): Promise<StoredNotification[]> {
  const stored: StoredNotification[] = [];
  for (const [teamId, userId] of await owners(tx, [...new Set(outcomes.map((o) => o.teamId))])) {
    const claims = outcomes.filter((o) => o.teamId === teamId);
    const view = await storeNotification(tx, userId, 'waiverResult', { leagueId, runId, teamId, claims }, { key: `waivers:${runId}:${teamId}` });
    if (view) stored.push({ userId, view });
  }
  return stored;
}

/** After a waiver run is committed: the winning claims to the league's room, and the stored notifications pushed. */
export async function announceWaiverRun(leagueId: string, runId: string, outcomes: readonly ClaimOutcome[], stored: readonly StoredNotification[]): Promise<void> {
  if (outcomes.length === 0) return;
  const awarded = outcomes.filter((o) => o.status === 'won').map(({ teamId, playerId, dropPlayerId }) => ({ teamId, playerId, dropPlayerId }));
  await pushNotice(leagueId, { kind: 'waivers', runId, awarded });
  for (const notification of stored) await pushNotification(notification);
}
