/**
 * The garbage collector's pauses in a generator process during the measured phase. A generator
 * holds thousands of clients in one heap, and each client keeps its decoded room state (a draft
 * client retains ~1.9 KB per decoded pick in @colyseus/schema's decoder): a pause there stalls every
 * one of them at once, and each latency they measure meanwhile grows by it. Real clients, one per
 * browser, never pause together; so this is the harness's own error, printed beside the figures
 * it inflates (`gen GC`), not a cost of the server.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export interface GcPauses {
  /** How many collections paused the process. */
  count: number;
  /** Their pauses added up, and the longest (ms). */
  totalMs: number;
  maxMs: number;
}

const NO_GC_PAUSES: GcPauses = { count: 0, totalMs: 0, maxMs: 0 };

/** When one pause began and ended, on performance.now()'s clock (stays in its generator). */
export interface PauseSpan { start: number; end: number }

/** The figures, and each pause's span (in the order they came) for ./part.ts to tell the samples they touched. */
export type WatchedPauses = GcPauses & { spans: PauseSpan[] };

/** Starts counting; the returned function stops and gives the figures since the start. */
export function watchGcPauses(): () => WatchedPauses {
  const pauses: WatchedPauses = { ...NO_GC_PAUSES, spans: [] };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) addPause(pauses, entry);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    // Entries already made but not yet delivered to the callback belong to the phase too.
    for (const entry of observer.takeRecords()) addPause(pauses, entry);
    observer.disconnect();
    return pauses;
  };
}

function addPause(pauses: WatchedPauses, entry: PerformanceEntry): void {
  pauses.count++;
  pauses.totalMs += entry.duration;
  pauses.maxMs = Math.max(pauses.maxMs, entry.duration);
  pauses.spans.push({ start: entry.startTime, end: entry.startTime + entry.duration });
}

/**
 * The latencies no pause of this generator overlapped: a sample seen at `seenAt[i]` after
 * `latencyMs[i]` was in flight from `seenAt[i] - latencyMs[i]`; a pause within that window held
 * it up (the message waited in the socket, or the send or the decoding stopped), by up to the
 * pause. What is left is the latency the server and the network gave, without the harness's own
 * stalls; printed beside the whole figure, never instead of it.
 */
export function clearOfPauses(latencyMs: ArrayLike<number>, seenAt: ArrayLike<number>, spans: PauseSpan[]): Float64Array {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  // Each span's end is made the greatest end so far, so "some span before i ends after x" is one look.
  const reach = sorted.map((span) => span.end);
  for (let i = 1; i < reach.length; i++) reach[i] = Math.max(reach[i], reach[i - 1]);
  const clear: number[] = [];
  for (let i = 0; i < latencyMs.length; i++) {
    const to = seenAt[i];
    const from = to - latencyMs[i];
    // The last span that started before the sample was seen; it, or one before it, reaching past the send overlaps.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < to) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 || reach[lo - 1] <= from) clear.push(latencyMs[i]);
  }
  return Float64Array.from(clear);
}

/** Several generators' pauses as one: counts and totals added, the longest pause of any. */
export function mergeGcPauses(all: GcPauses[]): GcPauses {
  return all.reduce((sum, p) => ({ count: sum.count + p.count, totalMs: sum.totalMs + p.totalMs, maxMs: Math.max(sum.maxMs, p.maxMs) }), NO_GC_PAUSES);
}
