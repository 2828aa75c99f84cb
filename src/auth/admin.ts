import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../db/entities/index.ts';

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
