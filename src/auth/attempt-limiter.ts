import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';

/**
 * Counts attempts per key within a window; past the limit, attempts wait out the window (429).
 * `consume` takes the attempt atomically BEFORE the work it guards: checking the count first and
 * recording afterwards let a parallel burst pass the check together.
 */
export interface AttemptLimiter {
  consume(key: string): Promise<void>;
  /** Forgets the key (a successful login does not count against the next ones). */
  reset(key: string): Promise<void>;
}

export interface AttemptLimits {
  name: string;
  points: number;
  windowSeconds: number;
  /** What the 429 says, before "try again in N s". */
  refusal: string;
  redis?: Redis;
}

export function attemptLimiter(limits: AttemptLimits): AttemptLimiter {
  const settings = { points: limits.points, duration: limits.windowSeconds, keyPrefix: limits.name };
  // With Redis every process shares the count, so spreading attempts over processes does not help.
  const limiter: RateLimiterAbstract = limits.redis
    ? new RateLimiterRedis({ ...settings, storeClient: limits.redis, useRedisPackage: false })
    : new RateLimiterMemory(settings);
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw tooMany(limits.refusal, error);
        throw error;
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/** Failed logins per (username, address): LOGIN_MAX_FAILURES within LOGIN_WINDOW_SECONDS. */
export function loginLimiter(options: { maxFailures: number; windowSeconds: number; redis?: Redis }): AttemptLimiter {
  return attemptLimiter({
    name: 'login-fail', points: options.maxFailures, windowSeconds: options.windowSeconds,
    refusal: 'Too many failed logins', redis: options.redis,
  });
}

/** New accounts per address: REGISTRATIONS_PER_HOUR. */
export function registrationLimiter(options: { perHour: number; redis?: Redis }): AttemptLimiter {
  return attemptLimiter({
    name: 'register', points: options.perHour, windowSeconds: 3600,
    refusal: 'Too many new accounts from this address', redis: options.redis,
  });
}

/** Reads per minute without a token, per address, or per API key: PUBLIC_READS_PER_MINUTE / API_KEY_READS_PER_MINUTE. */
export function readLimiter(options: { name: 'public-read' | 'apikey-read'; perMinute: number; redis?: Redis }): AttemptLimiter {
  return attemptLimiter({
    name: options.name, points: options.perMinute, windowSeconds: 60,
    refusal: options.name === 'public-read' ? 'Too many reads without a token from this address' : 'Too many reads with this API key',
    redis: options.redis,
  });
}

function tooMany(refusal: string, state: RateLimiterRes): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new AppError(429, 'RATE_LIMITED', `${refusal}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}
