import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { League, ON_ROSTER, Player, RosterEntry, Team, WaiverPlayer } from '../db/entities/index.ts';
import { AppError, notFound } from '../errors.ts';
import type { RuleError } from '../rules/rule-error.ts';
import { settingsOf, type TransactionSettings } from './settings.ts';
import type { RosteredPlayer } from './limits.ts';
import { requireUnarchived } from '../leagues/access.ts';

/**
 * A league's rosters as one transaction sees them, read under the league's row lock
 * (SELECT … FOR UPDATE): every roster change of a league takes that lock first, so two of them
 * (two managers adding one player, a drop racing a trade's acceptance, a waiver run) never
 * validate against the same rosters, across every server process. The second waits, then sees
 * what the first did and gets a coded refusal.
 */
export interface LeagueBook {
  league: League;
  settings: TransactionSettings;
  teams: Team[];
  /** Player → the team holding him now. */
  holder: Map<string, string>;
  /** Team → its current players with their positions. */
  rosters: Map<string, RosteredPlayer[]>;
  /** Players on waivers now (not yet settled by a run). */
  onWaivers: Map<string, WaiverPlayer>;
}

/** Takes the league's row lock. */
export async function lockLeague(tx: EntityManager, leagueId: string): Promise<League> {
  const league = await tx.findOne(League, { id: leagueId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!league) throw notFound('League');
  return league;
}

/**
 * An archived league is read-only: every change is refused. Checked after the caller's
 * authorization, so a 403 never depends on the league's state.
 */
export function requireActive(book: LeagueBook): void {
  requireUnarchived(book.league);
}

/**
 * Locks the league and reads its rosters and waivers: call first thing inside the transaction
 * (then authorize, then `requireActive`). `read: true` (a plain read) takes no lock.
 */
export async function openBook(tx: EntityManager, leagueId: string, options: { read?: boolean } = {}): Promise<LeagueBook> {
  const league = options.read ? await tx.findOne(League, { id: leagueId }) : await lockLeague(tx, leagueId);
  if (!league) throw notFound('League');
  const teams = await tx.find(Team, { league: leagueId }, { orderBy: { createdAt: 'asc', id: 'asc' }, refresh: true });
  const entries = await tx.find(RosterEntry, { team: { $in: teams.map((t) => t.id) }, ...ON_ROSTER }, { refresh: true });
  const players = await tx.find(Player, { id: { $in: entries.map((e) => e.player) } }, { fields: ['id', 'positions'] });
  const positions = new Map(players.map((p) => [p.id, p.positions]));
  const rosters = new Map<string, RosteredPlayer[]>(teams.map((t) => [t.id, []]));
  const holder = new Map<string, string>();
  for (const entry of entries) {
    holder.set(entry.player, entry.team);
    rosters.get(entry.team)!.push({ id: entry.player, positions: positions.get(entry.player) ?? [] });
  }
  const waiting = await tx.find(WaiverPlayer, { league: leagueId, status: 'waiting' }, { refresh: true });
  return { league, settings: settingsOf(league), teams, holder, rosters, onWaivers: new Map(waiting.map((w) => [w.player, w])) };
}

/** A rule's refusal as the REST answer: 409 with its code. */
export function refused(error: RuleError): AppError {
  return new AppError(409, error.code, error.message);
}

/** The players named, of the league's sport, with their positions; a 400 naming the field otherwise. */
export async function leaguePlayers(tx: EntityManager, book: LeagueBook, ids: readonly string[], field: string): Promise<Map<string, RosteredPlayer>> {
  const unique = [...new Set(ids)];
  const players = await tx.find(Player, { id: { $in: unique } }, { fields: ['id', 'positions', 'sport'] });
  const wrong = unique.filter((id) => !players.some((p) => p.id === id && p.sport === book.league.sport));
  if (wrong.length > 0) {
    throw new AppError(400, 'INVALID_INPUT', `Unknown players, or not ${book.league.sport} players`, { fields: [{ path: field, message: 'unknown player' }], playerIds: wrong });
  }
  return new Map(players.map((p) => [p.id, { id: p.id, positions: p.positions }]));
}
