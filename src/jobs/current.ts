import { log } from '../log.ts';
import { scheduleDraftStart } from './scheduled-drafts.ts';
import type { Jobs } from './types.ts';

/**
 * The jobs of this server process, for code that runs outside a room and has no other way to
 * reach them (the draft service). Set by buildServer; unset in scripts (seed), where nothing is scheduled.
 */
let current: { jobs: Jobs; now: () => number } | undefined;

export function setCurrentJobs(value: { jobs: Jobs; now: () => number } | undefined): void {
  current = value;
}

export function currentJobs(): Jobs | undefined {
  return current?.jobs;
}

/**
 * Called once a draft with a scheduledAt is stored. A failure is logged, not thrown: the draft is
 * stored either way and the sweep (at boot and every minute) adds its start.
 */
export async function draftScheduled(draftId: string, scheduledAt: Date): Promise<void> {
  if (!current) return;
  try {
    await scheduleDraftStart(current.jobs, draftId, scheduledAt, current.now());
  } catch (error) {
    log.error({ err: error, draftId }, 'draft start not scheduled: the sweep schedules it');
  }
}

/** The clock of this server process (tests inject one through buildServer); Date.now in scripts. */
export function currentNow(): number {
  return (current?.now ?? Date.now)();
}
