import type { EntityManager } from '@mikro-orm/postgresql';
import { League, LeagueMember, Team, User } from '../db/entities/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { lockAccount, type Sessions, type SessionTokens } from './sessions.ts';
import { AppError, notFound } from '../errors.ts';

/** GET /me: who I am, the leagues I belong to and the teams I manage. */
export async function accountView(em: EntityManager, userId: string) {
  const user = await em.findOne(User, { id: userId });
  if (!user) throw notFound('User');
  const memberships = await em.find(LeagueMember, { user: userId }, { orderBy: { joinedAt: 'asc' } });
  const leagues = await em.find(League, { id: { $in: memberships.map((m) => m.league) } });
  const byId = new Map(leagues.map((league) => [league.id, league]));
  const teams = await em.find(Team, { owner: userId }, { orderBy: { name: 'asc' } });
  return {
    id: user.id, username: user.username, isAdmin: user.isAdmin, createdAt: user.createdAt.toISOString(),
    leagues: memberships.flatMap((m) => {
      const league = byId.get(m.league);
      return league ? [{ id: league.id, name: league.name, sport: league.sport, role: m.role }] : [];
    }),
    teams: teams.map((team) => ({ id: team.id, name: team.name, leagueId: team.league })),
  };
}

/**
 * Changes a password after checking the current one. Every session of the user ends (a thief
 * holding one is out: OWASP) and the caller gets a fresh one, so he stays signed in.
 */
export async function changePassword(
  em: EntityManager, sessions: Sessions, userId: string, input: { currentPassword: string; newPassword: string },
): Promise<{ user: User; tokens: SessionTokens }> {
  const user = await em.findOneOrFail(User, { id: userId });
  const verifiedHash = user.passwordHash;
  if (!(await verifyPassword(input.currentPassword, verifiedHash))) throw wrongPassword();
  const newHash = await hashPassword(input.newPassword);
  await em.transactional(async (tx) => {
    // Under the account's lock, against the password just checked: of two changes at once the
    // second finds the first's password, which its caller did not give.
    if ((await lockAccount(tx, userId))?.passwordHash !== verifiedHash) throw wrongPassword();
    await tx.nativeUpdate(User, { id: userId }, { passwordHash: newHash });
    await sessions.revokeUser(tx, userId);
  });
  const changed = await em.findOneOrFail(User, { id: userId }, { refresh: true });
  return { user: changed, tokens: await sessions.start(em, changed) };
}

const wrongPassword = () => new AppError(403, 'WRONG_PASSWORD', 'The current password is wrong');
