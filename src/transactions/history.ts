import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LeagueTransaction, TRANSACTION_TYPES, type TransactionType } from '../db/entities/index.ts';
import { cursorParts, decodeCursor, encodeCursor } from '../http/cursor.ts';

/** The league transaction log as REST lists it: newest first, by team and type, a page at a time. */

export interface HistoryQuery {
  teamId?: string;
  type?: TransactionType;
  limit: number;
  cursor?: string;
}

const cursorSchema = z.tuple([cursorParts.int]);

export async function listTransactions(em: EntityManager, leagueId: string, query: HistoryQuery) {
  const before = query.cursor ? decodeCursor(query.cursor, cursorSchema)[0] : undefined;
  const rows = await em.find(LeagueTransaction, {
    league: leagueId,
    ...(query.teamId ? { teamIds: { $contains: [query.teamId] } } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(before !== undefined ? { id: { $lt: before } } : {}),
  }, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(transactionView),
    nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1].id]) : null,
  };
}

export function transactionView(row: LeagueTransaction) {
  return {
    id: row.id, type: row.type, actorId: row.actor ?? null, teamIds: row.teamIds, moves: row.moves,
    reason: row.reason ?? null, details: row.details ?? null, at: row.createdAt.toISOString(),
  };
}

export { TRANSACTION_TYPES };
