/**
 * The draft notifications: "your draft starts soon" to every manager of a scheduled draft, and
 * "you are on the clock" to a manager whose team is up while he is not in the draft room.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Draft, Team } from '../db/entities/index.ts';
import { notify } from './service.ts';

/** The managers of a draft's teams (teams nobody manages are drafted for by bots or the clock). */
async function draftManagers(em: EntityManager, draft: Draft): Promise<string[]> {
  const order = (draft.config as { order: string[] }).order;
  const teams = await em.find(Team, { id: { $in: order }, owner: { $ne: null } }, { fields: ['owner'], disableIdentityMap: true });
  return [...new Set(teams.map((t) => t.owner!))];
}

/**
 * "Starts soon" for the draft as it is scheduled now: nothing when it was rescheduled since the
 * reminder was planned (`scheduledAt` is the time it was planned for), started, or is past due.
 * Once per manager and start time, however often the job runs.
 */
export async function notifyDraftStarting(em: EntityManager, draftId: string, scheduledAt: number, now: number): Promise<{ notified: number } | { skipped: string }> {
  const draft = await em.findOne(Draft, { id: draftId }, { disableIdentityMap: true });
  if (!draft || draft.status !== 'scheduled') return { skipped: 'not scheduled' };
  if (draft.scheduledAt?.getTime() !== scheduledAt) return { skipped: 'rescheduled' };
  if (scheduledAt <= now) return { skipped: 'already due' };
  const payload = { leagueId: draft.league, draftId, draftKind: draft.kind, startsAt: new Date(scheduledAt).toISOString() };
  let notified = 0;
  for (const userId of await draftManagers(em, draft)) {
    if (await notify(em, userId, 'draftStarting', payload, { key: `draft:${draftId}:starting:${scheduledAt}` })) notified++;
  }
  return { notified };
}

export interface OnTheClock {
  leagueId: string;
  draftId: string;
  teamId: string;
  /** The manager to tell. */
  userId: string;
  /** The overall pick (or auction lot) he is on the clock for. */
  pick: number;
  /** When his time runs out (epoch ms); 0 without a clock. */
  deadline: number;
}

/** "You are on the clock": once per draft and pick (a room restored from its log does not repeat it). */
export function notifyOnTheClock(em: EntityManager, clock: OnTheClock) {
  const { userId, ...payload } = clock;
  return notify(em, userId, 'onTheClock', { ...payload, deadline: clock.deadline > 0 ? new Date(clock.deadline).toISOString() : null }, {
    key: `draft:${clock.draftId}:clock:${clock.pick}`,
  });
}
