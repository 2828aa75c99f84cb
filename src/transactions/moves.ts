import type { EntityManager } from '@mikro-orm/postgresql';
import { WaiverClaim, WaiverPlayer, type RosterMove } from '../db/entities/index.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { roleIn } from '../leagues/access.ts';
import { leaguePlayers, openBook, refused, requireActive, type LeagueBook } from './book.ts';
import { checkAdd } from './limits.ts';
import { recordTransaction } from './log.ts';
import { waiverClearsAt } from './settings.ts';

/**
 * Roster moves of a manager (free-agent adds, drops) and of the commissioner, each one database
 * transaction under the league's lock: validate against the rosters as they are, append the log
 * entry, update the projection. Dropped players go on waivers (settings.waivers.periodDays).
 */

export interface MoveResult {
  transactionId: number;
  moves: RosterMove[];
  /** When the players dropped here clear waivers (the waiver run to schedule), if any went on them. */
  waiverRunAt: Date | null;
}

/** The team, if the user manages it; 403 otherwise (the commissioner acts through his own routes). */
export function ownTeam(book: LeagueBook, teamId: string, userId: string) {
  const team = book.teams.find((t) => t.id === teamId);
  if (!team) throw notFound('Team');
  if (team.owner !== userId) throw forbidden('Only the manager of this team may do that');
  return team;
}

export function requireOnRoster(book: LeagueBook, teamId: string, playerId: string, code = 'NOT_ON_ROSTER'): void {
  if (book.holder.get(playerId) !== teamId) throw new AppError(409, code, `Player ${playerId} is not on that team's roster`, { playerId });
}

/** Puts dropped players on waivers; returns when they clear (null when the league has no waiver period). */
export function placeOnWaivers(tx: EntityManager, book: LeagueBook, drops: ReadonlyArray<{ playerId: string; teamId: string }>, at: Date): Date | null {
  if (drops.length === 0 || book.settings.waivers.periodDays === 0) return null;
  const clearsAt = new Date(waiverClearsAt(book.settings.waivers, at.getTime()));
  for (const drop of drops) {
    tx.create(WaiverPlayer, { league: book.league.id, player: drop.playerId, fromTeam: drop.teamId, clearsAt, status: 'waiting' });
  }
  return clearsAt;
}

export interface AddInput {
  leagueId: string;
  teamId: string;
  userId: string;
  playerId: string;
  dropPlayerId?: string;
  now: number;
}

/** A manager adds a free agent (unowned, not on waivers) at once, dropping a player if the limits need it. */
export function addFreeAgent(em: EntityManager, input: AddInput): Promise<MoveResult> {
  return em.transactional(async (tx) => {
    const book = await openBook(tx, input.leagueId);
    ownTeam(book, input.teamId, input.userId);
    requireActive(book);
    const players = await leaguePlayers(tx, book, [input.playerId], 'playerId');
    const holder = book.holder.get(input.playerId);
    if (holder) throw new AppError(409, holder === input.teamId ? 'ALREADY_ON_ROSTER' : 'PLAYER_TAKEN', 'That player is on a roster already');
    if (book.onWaivers.has(input.playerId)) {
      throw new AppError(409, 'ON_WAIVERS', `That player is on waivers until ${book.onWaivers.get(input.playerId)!.clearsAt.toISOString()}: claim him instead`);
    }
    const drops = input.dropPlayerId ? [input.dropPlayerId] : [];
    for (const drop of drops) requireOnRoster(book, input.teamId, drop, 'DROP_NOT_ON_ROSTER');
    const breach = checkAdd(book.rosters.get(input.teamId)!, [players.get(input.playerId)!], drops, book.settings.roster);
    if (breach) throw refused(breach);
    const at = new Date(input.now);
    const moves: RosterMove[] = [
      ...drops.map((playerId) => ({ playerId, fromTeamId: input.teamId, toTeamId: null })),
      { playerId: input.playerId, fromTeamId: null, toTeamId: input.teamId },
    ];
    const transactionId = await recordTransaction(tx, { leagueId: input.leagueId, type: 'add', actorId: input.userId, moves, at });
    const waiverRunAt = placeOnWaivers(tx, book, drops.map((playerId) => ({ playerId, teamId: input.teamId })), at);
    return { transactionId, moves, waiverRunAt };
  });
}

/** A manager drops a player: he goes on waivers. */
export function dropPlayer(em: EntityManager, input: Omit<AddInput, 'dropPlayerId'>): Promise<MoveResult> {
  return em.transactional(async (tx) => {
    const book = await openBook(tx, input.leagueId);
    ownTeam(book, input.teamId, input.userId);
    requireActive(book);
    requireOnRoster(book, input.teamId, input.playerId);
    const at = new Date(input.now);
    const moves: RosterMove[] = [{ playerId: input.playerId, fromTeamId: input.teamId, toTeamId: null }];
    const transactionId = await recordTransaction(tx, { leagueId: input.leagueId, type: 'drop', actorId: input.userId, moves, at });
    const waiverRunAt = placeOnWaivers(tx, book, [{ playerId: input.playerId, teamId: input.teamId }], at);
    return { transactionId, moves, waiverRunAt };
  });
}

export interface CommissionerInput {
  leagueId: string;
  teamId: string;
  userId: string;
  now: number;
  reason?: string;
}

async function commissionersBook(tx: EntityManager, input: CommissionerInput): Promise<LeagueBook> {
  const book = await openBook(tx, input.leagueId);
  if ((await roleIn(tx, input.leagueId, input.userId)) !== 'commissioner') throw forbidden('Only the commissioner of this league may do that');
  if (!book.teams.some((t) => t.id === input.teamId)) throw notFound('Team');
  requireActive(book);
  return book;
}

/**
 * Commissioner move: puts players on a team, whoever held them before nobody (a player on another
 * team of the league is a 409 naming him); players on waivers come off them, and the pending
 * claims on them fail (PLAYER_TAKEN), as a run would have failed them. Players already on
 * the team are not added twice. Roster limits apply as to any add.
 */
export function commissionerAdd(em: EntityManager, input: CommissionerInput & { playerIds: string[] }): Promise<MoveResult & { added: number }> {
  return em.transactional(async (tx) => {
    const book = await commissionersBook(tx, input);
    const players = await leaguePlayers(tx, book, input.playerIds, 'playerIds');
    const unique = [...new Set(input.playerIds)];
    const elsewhere = unique.filter((id) => book.holder.has(id) && book.holder.get(id) !== input.teamId);
    if (elsewhere.length > 0) throw new AppError(409, 'CONFLICT', 'Players already on another team of this league', { playerIds: elsewhere });
    const adds = unique.filter((id) => !book.holder.has(id));
    const breach = checkAdd(book.rosters.get(input.teamId)!, adds.map((id) => players.get(id)!), [], book.settings.roster);
    if (breach) throw refused(breach);
    if (adds.length === 0) return { transactionId: 0, moves: [], waiverRunAt: null, added: 0 };
    const moves = adds.map((playerId) => ({ playerId, fromTeamId: null, toTeamId: input.teamId }));
    const at = new Date(input.now);
    const transactionId = await recordTransaction(tx, { leagueId: input.leagueId, type: 'commissioner', actorId: input.userId, moves, at, reason: input.reason ?? null });
    await takeOffWaivers(tx, book, adds, at);
    return { transactionId, moves, waiverRunAt: null, added: adds.length };
  });
}

/**
 * Players who join a roster other than by a waiver run (the commissioner places them, a draft
 * completes) come off waivers: their waiver periods end without a run, and the pending claims on
 * them fail now (PLAYER_TAKEN), as a run would have failed them, not in a later period.
 */
export async function takeOffWaivers(tx: EntityManager, book: LeagueBook, playerIds: readonly string[], at: Date): Promise<void> {
  const offWaivers = playerIds.filter((id) => book.onWaivers.has(id));
  if (offWaivers.length === 0) return;
  for (const id of offWaivers) book.onWaivers.get(id)!.status = 'processed';
  await tx.nativeUpdate(WaiverClaim, { league: book.league.id, player: { $in: offWaivers }, status: 'pending' }, { status: 'failed', reason: 'PLAYER_TAKEN', processedAt: at });
}

/** Commissioner move: takes a player off a team; he goes on waivers like any dropped player. */
export function commissionerRemove(em: EntityManager, input: CommissionerInput & { playerId: string }): Promise<MoveResult> {
  return em.transactional(async (tx) => {
    const book = await commissionersBook(tx, input);
    if (book.holder.get(input.playerId) !== input.teamId) throw new AppError(409, 'CONFLICT', 'That player is not on this team');
    const moves: RosterMove[] = [{ playerId: input.playerId, fromTeamId: input.teamId, toTeamId: null }];
    const at = new Date(input.now);
    const transactionId = await recordTransaction(tx, { leagueId: input.leagueId, type: 'commissioner', actorId: input.userId, moves, at, reason: input.reason ?? null });
    const waiverRunAt = placeOnWaivers(tx, book, [{ playerId: input.playerId, teamId: input.teamId }], at);
    return { transactionId, moves, waiverRunAt };
  });
}
