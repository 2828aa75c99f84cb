/** The server's own figures, scraped from its Prometheus `/metrics` while a load test runs. */
import { mb, round1, round2 } from './stats.ts';

export interface ServerMetrics {
  rss: number; cpu: number; heap: number; lagP99: number; actionSum: number; actionCount: number;
  /** The action-latency histogram: [upper bound in seconds, cumulative count], by bound (the last is Infinity). */
  actionBuckets: Array<[number, number]>;
  /** The event store's histograms (every room kind): a unit's whole commit, and a batch's statement. */
  commitBuckets: Array<[number, number]>;
  statementBuckets: Array<[number, number]>;
  /** Game rooms (draft, auction, baseball, league) open: those of an earlier run may still be closing. */
  roomsOpen: number;
  /** The server collected garbage before this scrape (asked with `collect`; load-test servers only): `heap` is live objects. */
  collected: boolean;
}

/**
 * One scrape; `room` selects the room kind of the action-latency histogram. `collect` asks the
 * server for a full garbage collection first (`/metrics?gc=1`, honoured with LOAD_ECHO_ROOM=true).
 * Null if unavailable.
 */
export async function serverMetrics(baseUrl: string, room: string, collect = false): Promise<ServerMetrics | null> {
  try {
    const response = await fetch(`${baseUrl}/metrics${collect ? '?gc=1' : ''}`);
    if (!response.ok) return null;
    const text = await response.text();
    const sum = (name: string, filter = '') => text.split('\n')
      .filter((line) => (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) && line.includes(filter))
      .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    return {
      rss: sum('process_resident_memory_bytes'),
      cpu: sum('process_cpu_seconds_total'),
      heap: sum('nodejs_heap_size_used_bytes'),
      lagP99: sum('nodejs_eventloop_lag_p99_seconds'),
      actionSum: sum('clubhouse_room_action_seconds_sum', `room="${room}"`),
      actionCount: sum('clubhouse_room_action_seconds_count', `room="${room}"`),
      actionBuckets: buckets(text, 'clubhouse_room_action_seconds_bucket', `room="${room}"`),
      commitBuckets: buckets(text, 'clubhouse_commit_seconds_bucket', 'stage="unit"'),
      statementBuckets: buckets(text, 'clubhouse_commit_seconds_bucket', 'stage="statement"'),
      roomsOpen: sum('clubhouse_rooms_open'),
      collected: response.headers.get('x-heap-collected') === '1',
    };
  } catch {
    return null;
  }
}

/** A Prometheus histogram's cumulative buckets of the series matching `filter`, by upper bound. */
function buckets(text: string, name: string, filter: string): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) || !line.includes(filter)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    counts.set(bound, (counts.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return mergeBuckets([[...counts]]);
}

/** Histograms of several processes (or one) as one: counts summed by bound, bounds in order. */
function mergeBuckets(each: Array<Array<[number, number]>>): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const list of each) for (const [bound, count] of list) counts.set(bound, (counts.get(bound) ?? 0) + count);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/**
 * The q-quantile (ms) of what a histogram counted between two scrapes, interpolated within its
 * bucket as Prometheus's histogram_quantile does; in the +Inf bucket, the highest finite bound.
 * Null when nothing was counted.
 */
export function quantileMs(q: number, before: Array<[number, number]>, after: Array<[number, number]>): number | null {
  const earlier = new Map(before);
  const counts = after.map(([bound, count]): [number, number] => [bound, count - (earlier.get(bound) ?? 0)]);
  const total = counts.at(-1)?.[1] ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [bound, cumulative] of counts) {
    if (cumulative >= rank) {
      if (bound === Infinity) return round1(lower * 1000);
      const share = cumulative > below ? (rank - below) / (cumulative - below) : 1;
      return round1((lower + (bound - lower) * share) * 1000);
    }
    lower = bound;
    below = cumulative;
  }
  return round1(lower * 1000);
}

/**
 * One scrape of every server process of the run, as one server: CPU, RSS, heap and the action
 * histogram summed, the worst event-loop p99. Null if any process's /metrics is unavailable.
 */
export async function clusterMetrics(baseUrls: readonly string[], room: string, collect = false): Promise<ServerMetrics | null> {
  const each = await Promise.all(baseUrls.map((url) => serverMetrics(url, room, collect)));
  if (each.some((m) => m === null)) return null;
  const all = each as ServerMetrics[];
  const sum = (field: Exclude<keyof ServerMetrics, 'collected' | 'actionBuckets' | 'commitBuckets' | 'statementBuckets'>) => all.reduce((total, m) => total + m[field], 0);
  return {
    rss: sum('rss'), cpu: sum('cpu'), heap: sum('heap'), actionSum: sum('actionSum'), actionCount: sum('actionCount'), roomsOpen: sum('roomsOpen'),
    actionBuckets: mergeBuckets(all.map((m) => m.actionBuckets)),
    commitBuckets: mergeBuckets(all.map((m) => m.commitBuckets)),
    statementBuckets: mergeBuckets(all.map((m) => m.statementBuckets)),
    lagP99: Math.max(...all.map((m) => m.lagP99)),
    collected: all.every((m) => m.collected),
  };
}

/**
 * Waits (at most `timeoutMs`) until no game room is open on the servers: the rooms of a run just
 * ended close when their clients have left, and the next run's idle heap and CPU must not include
 * them. Resolves with how many were still open (0 when all closed).
 */
export async function roomsClosed(baseUrls: readonly string[], timeoutMs = 35_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = (await clusterMetrics(baseUrls, ''))?.roomsOpen ?? 0;
    if (open === 0 || Date.now() >= until) return open;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Scrapes once now and every 2 s until stopped: peak RSS and the worst event-loop p99
 * (prom-client resets it per scrape). `idle` is a scrape taken before the rooms were set up: the
 * heap the rooms added is the heap at the opening scrape (after a garbage collection, every room
 * live with every client) minus the idle heap; without a collection, the lowest heap seen.
 */
export class MetricsSampler {
  readonly samples: ServerMetrics[] = [];
  private timer?: NodeJS.Timeout;
  before: ServerMetrics | null = null;
  after: ServerMetrics | null = null;
  private readonly baseUrls: readonly string[];
  private readonly room: string;
  private readonly idle: ServerMetrics | null;

  /** `baseUrls`: every server process of the run (their figures are summed). */
  constructor(baseUrls: readonly string[], room: string, idle: ServerMetrics | null = null) {
    this.baseUrls = baseUrls;
    this.room = room;
    this.idle = idle;
  }

  /**
   * Takes the opening scrape after a garbage collection (where the server can collect): the garbage
   * of the setup (a draft's REST users, leagues and joins; an echo's joins) is not charged to the
   * actions of the measured phase, whatever the kind, and the heap is the live rooms' and clients'
   * (read before any client leaves: a room that closes with its last client, an echo's, would be
   * gone). The collection runs before the CPU is read.
   */
  async start(intervalMs = 2000): Promise<void> {
    this.before = await clusterMetrics(this.baseUrls, this.room, true);
    // The collection itself blocks the server's event loop (seconds, at 12,000 clients), and the
    // loop's histogram holds it until the next scrape resets it: one now, read for nothing else, so
    // the phase's worst event-loop p99 is the phase's own.
    await clusterMetrics(this.baseUrls, this.room);
    this.timer = setInterval(() => { void clusterMetrics(this.baseUrls, this.room).then((m) => { if (m) this.samples.push(m); }); }, intervalMs);
  }

  /**
   * Opens the measured phase again, after a warm-up: CPU, actions, commits and event-loop figures
   * count from now. The heap stays the opening scrape's, read after its collection.
   */
  async mark(): Promise<void> {
    const now = await clusterMetrics(this.baseUrls, this.room);
    if (now && this.before) this.before = { ...now, heap: this.before.heap, collected: this.before.collected };
    this.samples.length = 0;
  }

  /** Stops sampling (call when the measured phase ends) ... */
  stop(): void {
    clearInterval(this.timer);
  }

  /** ... then takes the closing scrape: the phase's last figures, taken before its clients leave. */
  async end(): Promise<void> {
    this.after = await clusterMetrics(this.baseUrls, this.room);
  }

  /**
   * What the report prints about the server, or null when /metrics could not be read; `actions`
   * and `rooms` of the phase give the per-action CPU and the per-room heap.
   */
  figures(elapsedS: number, actions: number, rooms: number): ServerFigures | null {
    const { before, after, samples, idle } = this;
    if (!before || !after) return null;
    // Without a collection, the lowest heap seen is the closest to live objects.
    const collected = before.collected && Boolean(idle?.collected);
    const liveHeap = collected ? before.heap : Math.min(before.heap, ...samples.map((s) => s.heap));
    return {
      rssMbStart: mb(before.rss),
      rssMbEnd: mb(after.rss),
      rssMbPeak: mb(Math.max(before.rss, after.rss, ...samples.map((s) => s.rss))),
      heapMbEnd: mb(after.heap),
      cpuSeconds: round1(after.cpu - before.cpu),
      cpuCores: round1((after.cpu - before.cpu) / elapsedS),
      cpuMsPerAction: actions > 0 ? round2(((after.cpu - before.cpu) * 1000) / actions) : null,
      heapKbPerRoom: idle && rooms > 0 ? Math.round((liveHeap - idle.heap) / 1024 / rooms) : null,
      heapCollected: collected,
      eventLoopLagP99MsMax: round1(Math.max(0, ...samples.map((s) => s.lagP99)) * 1000),
      roomActions: after.actionCount - before.actionCount,
      roomsOpenAtEnd: after.roomsOpen,
      actionMsMean: after.actionCount > before.actionCount
        ? round1(((after.actionSum - before.actionSum) / (after.actionCount - before.actionCount)) * 1000) : null,
      actionMsP50: quantileMs(0.5, before.actionBuckets, after.actionBuckets),
      actionMsP99: quantileMs(0.99, before.actionBuckets, after.actionBuckets),
      commitMsP50: quantileMs(0.5, before.commitBuckets, after.commitBuckets),
      commitMsP99: quantileMs(0.99, before.commitBuckets, after.commitBuckets),
      statementMsP50: quantileMs(0.5, before.statementBuckets, after.statementBuckets),
      statementMsP99: quantileMs(0.99, before.statementBuckets, after.statementBuckets),
    };
  }
}

export interface ServerFigures {
  rssMbStart: number;
  rssMbEnd: number;
  rssMbPeak: number;
  heapMbEnd: number;
  cpuSeconds: number | null;
  cpuCores: number | null;
  /** Server CPU time over the phase per action (ms): what one action costs the server, fan-out included. */
  cpuMsPerAction: number | null;
  /** Heap the live rooms added, per room (KB): (heap used with the rooms live − idle heap) / rooms. */
  heapKbPerRoom: number | null;
  /** Both heaps were read right after a full garbage collection (else: the lowest heap seen, a rough figure). */
  heapCollected: boolean;
  eventLoopLagP99MsMax: number | null;
  /** Room actions the server timed in the window, of every type (what opened the rooms is not among them). */
  roomActions: number;
  /** League rooms (draft, auction, baseball...; not echo) open at the closing scrape, taken before any client left. */
  roomsOpenAtEnd: number;
  actionMsMean: number | null;
  /** From the server's action histogram (interpolated within a bucket): the server's own share of the latency. */
  actionMsP50: number | null;
  actionMsP99: number | null;
  /**
   * Of the action's time, the commit (handed to the event store until its room is told: the wait
   * for a free pipeline and the next turn included) and the statement alone (sent until answered).
   * Null when nothing was committed (an echo room).
   */
  commitMsP50: number | null;
  commitMsP99: number | null;
  statementMsP50: number | null;
  statementMsP99: number | null;
}

/** The report's `server:` line. */
export function serverLine(server: ServerFigures | null): string {
  return server
    ? `server:        RSS ${server.rssMbStart} → ${server.rssMbEnd} MB (peak ${server.rssMbPeak} MB), CPU ${server.cpuSeconds} s = ${server.cpuCores} cores ` +
      `= ${server.cpuMsPerAction} ms per action, heap ${server.heapKbPerRoom} KB per room${server.heapCollected ? ' (after GC)' : ''}, ` +
      `event-loop p99 max ${server.eventLoopLagP99MsMax} ms, room action mean ${server.actionMsMean} ms` +
      (server.actionMsP99 === null ? '' : ` (p50 ${server.actionMsP50}, p99 ${server.actionMsP99} ms)`) +
      (server.commitMsP99 === null ? '' : `, of which commit p50 ${server.commitMsP50}, p99 ${server.commitMsP99} ms` +
        ` (its statement p50 ${server.statementMsP50}, p99 ${server.statementMsP99} ms)`)
    : 'server:        /metrics unavailable';
}
