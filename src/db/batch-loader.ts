/** The most keys one query asks for by default: a bounded statement, and a bounded wait for the callers in it. */
const MAX_KEYS = 500;

/**
 * The least time between the starts of two batches while loads come in a burst (the last batch held
 * more than one key: they came in one turn, or while a query ran). Under a burst (a restart's
 * thousand joins, each reaching the loader a millisecond or two after the last) the loads of this
 * long go together. Why: with the next batch sent as soon as the last answered, a 500-draft restart
 * sent ~1,830 statements of ~3 keys each, each costing the server CPU whatever its size, in a
 * restart that is CPU-bound; with this gap, ~180 (README, Performance). Loads that come one at a
 * time (the last batch held one key) wait for no gap: a join or a REST call in ordinary traffic
 * pays nothing for it.
 */
export const BATCH_GAP_MS = 20;

interface Waiting<V> { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }

export interface BatchOptions {
  /** The most keys in one query; more keys asked for together go in several. */
  maxKeys?: number;
  /** How two spellings of one key are told equal, e.g. uuids in any case (default: as given). */
  normalize?: (key: string) => string;
  /** The least time between the starts of two batches while loads come in a burst (default BATCH_GAP_MS). */
  gapMs?: number;
}

/**
 * Reads many rows of one kind with one query. After a crash or a restart, hundreds of rooms open
 * (and a thousand clients join) within a moment, each reading a few rows: one query per caller
 * would queue thousands of round-trips behind the connection pool. Every load asked for during one
 * turn of the event loop goes into the same query; a lone load costs one query, only a turn later.
 *
 * While a batch's queries run, new loads wait for them to end and then go together in the next
 * batch: under a burst (a restart's joins arrive over many turns, each after its token check)
 * the queries are as many as the round-trips the burst lasts, not one per turn, and batches start
 * no closer together than BATCH_GAP_MS; a load with nothing in flight goes at the next turn when the
 * last batch held one key or started longer ago than that gap.
 *
 * `query` answers the keys it was given that exist (a key left out is "none": its callers get
 * undefined); a failing query fails every caller of that batch and none after it. Each batch is
 * read afresh: nothing is cached between turns, so a load never sees older rows than a query of
 * its own would have.
 */
export class BatchLoader<V> {
  readonly #query: (keys: string[]) => Promise<Map<string, V>>;
  readonly #maxKeys: number;
  readonly #normalize: (key: string) => string;
  #waiting = new Map<string, Waiting<V>[]>();
  #scheduled = false;
  /** Queries of the last batch still running: the next batch waits for them. */
  #running = 0;
  readonly #gapMs: number;
  /** When the last batch started (performance.now()), or -Infinity before the first. */
  #lastFlushAt = -Infinity;
  /** Keys in the last batch: more than one means a burst, and the next batch keeps the gap. */
  #lastBatchKeys = 0;

  constructor(query: (keys: string[]) => Promise<Map<string, V>>, options: BatchOptions = {}) {
    this.#query = query;
    this.#maxKeys = options.maxKeys ?? MAX_KEYS;
    this.#normalize = options.normalize ?? ((key) => key);
    this.#gapMs = options.gapMs ?? BATCH_GAP_MS;
  }

  load(key: string): Promise<V | undefined> {
    const normal = this.#normalize(key);
    return new Promise((resolve, reject) => {
      const waiting = this.#waiting.get(normal);
      if (waiting) waiting.push({ resolve, reject });
      else this.#waiting.set(normal, [{ resolve, reject }]);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running > 0) return;
    this.#scheduled = true;
    const wait = this.#lastBatchKeys > 1 ? this.#lastFlushAt + this.#gapMs - performance.now() : 0;
    if (wait > 0) setTimeout(() => this.#flush(), wait);
    else setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    this.#lastFlushAt = performance.now();
    const all = [...this.#waiting];
    this.#waiting = new Map();
    this.#lastBatchKeys = all.length;
    for (let i = 0; i < all.length; i += this.#maxKeys) void this.#run(new Map(all.slice(i, i + this.#maxKeys)));
  }

  async #run(batch: Map<string, Waiting<V>[]>): Promise<void> {
    this.#running++;
    try {
      const found = await this.#query([...batch.keys()]);
      for (const [key, waiting] of batch) waiting.forEach((w) => w.resolve(found.get(key)));
    } catch (error) {
      for (const waiting of batch.values()) waiting.forEach((w) => w.reject(error));
    } finally {
      // The loads that came meanwhile go together now.
      if (--this.#running === 0 && this.#waiting.size > 0) this.#schedule();
    }
  }
}

/** Rows grouped by a column (many rows per key), e.g. a league's teams: keys without rows get []. */
export function groupBy<Row>(keys: string[], rows: Row[], keyOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return groups;
}

/** `?, ?, ?` for a raw `in (...)` list of these values (each a bound parameter, never spliced in). */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
