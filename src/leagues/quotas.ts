import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Draft, Game, League } from '../db/entities/index.ts';
import { AppError } from '../errors.ts';

/** What a user creates that costs the server: rooms in memory, rows, jobs. */
export type Creation = 'league' | 'draft' | 'game';

export interface QuotaLimits {
  /** Leagues a user may have created, ever (leagues are never deleted, so no wait helps). */
  leaguesPerUser: number;
  /** Games a user created that are not final yet. */
  openGamesPerUser: number;
  /** Drafts and auctions a user created that are not complete yet. */
  openDraftsPerUser: number;
  /** Creations (leagues, drafts, games together) per user per rolling hour. */
  createsPerHour: number;
}

/** Per-user creation quotas: beyond one, a 429 QUOTA_EXCEEDED and nothing is created. */
export interface Quotas {
  /** Runs `create` when the user is within his quotas; a failed creation does not count. */
  create<T>(em: EntityManager, userId: string, kind: Creation, create: () => Promise<T>): Promise<T>;
}

const HOUR_SECONDS = 60 * 60;

export function creationQuotas(limits: QuotaLimits, redis?: Redis): Quotas {
  const settings = { points: limits.createsPerHour, duration: HOUR_SECONDS, keyPrefix: 'creates' };
  // With Redis every process shares the count, so spreading requests over processes does not help.
  const rate: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ ...settings, storeClient: redis, useRedisPackage: false })
    : new RateLimiterMemory(settings);
  return {
    async create(em, userId, kind, create) {
      await assertUnderOpenLimit(em, userId, kind, limits);
      await rate.consume(userId).catch((refusal: unknown) => {
        if (refusal instanceof RateLimiterRes) throw tooManyCreations(refusal, limits.createsPerHour);
        throw refusal; // the store failed: a 500, not a refusal
      });
      try {
        return await create();
      } catch (error) {
        // Refused (403, 409, 400 from the service) or failed: it cost nothing, so it counts nothing.
        await rate.reward(userId, 1);
        throw error;
      }
    },
  };
}

/**
 * The counted quotas free up only when something finishes (a game goes final, a draft completes)
 * or never (leagues), so their 429 carries no Retry-After: waiting alone does not help.
 */
async function assertUnderOpenLimit(em: EntityManager, userId: string, kind: Creation, limits: QuotaLimits): Promise<void> {
  if (kind === 'league') {
    const count = await em.count(League, { createdBy: userId });
    if (count >= limits.leaguesPerUser) throw quotaExceeded(`You have created ${count} leagues, the most one user may`);
  } else if (kind === 'game') {
    // Declined and cancelled games are never played: they are over as a final one is.
    const count = await em.count(Game, { createdBy: userId, status: { $nin: ['final', 'declined', 'cancelled'] } });
    if (count >= limits.openGamesPerUser) throw quotaExceeded(`You have ${count} games not yet over, the most one user may; create more once some finish`);
  } else {
    // F1 race drafts are the server's (src/f1/), opened for the commissioner: they use none of his quota.
    const count = await em.count(Draft, { createdBy: userId, status: { $ne: 'complete' }, race: null });
    if (count >= limits.openDraftsPerUser) throw quotaExceeded(`You have ${count} drafts not yet complete, the most one user may; create more once some finish`);
  }
}

function quotaExceeded(message: string, details?: { retryAfterSeconds: number }): AppError {
  return new AppError(429, 'QUOTA_EXCEEDED', message, details);
}

function tooManyCreations(state: RateLimiterRes, perHour: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return quotaExceeded(`At most ${perHour} leagues, drafts and games per hour; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}
