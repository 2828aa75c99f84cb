import { z } from 'zod';
import type { MikroORM } from '@mikro-orm/postgresql';
import { notifyDraftStarting } from '../notifications/drafts.ts';
import type { Jobs, QueueDefinition } from './types.ts';

/**
 * "Your draft starts soon": one job per draft and start time, due DRAFT_REMINDER_LEAD_MS before it
 * (at once when the draft is scheduled closer than that). Added with the draft's start job
 * (scheduled-drafts.ts), so the sweep re-adds a lost one; a run that finds the draft rescheduled,
 * started or already notified does nothing.
 */
export const DRAFT_REMINDER_LEAD_MS = 15 * 60 * 1000;

const reminderData = z.object({ draftId: z.uuid(), scheduledAt: z.number().int() });

export function draftReminderQueue(orm: MikroORM, now: () => number): QueueDefinition<z.infer<typeof reminderData>, unknown> {
  return {
    // Kept once completed: the id stays taken, so the sweep does not add it again every minute.
    name: 'draft-reminder', data: reminderData, attempts: 5, backoffMs: 1000, concurrency: 2, keepCompleted: 10_000,
    process: ({ draftId, scheduledAt }) => notifyDraftStarting(orm.em.fork(), draftId, scheduledAt, now()),
  };
}

/** Adds (or keeps) the reminder of a draft starting at `scheduledAt`; none once it is due. */
export async function scheduleDraftReminder(jobs: Jobs, draftId: string, scheduledAt: Date, now: number): Promise<void> {
  const at = scheduledAt.getTime();
  if (at <= now) return;
  await jobs.add('draft-reminder', { draftId, scheduledAt: at }, {
    jobId: `draft-reminder-${draftId}-${at}`, delayMs: Math.max(0, at - DRAFT_REMINDER_LEAD_MS - now),
  });
}
