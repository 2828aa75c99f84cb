/**
 * PostgreSQL's own commit time while a phase runs (`npm run load -- … --pg-probe URL`): a client of
 * its own, outside the server under test, commits one single-row INSERT (its own transaction,
 * synchronous commit, like a pick's) every 10 ms and times each round-trip. A durable pick cannot
 * be told before its commit returns, so on a shared box this is the floor its latency sits on above
 * an echo's; run in the echo and peer phases too, it shows what the same box gives PostgreSQL
 * without our writes. The probe writes into a table of its own, created for the phase and dropped
 * after it; it adds ~100 commits/s to the database.
 */
import pg from 'pg';
import { latencySummary, sleep, type LatencySummary } from './stats.ts';

/** The probe's table: its name says whose it is; it lives only while a phase runs. */
export const PROBE_TABLE = 'clubhouse_load_probe';
const PROBE_EVERY_MS = 10;

export class PgProbe {
  readonly #client: pg.Client;
  readonly #timings: number[] = [];
  #running = true;
  #stopped?: Promise<LatencySummary>;
  readonly #loop: Promise<void>;

  private constructor(client: pg.Client, everyMs: number) {
    this.#client = client;
    this.#loop = this.#run(everyMs);
  }

  /** Connects to `url` (a database the server's load may share), creates the table and starts committing. */
  static async start(url: string, everyMs = PROBE_EVERY_MS): Promise<PgProbe> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create table if not exists ${PROBE_TABLE} (id bigserial primary key, stream uuid not null, seq int not null, payload jsonb not null, created_at timestamptz not null default now())`);
    } catch (error) {
      await client.end();
      throw error;
    }
    return new PgProbe(client, everyMs);
  }

  /** One commit at a time, started every `everyMs` (at once after one that took longer). */
  async #run(everyMs: number): Promise<void> {
    let seq = 0;
    while (this.#running) {
      const started = performance.now();
      await this.#client.query(`insert into ${PROBE_TABLE} (stream, seq, payload) values (gen_random_uuid(), $1, $2)`, [++seq, { probe: seq }]);
      const took = performance.now() - started;
      this.#timings.push(took);
      if (took < everyMs) await sleep(everyMs - took);
    }
  }

  /** Stops, drops the table, disconnects; the commits' round-trips in ms. Once: a second call gets the same. */
  stop(): Promise<LatencySummary> {
    this.#stopped ??= this.#finish();
    return this.#stopped;
  }

  async #finish(): Promise<LatencySummary> {
    this.#running = false;
    try {
      await this.#loop;
      await this.#client.query(`drop table if exists ${PROBE_TABLE}`);
    } finally {
      await this.#client.end();
    }
    return latencySummary(this.#timings);
  }
}
