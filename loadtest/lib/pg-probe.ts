/**
 * PostgreSQL's own commit time while a phase runs (`npm run load -- … --pg-probe URL`): a client of
 * its own, outside the server under test, commits one single-row INSERT (its own transaction,
 * synchronous commit, like a pick's) every 10 ms and times each round-trip. A durable pick cannot
 * be told before its commit returns, so on a shared box this is the floor its latency sits on above
 * an echo's; run in the echo and peer phases too, it shows what the same box gives PostgreSQL
 * without our writes. The probe writes into a table of its own, created for the phase and dropped
 * after it; it adds ~100 commits/s to the database.
 *
 * The client is a process of its own (./pg-probe-process.ts), which also counts the CPU it spends
 * per commit: the floor under what a durable action costs a server over an echo on the same box
 * (an echo sends no statement and wakes for no reply). On a small VM a write that wakes a sleeping
 * peer, and the wake for its answer, cost far more than the statement's own work.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { latencySummary, round1, type LatencySummary } from './stats.ts';

/** The probe's table: its name says whose it is; it lives only while a phase runs. */
export const PROBE_TABLE = 'clubhouse_load_probe';
const PROBE_EVERY_MS = 10;
const PROCESS = new URL('./pg-probe-process.ts', import.meta.url);

/** What the probe's process tells the harness. */
export type ProbeMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; timings: number[]; commitCpuUs: number };

export interface PgProbeResult {
  /** Each commit's round trip. */
  latencyMs: LatencySummary;
  /** CPU (user + system) the probe's process spent per commit, from sending it to holding the reply; null without commits. */
  clientCpuUsPerCommit: number | null;
}

export class PgProbe {
  readonly #child: ChildProcess;
  readonly #result: Promise<PgProbeResult>;
  #stopped?: Promise<PgProbeResult>;

  private constructor(child: ChildProcess, result: Promise<PgProbeResult>) {
    this.#child = child;
    this.#result = result;
  }

  /** Starts the probe's process on `url` (a database the server's load may share); resolves once it commits. */
  static async start(url: string, everyMs = PROBE_EVERY_MS): Promise<PgProbe> {
    const child = fork(PROCESS, [url, String(everyMs)], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const gone = new Promise<never>((_, reject) => {
      child.once('exit', (code) => reject(new Error(`the --pg-probe process exited (${code}) before its result`)));
      child.once('error', reject);
    });
    gone.catch(() => undefined);
    const next = <T extends ProbeMessage['type']>(...types: T[]) => Promise.race([
      new Promise<Extract<ProbeMessage, { type: T }>>((resolve) => {
        const heard = (message: ProbeMessage) => {
          if (!(types as string[]).includes(message.type)) return;
          child.off('message', heard);
          resolve(message as Extract<ProbeMessage, { type: T }>);
        };
        child.on('message', heard);
      }),
      gone,
    ]);
    const started = await next('ready', 'failed');
    if (started.type === 'failed') throw new Error(`--pg-probe: ${started.message}`);
    const result = next('result').then(({ timings, commitCpuUs }) => ({
      latencyMs: latencySummary(timings),
      clientCpuUsPerCommit: timings.length === 0 ? null : round1(commitCpuUs / timings.length),
    }));
    result.catch(() => undefined);
    return new PgProbe(child, result);
  }

  /** Stops the commits; the probe's process drops its table and disconnects. Once: a second call gets the same. */
  stop(): Promise<PgProbeResult> {
    this.#stopped ??= this.#finish();
    return this.#stopped;
  }

  async #finish(): Promise<PgProbeResult> {
    if (this.#child.connected) this.#child.send('stop');
    try {
      return await this.#result;
    } finally {
      if (this.#child.exitCode === null) this.#child.kill();
    }
  }
}
