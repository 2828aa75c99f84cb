import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { League } from './league.ts';

/**
 * A job that used up its attempts under the in-process runner (no REDIS_URL), kept for
 * inspection (GET /api/v1/ingest/failed) across restarts. With Redis, BullMQ keeps failed jobs
 * in Redis instead. A job id fails once per queue: a job added again under a failed id is a no-op.
 */
export const FailedJob = defineEntity({
  name: 'FailedJob',
  tableName: 'failed_jobs',
  uniques: [{ properties: ['queue', 'jobId'] }],
  indexes: [{ properties: ['queue', 'failedAt'] }],
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    queue: p.string().length(64),
    jobId: p.string().length(128),
    data: p.json<unknown>(),
    attempts: p.integer(),
    maxAttempts: p.integer(),
    failedReason: p.text(),
    createdAt: p.datetime(),
    failedAt: p.datetime(),
  },
});
export type FailedJob = InferEntity<typeof FailedJob>;

/**
 * A league's standings as the `standings` job last computed them (src/standings/snapshot.ts).
 * `basis` names what they were computed from (final games, teams), so a reader can tell a
 * snapshot that a later final game has made stale.
 */
export const LeagueStandingsSnapshot = defineEntity({
  name: 'LeagueStandingsSnapshot',
  tableName: 'league_standings',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade').unique(),
    computedAt: p.datetime(),
    basis: p.string().length(100),
    payload: p.json<Record<string, unknown>>(),
  },
});
export type LeagueStandingsSnapshot = InferEntity<typeof LeagueStandingsSnapshot>;

export const jobEntities = [FailedJob, LeagueStandingsSnapshot];
