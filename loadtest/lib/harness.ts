/**
 * The coordinator: splits a kind's rooms over K forked generator processes (a room's clients all
 * in one process, so a send and its receipts share a clock), waits until every generator is set up,
 * starts them together, samples the server's /metrics over the measured phase (after a warm-up, if
 * asked: the rooms act, nothing is measured) and merges the
 * generators' raw latency samples into true percentiles.
 *
 * REST setup runs in each generator for its own rooms (fresh users per generator): it spreads the
 * setup over the same processes and keeps generators independent; only the measured phase is
 * synchronised.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { kinds } from '../kinds/index.ts';
import type { KindOptions, KindReport } from '../kinds/kind.ts';
import { clusterMetrics, MetricsSampler, roomsClosed, type ServerFigures, type ServerMetrics } from './metrics.ts';
import { mergeParts, type Part } from './part.ts';
import { PgProbe, type PgProbeResult } from './pg-probe.ts';
import { sleep } from './stats.ts';

export interface Plan {
  kind: string;
  baseUrl: string;
  /**
   * Every server process of the run (default: [baseUrl]), e.g. two processes sharing Redis:
   * generator i drives servers[i % n] (its REST setup and joins; Colyseus places each room on
   * whichever process it chooses), and the server figures are the processes' summed.
   */
  servers?: string[];
  rooms: number;
  generators: number;
  options: KindOptions;
  /** A database to time PostgreSQL's own commits in while the phase runs (./pg-probe.ts); none by default. */
  pgProbe?: string;
}

export interface SetupMessage { kind: string; baseUrl: string; rooms: number; options: KindOptions }
export type GeneratorMessage =
  | { type: 'ready'; rooms: number; clients: number; setupS: number }
  | { type: 'opened'; openS: number }
  | { type: 'ended' }
  | { type: 'done'; part: Part }
  | { type: 'error'; message: string };

export interface Outcome {
  plan: Plan;
  /** The generators' figures merged. */
  merged: Part;
  server: ServerFigures | null;
  report: KindReport;
  /** The server before any room of the run existed (the heap-per-room baseline). */
  idle: ServerMetrics | null;
  /** PostgreSQL's commits timed during the phase, and their client's CPU, with `plan.pgProbe`. */
  pgProbe: PgProbeResult | null;
}

const GENERATOR = fileURLToPath(new URL('./generator.ts', import.meta.url));

/** `rooms` split as evenly as possible over `generators` (none gets zero). */
export function shares(rooms: number, generators: number): number[] {
  const k = Math.max(1, Math.min(generators, rooms));
  return Array.from({ length: k }, (_, i) => Math.floor(rooms / k) + (i < rooms % k ? 1 : 0));
}

/**
 * Node options of the generator processes, space-separated, from LOAD_GENERATOR_NODE_ARGS (say
 * `--cpu-prof --cpu-prof-dir=DIR` to see where a generator's CPU goes); none by default.
 */
const generatorNodeArgs = (): string[] => (process.env.LOAD_GENERATOR_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** How long a generator that sent its figures is given to exit by itself (../lib/generator.ts) before it is killed. */
const GENERATOR_EXIT_GRACE_MS = 10_000;

/** A forked generator with a promise for each message type it will send once. */
class Generator {
  readonly child: ChildProcess;
  private readonly waiters = new Map<string, { resolve: (m: GeneratorMessage) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  constructor(index: number) {
    // `advanced` serialization carries the Float64Array samples as bytes, not JSON numbers.
    this.child = fork(GENERATOR, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: generatorNodeArgs() });
    this.child.on('message', (message: GeneratorMessage) => {
      if (message.type === 'error') this.fail(new Error(`generator ${index}: ${message.message}`));
      else this.waiters.get(message.type)?.resolve(message);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.on('exit', (code) => this.fail(new Error(`generator ${index} exited (${code}) before it was done`)));
    this.child.on('error', (error) => this.fail(new Error(`generator ${index}: ${error.message}`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiters.values()) waiter.reject(this.failure);
  }

  /** The next message of `type`; ask before sending what provokes it, so it cannot come first. */
  expect<T extends GeneratorMessage['type']>(type: T): Promise<Extract<GeneratorMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiters.set(type, { resolve: resolve as (m: GeneratorMessage) => void, reject });
    });
  }

  send(message: unknown): void {
    this.child.send(message as never);
  }

  /**
   * Ends the process: a generator that has sent its figures exits by itself, and is given up to
   * `graceMs` to do so (a CPU profile asked for in LOAD_GENERATOR_NODE_ARGS is written at that
   * exit, and a kill in the middle of the writing left none); one that has not is killed at once.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.child.exitCode === null && graceMs > 0) await Promise.race([this.exited, sleep(graceMs)]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

/**
 * One kind's run over every generator; `log` hears the setup progress. `idle`: the server's
 * figures before the first kind of this invocation set up its rooms; a baseline run right after
 * another reuses them, as the previous rooms' garbage may not be collected yet.
 */
export async function runLoad(plan: Plan, log: (line: string) => void = () => undefined, idle?: ServerMetrics | null): Promise<Outcome> {
  const kind = kinds[plan.kind];
  await kind.preflight?.(plan.options);
  const servers = plan.servers ?? [plan.baseUrl];
  const lingering = await roomsClosed(servers);
  if (lingering > 0) log(`warning: ${lingering} rooms of an earlier run still open on the server`);
  // Where the server can collect garbage on demand, each run's idle heap is read fresh, after a
  // collection; a baseline after another run keeps the lower idle heap of the two, as what the run
  // before loaded (the shared player pool, say) can be released only later, during this run.
  const fresh = await clusterMetrics(servers, kind.room, true);
  idle = fresh?.collected ? { ...fresh, heap: Math.min(fresh.heap, idle?.collected ? idle.heap : Infinity) } : idle ?? fresh;
  const split = shares(plan.rooms, plan.generators);
  const generators = split.map((_, i) => new Generator(i));
  let probe: PgProbe | undefined;
  let finished = false;
  try {
    const ready = generators.map((g) => g.expect('ready'));
    generators.forEach((g, i) => g.send({ kind: plan.kind, baseUrl: servers[i % servers.length], rooms: split[i], options: plan.options } satisfies SetupMessage));
    const setups = await Promise.all(ready);
    log(`setup: ${setups.reduce((n, s) => n + s.rooms, 0)} ${plan.kind} rooms, ${setups.reduce((n, s) => n + s.clients, 0)} clients over ` +
      `${generators.length} generator(s) in ${Math.max(...setups.map((s) => s.setupS)).toFixed(1)} s`);
    // Opened together, after every setup, so that no generator's rooms wait (their clocks running)
    // for another's setup; the server figures' window opens only after, so it holds the actions alone.
    const opened = generators.map((g) => g.expect('opened'));
    generators.forEach((g) => g.send('open'));
    const openS = Math.max(...(await Promise.all(opened)).map((o) => o.openS));
    if (kind.opens) log(`opened: ${kind.opens} in ${openS.toFixed(1)} s, before the measured phase`);
    const sampler = new MetricsSampler(servers, kind.room, idle);
    await sampler.start();
    const startProbe = async () => (plan.pgProbe ? PgProbe.start(plan.pgProbe) : undefined);
    const { warmupS } = plan.options;
    const warm = warmupS > 0;
    if (!warm) probe = await startProbe();
    const ended = Promise.all(generators.map((g) => g.expect('ended')));
    // A generator that fails in the warm-up ends the wait for it with its error, awaited below.
    ended.catch(() => undefined);
    generators.forEach((g) => g.send('go'));
    if (warm) {
      log(`warm-up: ${warmupS} s of actions before the measured phase (not measured)`);
      await Promise.race([sleep(warmupS * 1000), ended]);
      // The server's figures first, then the generators': the window holds no action of the warm-up.
      await sampler.mark();
      probe = await startProbe();
      generators.forEach((g) => g.send('measure'));
    }
    await ended;
    // The server's figures end with the phase, before the clients leave: their leaving is not its work.
    sampler.stop();
    await sampler.end();
    const pgProbe = (await probe?.stop()) ?? null;
    const done = generators.map((g) => g.expect('done'));
    generators.forEach((g) => g.send('close'));
    const parts = (await Promise.all(done)).map((d) => d.part);
    finished = true;
    const merged = mergeParts(parts);
    // A window a warm-up left empty (every room finished in it) still divides by a positive time.
    const server = sampler.figures(Math.max(0.001, (merged.endedAt - merged.startedAt) / 1000), merged.actions, merged.rooms);
    const report = (await kind.report?.(merged, plan.options)) ?? { lines: [], json: {} };
    return { plan, merged, server, report, idle, pgProbe };
  } finally {
    await Promise.all(generators.map((g) => g.stop(finished ? GENERATOR_EXIT_GRACE_MS : 0)));
    await probe?.stop().catch(() => undefined);
  }
}
