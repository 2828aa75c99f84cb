import type { CommitUnit, StoredEvent } from './event-store.ts';

/**
 * What rooms need of the event log: the PostgreSQL EventStore (group commit, projections in the
 * same transaction) in the server, MemoryEventLog where a test needs no database.
 */
export interface EventLog {
  /** A stream's events in order. */
  load(stream: string): Promise<StoredEvent[]>;
  /** Resolves once the unit is stored; rejects (nothing stored) if it could not be. */
  commit(unit: CommitUnit): Promise<void>;
  /** Resolves when every unit handed in so far has its verdict (graceful shutdown). */
  idle(): Promise<void>;
}

/**
 * The unique (stream, seq) index of stream_events: a commit that breaks it was beaten by another
 * writer of the stream. Both logs reject such a commit with an error naming it as `constraint`.
 */
export const SEQ_TAKEN = 'stream_events_stream_seq_unique';
