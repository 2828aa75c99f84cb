import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { log } from '../log.ts';
import { commitLatency } from '../metrics.ts';
import { StreamLoader, streamEventsQuery } from './stream-loader.ts';
import { insertStatement, NOW, type InsertStatement, type TableRows } from './insert-statement.ts';

/** What the hot path needs of the `pg` pool behind MikroORM: a query with bound values. */
interface NativePool {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<unknown>;
}

/** One event to append to a stream's log. */
export interface NewEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string | null;
}

/**
 * Writes that must land in the same transaction as the events (projections such as draft_picks).
 * The hot one, a row to insert (a pick), is data: the store writes every such row of a batch, across
 * rooms, in one multi-row insert per table, without the unit of work. The rare ones (a status, the
 * rosters at the end, an undo) are functions given the transaction's EntityManager.
 */
export type Projection = ProjectionWrite | RowInsert;
export type ProjectionWrite = (em: EntityManager) => Promise<void>;

/** One row for `table`; keys are column names (code constants, never input), values are bound. */
export interface RowInsert {
  table: string;
  row: Record<string, unknown>;
}

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

/** `at`: performance.now() when the unit was handed in. */
interface Pending { unit: CommitUnit; done: (error?: unknown) => void; at: number }

/** The commit timings (src/metrics.ts), bound to their label once: observed for every unit and batch. */
const unitSeconds = commitLatency.labels({ stage: 'unit' });
const statementSeconds = commitLatency.labels({ stage: 'statement' });

/** Tells a unit its verdict and times its whole commit. */
function settle(entry: Pending, error?: unknown): void {
  unitSeconds.observe((performance.now() - entry.at) / 1000);
  entry.done(error);
}

/**
 * The most units written in one batch: keeps a statement's bound parameters far under
 * PostgreSQL's 65,535 and bounds the cost of a retry after a failed batch.
 */
const MAX_BATCH = 1000;
/**
 * The most units with function projections (starts, undos, ends) written in one transaction. Each
 * runs its projections one after another through the unit of work, a few ms apiece: a thousand
 * drafts starting together made one batch hold its pipeline for over a second. Capped, and kept out
 * of the batches of rows, they never hold the picks up behind them.
 */
export const FUNCTION_BATCH = 64;
/**
 * Batches in flight at once. A batch of rows takes every such unit pending when it starts, so more
 * pipelines would only split the same units into more round-trips; two let the next batch go
 * out while the previous one waits for its fsync, or while a batch of function projections runs.
 */
export const DEFAULT_PIPELINES = 2;
/**
 * Units told of their commit per event-loop turn. Each one's room goes on at once (applies, sends a
 * patch to every client, answers): hundreds told together (a burst of draft starts) would hold the
 * loop for as long as all their fan-outs take, and every other socket with it. The telling holds no
 * pipeline: the next batch is written while the last one's rooms are told.
 */
export const SETTLE_CHUNK = 16;

/**
 * The durable event log, with group commit: while a batch is in flight the next units queue up
 * and are written together, so many rooms share each round-trip and fsync. A batch of event rows
 * and row projections only (every pick) is ONE statement, its own transaction: the inserts as
 * data-modifying CTEs, no BEGIN/COMMIT round-trips, no unit of work. A batch with a function
 * projection (start, undo, the end) runs in a transaction through MikroORM; such units queue apart,
 * FUNCTION_BATCH at most to a transaction and one transaction at a time. A batch that fails
 * (say, one unit breaks a unique constraint) is retried unit by unit, so each unit gets its own
 * verdict and no unit fails for another's fault.
 */
export class EventStore {
  readonly #orm: MikroORM;
  readonly #pipelines: number;
  /** Units of events and row projections only (every pick): one statement per batch. */
  #rowQueue: Pending[] = [];
  /** Units with function projections: a transaction through MikroORM, one such batch at a time. */
  #functionQueue: Pending[] = [];
  #functionsInFlight = false;
  #kickPending = false;
  readonly #draining = new Set<Promise<void>>();
  /** Committed units not yet told, oldest first: SETTLE_CHUNK of them each event-loop turn. */
  #toTell: Pending[] = [];
  #telling = false;
  readonly #loader: StreamLoader;
  #pool?: Promise<NativePool>;
  readonly #bindValues: boolean;

  /**
   * `pipelines`: transactions in flight at once (each holds a connection). Safe for ordering
   * because a room awaits one commit before its next, so one stream never has two units in flight.
   * `bindValues`: batches of rows go straight to the `pg` pool with bound values (see #run); false
   * for the embedded database, whose socket server drops the connection when a statement sent that
   * way fails (a taken seq must come back as such), so there every batch goes through MikroORM.
   */
  constructor(orm: MikroORM, pipelines = DEFAULT_PIPELINES, { bindValues = true }: { bindValues?: boolean } = {}) {
    this.#orm = orm;
    this.#pipelines = Math.max(1, pipelines);
    this.#bindValues = bindValues;
    this.#loader = new StreamLoader(streamEventsQuery(orm));
  }

  /** Resolves once the unit is committed; rejects (nothing written) if it could not be. */
  commit(unit: CommitUnit): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = unit.projections?.some((projection) => !isRowInsert(projection)) ? this.#functionQueue : this.#rowQueue;
      queue.push({ unit, done: (error) => (error ? reject(error) : resolve()), at: performance.now() });
      this.#kickSoon();
    });
  }

  /**
   * Kicks once the event loop has read what arrived with this unit: every unit handed in during the
   * same turn (picks of many rooms read from their sockets together) goes out in one batch, one
   * round-trip, instead of the first alone. The wait is the rest of the turn, never a timer.
   */
  #kickSoon(): void {
    if (this.#kickPending) return;
    this.#kickPending = true;
    setImmediate(() => {
      this.#kickPending = false;
      this.#kick();
    });
  }

  /**
   * Starts drainers while there is work and a free pipeline. A drainer that ends looks again:
   * a unit handed in while it was finishing (after its last look at the queue, before it left
   * the set) would otherwise wait forever.
   */
  #kick(): void {
    while (this.#draining.size < this.#pipelines && this.#hasWork()) {
      const drain: Promise<void> = this.#drain().finally(() => {
        this.#draining.delete(drain);
        this.#kick();
      });
      this.#draining.add(drain);
    }
  }

  /** Resolves when every unit handed in so far has its verdict (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.#draining.size > 0 || this.#kickPending || this.#telling) {
      if (this.#draining.size > 0) await Promise.all(this.#draining);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The stream's events in order; loads asked for together share one query (./stream-loader.ts). */
  load(stream: string): Promise<StoredEvent[]> {
    return this.#loader.load(stream);
  }

  /** Work a drainer could take now: rows, or functions while no other drainer writes some. */
  #hasWork(): boolean {
    return this.#rowQueue.length > 0 || (this.#functionQueue.length > 0 && !this.#functionsInFlight);
  }

  /**
   * A drainer alternates between the two kinds where both wait, so neither starves the other when
   * there is one pipeline (the embedded database); with two, one writes functions, the other rows.
   */
  async #drain(): Promise<void> {
    let rowsFirst = false;
    for (;;) {
      const functions: boolean = !this.#functionsInFlight && this.#functionQueue.length > 0 && (!rowsFirst || this.#rowQueue.length === 0);
      if (!functions && this.#rowQueue.length === 0) return;
      rowsFirst = functions;
      if (!functions) {
        await this.#writeBatch(this.#rowQueue.splice(0, MAX_BATCH));
        continue;
      }
      this.#functionsInFlight = true;
      try {
        await this.#writeBatch(this.#functionQueue.splice(0, FUNCTION_BATCH));
      } finally {
        this.#functionsInFlight = false;
      }
      // Another drainer may have ended while this one held the functions: start one for what waits.
      this.#kick();
    }
  }

  async #writeBatch(batch: Pending[]): Promise<void> {
    try {
      await this.#write(batch.map((entry) => entry.unit));
    } catch {
      // Nothing of the batch was written. Each unit again, alone and in order (events first), so
      // each gets the verdict of its own writes, a taken (stream, seq) reported as such.
      await this.#writeOneByOne(batch);
      return;
    }
    this.#tell(batch);
  }

  /**
   * Tells committed units, SETTLE_CHUNK per event-loop turn across every batch waiting, the first
   * chunk now. It runs beside the drainers: a pipeline that waited for its batch's rooms to be told
   * (at saturation, longer than the write itself) would leave the next batch queued meanwhile.
   */
  #tell(batch: Pending[]): void {
    this.#toTell.push(...batch);
    if (this.#telling) return;
    this.#telling = true;
    void this.#tellAll();
  }

  async #tellAll(): Promise<void> {
    try {
      for (;;) {
        for (const entry of this.#toTell.splice(0, SETTLE_CHUNK)) settle(entry);
        if (this.#toTell.length === 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.#telling = false;
    }
  }

  async #writeOneByOne(batch: Pending[]): Promise<void> {
    for (const entry of batch) {
      try {
        await this.#write([entry.unit], true);
        settle(entry);
      } catch (error) {
        log.debug({ err: error, stream: entry.unit.stream }, 'commit rejected');
        settle(entry, error);
      }
    }
  }

  /**
   * One statement for a batch of rows only; else (function projections, or `inOrder`) a
   * transaction that inserts the events first: PostgreSQL runs the inserts of one statement in no
   * set order, so only this way does a unit whose seq another writer took always fail on
   * stream_events_stream_seq_unique (how a superseded room learns it), not on a projection's unique.
   */
  async #write(units: CommitUnit[], inOrder = false): Promise<void> {
    const started = performance.now();
    try {
      await this.#writeUnits(units, inOrder);
    } finally {
      statementSeconds.observe((performance.now() - started) / 1000);
    }
  }

  async #writeUnits(units: CommitUnit[], inOrder: boolean): Promise<void> {
    const events: Array<Record<string, unknown>> = [];
    const rows: RowInsert[] = [];
    const functions: ProjectionWrite[] = [];
    for (const unit of units) {
      for (const event of unit.events) {
        events.push({ stream: unit.stream, seq: event.seq, type: event.type, payload: JSON.stringify(event.payload), actor: event.actor, created_at: NOW });
      }
      for (const projection of unit.projections ?? []) {
        if (isRowInsert(projection)) rows.push(projection);
        else functions.push(projection);
      }
    }
    const eventInserts: TableRows[] = [{ table: 'stream_events', rows: events }];
    const rowInserts = byTable(rows);
    try {
      if (functions.length === 0 && !inOrder) {
        if (this.#bindValues) {
          const statement = insertStatement([...eventInserts, ...rowInserts]);
          if (statement) await this.#run(statement);
        } else {
          const statement = insertStatement([...eventInserts, ...rowInserts], 'orm');
          if (statement) await this.#orm.em.getConnection().execute(statement.sql, statement.params, 'run');
        }
        return;
      }
      await this.#orm.em.fork().transactional(async (tx) => {
        for (const statement of [insertStatement(eventInserts, 'orm'), insertStatement(rowInserts, 'orm')]) {
          if (statement) await tx.getConnection().execute(statement.sql, statement.params, 'run', tx.getTransactionContext());
        }
        for (const projection of functions) await projection(tx);
        // Projections may queue rows in the unit of work: one flush writes them as multi-row inserts.
        await tx.flush();
      });
    } catch (error) {
      throw this.#orm.em.getPlatform().getExceptionConverter().convertException(error as Error);
    }
  }

  /**
   * The batch statement straight through the `pg` pool behind MikroORM, its values bound by the
   * driver and its text prepared once per connection under the shape's name: a pick pays for
   * neither MikroORM's inlining of every value into the text nor PostgreSQL parsing it again.
   */
  async #run(statement: InsertStatement): Promise<void> {
    this.#pool ??= (this.#orm.em.getConnection() as unknown as { getNativeClient(): Promise<NativePool> }).getNativeClient();
    const pool = await this.#pool;
    await pool.query({ name: statement.name, text: statement.sql, values: statement.params });
  }
}

function isRowInsert(projection: Projection): projection is RowInsert {
  return typeof projection !== 'function';
}

/** Row inserts grouped by table, in the order each table first appears. */
function byTable(rows: RowInsert[]): TableRows[] {
  const tables = new Map<string, Array<Record<string, unknown>>>();
  for (const { table, row } of rows) {
    const grouped = tables.get(table);
    if (grouped) grouped.push(row);
    else tables.set(table, [row]);
  }
  return [...tables].map(([table, grouped]) => ({ table, rows: grouped }));
}
