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

/** Starts counting; the returned function stops and gives the figures since the start. */
export function watchGcPauses(): () => GcPauses {
  const pauses = { ...NO_GC_PAUSES };
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

function addPause(pauses: GcPauses, entry: PerformanceEntry): void {
  pauses.count++;
  pauses.totalMs += entry.duration;
  pauses.maxMs = Math.max(pauses.maxMs, entry.duration);
}

/** Several generators' pauses as one: counts and totals added, the longest pause of any. */
export function mergeGcPauses(all: GcPauses[]): GcPauses {
  return all.reduce((sum, p) => ({ count: sum.count + p.count, totalMs: sum.totalMs + p.totalMs, maxMs: Math.max(sum.maxMs, p.maxMs) }), NO_GC_PAUSES);
}
