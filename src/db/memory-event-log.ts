import type { EventLog } from './event-log.ts';
import { SEQ_TAKEN } from './event-log.ts';
import type { CommitUnit, StoredEvent } from './event-store.ts';

/**
 * The event log in memory, for tests of rooms and rules that need no PostgreSQL. It keeps the
 * events and refuses a taken (stream, seq) as the database does; projections are tables, so it
 * does not run them (what reads them, REST, needs the database anyway).
 */
export class MemoryEventLog implements EventLog {
  readonly #streams = new Map<string, StoredEvent[]>();

  async load(stream: string): Promise<StoredEvent[]> {
    return [...(this.#streams.get(stream) ?? [])];
  }

  async commit({ stream, events }: CommitUnit): Promise<void> {
    const stored = this.#streams.get(stream) ?? [];
    const taken = new Set(stored.map((e) => e.seq));
    const batch = new Set(events.map((e) => e.seq));
    if (batch.size !== events.length || events.some((e) => taken.has(e.seq))) {
      throw Object.assign(new Error(`${stream}: a seq of this unit is taken`), { constraint: SEQ_TAKEN });
    }
    const createdAt = new Date();
    const added = events.map(({ seq, type, payload, actor }) => ({ seq, type, payload: structuredClone(payload), actor, createdAt }));
    this.#streams.set(stream, [...stored, ...added].sort((a, b) => a.seq - b.seq));
  }

  /** Commits finish before they resolve: nothing is ever in flight. */
  async idle(): Promise<void> {}
}
