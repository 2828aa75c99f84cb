import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { LeagueMember, TEAM_OWNER_UNIQUE, User, type Visibility } from '../db/entities/index.ts';
import { AppError, conflict, forbidden, notFound } from '../errors.ts';
import { roleIn } from './access.ts';
import { openBook, requireActive, type LeagueBook } from '../transactions/book.ts';
import { recordTransaction } from '../transactions/log.ts';
import { patchedSettings, settingsOf, type SettingsPatch } from '../transactions/settings.ts';
import { publishSeatsChanged } from '../live/publisher.ts';

/**
 * League administration by its commissioner: settings (name, visibility, roster limits, waiver and
 * trade settings), team names and managers, archiving. Each change is one database transaction
 * under the league's lock and one `admin` entry of the transaction log, with what changed (before
 * and after), so the league's history shows who changed what and when.
 */

async function commissionersBook(tx: EntityManager, leagueId: string, userId: string): Promise<LeagueBook> {
  const book = await openBook(tx, leagueId);
  if ((await roleIn(tx, leagueId, userId)) !== 'commissioner') throw forbidden('Only the commissioner of this league may do that');
  requireActive(book);
  return book;
}

function logAdmin(tx: EntityManager, book: LeagueBook, userId: string, now: number, reason: string, details: Record<string, unknown>, teamIds: string[] = []) {
  return recordTransaction(tx, { leagueId: book.league.id, type: 'admin', actorId: userId, moves: [], teamIds, reason, details, at: new Date(now) });
}

export interface LeagueEdit {
  name?: string;
  visibility?: Visibility;
  settings?: SettingsPatch;
}

/**
 * The commissioner edits the league; the reply is its settings afterwards. A league made private
 * closes the non-members watching its rooms (once committed): they may not see it any more.
 */
export async function editLeague(em: EntityManager, leagueId: string, userId: string, edit: LeagueEdit, now: number) {
  const edited = await editedLeague(em, leagueId, userId, edit, now);
  if (edited.changed.includes('visibility') && edited.visibility === 'private') await publishSeatsChanged(leagueId, { nonMembers: true });
  return edited;
}

function editedLeague(em: EntityManager, leagueId: string, userId: string, edit: LeagueEdit, now: number) {
  return em.transactional(async (tx) => {
    const book = await commissionersBook(tx, leagueId, userId);
    const league = book.league;
    const before = { name: league.name, visibility: league.visibility, settings: settingsOf(league) };
    const after = {
      name: edit.name ?? before.name, visibility: edit.visibility ?? before.visibility,
      settings: edit.settings ? patchedSettings(before.settings, edit.settings) : before.settings,
    };
    const changed = (Object.keys(after) as Array<keyof typeof after>).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
    if (changed.length > 0) {
      Object.assign(league, { name: after.name, visibility: after.visibility, transactionSettings: after.settings });
      const pick = (side: typeof before) => Object.fromEntries(changed.map((key) => [key, side[key]]));
      await logAdmin(tx, book, userId, now, `league ${changed.join(', ')} changed`, { before: pick(before), after: pick(after) });
      await tx.flush();
    }
    return { id: league.id, ...after, changed };
  });
}

/** The settings any viewer of the league sees (what the limits and waivers are). */
export async function leagueSettings(em: EntityManager, leagueId: string) {
  const book = await openBook(em, leagueId, { read: true });
  return { id: book.league.id, settings: book.settings, archivedAt: book.league.archivedAt?.toISOString() ?? null };
}

export interface TeamEdit {
  name?: string;
  /** A user to manage the team; null: the team has no manager any more (open to be claimed). */
  ownerId?: string | null;
  /** Baseball: the team's home park (a ballparks.ts id); null: a neutral park. */
  park?: string | null;
}

/**
 * The commissioner renames a team, or reassigns or removes its manager. A new manager changes
 * both managers' seats in the league's rooms (once committed): the old one acts and sees for the
 * team no more, the new one is seated as its manager when he joins again.
 */
export async function editTeam(em: EntityManager, leagueId: string, teamId: string, userId: string, edit: TeamEdit, now: number) {
  const { before, team } = await editedTeam(em, leagueId, teamId, userId, edit, now);
  const managers = [before.ownerId, team.ownerId].filter((id): id is string => id !== null);
  if (before.ownerId !== team.ownerId) await publishSeatsChanged(leagueId, { userIds: managers });
  return team;
}

function editedTeam(em: EntityManager, leagueId: string, teamId: string, userId: string, edit: TeamEdit, now: number) {
  return em.transactional(async (tx) => {
    const book = await commissionersBook(tx, leagueId, userId);
    const team = book.teams.find((t) => t.id === teamId);
    if (!team) throw notFound('Team');
    const before = { name: team.name, ownerId: team.owner ?? null, park: team.park ?? null };
    const after = {
      name: edit.name ?? before.name, ownerId: edit.ownerId === undefined ? before.ownerId : edit.ownerId, park: edit.park === undefined ? before.park : edit.park,
    };
    if (after.ownerId && after.ownerId !== before.ownerId && !(await tx.findOne(User, { id: after.ownerId }))) {
      throw new AppError(400, 'INVALID_INPUT', 'ownerId names no user', { fields: [{ path: 'ownerId', message: 'unknown user' }] });
    }
    Object.assign(team, { name: after.name, owner: after.ownerId, park: after.park });
    if (after.ownerId !== before.ownerId) await moveMembership(tx, leagueId, before.ownerId, after.ownerId);
    if (after.name !== before.name || after.ownerId !== before.ownerId || after.park !== before.park) {
      const what = after.ownerId !== before.ownerId ? 'team manager changed' : after.name !== before.name ? 'team renamed' : 'team park changed';
      await logAdmin(tx, book, userId, now, what, { teamId, before, after }, [teamId]);
    }
    await tx.flush().catch((error: unknown) => {
      if (error instanceof UniqueConstraintViolationException && error.message.includes(TEAM_OWNER_UNIQUE)) throw conflict('That user already manages a team in this league');
      if (error instanceof UniqueConstraintViolationException) throw conflict('Another team of this league has that name');
      throw error;
    });
    return { before, team: { id: team.id, leagueId, name: team.name, ownerId: team.owner ?? null, park: team.park ?? null } };
  });
}

/** The old manager stops being a member (unless he is the commissioner); the new one becomes one. */
async function moveMembership(tx: EntityManager, leagueId: string, from: string | null, to: string | null): Promise<void> {
  if (from) await tx.nativeDelete(LeagueMember, { league: leagueId, user: from, role: 'manager' });
  if (to && !(await tx.findOne(LeagueMember, { league: leagueId, user: to }))) tx.create(LeagueMember, { league: leagueId, user: to, role: 'manager' });
}

/** The commissioner archives the league: from then on it is read-only (every change: 409 LEAGUE_ARCHIVED). */
export function archiveLeague(em: EntityManager, leagueId: string, userId: string, now: number) {
  return em.transactional(async (tx) => {
    const book = await commissionersBook(tx, leagueId, userId);
    await logAdmin(tx, book, userId, now, 'league archived', { archivedAt: new Date(now).toISOString() });
    book.league.archivedAt = new Date(now);
    await tx.flush();
    return { id: leagueId, archivedAt: book.league.archivedAt.toISOString() };
  });
}
