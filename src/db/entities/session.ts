import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from './user.ts';

/**
 * One refresh token (src/auth/sessions.ts). Only the SHA-256 of its random secret is stored, so a
 * leaked table signs nobody in. A login starts a family; every refresh replaces the token with a
 * new one of the same family, and presenting a replaced one revokes the whole family.
 */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    /** The session: the access tokens it issues carry it as `sid`. */
    familyId: p.uuid().index(),
    /** Hex SHA-256 of the 32-byte secret. */
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    /** Logout, password change, lock or a reuse of a replaced token. */
    revokedAt: p.datetime().nullable(),
    /** The token this one was rotated into. */
    replacedBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    userAgent: p.string().length(255).nullable(),
    ip: p.string().length(64).nullable(),
  },
});
export type RefreshToken = InferEntity<typeof RefreshToken>;

/** A named, read-only API key of a user: `ck_<prefix>_<secret>`, stored as the SHA-256 of the whole key. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    name: p.string().length(80),
    /** The key's first characters, shown in listings so a user can tell his keys apart. */
    prefix: p.string().length(16).unique(),
    hash: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;
