import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey, User } from '../db/entities/index.ts';
import { conflict, notFound } from '../errors.ts';

/**
 * Read-only API keys for REST consumers: `ck_<prefix>_<secret>`. The prefix (public, unique) finds
 * the row; only the SHA-256 of the whole key is stored, so the key is shown once, at creation.
 */
const KEY_PATTERN = /^ck_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** Enough for every script a person runs; more is a leak waiting to happen. */
export const MAX_ACTIVE_KEYS = 20;
/** last-used time is written at most this often per key: a busy key does not write on every read. */
const LAST_USED_PRECISION_MS = 60_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

export const looksLikeApiKey = (value: string) => value.startsWith('ck_');

export interface ApiKeyCaller {
  keyId: string;
  userId: string;
  username: string;
}

export const apiKeyView = (key: ApiKey) => ({
  id: key.id, name: key.name, prefix: `ck_${key.prefix}`, createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
});

export async function createApiKey(em: EntityManager, userId: string, name: string) {
  const active = await em.count(ApiKey, { user: userId, revokedAt: null });
  if (active >= MAX_ACTIVE_KEYS) throw conflict(`At most ${MAX_ACTIVE_KEYS} active API keys; revoke one first`);
  const prefix = randomBytes(6).toString('hex');
  const key = `ck_${prefix}_${randomBytes(32).toString('base64url')}`;
  const row = em.create(ApiKey, { user: userId, name, prefix, hash: sha256(key).toString('hex') });
  await em.flush();
  return { ...apiKeyView(row), key };
}

export async function listApiKeys(em: EntityManager, userId: string) {
  const keys = await em.find(ApiKey, { user: userId, revokedAt: null }, { orderBy: { createdAt: 'asc' } });
  return keys.map(apiKeyView);
}

/** Revokes one of the user's keys; another user's key is as unknown (404). */
export async function revokeApiKey(em: EntityManager, userId: string, keyId: string, now: Date): Promise<void> {
  const revoked = await em.nativeUpdate(ApiKey, { id: keyId, user: userId, revokedAt: null }, { revokedAt: now });
  if (revoked === 0) throw notFound('API key');
}

/** The key's owner, or null for an unknown, forged or revoked key, or a locked owner. */
export async function verifyApiKey(em: EntityManager, presented: string, now: Date): Promise<ApiKeyCaller | null> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const key = await em.findOne(ApiKey, { prefix: match[1] });
  if (!key || key.revokedAt) return null;
  if (!timingSafeEqual(sha256(presented), Buffer.from(key.hash, 'hex'))) return null;
  const user = await em.findOne(User, { id: key.user }, { fields: ['username', 'lockedAt'] });
  if (!user || user.lockedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
  }
  return { keyId: key.id, userId: key.user, username: user.username };
}
