import type { EntityManager } from '@mikro-orm/postgresql';
import { LeagueTransaction, RosterEntry, Trade, type Acquisition, type RosterMove, type TransactionType } from '../db/entities/index.ts';
import { touchedBy } from './trades.ts';

/**
 * The league transaction log and its projection, the rosters. Every roster change goes through
 * `recordTransaction`, inside the caller's database transaction: the entry is appended and the
 * projection follows it (a stay that ends gets `releasedAt`, it is never deleted), so the log and
 * the rosters commit together or not at all. `replayRosters` folds the log back into rosters:
 * the property tests check it gives exactly the projection.
 */

export interface NewTransaction {
  leagueId: string;
  type: TransactionType;
  /** The user who did it; null for the system. */
  actorId: string | null;
  moves: readonly RosterMove[];
  /** Teams involved besides those the moves name (a trade's, an administration change's). */
  teamIds?: readonly string[];
  reason?: string | null;
  details?: Record<string, unknown> | null;
  at: Date;
  /** How an added player came (defaults from the type); a draft names 'draft', 'auction' or 'keeper' per move. */
  acquiredVia?: Acquisition | ((move: RosterMove) => Acquisition);
  /** The draft (or trade, or claim) an added player came from. */
  sourceId?: string | null;
  /** The trade this entry executes (it is not voided by its own moves). */
  tradeId?: string;
}

const ACQUIRED_VIA: Record<TransactionType, Acquisition> = {
  add: 'free_agent', claim: 'waiver', trade: 'trade', draft: 'draft', commissioner: 'commissioner', drop: 'free_agent', admin: 'commissioner',
};

/** Thrown when a move does not fit the projection: a caller's validation missed it, so the transaction rolls back. */
export class ProjectionMismatch extends Error {}

/** Appends one entry and applies its moves to the rosters, in order; returns the entry's id. */
export async function recordTransaction(tx: EntityManager, entry: NewTransaction): Promise<number> {
  const teamIds = [...new Set([...(entry.teamIds ?? []), ...entry.moves.flatMap((m) => [m.fromTeamId, m.toTeamId]).filter((t): t is string => t !== null)])];
  const id = await tx.insert(LeagueTransaction, {
    league: entry.leagueId, type: entry.type, actor: entry.actorId, teamIds, moves: [...entry.moves],
    reason: entry.reason ?? null, details: entry.details ?? null, createdAt: entry.at,
  }) as number;
  for (const move of entry.moves) {
    if (move.fromTeamId) await release(tx, move, id, entry.at);
    if (move.toTeamId) {
      const via = typeof entry.acquiredVia === 'function' ? entry.acquiredVia(move) : entry.acquiredVia ?? ACQUIRED_VIA[entry.type];
      await tx.insert(RosterEntry, {
        id: crypto.randomUUID(), team: move.toTeamId, player: move.playerId, acquiredVia: via, sourceId: entry.sourceId ?? null,
        acquiredAt: entry.at, acquiredBy: id, releasedAt: null, releasedBy: null,
      });
    }
  }
  await voidTouchedTrades(tx, entry, id);
  return id;
}

/** Open trades whose players this entry moved away cannot happen any more: void, with the reason. */
async function voidTouchedTrades(tx: EntityManager, entry: NewTransaction, id: number): Promise<void> {
  const leaving = entry.moves.filter((m) => m.fromTeamId);
  if (leaving.length === 0) return;
  const open = await tx.find(Trade, { league: entry.leagueId, status: { $in: ['proposed', 'review'] }, ...(entry.tradeId ? { id: { $ne: entry.tradeId } } : {}) });
  for (const trade of open) {
    const terms = { fromTeamId: trade.fromTeam, toTeamId: trade.toTeam, gives: trade.gives, gets: trade.gets, fromDrops: trade.fromDrops, toDrops: trade.toDrops };
    const move = leaving.find((m) => touchedBy(terms, m));
    if (!move) continue;
    const how = move.toTeamId ? `moved to team ${move.toTeamId}` : 'dropped';
    await tx.nativeUpdate(Trade, { id: trade.id }, {
      status: 'void', decidedAt: entry.at, reason: `player ${move.playerId} was ${how} (${entry.type}, transaction ${id})`,
    });
  }
}

async function release(tx: EntityManager, move: RosterMove, id: number, at: Date): Promise<void> {
  const released = await tx.nativeUpdate(RosterEntry, { team: move.fromTeamId!, player: move.playerId, releasedAt: null }, { releasedAt: at, releasedBy: id });
  if (released !== 1) throw new ProjectionMismatch(`player ${move.playerId} is not on team ${move.fromTeamId}`);
}

/**
 * Many entries that each only put one player on a roster (a draft's picks when it completes), in
 * two statements: the entries in one multi-row insert, then their roster rows. Same result as
 * calling recordTransaction for each, in order.
 */
export async function recordArrivals(tx: EntityManager, entries: ReadonlyArray<NewTransaction & { moves: [RosterMove] }>): Promise<number[]> {
  if (entries.length === 0) return [];
  const ids = await tx.insertMany(LeagueTransaction, entries.map((entry) => ({
    league: entry.leagueId, type: entry.type, actor: entry.actorId, teamIds: [entry.moves[0].toTeamId!], moves: [...entry.moves],
    reason: entry.reason ?? null, details: entry.details ?? null, createdAt: entry.at,
  }))) as number[];
  await tx.insertMany(RosterEntry, entries.map((entry, i) => {
    const move = entry.moves[0];
    const via = typeof entry.acquiredVia === 'function' ? entry.acquiredVia(move) : entry.acquiredVia ?? ACQUIRED_VIA[entry.type];
    return {
      id: crypto.randomUUID(), team: move.toTeamId!, player: move.playerId, acquiredVia: via, sourceId: entry.sourceId ?? null,
      acquiredAt: entry.at, acquiredBy: ids[i], releasedAt: null, releasedBy: null,
    };
  }));
  return ids;
}

/**
 * Roster rows written without an entry (the sample data's rosters) get one each, oldest first, as
 * the migration gave the rosters that existed before the log: the log then replays to them.
 */
export async function adoptRosters(em: EntityManager, leagueId: string): Promise<void> {
  const connection = em.getConnection();
  const context = em.getTransactionContext();
  await connection.execute(`insert into league_transactions (league_id, type, actor, team_ids, moves, reason, details, created_at)
    select t.league_id, case when r.acquired_via = 'commissioner' then 'commissioner' else 'draft' end, null, array[r.team_id::text],
      jsonb_build_array(jsonb_build_object('playerId', r.player_id, 'fromTeamId', null, 'toTeamId', r.team_id)),
      null, jsonb_build_object('rosterEntryId', r.id, 'acquiredVia', r.acquired_via), r.acquired_at
    from roster_entries r join teams t on t.id = r.team_id
    where t.league_id = ? and r.acquired_by is null and r.released_at is null
    order by r.acquired_at, r.id`, [leagueId], 'run', context);
  await connection.execute(`update roster_entries r set acquired_by = lt.id from league_transactions lt
    where lt.league_id = ? and r.acquired_by is null and (lt.details->>'rosterEntryId')::uuid = r.id`, [leagueId], 'run', context);
}

/** Team → its players, as the log's moves leave them (the log's order). */
export function replayRosters(entries: ReadonlyArray<{ moves: readonly RosterMove[] }>): Map<string, Set<string>> {
  const rosters = new Map<string, Set<string>>();
  for (const { moves } of entries) {
    for (const move of moves) {
      if (move.fromTeamId) rosters.get(move.fromTeamId)?.delete(move.playerId);
      if (move.toTeamId) {
        if (!rosters.has(move.toTeamId)) rosters.set(move.toTeamId, new Set());
        rosters.get(move.toTeamId)!.add(move.playerId);
      }
    }
  }
  for (const [team, players] of rosters) if (players.size === 0) rosters.delete(team);
  return rosters;
}
