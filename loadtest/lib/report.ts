/**
 * What a run prints: one summary object per kind run, a table with one row each, and the
 * kind / echo ratio of a --baseline run. Every load test reports through here.
 */
import { kinds } from '../kinds/index.ts';
import type { Outcome } from './harness.ts';
import { serverLine, type ServerFigures } from './metrics.ts';
import type { GcPauses } from './gc-pauses.ts';
import { codesLine, latencySummary, round1, round2, type LatencySummary } from './stats.ts';

export interface Summary {
  kind: string;
  action: string;
  generators: number;
  rooms: number;
  roomsComplete: number;
  clients: number;
  setupS: number | null;
  elapsedS: number | null;
  actions: number;
  actionsPerSecond: number | null;
  /** action → every other client of the room (baseball: play decided → spectator). */
  latencyMs: LatencySummary;
  /**
   * The same latencies without those a GC pause of the generator that timed them overlapped
   * (./gc-pauses.ts), where the kind times when it saw each; the harness's own stalls taken out.
   */
  latencyClearMs?: LatencySummary;
  /** The acting client's own request → reply. */
  ackMs: LatencySummary;
  errors: { total: number; byCode: Record<string, number> };
  server: ServerFigures | null;
  loadgenCpuCores: number | null;
  /** The worst generator's event-loop delay: high means the generators, not the server, set the latency. */
  loadgenLoopLagMs: { p99: number | null; max: number | null };
  /**
   * The generators' garbage-collection pauses in the phase: the longest, and the share of the
   * phase a generator spent paused (every client it holds stalled; ./gc-pauses.ts).
   */
  loadgenGc: { pauses: number; maxMs: number | null; pausedPct: number | null };
  /** PostgreSQL's own commit round-trips during the phase, timed by a client of their own (--pg-probe). */
  pgProbeMs?: LatencySummary;
  /** The CPU that client spent per commit (µs): what a durable write costs a process on this box. */
  pgProbeClientCpuUs?: number | null;
  [kindField: string]: unknown;
}

export function summarize({ plan, merged, server, report, pgProbe }: Outcome): Summary {
  const elapsedS = Math.max(0.001, (merged.endedAt - merged.startedAt) / 1000);
  return {
    kind: plan.kind,
    action: kinds[plan.kind].action,
    generators: Math.min(plan.generators, plan.rooms),
    rooms: merged.rooms,
    roomsComplete: merged.roomsComplete,
    clients: merged.clients,
    setupS: round1(merged.setupS),
    elapsedS: round1(elapsedS),
    actions: merged.actions,
    actionsPerSecond: round1(merged.actions / elapsedS),
    latencyMs: latencySummary(merged.latencyMs),
    ...(merged.latencyClearMs ? { latencyClearMs: latencySummary(merged.latencyClearMs) } : {}),
    ackMs: latencySummary(merged.ackMs),
    errors: { total: Object.values(merged.errors).reduce((a, b) => a + b, 0), byCode: merged.errors },
    server,
    loadgenCpuCores: round1(merged.cpuSeconds / elapsedS),
    loadgenLoopLagMs: { p99: round1(merged.loopLagP99Ms), max: round1(merged.loopLagMaxMs) },
    loadgenGc: gcSummary(merged.gcPauses, Math.min(plan.generators, plan.rooms) * elapsedS),
    ...(pgProbe ? { pgProbeMs: pgProbe.latencyMs, pgProbeClientCpuUs: pgProbe.clientCpuUsPerCommit } : {}),
    ...report.json,
  };
}

function gcSummary(pauses: GcPauses, generatorSeconds: number): Summary['loadgenGc'] {
  return { pauses: pauses.count, maxMs: round1(pauses.maxMs), pausedPct: round1((100 * pauses.totalMs) / (generatorSeconds * 1000)) };
}

const COLUMNS: Array<[string, (s: Summary) => unknown]> = [
  ['kind', (s) => s.kind],
  ['gens', (s) => s.generators],
  ['rooms', (s) => `${s.roomsComplete}/${s.rooms}`],
  ['clients', (s) => s.clients],
  ['actions', (s) => s.actions],
  ['actions/s', (s) => s.actionsPerSecond],
  ['p50 ms', (s) => s.latencyMs.p50],
  ['p95 ms', (s) => s.latencyMs.p95],
  ['p99 ms', (s) => s.latencyMs.p99],
  ['max ms', (s) => s.latencyMs.max],
  ['errors', (s) => s.errors.total],
  ['srv CPU', (s) => s.server?.cpuCores],
  ['srv CPU ms/action', (s) => s.server?.cpuMsPerAction],
  ['srv lag p99', (s) => s.server?.eventLoopLagP99MsMax],
  ['heap KB/room', (s) => s.server?.heapKbPerRoom],
  ['srv RSS MB', (s) => s.server ? `${s.server.rssMbPeak}` : null],
  ['gen CPU', (s) => s.loadgenCpuCores],
  ['gen lag p99', (s) => s.loadgenLoopLagMs.p99],
  ['gen GC max ms', (s) => s.loadgenGc.maxMs],
  ['gen GC %', (s) => s.loadgenGc.pausedPct],
  ['secs', (s) => s.elapsedS],
];

/** A plain-text table, one row per summary ("rooms" is complete/joined; CPU in cores). */
export function table(summaries: Summary[]): string[] {
  const rows = [COLUMNS.map(([name]) => name), ...summaries.map((s) => COLUMNS.map(([, cell]) => String(cell(s) ?? '-')))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
}

/** The lines every run prints under its kind's own: latencies in words, errors, the server. */
export function detailLines(s: Summary): string[] {
  const l = s.latencyMs;
  return [
    `${s.kind}: ${s.actions} ${s.action} in ${s.elapsedS} s = ${s.actionsPerSecond}/s; → others p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, ` +
      `max ${l.max} ms (${l.samples} samples)`,
    ...(s.latencyClearMs ? [clearLine(s.latencyClearMs, l)] : []),
    `errors:        ${codesLine(s.errors.byCode)}`,
    serverLine(s.server),
    ...(s.pgProbeMs ? [probeLine(s.pgProbeMs, s.pgProbeClientCpuUs ?? null)] : []),
  ];
}

/** The latencies no GC pause of the generators overlapped, and the share that one did. */
export function clearLine(clear: LatencySummary, all: LatencySummary): string {
  const touched = all.samples === 0 ? 0 : Math.round((1000 * (all.samples - clear.samples)) / all.samples) / 10;
  return `  outside the generators' own GC pauses: p50 ${clear.p50} ms, p95 ${clear.p95} ms, p99 ${clear.p99} ms, max ${clear.max} ms ` +
    `(${touched}% of samples overlapped one)`;
}

/** PostgreSQL's commits during the phase, as --pg-probe timed them, and what each cost its client's CPU. */
export function probeLine(p: LatencySummary, clientCpuUs: number | null): string {
  return `postgres:      a one-row commit from a client of its own, every 10 ms: p50 ${p.p50} ms, p95 ${p.p95} ms, p99 ${p.p99} ms, max ${p.max} ms (${p.samples} commits); ` +
    `its client's CPU ${clientCpuUs ?? '-'} µs per commit`;
}

export interface Ratio {
  throughput: number | null; p50: number | null; p95: number | null; p99: number | null;
  /** Server CPU per action, kind / echo. */
  cpuPerAction: number | null;
  /** Heap per room, kind − echo (KB). */
  heapKbPerRoomOver: number | null;
}

/** kind / echo: throughput (1.0 = as fast as a bare room) and each latency percentile. */
export function ratio(kind: Summary, echo: Summary): Ratio {
  const r = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100);
  return {
    throughput: r(kind.actionsPerSecond, echo.actionsPerSecond),
    p50: r(kind.latencyMs.p50, echo.latencyMs.p50),
    p95: r(kind.latencyMs.p95, echo.latencyMs.p95),
    p99: r(kind.latencyMs.p99, echo.latencyMs.p99),
    cpuPerAction: r(kind.server?.cpuMsPerAction ?? null, echo.server?.cpuMsPerAction ?? null),
    heapKbPerRoomOver: kind.server?.heapKbPerRoom != null && echo.server?.heapKbPerRoom != null
      ? kind.server.heapKbPerRoom - echo.server.heapKbPerRoom : null,
  };
}

export function ratioLine(kind: Summary, echo: Summary, q: Ratio): string {
  const pair = (p: 'p50' | 'p95' | 'p99') => `${p} ${kind.latencyMs[p]} vs ${echo.latencyMs[p]} ms (×${q[p]})`;
  const clear = kind.latencyClearMs && echo.latencyClearMs
    ? ` (outside the generators' GC pauses ${kind.latencyClearMs.p99} vs ${echo.latencyClearMs.p99} ms)` : '';
  return `${kind.kind} / ${echo.kind}: throughput ${kind.actionsPerSecond} vs ${echo.actionsPerSecond} /s = ${q.throughput === null ? '-' : Math.round(q.throughput * 100)}%; ` +
    `${pair('p50')}, ${pair('p95')}, ${pair('p99')}${clear}; server CPU per action ${kind.server?.cpuMsPerAction ?? '-'} vs ` +
    `${echo.server?.cpuMsPerAction ?? '-'} ms (×${q.cpuPerAction ?? '-'}${commitFloor(kind, echo)}); heap per room ${kind.server?.heapKbPerRoom ?? '-'} vs ` +
    `${echo.server?.heapKbPerRoom ?? '-'} KB (${q.heapKbPerRoomOver === null ? '-' : `${q.heapKbPerRoomOver >= 0 ? '+' : ''}${q.heapKbPerRoomOver}`} KB)`;
}

/**
 * What one durable write costs a process on this box (the --pg-probe client's CPU per commit),
 * beside the kind's CPU over the other's: a durable action pays it and an echo does not, so the
 * ratio with it taken off is what the kind costs beyond the box's price of a commit. The probe
 * commits every 10 ms, as a server's statements come at 200 drafts; a server writing more often
 * pays less per write (the peer it wakes has slept less), so at 1,000 drafts this takes off too much.
 */
function commitFloor(kind: Summary, other: Summary): string {
  const floorUs = kind.pgProbeClientCpuUs;
  const mine = kind.server?.cpuMsPerAction;
  const theirs = other.server?.cpuMsPerAction;
  if (floorUs == null || mine == null || theirs == null || theirs === 0) return '';
  const floorMs = floorUs / 1000;
  return `; a one-row commit every 10 ms costs its own client ${round2(floorMs)} ms here: ×${round2((mine - floorMs) / theirs)} without it`;
}

/**
 * One summary for several runs of a kind (--repeat): every number in it is the median of the runs'
 * numbers at the same place (its latency percentiles, CPU per action, heap per room…), except the
 * errors, which are every run's added up: a box's noise moves single runs more than the gaps the
 * targets judge, and a median over alternating runs holds still where one run does not.
 */
export function medianOf(runs: readonly Summary[]): Summary {
  const byCode: Record<string, number> = {};
  for (const run of runs) for (const [code, n] of Object.entries(run.errors.byCode)) byCode[code] = (byCode[code] ?? 0) + n;
  const errors = { total: runs.reduce((total, run) => total + run.errors.total, 0), byCode };
  return { ...(medianTree(runs) as Summary), errors };
}

/** Numbers: their median (two decimals); objects: the same, field by field; anything else: the first run's. */
function medianTree(values: readonly unknown[]): unknown {
  const present = values.filter((value) => value !== null && value !== undefined);
  const first = present[0];
  if (typeof first === 'number') return median(present.filter((value): value is number => typeof value === 'number'));
  if (typeof first === 'object' && !Array.isArray(first)) {
    return Object.fromEntries(Object.keys(first as object).map((key) => [key, medianTree(present.map((value) => (value as Record<string, unknown>)[key]))]));
  }
  return values[0];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : round2((sorted[middle - 1] + sorted[middle]) / 2);
}
