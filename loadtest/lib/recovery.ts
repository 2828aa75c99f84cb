/**
 * Restart recovery, measured (`npm run load -- --kind recovery`, test/loadtest/recovery.test.ts):
 * one server process of its own hosts `rooms` live drafts, each with one picking client per team;
 * it is killed with SIGKILL mid-draft and started again on the same port. Every client joins its
 * draft again (jittered backoff, rooms/base/rejoin.ts) while the process boots; each room comes
 * back from its log on the first join. Measured: the boot (spawn → /health), the time until every
 * room is restored (a client decoded its rebuilt state) and serving (a pick sent after the restart
 * was acknowledged), from the process's readiness and from the kill; and every pick acknowledged
 * before the kill is looked up in the stored draft: lost ones are counted (there must be none).
 */
import type { Room } from '@colyseus/sdk';
import { ServerNode } from './chaos-process.ts';
import { FailoverSeat } from './chaos-seat.ts';
import { serverMetrics } from './metrics.ts';
import { Api, createLeagues, newRunId, pool, registerUsers, type Player, type User } from './rest.ts';
import { percentile, sleep } from './stats.ts';
import { ON_THE_CLOCK_GRACE_MS } from '../../rooms/draft/on-the-clock-grace.ts';

export interface RecoveryOptions {
  port: number;
  /** The server's environment: DATABASE_URL, JWT_SECRET, DATA_DIR, ... (PORT and HOST are set here). */
  env: Record<string, string>;
  /** Added for the first start only (SEED_ON_START=true: the first boot seeds the player pool). */
  firstEnv?: Record<string, string>;
  rooms: number;
  teams: number;
  rounds: number;
  /** A manager picks this long (+ 0..jitter) after its turn comes, until the restart. */
  pickDelayMs: number;
  pickJitterMs: number;
  /** How long the drafts run before the kill. */
  activeMs: number;
  setupConcurrency: number;
  /** The rooms must be back by then, else the run reports what is missing. */
  timeoutMs?: number;
  /** Node options of the restarted process only (e.g. `--cpu-prof --cpu-prof-dir=DIR`: written at its clean stop). */
  restartNodeArgs?: readonly string[];
  log?: (line: string) => void;
}

export interface RecoveryReport {
  rooms: number;
  clients: number;
  /** Rooms a client was back in after the restart, and those that acknowledged a new pick. */
  restored: number;
  serving: number;
  /** Picks acknowledged before the kill, and those of them missing from the stored drafts. */
  acknowledged: number;
  lost: string[];
  /** The kill → the restarted process answers /health (its boot, mostly). */
  bootMs: number;
  /** The restarted process spawned (exec) → it answers /health: its boot alone. */
  execToHealthMs: number;
  /** From the restarted process answering /health until the last room was restored / serving (null: some never were). */
  restoredMs: number | null;
  servingMs: number | null;
  /** The same, from the kill. */
  restoredSinceKillMs: number | null;
  servingSinceKillMs: number | null;
  /** The same, from the restarted process's spawn (exec); and the first room restored, from it. */
  restoredSinceExecMs: number | null;
  servingSinceExecMs: number | null;
  firstRestoredSinceExecMs: number | null;
  /** Per room, readiness → restored (ms). */
  restoredP50: number | null;
  restoredP95: number | null;
  /**
   * The restarted server's CPU (ms) until /health answered, and from then until every room served
   * or the timeout: on a shared box the wall times above depend on the neighbours, these do not.
   */
  bootCpuMs: number;
  restoreCpuMs: number;
  /**
   * This load generator's own CPU (ms) from the restart's exec until /health answered, and from
   * then until every room served: its clients retrying and rejoining share the box with the
   * server, and a busy generator delays the figures.
   */
  generatorBootCpuMs: number;
  generatorCpuMs: number;
  /** The clients' failed join attempts after the kill (each retried after a backoff), by reason. */
  failedJoins: Record<string, number>;
  /**
   * "You are on the clock" notices sent after the kill, counted once every client has been back for
   * the rooms' grace (ON_THE_CLOCK_GRACE_MS): each went to a manager still away then (none is, unless a
   * client never came back), so a restart that tells managers who were only reconnecting shows here.
   */
  onTheClockNotices: number;
}

interface Ack { overall: number; teamId: string; playerId: string }

interface Draft {
  id: string;
  teamOf: string[];
  seats: FailoverSeat[];
  acks: Ack[];
  /** Epoch ms of the first pick acknowledged after the kill. */
  servingAt: number;
}

/** Where the run is: nobody picks during the setup (a long setup would finish the first drafts), then the kill and the restart. */
class Phase {
  picking = false;
  killedAt = 0;
  restarted = false;
  private readonly waiting: Array<() => void> = [];

  /** Runs `kick` when the picking starts (at once if it has). */
  whenPicking(kick: () => void): void {
    if (this.picking) kick();
    else this.waiting.push(kick);
  }

  startPicking(): void {
    this.picking = true;
    for (const kick of this.waiting.splice(0)) kick();
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
/** Far longer than the run: a clock running out would be a pick nobody sent. */
const PICK_SECONDS = 3600;

export async function runRecovery(options: RecoveryOptions): Promise<RecoveryReport> {
  const log = options.log ?? (() => undefined);
  let node = new ServerNode(options.port, { ...options.env, ...options.firstEnv });
  const phase = new Phase();
  const drafts: Draft[] = [];
  try {
    await node.ready();
    const api = new Api(node.baseUrl);
    const setupStarted = Date.now();
    const { commish, managers } = await registerUsers(api, newRunId(), options.teams, options.setupConcurrency);
    const players = await api.players('football', commish.token);
    if (players.length < options.teams * options.rounds) throw new Error(`the football pool has ${players.length} players; ${options.teams * options.rounds} needed`);
    drafts.push(...await createLeagues(api, { runId: newRunId(), label: 'recovery', count: options.rooms, commish, managers, concurrency: options.setupConcurrency },
      async ({ leagueId, teamOf }) => {
        const created = await api.rest('POST', `/api/v1/leagues/${leagueId}/drafts`, commish.token, { type: 'snake', rounds: options.rounds, pickSeconds: PICK_SECONDS, order: teamOf });
        return { id: created.id as string, teamOf, seats: [], acks: [], servingAt: 0 };
      }));
    await pool(drafts, Math.max(1, Math.floor(options.setupConcurrency / 2)), (draft) => seatAndStart(draft, node.baseUrl, commish, managers, players, options, phase));
    log(`recovery: ${drafts.length} live drafts × ${options.teams} clients set up in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s; picking for ${options.activeMs} ms`);
    phase.startPicking();
    await sleep(options.activeMs);

    const acked = drafts.map((draft) => [...draft.acks]);
    const failedBefore = failedJoins(drafts);
    phase.killedAt = Date.now();
    // Restarted as a supervisor would, at once: not after this process's clients noticed the loss.
    await node.killAtOnce();
    const execAt = Date.now();
    const generatorCpuAtExec = process.cpuUsage();
    node = new ServerNode(options.port, options.env, options.restartNodeArgs);
    phase.restarted = true;
    await node.ready();
    const readyAt = Date.now();
    const generatorCpuAtReady = process.cpuUsage();
    // From /proc when it can: a /metrics request would wait behind the rejoins the process is busy with.
    const cpuAtReady = node.cpuMs() ?? await serverCpuMs(node.baseUrl);
    const until = readyAt + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const restoredAt = (draft: Draft) => Math.min(...draft.seats.map((seat) => (seat.rejoinedAt > phase.killedAt ? seat.rejoinedAt : Infinity)));
    while (Date.now() < until && drafts.some((draft) => !draft.servingAt || restoredAt(draft) === Infinity)) await sleep(20);

    const cpuAtEnd = node.cpuMs() ?? await serverCpuMs(node.baseUrl);
    const failedAfter = failedJoins(drafts);
    const generatorCpu = process.cpuUsage(generatorCpuAtReady);
    const generatorBootCpu = process.cpuUsage(generatorCpuAtExec);
    const restored = drafts.map(restoredAt).filter(Number.isFinite);
    const serving = drafts.filter((draft) => draft.servingAt).map((draft) => draft.servingAt);
    const whole = (times: number[]) => times.length === drafts.length;
    const after = (times: number[], from: number) => (whole(times) ? Math.max(...times) - from : null);
    const perRoom = restored.map((at) => Math.max(0, at - readyAt)).sort((a, b) => a - b);
    // The clients stay a grace longer: a check armed by a pick made while a manager was reconnecting finds him back.
    await sleep(ON_THE_CLOCK_GRACE_MS + 500);
    const notices = await onTheClockNoticesSince(new Api(node.baseUrl), managers, phase.killedAt);
    await Promise.all(drafts.flatMap((draft) => draft.seats.map((seat) => seat.close())));
    const lost = await lostAcks(new Api(node.baseUrl), commish.token, drafts, acked, options.setupConcurrency);
    return {
      rooms: drafts.length, clients: drafts.length * options.teams, restored: restored.length, serving: serving.length,
      acknowledged: acked.reduce((n, acks) => n + acks.length, 0), lost,
      bootMs: readyAt - phase.killedAt, restoredMs: after(restored, readyAt), servingMs: after(serving, readyAt),
      restoredSinceKillMs: after(restored, phase.killedAt), servingSinceKillMs: after(serving, phase.killedAt),
      execToHealthMs: readyAt - execAt, restoredSinceExecMs: after(restored, execAt), servingSinceExecMs: after(serving, execAt),
      firstRestoredSinceExecMs: restored.length > 0 ? Math.min(...restored) - execAt : null,
      restoredP50: percentile(perRoom, 50), restoredP95: percentile(perRoom, 95),
      bootCpuMs: Math.round(cpuAtReady), restoreCpuMs: Math.round(cpuAtEnd - cpuAtReady),
      generatorCpuMs: Math.round((generatorCpu.user + generatorCpu.system) / 1000),
      failedJoins: Object.fromEntries([...failedAfter].map(([reason, n]) => [reason, n - (failedBefore.get(reason) ?? 0)]).filter(([, n]) => Number(n) > 0)),
      generatorBootCpuMs: Math.round((generatorBootCpu.user + generatorBootCpu.system - generatorCpu.user - generatorCpu.system) / 1000),
      onTheClockNotices: notices,
    };
  } finally {
    await Promise.all(drafts.flatMap((draft) => draft.seats.map((seat) => seat.close())));
    // A clean stop (SIGTERM) when it comes in time: a profile (NODE_OPTIONS=--cpu-prof) gets written.
    await Promise.race([node.terminate(), sleep(STOP_GRACE_MS)]);
    await node.kill();
  }
}

/** One failover seat per manager (its bot attached), then the commissioner starts the draft. */
async function seatAndStart(draft: Draft, baseUrl: string, commish: User, managers: User[], players: Player[],
  options: RecoveryOptions, phase: Phase): Promise<void> {
  const joinOptions = { draftId: draft.id };
  draft.seats = managers.map((manager, i) => new FailoverSeat({
    servers: () => [baseUrl], token: manager.token, roomName: 'draft', joinOptions, attach: picker(draft, draft.teamOf[i], players, options, phase),
  }));
  await Promise.all(draft.seats.map((seat) => seat.join()));
  const starter = new FailoverSeat({ servers: () => [baseUrl], token: commish.token, roomName: 'draft', joinOptions, attach: () => undefined });
  await starter.join();
  await starter.room!.request('start', {});
  await starter.close();
}

/**
 * A manager's client: picks the best player left when its team is on the clock, after the think
 * time, except the draft's first pick after the restart, sent at once (so "serving" measures the
 * room, not the think time).
 */
function picker(draft: Draft, teamId: string, players: Player[], options: RecoveryOptions, phase: Phase) {
  return (room: Room) => {
    let trying = 0;
    const maybePick = (state: any) => {
      if (!phase.picking || !state || state.status !== 'live' || state.onClock !== teamId || trying === state.currentPick) return;
      const overall = state.currentPick as number;
      trying = overall;
      const think = phase.killedAt && !draft.servingAt ? 0 : options.pickDelayMs + Math.random() * options.pickJitterMs;
      setTimeout(() => {
        if (room.state.currentPick !== overall || !room.connection?.isOpen) return;
        const taken = new Set(Array.from(room.state.picks as Iterable<any>, (p) => p.playerId));
        const playerId = players.find((p) => !taken.has(p.id))!.id;
        room.request('pick', { playerId, pick: overall }, { timeout: 10_000 }).then(() => {
          draft.acks.push({ overall, teamId, playerId });
          if (phase.restarted && !draft.servingAt) draft.servingAt = Date.now();
        }, () => { trying = 0; });
      }, think);
    };
    room.onStateChange((state: any) => maybePick(state));
    phase.whenPicking(() => maybePick(room.state));
  };
}

function failedJoins(drafts: Draft[]): Map<string, number> {
  const all = new Map<string, number>();
  for (const seat of drafts.flatMap((draft) => draft.seats)) {
    for (const [reason, n] of seat.failedAttempts) all.set(reason, (all.get(reason) ?? 0) + n);
  }
  return all;
}

async function serverCpuMs(baseUrl: string): Promise<number> {
  return Math.round(((await serverMetrics(baseUrl, 'draft'))?.cpu ?? Number.NaN) * 1000);
}

/** Every pick acknowledged before the kill that the stored draft does not hold, described. */
async function lostAcks(api: Api, token: string, drafts: Draft[], acked: Ack[][], concurrency: number): Promise<string[]> {
  const lost = await pool(drafts, concurrency, async (draft, i) => {
    const stored = await api.rest('GET', `/api/v1/drafts/${draft.id}`, token);
    const has = (ack: Ack) => stored.picks.some((p: any) => p.overall === ack.overall && p.teamId === ack.teamId && p.playerId === ack.playerId);
    return acked[i].filter((ack) => !has(ack)).map((ack) => `draft ${draft.id}: pick ${ack.overall} (${ack.playerId}) acknowledged, not stored`);
  });
  return lost.flat();
}

/** The managers' onTheClock notifications created since `since` (epoch ms), read as each of them would. */
async function onTheClockNoticesSince(api: Api, managers: User[], since: number): Promise<number> {
  let count = 0;
  for (const manager of managers) {
    for (let cursor: string | undefined, more = true; more;) {
      const page = await api.rest('GET', `/api/v1/me/notifications?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, manager.token);
      const recent = (page.items as Array<{ kind: string; createdAt: string }>).filter((n) => Date.parse(n.createdAt) >= since);
      count += recent.filter((n) => n.kind === 'onTheClock').length;
      // Newest first: a page reaching back before the kill is the last one needed.
      more = Boolean(page.nextCursor) && recent.length === page.items.length;
      cursor = page.nextCursor ?? undefined;
    }
  }
  return count;
}
