import { log } from '../log.ts';
import type { LeagueScoresChange } from '../scoring/score-events.ts';
import type { LeagueNotice } from '../transactions/announce.ts';

/**
 * Live pushes between processes: a job (in a server or in `npm run worker`) tells the rooms that
 * something changed, wherever those rooms run. Colyseus presence pub/sub carries it: RedisPresence
 * with REDIS_URL (every server process and the worker share it), LocalPresence in one process.
 *
 * The publisher is set once per process at start (src/app.ts: the matchmaker's presence; the
 * worker: a RedisPresence of its own), like the room services, so that services deep in a job
 * (scoring, notifications) reach it without threading it through every call.
 */
export interface LivePublisher {
  publish(topic: string, data: unknown): unknown;
}

/** What the league room hears on its league's topic: scores changed, or a roster transaction to tell its clients of. */
export type LeagueLiveEvent = LeagueScoresEvent | LeagueNoticeEvent;

/** A trade executed or a waiver run settled (committed) at `at`: the room sends `notice` to every client. */
export interface LeagueNoticeEvent {
  type: 'transaction';
  at: number;
  notice: LeagueNotice;
}

export interface LeagueScoresEvent {
  /** Fantasy scores of the league changed: a score or rescore job finished at `at` (epoch ms). */
  type: 'scores';
  at: number;
  /**
   * The latest stat line (by when it happened) among those just scored in the league, so a room
   * knows the period to show without looking for it; null when unknown (a rescore).
   */
  latest: LeagueScoresChange['latest'];
}

/** The topic of one league's live changes (rooms/LeagueLiveRoom.ts subscribes to it). */
export const leagueTopic = (leagueId: string): string => `league-live:${leagueId}`;
/** The topic of one user's new notifications (every league room the user is in subscribes to it). */
export const userNotificationsTopic = (userId: string): string => `notifications:${userId}`;

/** The topic of one league's seat changes: its rooms close the clients whose seat changed (rooms/base/LeagueRoom.ts). */
export const leagueSeatsTopic = (leagueId: string): string => `league-seats:${leagueId}`;

/**
 * Whose seat in a league's rooms is no longer what it was when they joined: these users (a team
 * given to another manager, or taken from one), or everyone who is not a member (the league went
 * private, and those who only watched may not any more).
 */
export type SeatsChanged = { userIds: string[] } | { nonMembers: true };

let current: LivePublisher | undefined;

export function setLivePublisher(publisher: LivePublisher | undefined): void {
  current = publisher;
}

/**
 * Publishes; never throws (the change is stored either way, a client sees it on its next load).
 * A process with no publisher set (a script that scores without a server) has nobody to tell.
 */
export async function publishLive(topic: string, data: unknown): Promise<void> {
  if (!current) return;
  try {
    await current.publish(topic, data);
  } catch (error) {
    log.warn({ err: error, topic }, 'live push not published; clients see the change on their next load');
  }
}

/** Tells every league room of these leagues that their scores changed. */
export async function publishScoresChanged(changes: LeagueScoresChange[], at: number): Promise<void> {
  await Promise.all(changes.map(({ leagueId, latest }) => publishLive(leagueTopic(leagueId), { type: 'scores', at, latest } satisfies LeagueLiveEvent)));
}

/** Tells every room of the league whose seats changed: they join again and are seated as they are now. */
export async function publishSeatsChanged(leagueId: string, change: SeatsChanged): Promise<void> {
  await publishLive(leagueSeatsTopic(leagueId), change);
}
