/**
 * What one load generator measured (a Part), and the merge of every generator's Part into one.
 * Latencies travel as raw samples (Float64Array over `advanced` IPC serialization) so the merged
 * percentiles are true percentiles, not averages of per-process ones.
 */
import { Tally } from './stats.ts';
import { clearOfPauses, mergeGcPauses, type GcPauses, type PauseSpan } from './gc-pauses.ts';

/** Filled by a kind while it runs; turned into a Part when the generator finishes. */
export class Recorder {
  readonly errors = new Tally();
  /** action → each OTHER client of its room (ms). */
  readonly latency: number[] = [];
  /**
   * When each latency was seen (performance.now()), where the kind records it with seen(): then the
   * samples no GC pause of the generator overlapped are told apart (./gc-pauses.ts).
   */
  readonly seenAt: number[] = [];
  /** The acting client's own request → reply (ms); empty where nobody acts (baseball). */
  readonly ack: number[] = [];
  /** Kind-specific counters (`bidsSent`, `lotsClosed`...), summed over generators. */
  readonly counts: Record<string, number> = {};
  /** Kind-specific tallies by code (`bidsRejected`...), summed over generators. */
  readonly tallies: Record<string, Tally> = {};
  readonly countError = (code: string): void => this.errors.add(code);

  /** A latency sample: sent at `sentAt` by a client of this generator, seen `now` by another (performance.now()). */
  seen(sentAt: number, now: number): void {
    this.latency.push(now - sentAt);
    this.seenAt.push(now);
  }

  /**
   * The measured phase opens after a warm-up: its latency samples go. Errors, counts and tallies are
   * the whole run's (an error in the warm-up is still an error).
   */
  startMeasuring(): void {
    this.latency.length = 0;
    this.seenAt.length = 0;
    this.ack.length = 0;
  }

  count(name: string, n = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }

  tally(name: string, code: string): void {
    (this.tallies[name] ??= new Tally()).add(code);
  }
}

export interface Part {
  rooms: number;
  roomsComplete: number;
  clients: number;
  /** The headline count: picks, accepted bids, plays persisted, echoes. */
  actions: number;
  latencyMs: Float64Array;
  /** The latencies no GC pause of their generator overlapped; null where the kind does not time when it saw them. */
  latencyClearMs: Float64Array | null;
  ackMs: Float64Array;
  errors: Record<string, number>;
  counts: Record<string, number>;
  tallies: Record<string, Record<string, number>>;
  /** Ids of the rooms' streams (drafts, games), for checks after the run. */
  roomIds: string[];
  /** Epoch ms of this generator's measured phase (one clock: one machine). */
  startedAt: number;
  endedAt: number;
  /** This generator's own CPU seconds during the phase. */
  cpuSeconds: number;
  /** This generator's event-loop delay during the phase (ms): merged, the worst generator's. */
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  /** This generator's garbage-collection pauses during the phase (./gc-pauses.ts); merged, all of them. */
  gcPauses: GcPauses;
  setupS: number;
}

export function toPart(
  recorder: Recorder, fields: Omit<Part, 'latencyMs' | 'latencyClearMs' | 'ackMs' | 'errors' | 'counts' | 'tallies'>, pauseSpans: PauseSpan[] = [],
): Part {
  const timed = recorder.latency.length > 0 && recorder.seenAt.length === recorder.latency.length;
  return {
    ...fields,
    latencyMs: Float64Array.from(recorder.latency),
    latencyClearMs: timed ? clearOfPauses(recorder.latency, recorder.seenAt, pauseSpans) : null,
    ackMs: Float64Array.from(recorder.ack),
    errors: recorder.errors.toJSON(),
    counts: { ...recorder.counts },
    tallies: Object.fromEntries(Object.entries(recorder.tallies).map(([name, tally]) => [name, tally.toJSON()])),
  };
}

function concat(arrays: Float64Array[]): Float64Array {
  const all = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    all.set(a, at);
    at += a.length;
  }
  return all;
}

function addInto(total: Record<string, number>, add: Record<string, number>): Record<string, number> {
  for (const [key, n] of Object.entries(add)) total[key] = (total[key] ?? 0) + n;
  return total;
}

/** One Part for the whole run: sums, concatenated samples, the union of the measured windows. */
export function mergeParts(parts: Part[]): Part {
  const sum = (pick: (p: Part) => number) => parts.reduce((n, p) => n + pick(p), 0);
  const tallies: Record<string, Record<string, number>> = {};
  for (const part of parts) for (const [name, t] of Object.entries(part.tallies)) addInto(tallies[name] ??= {}, t);
  return {
    rooms: sum((p) => p.rooms),
    roomsComplete: sum((p) => p.roomsComplete),
    clients: sum((p) => p.clients),
    actions: sum((p) => p.actions),
    latencyMs: concat(parts.map((p) => p.latencyMs)),
    latencyClearMs: parts.every((p) => p.latencyClearMs) ? concat(parts.map((p) => p.latencyClearMs!)) : null,
    ackMs: concat(parts.map((p) => p.ackMs)),
    errors: Object.fromEntries(Object.entries(parts.reduce<Record<string, number>>((t, p) => addInto(t, p.errors), {})).sort((a, b) => b[1] - a[1])),
    counts: parts.reduce<Record<string, number>>((t, p) => addInto(t, p.counts), {}),
    tallies,
    roomIds: parts.flatMap((p) => p.roomIds),
    startedAt: Math.min(...parts.map((p) => p.startedAt)),
    endedAt: Math.max(...parts.map((p) => p.endedAt)),
    cpuSeconds: sum((p) => p.cpuSeconds),
    loopLagP99Ms: Math.max(...parts.map((p) => p.loopLagP99Ms)),
    loopLagMaxMs: Math.max(...parts.map((p) => p.loopLagMaxMs)),
    gcPauses: mergeGcPauses(parts.map((p) => p.gcPauses)),
    setupS: Math.max(...parts.map((p) => p.setupS)),
  };
}
