/**
 * Telling a league what a committed trade or waiver run did: a notice to every client of the
 * league's live room (rooms/LeagueLiveRoom.ts, through src/live/publisher.ts) and a stored
 * notification to each manager it concerns (src/notifications/). Claims are private to their team
 * until processed and stay so: the room hears only the claims that won (the moves the public log
 * shows anyway); a team's own notification lists all of its claims, lost ones and bids included.
 * Both are safe to repeat (a retried job): notifications are keyed, a repeated notice changes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Team, type DraftPickAsset } from '../db/entities/index.ts';
import { leagueTopic, publishLive, type LeagueNoticeEvent } from '../live/publisher.ts';
import { notify } from '../notifications/service.ts';
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

/** After an executed trade is committed: the league's room, and both managers. */
export async function announceTrade(em: EntityManager, trade: ExecutedTrade): Promise<void> {
  const { id, leagueId, transactionId, fromTeamId, toTeamId, gives, gets, fromDrops, toDrops, givesPicks, getsPicks } = trade;
  const notice: TradeNotice = { kind: 'trade', tradeId: id, transactionId, fromTeamId, toTeamId, gives, gets, fromDrops, toDrops, givesPicks, getsPicks };
  await pushNotice(leagueId, notice);
  for (const [teamId, userId] of await owners(em, [fromTeamId, toTeamId])) {
    await notify(em, userId, 'tradeExecuted', { leagueId, teamId, ...notice }, { key: `trade:${id}:executed:${teamId}` });
  }
}

/** After a waiver run is committed: the winning claims to the league's room, each team's own claims to its manager. */
export async function announceWaiverRun(em: EntityManager, leagueId: string, runId: string, outcomes: readonly ClaimOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const awarded = outcomes.filter((o) => o.status === 'won').map(({ teamId, playerId, dropPlayerId }) => ({ teamId, playerId, dropPlayerId }));
  await pushNotice(leagueId, { kind: 'waivers', runId, awarded });
  const teamIds = [...new Set(outcomes.map((o) => o.teamId))];
  for (const [teamId, userId] of await owners(em, teamIds)) {
    const claims = outcomes.filter((o) => o.teamId === teamId);
    await notify(em, userId, 'waiverResult', { leagueId, runId, teamId, claims }, { key: `waivers:${runId}:${teamId}` });
  }
}
