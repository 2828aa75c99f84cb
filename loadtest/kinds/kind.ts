/**
 * One kind of load (draft, auction, baseball, echo): its options, what a generator process runs,
 * and what only it reports. loadtest/lib/harness.ts spreads a kind's rooms over generators.
 */
import type { Cli } from '../lib/cli.ts';
import type { Part, Recorder } from '../lib/part.ts';

/** Every kind has these; the rest of its options are its own (plain JSON: sent to generators). */
export interface KindOptions {
  /** The measured phase stops by then even if rooms are unfinished. */
  durationS: number;
  /**
   * Seconds the rooms act before the measured phase opens (0: none). Nothing of them is measured
   * but their errors: a fresh server runs its action path unoptimised at first (V8 tiers a function
   * up only after many calls, and at 100 actions/s that takes tens of seconds), and the kind that runs
   * first in a --baseline run would carry that alone. Only kinds with `warmup` take it.
   */
  warmupS: number;
  /** REST calls and joins in flight per generator. */
  setupConcurrency: number;
}

/** The echo room's action pattern that mirrors a kind, for --baseline (loadtest/kinds/echo.ts). */
export interface EchoOptions extends KindOptions {
  clients: number;
  actions: number;
  thinkMs: number;
  jitterMs: number;
}

export interface KindRun {
  readonly recorder: Recorder;
  /** REST setup and joins, before the clock starts. */
  setup(): Promise<{ rooms: number; clients: number }>;
  /**
   * After every generator is set up, before the measured phase: what gets the rooms going but is
   * not the action measured (the commissioner's start of every draft, a burst of transactions and
   * full-state patches). Resolves once every client has seen it. Absent: nothing to open.
   */
  open?(): Promise<void>;
  /** Starts the measured phase; resolves with the epoch ms it really began (baseball waits for its schedule). */
  start(): Promise<number>;
  /** True once every room is finished (asked every 50 ms). */
  done(): boolean | Promise<boolean>;
  /** The actions counted so far (as finish() counts them): where a warm-up ends. Kinds with `warmup` have it. */
  actionsSoFar?(): number;
  /** After the phase: closes every client; what it counted. */
  finish(): Promise<{ roomsComplete: number; actions: number; roomIds: string[] }>;
}

export interface KindReport {
  lines: string[];
  json: Record<string, unknown>;
  /** A correctness check failed (the auction's database verification): exit 1. */
  failed?: boolean;
}

export type Options = Record<string, { type: 'string'; default?: string }>;

export interface Kind<O extends KindOptions = KindOptions> {
  /** The room name; also the `room` label of the server's action histogram. */
  room: string;
  /** The headline count, as the table says it ("picks", "bids accepted", ...). */
  action: string;
  /** What its rooms' open() does, for the log ("every draft started"); absent when it has none. */
  opens?: string;
  /** Its own command-line options (strings for node:util parseArgs), with defaults. */
  options: Options;
  /** --duration-s default. */
  durationS: number;
  /** Another name this kind's --rooms also takes (league-push: --leagues). */
  roomsOption?: string;
  /** Its runs count their actions so far (KindRun.actionsSoFar), so --warmup-s applies. */
  warmup?: true;
  /** At most this many generators (league-push: 1, so that one batch reaches every room it measures). */
  maxGenerators?: number;
  parse(values: Record<string, string | undefined>, cli: Cli, common: KindOptions): O;
  /** In the coordinator, before any load: fails early on what would fail the report (a database to verify). */
  preflight?(options: O): Promise<void>;
  /** In a generator process: `rooms` rooms of this kind against `baseUrl`. */
  run(baseUrl: string, rooms: number, options: O): KindRun;
  /** Lines and JSON fields only this kind has, from the merged figures (may read the database). */
  report?(merged: Part, options: O): KindReport | Promise<KindReport>;
  /** The echo pattern of the same rooms × clients, for --baseline; absent = no baseline for this kind. */
  baseline?(options: O): EchoOptions;
}
