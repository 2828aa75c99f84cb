import { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { StatEvent } from '../db/entities/index.ts';
import { rescoreLeague, scoreStatEventsInLeagues, statEventInput, storeStatEvents } from '../scoring/ingest.ts';
import { publishScoresChanged } from '../live/publisher.ts';
import type { JobContext, QueueDefinition } from '../jobs/types.ts';
import { refinalizeScored } from '../season/jobs.ts';
import { refinalizeLeague } from '../season/finalize.ts';

/**
 * The ingestion jobs: `ingest` stores a feed batch once and hands what it stored to `score`;
 * `rescore` scores a league's stored events again under one rules version. Each is safe to run
 * twice: storing dedupes by the feed's key, scoring overwrites one row per (league, event, version).
 */

/** Feed lines per POST /api/v1/ingest and per ingest job. */
export const MAX_BATCH = 1000;
const RETRIES = { attempts: 5, backoffMs: 1000 };

export const ingestBatch = z.object({ events: z.array(statEventInput).min(1).max(MAX_BATCH) });
export type IngestBatch = z.infer<typeof ingestBatch>;

export interface IngestResult {
  stored: number;
  duplicates: number;
  unknownPlayers: string[];
  /** The score job of what was stored; null when nothing new was stored. */
  scoreJobId: string | null;
}

export function ingestQueue(orm: MikroORM): QueueDefinition<IngestBatch, IngestResult> {
  return {
    name: 'ingest', data: ingestBatch, ...RETRIES, concurrency: 2, keepCompleted: 10_000,
    process: (batch, job) => ingest(orm.em.fork(), batch, job),
  };
}

async function ingest(em: EntityManager, batch: IngestBatch, job: JobContext): Promise<IngestResult> {
  const { storedIds, duplicates, unknownPlayers } = await storeStatEvents(em, batch.events);
  // Duplicates may be what an earlier run of this job stored before it died, its score job never
  // added (a retry; a run again after a crash, which BullMQ does not count as an attempt; or the
  // batch sent again after the in-process runner lost it): their lines not scored yet are scored
  // too (scoring is idempotent).
  const toScore = duplicates === 0 ? storedIds : [...new Set([...storedIds, ...await unscoredIdsOf(em, batch.events.map((e) => e.key))])];
  // One score job per ingest job, however often this runs: its id derives from ours.
  const scoreJobId = toScore.length === 0 ? null : await job.jobs.add('score', { statEventIds: toScore }, { jobId: `score-${job.id}` });
  return { stored: storedIds.length, duplicates, unknownPlayers, scoreJobId };
}

async function unscoredIdsOf(em: EntityManager, keys: string[]): Promise<string[]> {
  const rows = await em.find(StatEvent, { eventKey: { $in: keys }, scoredAt: null }, { fields: ['id'], disableIdentityMap: true });
  return rows.map((row) => row.id);
}

const scoreData = z.object({ statEventIds: z.array(z.uuid()).min(1).max(MAX_BATCH) });

/**
 * Scores stored lines; a line of a period some season has already finalized (a stat correction)
 * re-finalizes that period (src/season/finalize.ts), which says so in its `refinalized` count.
 */
export function scoreQueue(orm: MikroORM, now: () => number = Date.now): QueueDefinition<z.infer<typeof scoreData>, { scores: number; refinalized: number }> {
  return {
    name: 'score', data: scoreData, ...RETRIES, concurrency: 2, keepCompleted: 10_000,
    async process({ statEventIds }) {
      // Every league is announced once the scores are committed: its open league rooms reload
      // their live points (src/league-live/).
      const pushes: Array<Promise<void>> = [];
      const { scores } = await scoreStatEventsInLeagues(orm.em.fork(), statEventIds, {
        committed: (changes) => pushes.push(publishScoresChanged(changes, Date.now())),
      });
      await Promise.all(pushes);
      const refinalized = (await refinalizeScored(orm, statEventIds, now())).filter((r) => r.refinalized).length;
      return { scores, refinalized };
    },
  };
}

const rescoreData = z.object({ leagueId: z.uuid(), version: z.number().int().min(1) });

/** Rescoring the active version changes matchups: the league's final periods are re-finalized. */
export function rescoreQueue(orm: MikroORM, now: () => number = Date.now): QueueDefinition<z.infer<typeof rescoreData>, { scores: number }> {
  return {
    name: 'rescore', data: rescoreData, ...RETRIES, concurrency: 1, keepCompleted: 1000,
    async process({ leagueId, version }) {
      const result = await rescoreLeague(orm.em.fork(), leagueId, version);
      await refinalizeLeague(orm.em.fork(), leagueId, now());
      await publishScoresChanged([{ leagueId, latest: null }], Date.now());
      return result;
    },
  };
}
