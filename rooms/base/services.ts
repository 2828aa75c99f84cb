import type { MikroORM } from '@mikro-orm/postgresql';
import type { TokenService } from '../../src/auth/tokens.ts';
import type { Sessions } from '../../src/auth/sessions.ts';
import type { EventLog } from '../../src/db/event-log.ts';
import type { Jobs } from '../../src/jobs/types.ts';

/**
 * What rooms need from the process. Set once by buildServer; kept out of room options because
 * client join options reach onCreate and must never be able to replace a service.
 */
export interface RoomServices {
  orm: MikroORM;
  /** The event log: PostgreSQL's EventStore, or MemoryEventLog in tests that need no database. */
  store: EventLog;
  tokens: TokenService;
  /** A join needs an access token of a live session (a logged-out one is refused). */
  sessions: Sessions;
  /** Background work a room hands off (a final game's standings). */
  jobs: Jobs;
  /** The clock rules see (epoch ms); replaced in tests. */
  now: () => number;
}

let current: RoomServices | undefined;

export function setRoomServices(services: RoomServices | undefined): void {
  current = services;
}

export function roomServices(): RoomServices {
  if (!current) throw new Error('Room services are not set: build the server with buildServer()');
  return current;
}
