/**
 * Draft load test: N concurrent snake drafts, each with one bot client per team, against a running
 * server; prints throughput, pick → everyone latency, errors and the server's RSS/CPU.
 *
 *   npm run loadtest:draft -- --url http://127.0.0.1:2567 --drafts 100 --rounds 15 --pick-delay-ms 0 --duration-s 60
 *
 * Options (defaults): --url http://127.0.0.1:2567, --drafts 10, --teams 12, --rounds 15,
 * --pick-delay-ms 0 (think time before each pick), --pick-jitter-ms 0 (plus a uniform random
 * 0..jitter ms), --duration-s 60 (drafting phase; it stops earlier when every draft is complete),
 * --setup-concurrency 16 (REST calls and joins in flight).
 *
 * Reading the latency: the server sends state changes at its patch ticks (50 ms). A bot with no
 * think time (or a multiple of 50 ms) picks right after a tick, so its pick waits a whole tick:
 * p50 ≈ 50 ms is then the patch rate, not a queue. Add --pick-jitter-ms 50 or more to sample picks
 * arriving at random points between ticks.
 *
 * What it does: registers 1 commissioner and `--teams` managers (fresh names per run; the same
 * managers own one team in every league), creates the leagues, teams and drafts
 * (`pickSeconds: 60`) over REST, fetches the football pool once, joins one client per team to each
 * draft, then the commissioner starts every draft at once and leaves. Each bot picks the best
 * available player that fits its roster as soon as its team is on the clock. Latency is the time
 * from a picking client's send to each OTHER client of that draft first seeing `picks.length`
 * reach that pick (one process, one clock), over every (pick, client) pair.
 *
 * Headless (no TTY); exits 0 once every client is closed. Only loopback servers are accepted.
 * Each client holds a socket here and one in the server (100 drafts × 12 = 1,200 each side):
 * if joins fail with EMFILE, raise the open-file limit of the shell that runs it and of the
 * server's (`ulimit -n 8192`); this script changes nothing system-wide.
 */
import { parseArgs } from 'node:util';
import { Client, type Room } from '@colyseus/sdk';

// ---------------------------------------------------------------------------------------- options

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:2567' },
    drafts: { type: 'string', default: '10' },
    teams: { type: 'string', default: '12' },
    rounds: { type: 'string', default: '15' },
    'pick-delay-ms': { type: 'string', default: '0' },
    'pick-jitter-ms': { type: 'string', default: '0' },
    'duration-s': { type: 'string', default: '60' },
    'setup-concurrency': { type: 'string', default: '16' },
  },
  strict: true,
});

function intArg(name: keyof typeof args, min: number, max: number): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min || value > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}

function fail(message: string): never {
  console.error(`loadtest:draft: ${message}`);
  process.exit(2);
}

const baseUrl = String(args.url).replace(/\/+$/, '');
const DRAFTS = intArg('drafts', 1, 1000);
const TEAMS = intArg('teams', 2, 32);
const ROUNDS = intArg('rounds', 1, 40);
const PICK_DELAY_MS = intArg('pick-delay-ms', 0, 60_000);
const PICK_JITTER_MS = intArg('pick-jitter-ms', 0, 60_000);
const DURATION_S = intArg('duration-s', 1, 3600);
const SETUP_CONCURRENCY = intArg('setup-concurrency', 1, 200);
const PICK_SECONDS = 60;
/** A rejected pick other than STALE/PLAYER_TAKEN is retried after this long (never in a tight loop). */
const RETRY_MS = 250;

{
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    fail(`--url ${baseUrl} is not a URL`);
  }
  const loopback = host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (!loopback) fail(`--url must name a loopback server (127.x.x.x, localhost, [::1]), not ${host}`);
}

// ------------------------------------------------------------------------------------------ REST

async function rest<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}

interface User { token: string; userId: string; username: string }

async function register(username: string): Promise<User> {
  const reply = await rest('POST', '/api/v1/auth/register', undefined, { username, password: 'loadtest-password' });
  return { token: reply.token, userId: reply.user.id, username };
}

interface ServerMetrics { rss: number; cpu: number; heap: number; lagP99: number; actionSum: number; actionCount: number }

async function serverMetrics(): Promise<ServerMetrics | null> {
  try {
    const response = await fetch(`${baseUrl}/metrics`);
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
      actionSum: sum('clubhouse_room_action_seconds_sum', 'room="draft"'),
      actionCount: sum('clubhouse_room_action_seconds_count', 'room="draft"'),
    };
  } catch {
    return null;
  }
}

// --------------------------------------------------------------------------------------- figures

const errors = new Map<string, number>();
const countError = (code: string) => errors.set(code, (errors.get(code) ?? 0) + 1);
/** pick → other client latencies (ms), and the picker's own request → reply time. */
const seenLatencies: number[] = [];
const ackLatencies: number[] = [];

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

// ------------------------------------------------------------------------------------------ bots

interface Player { id: string; positions: string[]; rank: number }
interface RosterRules { maxPerPosition: Record<string, number>; total?: number }

interface Draft {
  index: number;
  id: string;
  leagueId: string;
  rosterRules: RosterRules;
  /** teamId of each manager (by manager index). */
  teamOf: string[];
  bots: Bot[];
  /** performance.now() of the latest send for each overall pick, and who sent it. */
  sentAt: Map<number, { at: number; bot: Bot }>;
  picksSeen: number;
  completeAt: number | null;
}

let players: Player[] = [];
let running = false;

class Bot {
  room!: Room;
  /** Picks this client has seen so far (for the latency of each). */
  seen = 0;
  complete = false;
  /** The overall pick this bot has a request in flight or pending for (0 = none). */
  trying = 0;
  /** Players the server said are gone although this client had not seen it yet. */
  private readonly gone = new Set<string>();
  private retryTimer?: NodeJS.Timeout;
  readonly draft: Draft;
  readonly teamId: string;

  constructor(draft: Draft, teamId: string) {
    this.draft = draft;
    this.teamId = teamId;
  }

  attach(room: Room): void {
    this.room = room;
    // A reconnect would blur the figures (and the server may be the cause): count it instead.
    room.reconnection.enabled = false;
    room.onStateChange((state) => this.onState(state));
    room.onLeave((code) => {
      if (running && !this.complete) countError(`LEFT_${code}`);
    });
    room.onError((code, message) => countError(`ROOM_ERROR_${code}${message ? `:${message}` : ''}`));
    room.onMessage('*', () => { /* chat and other broadcasts: not measured */ });
  }

  private onState(state: any): void {
    const now = performance.now();
    const picks = state.picks?.length ?? 0;
    while (this.seen < picks) {
      this.seen++;
      const sent = this.draft.sentAt.get(this.seen);
      if (sent && sent.bot !== this) seenLatencies.push(now - sent.at);
    }
    if (picks > this.draft.picksSeen) this.draft.picksSeen = picks;
    if (state.status === 'complete' && !this.complete) {
      this.complete = true;
      this.draft.completeAt ??= now;
    }
    this.maybePick(state);
  }

  private maybePick(state: any): void {
    if (!running || state.status !== 'live' || state.onClock !== this.teamId) return;
    if (this.trying === state.currentPick) return;
    const overall = state.currentPick as number;
    this.trying = overall;
    const delay = PICK_DELAY_MS + (PICK_JITTER_MS > 0 ? Math.random() * PICK_JITTER_MS : 0);
    if (delay > 0) setTimeout(() => this.pick(overall), delay);
    else this.pick(overall);
  }

  private pick(overall: number): void {
    const state: any = this.room.state;
    if (!running || state.status !== 'live' || state.currentPick !== overall || state.onClock !== this.teamId) {
      this.trying = 0;
      return;
    }
    const playerId = this.choose(state);
    if (!playerId) {
      countError('NO_PLAYER_FITS');
      return;
    }
    const at = performance.now();
    this.draft.sentAt.set(overall, { at, bot: this });
    this.room.request('pick', { playerId, pick: overall }).then(() => {
      ackLatencies.push(performance.now() - at);
    }, (error: { reason?: { code?: string }; message?: string }) => {
      const code = error.reason?.code ?? (/timed out/.test(String(error.message)) ? 'TIMEOUT' : /closed/.test(String(error.message)) ? 'CLOSED' : 'REQUEST_FAILED');
      countError(code);
      if (code === 'PLAYER_TAKEN') this.gone.add(playerId);
      if (code === 'POSITION_FULL') this.gone.add(playerId);
      this.trying = 0;
      // STALE / PLAYER_TAKEN: the board moved; the next state change retries. Anything else: a bit later.
      if (code !== 'STALE' && code !== 'PLAYER_TAKEN' && code !== 'CLOSED') {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.maybePick(this.room.state), RETRY_MS);
      }
    });
  }

  /** The best-ranked player nobody has taken who still fits this team's roster limits. */
  private choose(state: any): string | undefined {
    const taken = new Set<string>(this.gone);
    const counts = new Map<string, number>();
    const rules = this.draft.rosterRules;
    const byId = playerIndex;
    for (const pick of state.picks as Iterable<any>) {
      taken.add(pick.playerId);
      if (pick.teamId !== this.teamId) continue;
      // The server slots a pick at the first of its positions with room: count the same way.
      const slot = slotFor(rules, counts, byId.get(pick.playerId)?.positions ?? []);
      if (slot) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    return players.find((p) => !taken.has(p.id) && slotFor(rules, counts, p.positions) !== null)?.id;
  }

  close(): Promise<unknown> {
    clearTimeout(this.retryTimer);
    return this.room?.connection?.isOpen ? this.room.leave(true).catch(() => undefined) : Promise.resolve();
  }
}

let playerIndex = new Map<string, Player>();

function slotFor(rules: RosterRules, counts: Map<string, number>, positions: readonly string[]): string | null {
  for (const position of positions) {
    const max = rules.maxPerPosition[position];
    if (max === undefined || (counts.get(position) ?? 0) < max) return position;
  }
  return null;
}

// ------------------------------------------------------------------------------------------- run

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main(): Promise<void> {
  const health = await fetch(`${baseUrl}/health`).catch((error: Error) => fail(`cannot reach ${baseUrl}: ${error.message}`));
  if (health.status !== 200) fail(`${baseUrl}/health answered ${health.status}`);

  const setupStarted = performance.now();
  const runId = `lt${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const commish = await register(`${runId}c`);
  const managers = await pool(Array.from({ length: TEAMS }, (_, i) => i), SETUP_CONCURRENCY, (i) => register(`${runId}m${i}`));

  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: Player[]; nextCursor: string | null } =
      await rest('GET', `/api/v1/players?sport=football&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, commish.token);
    players.push(...page.items.map(({ id, positions, rank }) => ({ id, positions, rank })));
    cursor = page.nextCursor;
  }
  players.sort((a, b) => a.rank - b.rank);
  playerIndex = new Map(players.map((p) => [p.id, p]));
  if (players.length < TEAMS * ROUNDS) fail(`the football pool has ${players.length} players; ${TEAMS}×${ROUNDS} picks need more (seed the server: npm run seed)`);

  const drafts: Draft[] = await pool(Array.from({ length: DRAFTS }, (_, i) => i), SETUP_CONCURRENCY, async (index) => {
    const league = await rest('POST', '/api/v1/leagues', commish.token, { name: `${runId} load ${index + 1}`, sport: 'football' });
    const teamOf: string[] = [];
    for (let i = 0; i < TEAMS; i++) {
      const team = await rest('POST', `/api/v1/leagues/${league.id}/teams`, commish.token, { name: `Bot ${i + 1}`, ownerId: managers[i].userId });
      teamOf.push(team.id);
    }
    const created = await rest('POST', `/api/v1/leagues/${league.id}/drafts`, commish.token, { type: 'snake', rounds: ROUNDS, pickSeconds: PICK_SECONDS });
    const draft: Draft = {
      index, id: created.id, leagueId: league.id, rosterRules: created.config.rosterRules, teamOf, bots: [],
      sentAt: new Map(), picksSeen: 0, completeAt: null,
    };
    draft.bots = teamOf.map((teamId) => new Bot(draft, teamId));
    return draft;
  });
  const restDone = performance.now();

  // One SDK client per user, reused across drafts (each join is its own room connection).
  const sdk = (user: User) => {
    const client = new Client(baseUrl);
    client.auth.token = user.token;
    return client;
  };
  const commishClient = sdk(commish);
  const managerClients = managers.map(sdk);
  const commishRooms: Room[] = [];
  let joinFailures = 0;
  let splitRooms = 0;
  const joinWithRetry = async (client: Client, draftId: string): Promise<Room> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.joinOrCreate('draft', { draftId });
      } catch (error) {
        countError(`JOIN:${(error as Error).message.slice(0, 60)}`);
        if (attempt >= 3) throw error;
        await sleep(200 * attempt);
      }
    }
  };
  await pool(drafts, Math.max(1, Math.floor(SETUP_CONCURRENCY / 4)), async (draft) => {
    try {
      // The commissioner's join creates the room (restored from the log); the bots' joins find it.
      const room = await joinWithRetry(commishClient, draft.id);
      room.reconnection.enabled = false;
      commishRooms[draft.index] = room;
      const botRooms = await Promise.all(draft.bots.map((bot, i) => joinWithRetry(managerClients[i], draft.id)));
      botRooms.forEach((botRoom, i) => draft.bots[i].attach(botRoom));
      if (botRooms.some((r) => r.roomId !== room.roomId)) splitRooms++;
    } catch {
      joinFailures++;
    }
  });
  if (splitRooms > 0) countError('SPLIT_ROOM');
  const joined = drafts.filter((d) => commishRooms[d.index] && d.bots.every((b) => b.room));
  const clients = joined.length * TEAMS;
  const joinDone = performance.now();
  console.log(`setup: ${DRAFTS} leagues × ${TEAMS} teams over REST in ${((restDone - setupStarted) / 1000).toFixed(1)} s; ` +
    `${clients} clients joined ${joined.length} drafts in ${((joinDone - restDone) / 1000).toFixed(1)} s` +
    (joinFailures ? ` (${joinFailures} drafts failed to join)` : ''));

  // Sample the server while it runs: peak RSS and the worst event-loop p99 (prom-client resets it per scrape).
  const before = await serverMetrics();
  const samples: ServerMetrics[] = [];
  const sampler = setInterval(() => { void serverMetrics().then((m) => { if (m) samples.push(m); }); }, 2000);
  const cpuBefore = process.cpuUsage();

  running = true;
  const started = performance.now();
  await Promise.all(joined.map(async (draft) => {
    const room = commishRooms[draft.index];
    try {
      await room.request('start', {});
    } catch (error) {
      countError(`START:${(error as { reason?: { code?: string } }).reason?.code ?? (error as Error).message}`);
    }
    await room.leave(true).catch(() => undefined);
  }));

  const deadline = started + DURATION_S * 1000;
  const allComplete = () => joined.every((d) => d.bots.every((b) => b.complete));
  while (performance.now() < deadline && !allComplete()) await sleep(50);
  const ended = performance.now();
  running = false;
  clearInterval(sampler);

  const after = await serverMetrics();
  const cpuAfter = process.cpuUsage(cpuBefore);
  await Promise.race([Promise.all(joined.flatMap((d) => d.bots.map((b) => b.close()))), sleep(10_000)]);

  // ----------------------------------------------------------------------------------- report
  const elapsedS = (ended - started) / 1000;
  const picks = joined.reduce((total, d) => total + d.picksSeen, 0);
  const completeDrafts = joined.filter((d) => d.completeAt !== null).length;
  const sorted = seenLatencies.sort((a, b) => a - b);
  const acks = ackLatencies.sort((a, b) => a - b);
  const server = before && after ? {
    rssMbStart: mb(before.rss),
    rssMbEnd: mb(after.rss),
    rssMbPeak: mb(Math.max(before.rss, after.rss, ...samples.map((s) => s.rss))),
    heapMbEnd: mb(after.heap),
    cpuSeconds: round1(after.cpu - before.cpu),
    cpuCores: round1((after.cpu - before.cpu) / elapsedS),
    eventLoopLagP99MsMax: round1(Math.max(0, ...samples.map((s) => s.lagP99)) * 1000),
    actionMsMean: after.actionCount > before.actionCount
      ? round1(((after.actionSum - before.actionSum) / (after.actionCount - before.actionCount)) * 1000) : null,
  } : null;
  const summary = {
    drafts: joined.length,
    draftsComplete: completeDrafts,
    clients,
    teams: TEAMS,
    rounds: ROUNDS,
    pickDelayMs: PICK_DELAY_MS,
    pickJitterMs: PICK_JITTER_MS,
    elapsedS: round1(elapsedS),
    picks,
    picksExpected: joined.length * TEAMS * ROUNDS,
    picksPerSecond: round1(picks / elapsedS),
    latencyMs: { samples: sorted.length, p50: round1(percentile(sorted, 50)), p95: round1(percentile(sorted, 95)), p99: round1(percentile(sorted, 99)), max: round1(sorted.at(-1) ?? null) },
    ackMs: { p50: round1(percentile(acks, 50)), p95: round1(percentile(acks, 95)), p99: round1(percentile(acks, 99)) },
    errors: Object.fromEntries([...errors].sort((a, b) => b[1] - a[1])),
    server,
    loadgenCpuCores: round1((cpuAfter.user + cpuAfter.system) / 1e6 / elapsedS),
  };

  console.log(`drafts:        ${summary.drafts} (${completeDrafts} complete) × ${TEAMS} teams × ${ROUNDS} rounds, pick delay ${PICK_DELAY_MS} ms` +
    (PICK_JITTER_MS ? ` + 0..${PICK_JITTER_MS} ms` : ''));
  console.log(`clients:       ${clients}`);
  console.log(`picks:         ${picks} of ${summary.picksExpected} in ${summary.elapsedS} s = ${summary.picksPerSecond} picks/s`);
  console.log(`pick → others: p50 ${summary.latencyMs.p50} ms, p95 ${summary.latencyMs.p95} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms (${sorted.length} pick×client pairs)`);
  console.log(`pick → ack:    p50 ${summary.ackMs.p50} ms, p95 ${summary.ackMs.p95} ms, p99 ${summary.ackMs.p99} ms (the picker's own request)`);
  console.log(`errors:        ${errors.size === 0 ? 'none' : [...errors].map(([code, n]) => `${code} ${n}`).join(', ')}`);
  if (server) {
    console.log(`server:        RSS ${server.rssMbStart} → ${server.rssMbEnd} MB (peak ${server.rssMbPeak} MB), CPU ${server.cpuSeconds} s = ${server.cpuCores} cores, ` +
      `event-loop p99 max ${server.eventLoopLagP99MsMax} ms, room action mean ${server.actionMsMean} ms`);
  } else {
    console.log('server:        /metrics unavailable');
  }
  console.log(`load generator: ${summary.loadgenCpuCores} cores`);
  console.log(JSON.stringify(summary));
}

main().then(() => process.exit(0), (error: Error) => {
  console.error(`loadtest:draft failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
