import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    /** Stored lower-cased so 'Ann' and 'ann' are one account. */
    username: p.string().length(32).unique(),
    /** scrypt$N$r$p$salt$hash (see src/auth/password.ts); never serialized. */
    passwordHash: p.string().length(255).hidden(),
    /** May ingest stat feeds and inspect jobs; granted by an operator (`npm run admin -- grant <user>`), never by the API. */
    isAdmin: p.boolean().default(false),
    /** Set by an operator (`npm run admin -- lock <user>`): no login, refresh or API key works until unlocked. */
    lockedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
