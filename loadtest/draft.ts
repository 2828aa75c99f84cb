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
import type { Room } from '@colyseus/sdk';
import { cli } from './lib/cli.ts';
import { Api, createLeagues, newRunId, registerUsers, type Player } from './lib/rest.ts';
import { MetricsSampler, serverLine } from './lib/metrics.ts';
import { joinGames, leaveRoom, sdkClient, startAndLeave } from './lib/clients.ts';
import { slotFor, type RosterRules } from './lib/roster.ts';
import { latencySummary, rejectionCode, round1, sleep, Tally } from './lib/stats.ts';

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

const { fail, int, loopbackUrl } = cli('loadtest:draft');
const intArg = (name: keyof typeof args, min: number, max: number) => int(args[name], name, min, max);

const DRAFTS = intArg('drafts', 1, 1000);
const TEAMS = intArg('teams', 2, 32);
const ROUNDS = intArg('rounds', 1, 40);
const PICK_DELAY_MS = intArg('pick-delay-ms', 0, 60_000);
const PICK_JITTER_MS = intArg('pick-jitter-ms', 0, 60_000);
const DURATION_S = intArg('duration-s', 1, 3600);
const SETUP_CONCURRENCY = intArg('setup-concurrency', 1, 200);
const baseUrl = loopbackUrl(args.url);
const PICK_SECONDS = 60;
/** A rejected pick other than STALE/PLAYER_TAKEN is retried after this long (never in a tight loop). */
const RETRY_MS = 250;

const api = new Api(baseUrl);

// --------------------------------------------------------------------------------------- figures

const errors = new Tally();
const countError = (code: string) => errors.add(code);
/** pick → other client latencies (ms), and the picker's own request → reply time. */
const seenLatencies: number[] = [];
const ackLatencies: number[] = [];

// ------------------------------------------------------------------------------------------ bots


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
    }, (error: unknown) => {
      const code = rejectionCode(error);
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
    return leaveRoom(this.room);
  }
}

let playerIndex = new Map<string, Player>();

// ------------------------------------------------------------------------------------------- run

async function main(): Promise<void> {
  await api.checkHealth(fail);

  const setupStarted = performance.now();
  const runId = newRunId();
  const { commish, managers } = await registerUsers(api, runId, TEAMS, SETUP_CONCURRENCY);

  players = await api.players('football', commish.token);
  playerIndex = new Map(players.map((p) => [p.id, p]));
  if (players.length < TEAMS * ROUNDS) fail(`the football pool has ${players.length} players; ${TEAMS}×${ROUNDS} picks need more (seed the server: npm run seed)`);

  const leagues = { runId, label: 'load', count: DRAFTS, commish, managers, concurrency: SETUP_CONCURRENCY };
  const drafts: Draft[] = await createLeagues(api, leagues, async ({ index, leagueId, teamOf }) => {
    const created = await api.rest('POST', `/api/v1/leagues/${leagueId}/drafts`, commish.token, { type: 'snake', rounds: ROUNDS, pickSeconds: PICK_SECONDS });
    const draft: Draft = {
      index, id: created.id, leagueId, rosterRules: created.config.rosterRules, teamOf, bots: [],
      sentAt: new Map(), picksSeen: 0, completeAt: null,
    };
    draft.bots = teamOf.map((teamId) => new Bot(draft, teamId));
    return draft;
  });
  const restDone = performance.now();

  // One SDK client per user, reused across drafts (each join is its own room connection). The
  // commissioner's join creates the room (restored from the log); the bots' joins find it.
  const { commishRooms, joinFailures, splitRooms } = await joinGames(drafts, {
    roomName: 'draft',
    joinOptions: (draft) => ({ draftId: draft.id }),
    commishClient: sdkClient(baseUrl, commish),
    managerClients: managers.map((user) => sdkClient(baseUrl, user)),
    concurrency: Math.max(1, Math.floor(SETUP_CONCURRENCY / 4)),
    countError,
    attach: (draft, rooms) => rooms.forEach((room, i) => draft.bots[i].attach(room)),
  });
  if (splitRooms > 0) countError('SPLIT_ROOM');
  const joined = drafts.filter((d) => commishRooms[d.index] && d.bots.every((b) => b.room));
  const clients = joined.length * TEAMS;
  const joinDone = performance.now();
  console.log(`setup: ${DRAFTS} leagues × ${TEAMS} teams over REST in ${((restDone - setupStarted) / 1000).toFixed(1)} s; ` +
    `${clients} clients joined ${joined.length} drafts in ${((joinDone - restDone) / 1000).toFixed(1)} s` +
    (joinFailures ? ` (${joinFailures} drafts failed to join)` : ''));

  // Sample the server while it runs: peak RSS and the worst event-loop p99 (prom-client resets it per scrape).
  const sampler = new MetricsSampler(baseUrl, 'draft');
  await sampler.start();
  const cpuBefore = process.cpuUsage();

  running = true;
  const started = performance.now();
  await startAndLeave(joined.map((draft) => commishRooms[draft.index]), countError);

  const deadline = started + DURATION_S * 1000;
  const allComplete = () => joined.every((d) => d.bots.every((b) => b.complete));
  while (performance.now() < deadline && !allComplete()) await sleep(50);
  const ended = performance.now();
  running = false;
  sampler.stop();

  await sampler.finish();
  const cpuAfter = process.cpuUsage(cpuBefore);
  await Promise.race([Promise.all(joined.flatMap((d) => d.bots.map((b) => b.close()))), sleep(10_000)]);

  // ----------------------------------------------------------------------------------- report
  const elapsedS = (ended - started) / 1000;
  const picks = joined.reduce((total, d) => total + d.picksSeen, 0);
  const completeDrafts = joined.filter((d) => d.completeAt !== null).length;
  const latency = latencySummary(seenLatencies);
  const { p50, p95, p99 } = latencySummary(ackLatencies);
  const server = sampler.figures(elapsedS);
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
    latencyMs: latency,
    ackMs: { p50, p95, p99 },
    errors: errors.toJSON(),
    server,
    loadgenCpuCores: round1((cpuAfter.user + cpuAfter.system) / 1e6 / elapsedS),
  };

  console.log(`drafts:        ${summary.drafts} (${completeDrafts} complete) × ${TEAMS} teams × ${ROUNDS} rounds, pick delay ${PICK_DELAY_MS} ms` +
    (PICK_JITTER_MS ? ` + 0..${PICK_JITTER_MS} ms` : ''));
  console.log(`clients:       ${clients}`);
  console.log(`picks:         ${picks} of ${summary.picksExpected} in ${summary.elapsedS} s = ${summary.picksPerSecond} picks/s`);
  console.log(`pick → others: p50 ${summary.latencyMs.p50} ms, p95 ${summary.latencyMs.p95} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms (${latency.samples} pick×client pairs)`);
  console.log(`pick → ack:    p50 ${summary.ackMs.p50} ms, p95 ${summary.ackMs.p95} ms, p99 ${summary.ackMs.p99} ms (the picker's own request)`);
  console.log(`errors:        ${errors.line()}`);
  console.log(serverLine(server));
  console.log(`load generator: ${summary.loadgenCpuCores} cores`);
  console.log(JSON.stringify(summary));
}

main().then(() => process.exit(0), (error: Error) => {
  console.error(`loadtest:draft failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
