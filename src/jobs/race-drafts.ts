import { z } from 'zod';
import { matchMaker } from '@colyseus/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Draft, F1LeagueSettings, F1Race } from '../db/entities/index.ts';
import { ensureRaceDraft, opensAt } from '../f1/race-drafts.ts';
import type { Jobs, QueueDefinition, Scheduling } from './types.ts';
import { log } from '../log.ts';
import { openRoomOnce } from '../../rooms/base/open-room.ts';
import type { DraftRoom } from '../../rooms/DraftRoom.ts';

/**
 * F1 race drafts open and lock by themselves. For every league that plays race weekends and every
 * race of its season:
 * - `race-draft-open` at lock − draftLeadMinutes creates the race's draft (src/f1/race-drafts.ts)
 *   and opens its room, which starts it (its scheduledAt is the opening time) and keeps running
 *   with nobody in it: absent managers are autopicked when their clock runs out;
 * - `race-draft-lock` at the lock (the start of qualifying) has the room finish whatever is left
 *   by autopick (the room also arms its own clock for the lock while it is open).
 * Both are idempotent and carry the time they are for in their job id, so a moved race or a new
 * lead time gets new jobs while the old ones find themselves early and do nothing. The sweep (at
 * boot, every minute, and after a change to the calendar or a league's settings) re-adds every
 * job due within SWEEP_AHEAD_MS and reopens the room of a live race draft that has none: that is
 * how they survive a restart of the in-process runner, as scheduled drafts do (scheduled-drafts.ts).
 */

/** A job that runs this much early (clock skew between processes) waits; earlier ones leave it to the sweep. */
const EARLY_WAIT_MS = 60_000;
/** Jobs are added this far ahead; later ones by a later sweep. */
const SWEEP_AHEAD_MS = 7 * 24 * 60 * 60 * 1000;
/** Races locked longer ago than this are left alone. */
const SWEEP_PAST_MS = 24 * 60 * 60 * 1000;

const raceDraftData = z.object({ leagueId: z.uuid(), raceId: z.uuid() });
type RaceDraftData = z.infer<typeof raceDraftData>;
type Outcome = Record<string, unknown>;

export function raceDraftOpenQueue(orm: MikroORM, now: () => number): QueueDefinition<RaceDraftData, Outcome> {
  return {
    name: 'race-draft-open', data: raceDraftData, attempts: 5, backoffMs: 1000, concurrency: 2, keepCompleted: 0,
    process: (data) => openRaceDraft(orm.em.fork(), data, now),
  };
}

export function raceDraftLockQueue(orm: MikroORM, now: () => number): QueueDefinition<RaceDraftData, Outcome> {
  return {
    name: 'race-draft-lock', data: raceDraftData, attempts: 5, backoffMs: 1000, concurrency: 2, keepCompleted: 0,
    process: (data) => lockRaceDraft(orm.em.fork(), data, now),
  };
}

export function raceDraftSweepQueue(orm: MikroORM, now: () => number): QueueDefinition<Record<string, never>, Outcome> {
  return {
    name: 'race-draft-sweep', data: z.object({}).strict(), attempts: 3, backoffMs: 5000, concurrency: 1, keepCompleted: 0,
    process: (_data, job) => sweepRaceDrafts(orm.em.fork(), job.jobs, now),
  };
}

/** After a change to the calendar or a league's race settings: the sweep reschedules now (a failure waits for the next sweep). */
export async function raceDraftsChanged({ jobs }: Scheduling): Promise<void> {
  try {
    await jobs.add('race-draft-sweep', {});
  } catch (error) {
    log.error({ err: error }, 'race-draft sweep not added: the next one reschedules');
  }
}

/** Waits out a job that is up to EARLY_WAIT_MS early; false when it is earlier than that (the sweep re-adds it). */
async function due(at: number, now: () => number): Promise<boolean> {
  const early = at - now();
  if (early > EARLY_WAIT_MS) return false;
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  return true;
}

/** Thrown, so retried: the job may run before this process listens (jobs start with the server). */
function requireRooms(): void {
  if (matchMaker.state !== matchMaker.MatchMakerState.READY) throw new Error('rooms are not accepting yet');
}

async function raceOf(em: EntityManager, { leagueId, raceId }: RaceDraftData) {
  const settings = await em.findOne(F1LeagueSettings, { league: leagueId });
  const race = await em.findOne(F1Race, { id: raceId });
  return settings && race && race.season === settings.season ? { settings, race } : null;
}

export async function openRaceDraft(em: EntityManager, data: RaceDraftData, now: () => number): Promise<Outcome> {
  const found = await raceOf(em, data);
  if (!found) return { skipped: 'the league does not race this season' };
  if (!(await due(opensAt(found.settings, found.race), now))) return { skipped: 'not due yet' };
  requireRooms();
  const draft = await ensureRaceDraft(em, data.leagueId, data.raceId);
  if (!draft) return { skipped: 'no draft for this league' };
  if (draft.status === 'complete') return { draftId: draft.id, skipped: 'complete' };
  return { draftId: draft.id, opened: await openRoomOnce('draft', { draftId: draft.id }) };
}

export async function lockRaceDraft(em: EntityManager, data: RaceDraftData, now: () => number): Promise<Outcome> {
  const found = await raceOf(em, data);
  if (!found) return { skipped: 'the league does not race this season' };
  const lockAt = found.race.locksAt.getTime();
  if (!(await due(lockAt, now))) return { skipped: 'not due yet' };
  requireRooms();
  // A draft that never opened (a server down through its whole window) is made now and finished at once.
  const draft = await ensureRaceDraft(em, data.leagueId, data.raceId);
  if (!draft || draft.status === 'complete') return { skipped: 'complete' };
  return { draftId: draft.id, ...await tellRoom(draft.id, lockAt) };
}

/** Tells the draft's room (wherever it runs) when its race locks, or opens it: it reads the lock itself then. */
async function tellRoom(draftId: string, lockAt: number): Promise<Outcome> {
  const [listed] = await matchMaker.query({ name: 'draft', draftId } as never);
  if (!listed) return { opened: await openRoomOnce('draft', { draftId }) };
  await matchMaker.remoteRoomCall<DraftRoom>(listed.roomId, 'raceLocked', [lockAt]);
  return { told: listed.roomId };
}

export async function sweepRaceDrafts(em: EntityManager, jobs: Jobs, now: () => number): Promise<Outcome> {
  const at = now();
  const leagues = await em.find(F1LeagueSettings, {});
  const seasons = [...new Set(leagues.map((s) => s.season))];
  const races = await em.find(F1Race, { season: { $in: seasons }, locksAt: { $gte: new Date(at - SWEEP_PAST_MS) } });
  const drafts = await em.find(Draft, { race: { $in: races.map((r) => r.id) } }, { fields: ['id', 'league', 'race', 'status'] });
  const draftOf = new Map(drafts.map((d) => [`${d.league}:${d.race}`, d]));
  let scheduled = 0;
  for (const settings of leagues) {
    for (const race of races.filter((r) => r.season === settings.season)) {
      const data = { leagueId: settings.league, raceId: race.id };
      const draft = draftOf.get(`${settings.league}:${race.id}`);
      if (draft?.status === 'complete') continue;
      const openAt = opensAt(settings, race);
      if (!draft && openAt <= at + SWEEP_AHEAD_MS) {
        await jobs.add('race-draft-open', data, { jobId: `race-open-${settings.league}-${race.id}-${openAt}`, delayMs: Math.max(0, openAt - at) });
        scheduled++;
      }
      const lockAt = race.locksAt.getTime();
      if (lockAt <= at + SWEEP_AHEAD_MS) {
        await jobs.add('race-draft-lock', data, { jobId: `race-lock-${settings.league}-${race.id}-${lockAt}`, delayMs: Math.max(0, lockAt - at) });
        scheduled++;
      }
      // An open race draft runs in a room: one whose process died comes back (and learns of a moved lock).
      if (draft && matchMaker.state === matchMaker.MatchMakerState.READY) {
        await tellRoom(draft.id, lockAt).catch((error) => log.warn({ err: error, draftId: draft.id }, 'race draft room not reached'));
      }
    }
  }
  return { leagues: leagues.length, jobs: scheduled };
}
