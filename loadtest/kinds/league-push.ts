/**
 * League push: `--rooms` (alias `--leagues`) football leagues, each with `--clients` managed teams
 * whose managers all hold the league's `league` room open; then `--batches` stat batches of
 * `--lines` feed lines (POST /api/v1/ingest, as an admin) about players every league has on its
 * rosters, one batch at a time. Each batch changes every team's live points in every league.
 *
 * Measured per client and batch: when the client decoded the change (its state's `scoredAt` moved)
 * against when the batch's ingest job finished (its `finishedAt`, GET /api/v1/ingest/jobs/:id) —
 * the headline "ingest → client" — and against when the score job that the ingest job added
 * finished ("score → client": the push alone). One machine, one clock (loopback only). The ingest
 * job stores the lines; the score job scores each line once per rules set of the leagues holding its
 * player (each such league reads its points from those rows), and only then can anything reach a
 * client. Runs in one generator: one batch reaches every league.
 */
import type { Room } from '@colyseus/sdk';
import { joinWithRetry, leaveRoom, sdkClient, watchRoom } from '../lib/clients.ts';
import { Recorder } from '../lib/part.ts';
import { Api, createLeagues, newRunId, pool, registerUsers, type Player } from '../lib/rest.ts';
import { closeAll } from '../lib/league-rooms.ts';
import { latencySummary, sleep } from '../lib/stats.ts';
import type { Kind, KindOptions, KindRun } from './kind.ts';

interface PushOptions extends KindOptions {
  clients: number;
  lines: number;
  batches: number;
  playersPerTeam: number;
  gapMs: number;
  adminUsername: string;
  adminPassword: string;
}

/** How long a batch may take to reach every client before its missing clients count as errors. */
const BATCH_TIMEOUT_MS = 300_000;

/** One client of one league room: when it saw each change (by the state's scoredAt). */
class Seat {
  room!: Room;
  lastScoredAt = 0;
  /** Date.now() when this client decoded the current batch's change; 0 until then. */
  seenAt = 0;
  private readonly recorder: Recorder;
  private readonly running: () => boolean;

  constructor(recorder: Recorder, running: () => boolean) {
    this.recorder = recorder;
    this.running = running;
  }

  attach(room: Room): void {
    this.room = room;
    watchRoom(room, { onState: (state) => this.onState(state), running: this.running, finished: () => false }, this.recorder.countError);
  }

  private onState(state: any): void {
    const scoredAt = Number(state.scoredAt ?? 0);
    if (scoredAt <= this.lastScoredAt) return;
    this.lastScoredAt = scoredAt;
    if (this.seenAt === 0) this.seenAt = Date.now();
  }

  close(): Promise<unknown> {
    return leaveRoom(this.room);
  }
}

/** `lines` feed lines about the rostered players, new keys per batch, stats that move points. */
function batchLines(runId: string, batch: number, lines: number, players: Player[]) {
  return Array.from({ length: lines }, (_, i) => ({
    key: `${runId}:b${batch}:${i}`, sport: 'football', playerExternalId: players[i % players.length].externalId,
    period: '2026-W40', occurredAt: new Date().toISOString(), stats: { rushYards: 1 + ((i + batch) % 40), receptions: 1 + (i % 3) },
  }));
}

/**
 * Players for `teams` rosters of `perTeam` each, team after team, every roster drawn position by
 * position in a football lineup's proportions so that no roster breaks the default per-position
 * limits (QB 3, RB 6, WR 6, TE 3, K 2, DEF 2) the roster route checks.
 */
const ROSTER_SHAPE = ['QB', 'RB', 'RB', 'WR', 'WR', 'TE', 'K', 'DEF', 'RB', 'WR', 'QB', 'TE', 'RB', 'WR', 'DEF', 'RB', 'WR', 'QB', 'TE', 'K'];

function balancedRosters(players: Player[], teams: number, perTeam: number): Player[] {
  if (perTeam > ROSTER_SHAPE.length) throw new Error(`--players-per-team is at most ${ROSTER_SHAPE.length}`);
  const byPosition = new Map<string, Player[]>();
  for (const player of players) {
    const position = player.positions[0] ?? '';
    byPosition.set(position, [...(byPosition.get(position) ?? []), player]);
  }
  const picked: Player[] = [];
  for (let team = 0; team < teams; team++) {
    for (const position of ROSTER_SHAPE.slice(0, perTeam)) {
      const next = byPosition.get(position)?.shift();
      if (!next) throw new Error(`the football pool has too few ${position} players for ${teams} teams of ${perTeam}`);
      picked.push(next);
    }
  }
  return picked;
}

async function finishedJob(api: Api, token: string, jobId: string): Promise<{ finishedAt: string; result: any }> {
  for (const until = Date.now() + BATCH_TIMEOUT_MS; Date.now() < until; await sleep(20)) {
    const job = await api.rest('GET', `/api/v1/ingest/jobs/${jobId}`, token);
    if (job.state === 'failed') throw new Error(`job ${jobId} failed: ${job.failedReason}`);
    if (job.state === 'completed') return job;
  }
  throw new Error(`job ${jobId} did not finish within ${BATCH_TIMEOUT_MS} ms`);
}

function run(baseUrl: string, leagues: number, options: PushOptions): KindRun {
  const recorder = new Recorder();
  const api = new Api(baseUrl);
  const runId = newRunId();
  let running = false;
  let seats: Seat[] = [];
  let rostered: Player[] = [];
  let adminToken = '';
  let batchesDone = 0;
  let loop: Promise<void> | undefined;

  const oneBatch = async (batch: number) => {
    for (const seat of seats) seat.seenAt = 0;
    const lines = batchLines(runId, batch, options.lines, rostered);
    const posted = await api.rest('POST', '/api/v1/ingest', adminToken, { events: lines });
    const ingestJob = await finishedJob(api, adminToken, posted.jobId);
    const scoreJob = await finishedJob(api, adminToken, ingestJob.result.scoreJobId);
    for (const until = Date.now() + BATCH_TIMEOUT_MS; Date.now() < until && seats.some((s) => s.seenAt === 0);) await sleep(20);
    const ingestAt = Date.parse(ingestJob.finishedAt);
    const scoreAt = Date.parse(scoreJob.finishedAt);
    for (const seat of seats) {
      if (seat.seenAt === 0) {
        recorder.countError('NOT_SEEN');
        continue;
      }
      recorder.latency.push(seat.seenAt - ingestAt);
      recorder.ack.push(seat.seenAt - scoreAt);
    }
    recorder.count('leagueScores', scoreJob.result.scores);
    recorder.count('scoreJobMs', scoreAt - ingestAt);
  };

  return {
    recorder,
    async setup() {
      const login = await api.rest('POST', '/api/v1/auth/login', undefined, { username: options.adminUsername, password: options.adminPassword });
      adminToken = login.token;
      const { commish, managers } = await registerUsers(api, runId, options.clients, options.setupConcurrency);
      const pool_ = await api.players('football', commish.token);
      rostered = balancedRosters(pool_, options.clients, options.playersPerTeam);
      const created = await createLeagues(api, { runId, label: 'push', count: leagues, commish, managers, concurrency: options.setupConcurrency }, async (league) => {
        for (let team = 0; team < options.clients; team++) {
          const playerIds = rostered.slice(team * options.playersPerTeam, (team + 1) * options.playersPerTeam).map((p) => p.id);
          await api.rest('POST', `/api/v1/leagues/${league.leagueId}/teams/${league.teamOf[team]}/players`, commish.token, { playerIds });
        }
        return league;
      });
      const clients = managers.map((user) => sdkClient(baseUrl, user));
      const joined = await pool(created, Math.max(1, Math.floor(options.setupConcurrency / 4)), async (league) => {
        try {
          return await Promise.all(clients.map(async (client) => {
            const seat = new Seat(recorder, () => running);
            seat.attach(await joinWithRetry(client, 'league', { leagueId: league.leagueId }, recorder.countError));
            return seat;
          }));
        } catch {
          return [];
        }
      });
      seats = joined.flat();
      return { rooms: joined.filter((s) => s.length === options.clients).length, clients: seats.length };
    },
    async start() {
      running = true;
      const startedAt = Date.now();
      loop = (async () => {
        for (let batch = 1; batch <= options.batches && running; batch++) {
          await oneBatch(batch).catch((error: Error) => recorder.countError(`BATCH:${error.message.slice(0, 80)}`));
          batchesDone++;
          if (batch < options.batches) await sleep(options.gapMs);
        }
      })();
      return startedAt;
    },
    done: () => batchesDone >= options.batches,
    async finish() {
      running = false;
      await loop;
      await closeAll(seats);
      return { roomsComplete: leagues, actions: recorder.latency.length, roomIds: [] };
    },
  };
}

export const leaguePushKind: Kind<PushOptions> = {
  room: 'league',
  action: 'client updates',
  durationS: 600,
  roomsOption: 'leagues',
  maxGenerators: 1,
  options: {
    clients: { type: 'string', default: '12' },
    lines: { type: 'string', default: '500' },
    batches: { type: 'string', default: '5' },
    'players-per-team': { type: 'string', default: '15' },
    'gap-ms': { type: 'string', default: '1000' },
    'admin-username': { type: 'string', default: 'demo' },
    'admin-password': { type: 'string', default: 'demo-password' },
  },
  parse: (values, { int }, common) => ({
    ...common,
    clients: int(values.clients, 'clients', 1, 64),
    lines: int(values.lines, 'lines', 1, 1000),
    batches: int(values.batches, 'batches', 1, 1000),
    playersPerTeam: int(values['players-per-team'], 'players-per-team', 1, 60),
    gapMs: int(values['gap-ms'], 'gap-ms', 0, 600_000),
    adminUsername: String(values['admin-username']),
    adminPassword: String(values['admin-password']),
  }),
  run,
  report(merged, options) {
    const ingest = latencySummary(Float64Array.from(merged.latencyMs));
    const score = latencySummary(Float64Array.from(merged.ackMs));
    const batches = options.batches;
    return {
      lines: [
        `league-push: ${options.lines}-line batches × ${batches} to ${merged.rooms} leagues × ${options.clients} clients`,
        `ingest job finished → client: p50 ${ingest.p50} ms, p95 ${ingest.p95} ms, p99 ${ingest.p99} ms, max ${ingest.max} ms (${ingest.samples} samples)`,
        `score job finished → client:  p50 ${score.p50} ms, p95 ${score.p95} ms, p99 ${score.p99} ms, max ${score.max} ms (the push alone)`,
        `score job: ${Math.round((merged.counts.scoreJobMs ?? 0) / batches)} ms after the ingest job on average, ${Math.round((merged.counts.leagueScores ?? 0) / batches)} league scores per batch (a line in each league holding its player; stored once per rules set)`,
      ],
      json: { ingestToClientMs: ingest, scoreToClientMs: score, leagueScoresPerBatch: Math.round((merged.counts.leagueScores ?? 0) / batches) },
    };
  },
};
