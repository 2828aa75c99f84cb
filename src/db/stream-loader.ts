import type { MikroORM } from '@mikro-orm/postgresql';
import type { StoredEvent } from './event-store.ts';
import { BatchLoader, placeholders } from './batch-loader.ts';

/** A row of stream_events as the loader's query returns it. */
export type EventRow = Record<string, unknown>;

/** The most streams one query asks for: a bounded statement, and a bounded wait for the rooms in it. */
const MAX_STREAMS = 500;

/** The loader's query on PostgreSQL: every event of the given streams, by stream and seq (the unique index's order). */
export function streamEventsQuery(orm: MikroORM): (streams: string[]) => Promise<EventRow[]> {
  return (streams) => orm.em.fork().getConnection().execute<EventRow[]>(
    `select stream, seq, type, payload, actor, created_at from stream_events where stream in (${placeholders(streams)}) order by stream, seq`,
    streams);
}

/**
 * Reads the logs of many streams with one query (./batch-loader.ts). After a crash or a restart,
 * hundreds of rooms open within a moment, each rebuilding from its log: one query per room would
 * queue hundreds of round-trips behind the connection pool. Every load asked for during one turn
 * of the event loop goes into the same query (`stream in (...)`, in stream and seq order); a lone
 * load costs one query, as before, only a turn later. Streams are uuids: matched in PostgreSQL's
 * lowercase form.
 */
export class StreamLoader {
  readonly #batch: BatchLoader<StoredEvent[]>;

  /** `query` returns the rows of every given stream, ordered by stream and seq. */
  constructor(query: (streams: string[]) => Promise<EventRow[]>) {
    this.#batch = new BatchLoader(async (streams) => {
      const events = new Map<string, StoredEvent[]>(streams.map((stream) => [stream, []]));
      for (const row of await query(streams)) events.get(String(row.stream).toLowerCase())?.push(storedEvent(row));
      return events;
    }, { maxKeys: MAX_STREAMS, normalize: (stream) => stream.toLowerCase() });
  }

  async load(stream: string): Promise<StoredEvent[]> {
    return (await this.#batch.load(stream)) ?? [];
  }
}

function storedEvent(row: EventRow): StoredEvent {
  return {
    seq: Number(row.seq), type: String(row.type), payload: row.payload as Record<string, unknown>,
    actor: (row.actor as string | null) ?? null, createdAt: new Date(row.created_at as string),
  };
}
