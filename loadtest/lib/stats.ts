/** Figures shared by the load tests: percentiles, rounding, error tallies. */

/** The p-th percentile (nearest rank) of an ascending array; null when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
export const round2 = (n: number) => Math.round(n * 100) / 100;

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `act` after a bot's think time: `delayMs` plus a uniform 0..`jitterMs` (at once when both are 0). */
export function afterThinkTime(delayMs: number, jitterMs: number, act: () => void): void {
  const delay = delayMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
  if (delay > 0) setTimeout(act, delay);
  else act();
}

export interface LatencySummary { samples: number; p50: number | null; p95: number | null; p99: number | null; max: number | null }

/** Sorts `values` in place and summarises them (ms, one decimal). */
export function latencySummary(values: number[] | Float64Array): LatencySummary {
  const sorted = values instanceof Float64Array ? values.sort() : values.sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/** `CODE n, CODE n` of counts by code (a Tally's JSON), or `none`. */
export function codesLine(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([code, n]) => `${code} ${n}`).join(', ');
}

/** Counts by code, remembering the order codes first appeared in. */
export class Tally {
  readonly counts = new Map<string, number>();

  add(code: string, n = 1): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + n);
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** `CODE n, CODE n` in first-seen order, or `none`. */
  line(): string {
    return codesLine(Object.fromEntries(this.counts));
  }

  /** `{CODE: n}`, most frequent first (for the JSON summary). */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort((a, b) => b[1] - a[1]));
  }
}

/** The code of a rejected `room.request`: the rule's code, or TIMEOUT / CLOSED / REQUEST_FAILED. */
export function rejectionCode(error: unknown): string {
  const e = error as { reason?: { code?: string }; message?: string } | undefined;
  const code = e?.reason?.code;
  if (code !== undefined && code !== null) return code;
  const message = String(e?.message);
  return /timed out/.test(message) ? 'TIMEOUT' : /closed/.test(message) ? 'CLOSED' : 'REQUEST_FAILED';
}
