import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventLog } from '../../src/db/event-log.ts';
import type { Jobs } from '../../src/jobs/types.ts';
import type { SeatResolver } from './admission.ts';

/**
 * What every league room needs, whatever stores it: where its events go, how a join becomes a
 * seat, and the clock. Tests of the room base run on these alone (MemoryEventLog, seats from a
 * map: test/helpers/memory-rooms.ts), without PostgreSQL.
 */
export interface BaseRoomServices {
  /** The event log: PostgreSQL's EventStore, or MemoryEventLog in tests that need no database. */
  store: EventLog;
  /** Seats joins at matchmaking (rooms/base/admission.ts): the league tables in the server. */
  seats: SeatResolver;
  /** The clock rules see (epoch ms); replaced in tests. */
  now: () => number;
}

/** What the server's rooms need besides: the database their streams' configs live in, background jobs. */
export interface RoomServices extends BaseRoomServices {
  orm: MikroORM;
  /** Background work a room hands off (a final game's standings). */
  jobs: Jobs;
}

/**
 * Set once by buildServer; kept out of room options because client join options reach onCreate
 * and must never be able to replace a service.
 */
let current: BaseRoomServices | RoomServices | undefined;

export function setRoomServices(services: BaseRoomServices | RoomServices | undefined): void {
  current = services;
}

export function baseRoomServices(): BaseRoomServices {
  if (!current) throw new Error('Room services are not set: build the server with buildServer()');
  return current;
}

function isFull(services: BaseRoomServices | RoomServices): services is RoomServices {
  return 'orm' in services;
}

/** The services of a room that reads the database (every real room kind). */
export function roomServices(): RoomServices {
  const services = baseRoomServices();
  if (!isFull(services)) throw new Error('This room needs the database: build the server with buildServer()');
  return services;
}
