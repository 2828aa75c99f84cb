import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { RefreshToken, User } from '../db/entities/index.ts';
import { AppError, unauthenticated } from '../errors.ts';
import type { TokenClaims, TokenService } from './tokens.ts';
import { log } from '../log.ts';
import { BatchLoader, placeholders } from '../db/batch-loader.ts';

/** What a login, a refresh or a password change answers (REST `session` reply). */
export interface SessionTokens {
  /** The bearer JWT; also `token`, its name before refresh tokens existed. */
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshExpiresIn: number;
}

/** Who started a session, kept on its refresh tokens so a user can tell his sessions apart. */
export interface SessionOrigin {
  userAgent?: string;
  ip?: string;
}

/**
 * How long a "this session is alive" answer is trusted without asking the database again. Logout,
 * password change and lock clear it at once in the process that did them; another process of a
 * cluster refuses the session's access tokens at most this long afterwards.
 */
export const SESSION_CHECK_CACHE_MS = 2_000;

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
const invalidRefresh = () => unauthenticated('The refresh token is invalid, expired or revoked; sign in again');
export const accountLocked = () => new AppError(403, 'ACCOUNT_LOCKED', 'This account is locked; ask an operator');

const passwordChanged = () => unauthenticated('The password changed while signing in; sign in again');

/** What a session change must see of the account, read under its lock. */
export interface AccountLock {
  passwordHash: string;
  lockedAt: Date | null;
}

/**
 * Holds the user's row until the transaction ends; null for no such user. Every change to a user's
 * sessions takes it first. A revoke then waits for a refresh or login under way and ends the token
 * it made, which its UPDATE would not see otherwise. A login or refresh waits for a password change
 * or lock under way and sees it. FOR NO KEY UPDATE: rows that merely reference the user (his
 * leagues, notifications) are written meanwhile without waiting.
 */
export async function lockAccount(tx: EntityManager, userId: string): Promise<AccountLock | null> {
  const [row] = await tx.execute<Array<{ password_hash: string; locked_at: Date | null }>>(
    'select password_hash, locked_at from users where id = ? for no key update', [userId]);
  return row ? { passwordHash: row.password_hash, lockedAt: row.locked_at } : null;
}

/** Ends every session of a user (also from the operator CLI, which has no Sessions); the families ended. */
export async function revokeAllSessions(em: EntityManager, userId: string, now: Date): Promise<string[]> {
  return em.transactional(async (tx) => {
    await lockAccount(tx, userId);
    const live = await tx.find(RefreshToken, { user: userId, revokedAt: null }, { fields: ['familyId'] });
    await tx.nativeUpdate(RefreshToken, { user: userId, revokedAt: null }, { revokedAt: now });
    return [...new Set(live.map((row) => row.familyId))];
  });
}

/** Ends one session (family) of a user, under his lock (see lockAccount). */
async function revokeFamilyOf(em: EntityManager, userId: string, familyId: string, now: Date): Promise<void> {
  await em.transactional(async (tx) => {
    await lockAccount(tx, userId);
    await tx.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: now });
  });
}

/**
 * Sessions (OWASP session management): a login starts a family of refresh tokens; each refresh
 * replaces the presented token by a new one (rotation), and presenting an already replaced token
 * (a stolen copy, or the thief's after the owner refreshed) revokes the whole family. Access
 * tokens carry the family id as `sid` and are refused once it is revoked.
 */
export class Sessions {
  private readonly alive = new Map<string, number>();
  private readonly orm: MikroORM;
  private readonly tokens: TokenService;
  private readonly refreshTtlSeconds: number;
  private readonly now: () => number;
  private readonly liveFamilies = new BatchLoader<true>((familyIds) => this.liveOf(familyIds));

  constructor(orm: MikroORM, tokens: TokenService, refreshTtlSeconds: number, now: () => number = Date.now) {
    this.orm = orm;
    this.tokens = tokens;
    this.refreshTtlSeconds = refreshTtlSeconds;
    this.now = now;
  }

  /**
   * A new session (family) for a user who just proved who he is, against `user` as it was read. A
   * password change or lock committed since then wins: the proof was of a password no longer his,
   * or the session would outlive a lock that ended "every session".
   */
  async start(em: EntityManager, user: User, origin: SessionOrigin = {}): Promise<SessionTokens> {
    const verifiedHash = user.passwordHash;
    const familyId = crypto.randomUUID();
    const refreshToken = await em.transactional(async (tx) => {
      const account = await lockAccount(tx, user.id);
      if (account?.lockedAt) throw accountLocked();
      if (account?.passwordHash !== verifiedHash) throw passwordChanged();
      // The user's expired refresh tokens go as he signs in: the table holds live sessions (and the
      // used-up tokens still needed to recognise a reuse), not every login ever made.
      await tx.nativeDelete(RefreshToken, { user: user.id, expiresAt: { $lt: new Date(this.now()) } });
      return this.newRefreshToken(tx, user.id, familyId, origin);
    });
    return this.answer(user, familyId, refreshToken);
  }

  /** Rotates a refresh token: the new pair, or 401 (and the family revoked when it was a reuse). */
  async refresh(em: EntityManager, presented: string, origin: SessionOrigin = {}): Promise<SessionTokens> {
    const row = await em.findOne(RefreshToken, { tokenHash: sha256(presented) });
    if (!row) throw invalidRefresh();
    if (row.replacedBy || row.revokedAt) {
      // A token used twice: someone holds a copy. Nobody of this family may go on (OWASP, RFC 9700 4.14).
      log.warn({ userId: row.user, familyId: row.familyId, ip: origin.ip }, 'refresh token reused: session revoked');
      await this.revokeFamily(em, row.user, row.familyId);
      throw invalidRefresh();
    }
    if (row.expiresAt.getTime() <= this.now()) throw invalidRefresh();
    const rotated = await em.transactional(async (tx) => {
      const account = await lockAccount(tx, row.user);
      if (!account || account.lockedAt) return 'locked' as const;
      // Conditional: of two refreshes with the same token only one may win; the other is a reuse.
      const nextId = crypto.randomUUID();
      const won = await tx.nativeUpdate(RefreshToken, { id: row.id, replacedBy: null, revokedAt: null }, { replacedBy: nextId });
      if (won === 0) return 'reused' as const;
      return this.newRefreshToken(tx, row.user, row.familyId, origin, nextId);
    });
    if (typeof rotated === 'object') return this.answer(await em.findOneOrFail(User, { id: row.user }), row.familyId, rotated);
    if (rotated === 'reused') log.warn({ userId: row.user, familyId: row.familyId, ip: origin.ip }, 'refresh token used twice at once: session revoked');
    await this.revokeFamily(em, row.user, row.familyId);
    throw rotated === 'locked' ? accountLocked() : invalidRefresh();
  }

  /** Logout: the session of this refresh token, or of this access token's `sid`, ends. */
  async revokeFamily(em: EntityManager, userId: string, familyId: string): Promise<void> {
    await revokeFamilyOf(em, userId, familyId, new Date(this.now()));
    this.alive.delete(familyId);
  }

  /** The family of a refresh token, if it is one of ours (logout by refresh token). */
  async familyOf(em: EntityManager, presented: string): Promise<{ familyId: string; userId: string } | null> {
    const row = await em.findOne(RefreshToken, { tokenHash: sha256(presented) });
    return row ? { familyId: row.familyId, userId: row.user } : null;
  }

  /** Every session of a user ends (password change, lock, operator reset). */
  async revokeUser(em: EntityManager, userId: string): Promise<void> {
    for (const familyId of await revokeAllSessions(em, userId, new Date(this.now()))) this.alive.delete(familyId);
  }

  /** The claims of an access token that is valid AND of a live session; null otherwise (REST and room joins). */
  async verifyAccess(token: string): Promise<TokenClaims | null> {
    const claims = await this.tokens.verify(token);
    return claims && (await this.isActive(claims.sessionId)) ? claims : null;
  }

  /** Whether access tokens of this session are still honoured: one indexed lookup (shared by checks asked for together), cached briefly. */
  async isActive(familyId: string): Promise<boolean> {
    const now = this.now();
    if ((this.alive.get(familyId) ?? 0) > now) return true;
    if (!(await this.liveFamilies.load(familyId))) return false;
    if (this.alive.size > 100_000) this.alive.clear(); // bounded: a flood of sessions cannot grow it forever
    this.alive.set(familyId, now + SESSION_CHECK_CACHE_MS);
    return true;
  }

  /**
   * Which of the given session families still have a live refresh token: one query for every
   * check asked for together (after a restart a thousand clients join at once, the cache empty).
   */
  private async liveOf(familyIds: string[]): Promise<Map<string, true>> {
    // Plain rows: every join and REST call of a session not checked in the last moments asks.
    const live = await this.orm.em.fork().getConnection().execute<Array<{ family_id: string }>>(
      `select distinct family_id from refresh_tokens where family_id in (${placeholders(familyIds)})
         and revoked_at is null and replaced_by is null and expires_at > ?`, [...familyIds, new Date(this.now())]);
    return new Map(live.map((row) => [row.family_id, true]));
  }

  /** Stored at the next flush (the transaction's, in refresh). */
  private newRefreshToken(em: EntityManager, userId: string, familyId: string, origin: SessionOrigin, id = crypto.randomUUID()) {
    const secret = randomBytes(32).toString('base64url');
    em.create(RefreshToken, {
      id, user: userId, familyId, tokenHash: sha256(secret),
      expiresAt: new Date(this.now() + this.refreshTtlSeconds * 1000),
      userAgent: origin.userAgent?.slice(0, 255) ?? null, ip: origin.ip?.slice(0, 64) ?? null,
    });
    return { secret };
  }

  private async answer(user: User, familyId: string, refreshToken: { secret: string }): Promise<SessionTokens> {
    const accessToken = await this.tokens.issue({ userId: user.id, username: user.username, sessionId: familyId });
    return { accessToken, refreshToken: refreshToken.secret, expiresIn: this.tokens.ttlSeconds, refreshExpiresIn: this.refreshTtlSeconds };
  }
}
