import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../db/entities/index.ts';
import { hashPassword } from './password.ts';
import { lockAccount, revokeAllSessions, type AccountLock } from './sessions.ts';

/**
 * Admin is a role stored on the user (users.is_admin), granted by an operator with
 * `npm run admin -- grant <user>`: a username alone never makes anyone an admin.
 */
export async function isAdmin(em: EntityManager, userId: string): Promise<boolean> {
  const user = await em.findOne(User, { id: userId }, { fields: ['isAdmin'] });
  return user?.isAdmin === true;
}

export type RoleChange = 'granted' | 'revoked' | 'unchanged' | 'no-such-user';

/** Grants or revokes the role; what the CLI, the seed and the tests all call. */
export async function setAdmin(em: EntityManager, username: string, admin: boolean): Promise<RoleChange> {
  const user = await em.findOne(User, { username: username.trim().toLowerCase() });
  if (!user) return 'no-such-user';
  if (user.isAdmin === admin) return 'unchanged';
  user.isAdmin = admin;
  await em.flush();
  return admin ? 'granted' : 'revoked';
}

export type AccountChange = 'done' | 'unchanged' | 'no-such-user';

/**
 * Locks (or unlocks) an account: a locked user cannot sign in, refresh or use his API keys, and
 * every session he has ends now (another server process honours his access tokens at most
 * SESSION_CHECK_CACHE_MS longer).
 */
export async function setLocked(em: EntityManager, username: string, locked: boolean, now = new Date()): Promise<AccountChange> {
  return changeAccount(em, username, async (tx, user, account) => {
    if (locked) await revokeAllSessions(tx, user.id, now);
    if ((account.lockedAt !== null) === locked) return 'unchanged';
    await tx.nativeUpdate(User, { id: user.id }, { lockedAt: locked ? now : null });
    return 'done';
  });
}

/** An operator's password reset: the new password, and every session of the user ends. */
export async function resetPassword(em: EntityManager, username: string, password: string, now = new Date()): Promise<AccountChange> {
  const passwordHash = await hashPassword(password);
  return changeAccount(em, username, async (tx, user) => {
    await tx.nativeUpdate(User, { id: user.id }, { passwordHash });
    await revokeAllSessions(tx, user.id, now);
    return 'done';
  });
}

/**
 * One transaction under the account's lock (see lockAccount): the sessions ended and the change
 * commit together, and a login or refresh under way either ends first or sees the change.
 */
async function changeAccount(
  em: EntityManager, username: string, change: (tx: EntityManager, user: User, account: AccountLock) => Promise<AccountChange>,
): Promise<AccountChange> {
  const user = await em.findOne(User, { username: username.trim().toLowerCase() });
  if (!user) return 'no-such-user';
  return em.transactional(async (tx) => {
    const account = await lockAccount(tx, user.id);
    return account ? change(tx, user, account) : 'no-such-user';
  });
}
