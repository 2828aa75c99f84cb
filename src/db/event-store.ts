import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { log } from '../log.ts';

/** One event to append to a stream's log. */
export interface NewEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string | null;
}

/** Writes that must land in the same transaction as the events (projections such as draft_picks). */
export type Projection = (em: EntityManager) => Promise<void>;

/** Everything one action writes: all of it commits, or none of it does. */
export interface CommitUnit {
  stream: string;
  events: NewEvent[];
  projections?: Projection[];
}

export interface StoredEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string | null;
  createdAt: Date;
}

interface Pending { unit: CommitUnit; done: (error?: unknown) => void }

/** The most units written in one transaction; bounds the cost of a retry after a failed batch. */
const MAX_BATCH = 256;

/**
 * The durable event log, with group commit: while one transaction is in flight the next units
 * queue up and are written together, so many rooms share each round-trip and fsync. A batch that
 * fails (say, one unit breaks a unique constraint) is retried unit by unit, so each unit gets its
 * own verdict and no unit fails for another's fault.
 */
export class EventStore {
  readonly #orm: MikroORM;
  readonly #pipelines: number;
  #queue: Pending[] = [];
  readonly #draining = new Set<Promise<void>>();

  /**
   * `pipelines`: transactions in flight at once (each holds a connection). Safe for ordering
   * because a room awaits one commit before its next, so one stream never has two units in flight.
   */
  constructor(orm: MikroORM, pipelines = 1) {
    this.#orm = orm;
    this.#pipelines = Math.max(1, pipelines);
  }

  /** Resolves once the unit is committed; rejects (nothing written) if it could not be. */
  commit(unit: CommitUnit): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ unit, done: (error) => (error ? reject(error) : resolve()) });
      this.#kick();
    });
  }

  /**
   * Starts drainers while there is work and a free pipeline. A drainer that ends looks again:
   * a unit handed in while it was finishing (after its last look at the queue, before it left
   * the set) would otherwise wait forever.
   */
  #kick(): void {
    while (this.#draining.size < this.#pipelines && this.#queue.length > 0) {
      const drain: Promise<void> = this.#drain().finally(() => {
        this.#draining.delete(drain);
        this.#kick();
      });
      this.#draining.add(drain);
    }
  }

  /** Resolves when every unit handed in so far has its verdict (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.#draining.size > 0) await Promise.all(this.#draining);
  }

  async load(stream: string): Promise<StoredEvent[]> {
    const rows = await this.#orm.em.fork().getConnection().execute<Array<Record<string, unknown>>>(
      'select seq, type, payload, actor, created_at from stream_events where stream = ? order by seq', [stream]);
    return rows.map((row) => ({
      seq: Number(row.seq), type: String(row.type), payload: row.payload as Record<string, unknown>,
      actor: (row.actor as string | null) ?? null, createdAt: new Date(row.created_at as string),
    }));
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      try {
        await this.#write(batch.map((entry) => entry.unit));
        batch.forEach((entry) => entry.done());
      } catch (error) {
        if (batch.length === 1) batch[0].done(error);
        else await this.#writeOneByOne(batch);
      }
    }
  }

  async #writeOneByOne(batch: Pending[]): Promise<void> {
    for (const entry of batch) {
      try {
        await this.#write([entry.unit]);
        entry.done();
      } catch (error) {
        log.debug({ err: error, stream: entry.unit.stream }, 'commit rejected');
        entry.done(error);
      }
    }
  }

  async #write(units: CommitUnit[]): Promise<void> {
    const rows = units.flatMap((unit) => unit.events.map((event) => ({ stream: unit.stream, ...event })));
    await this.#orm.em.fork().transactional(async (tx) => {
      if (rows.length > 0) {
        const values = rows.map(() => '(?, ?, ?, ?::jsonb, ?, now())').join(', ');
        const params = rows.flatMap((r) => [r.stream, r.seq, r.type, JSON.stringify(r.payload), r.actor]);
        await tx.getConnection().execute(
          `insert into stream_events (stream, seq, type, payload, actor, created_at) values ${values}`,
          params, 'run', tx.getTransactionContext());
      }
      for (const unit of units) for (const projection of unit.projections ?? []) await projection(tx);
      // Projections may queue rows in the unit of work: one flush writes them as multi-row inserts.
      await tx.flush();
    });
  }
}
