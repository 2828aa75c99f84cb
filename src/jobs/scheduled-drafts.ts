import { z } from 'zod';
import { matchMaker } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Draft } from '../db/entities/index.ts';
import type { Jobs, QueueDefinition, Scheduling } from './types.ts';
import { log } from '../log.ts';
import { openRoomOnce } from '../../rooms/base/open-room.ts';
import { scheduleDraftReminder } from './draft-reminders.ts';

/**
 * A draft (or auction) with `scheduledAt` starts by itself. The draft-start job runs at that
 * time in a server process (it needs the rooms) and only opens the draft's room: the room's clock
 * sees a scheduled draft that is due and starts it through the rules' `start`, committed like any
 * action (rooms/DraftRoom.ts, AuctionRoom.ts `scheduled()`). A room opened earlier by a client
 * does the same on its own. The sweep re-adds the start of every pending draft at boot and every
 * minute, so a start survives a restart, an in-process runner and a lost Redis.
 */

/** A job that runs this much early (clock skew between processes) waits; earlier ones leave it to the sweep. */
const EARLY_WAIT_MS = 60_000;
export const SWEEP_EVERY_MS = 60_000;
/** Drafts due longer ago than this and still not started are left alone (their start keeps failing). */
const SWEEP_PAST_MS = 24 * 60 * 60 * 1000;

const draftStartData = z.object({ draftId: z.uuid() });

/** One start job per draft; removed once done so that a later sweep may add it again if still needed. */
export function draftStartQueue(orm: MikroORM, now: () => number): QueueDefinition<z.infer<typeof draftStartData>, unknown> {
  return {
    name: 'draft-start', data: draftStartData, attempts: 5, backoffMs: 1000, concurrency: 4, keepCompleted: 0,
    process: ({ draftId }) => startScheduledDraft(orm, draftId, now),
  };
}

export function draftSweepQueue(orm: MikroORM, now: () => number): QueueDefinition<Record<string, never>, { drafts: number }> {
  return {
    name: 'draft-sweep', data: z.object({}).strict(), attempts: 3, backoffMs: 5000, concurrency: 1, keepCompleted: 0,
    process: (_data, job) => sweepScheduledDrafts(orm, job.jobs, now),
  };
}

/** Adds (or keeps) the start job of a draft, due at its scheduledAt, and its "starts soon" reminder. */
export async function scheduleDraftStart(jobs: Jobs, draftId: string, scheduledAt: Date, now: number): Promise<string> {
  await scheduleDraftReminder(jobs, draftId, scheduledAt, now);
  return jobs.add('draft-start', { draftId }, { jobId: `draft-start-${draftId}`, delayMs: Math.max(0, scheduledAt.getTime() - now) });
}

/**
 * Called once a draft with a scheduledAt is stored. A failure is logged, not thrown: the draft is
 * stored either way and the sweep (at boot and every minute) adds its start.
 */
export async function draftScheduled({ jobs, now }: Scheduling, draftId: string, scheduledAt: Date): Promise<void> {
  try {
    await scheduleDraftStart(jobs, draftId, scheduledAt, now());
  } catch (error) {
    log.error({ err: error, draftId }, 'draft start not scheduled: the sweep schedules it');
  }
}

export async function sweepScheduledDrafts(orm: MikroORM, jobs: Jobs, now: () => number): Promise<{ drafts: number }> {
  const drafts = await orm.em.fork().find(Draft, { status: 'scheduled', scheduledAt: { $gte: new Date(now() - SWEEP_PAST_MS) } }, { fields: ['id', 'scheduledAt'] });
  for (const draft of drafts) await scheduleDraftStart(jobs, draft.id, draft.scheduledAt!, now());
  return { drafts: drafts.length };
}

async function startScheduledDraft(orm: MikroORM, draftId: string, now: () => number): Promise<unknown> {
  const draft = await orm.em.fork().findOne(Draft, { id: draftId }, { fields: ['status', 'kind', 'scheduledAt'] });
  if (!draft?.scheduledAt || draft.status !== 'scheduled') return { skipped: 'not scheduled' };
  const early = draft.scheduledAt.getTime() - now();
  if (early > EARLY_WAIT_MS) return { skipped: 'not due yet' };
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  // Thrown, so retried: the job may run before this process listens (jobs start with the server).
  if (matchMaker.state !== matchMaker.MatchMakerState.READY) throw new Error('rooms are not accepting yet');
  return { opened: await openRoomOnce(draft.kind === 'auction' ? 'auction' : 'draft', { draftId }) };
}

