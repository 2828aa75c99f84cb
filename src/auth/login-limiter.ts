import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { AppError } from '../http/errors.ts';

/** Counts failed logins per (username, address); past the limit, logins wait out the window (429). */
export interface LoginLimiter {
  assertAllowed(key: string): Promise<void>;
  recordFailure(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export function loginLimiter(options: { maxFailures: number; windowSeconds: number; redis?: Redis }): LoginLimiter {
  const settings = { points: options.maxFailures, duration: options.windowSeconds, keyPrefix: 'login-fail' };
  // With Redis every process shares the count, so spreading attempts over processes does not help.
  const limiter: RateLimiterAbstract = options.redis
    ? new RateLimiterRedis({ ...settings, storeClient: options.redis, useRedisPackage: false })
    : new RateLimiterMemory(settings);
  return {
    async assertAllowed(key) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= options.maxFailures) throw tooMany(state);
    },
    async recordFailure(key) {
      await limiter.penalty(key, 1);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

function tooMany(state: RateLimiterRes): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new AppError(429, 'RATE_LIMITED', `Too many failed logins; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}
