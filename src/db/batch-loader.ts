/** The most keys one query asks for by default: a bounded statement, and a bounded wait for the callers in it. */
const MAX_KEYS = 500;

interface Waiting<V> { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }

export interface BatchOptions {
  /** The most keys in one query; more keys asked for together go in several. */
  maxKeys?: number;
  /** How two spellings of one key are told equal, e.g. uuids in any case (default: as given). */
  normalize?: (key: string) => string;
}

/**
 * Reads many rows of one kind with one query. After a crash or a restart, hundreds of rooms open
 * (and a thousand clients join) within a moment, each reading a few rows: one query per caller
 * would queue thousands of round-trips behind the connection pool. Every load asked for during one
 * turn of the event loop goes into the same query; a lone load costs one query, only a turn later.
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

  constructor(query: (keys: string[]) => Promise<Map<string, V>>, options: BatchOptions = {}) {
    this.#query = query;
    this.#maxKeys = options.maxKeys ?? MAX_KEYS;
    this.#normalize = options.normalize ?? ((key) => key);
  }

  load(key: string): Promise<V | undefined> {
    const normal = this.#normalize(key);
    return new Promise((resolve, reject) => {
      const waiting = this.#waiting.get(normal);
      if (waiting) waiting.push({ resolve, reject });
      else this.#waiting.set(normal, [{ resolve, reject }]);
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const all = [...this.#waiting];
    this.#waiting = new Map();
    for (let i = 0; i < all.length; i += this.#maxKeys) void this.#run(new Map(all.slice(i, i + this.#maxKeys)));
  }

  async #run(batch: Map<string, Waiting<V>[]>): Promise<void> {
    try {
      const found = await this.#query([...batch.keys()]);
      for (const [key, waiting] of batch) waiting.forEach((w) => w.resolve(found.get(key)));
    } catch (error) {
      for (const waiting of batch.values()) waiting.forEach((w) => w.reject(error));
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
