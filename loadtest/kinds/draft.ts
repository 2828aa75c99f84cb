/**
 * Draft load: snake drafts, one bot client per team. Each bot picks the best available player
 * that fits its roster as soon as its team is on the clock (after the think time). Latency is from
 * a picking client's send to each OTHER client of that draft first seeing `picks.length` reach
 * that pick (one process, one clock), over every (pick, client) pair.
 *
 * Reading the latency: the server pushes a committed pick at once (broadcastPatch), so this is
 * queue + commit + fan-out time; with no think time every bot picks the moment it sees its turn,
 * which is saturation, not a realistic room.
 *
 * Setup: 1 commissioner and `--teams` managers (fresh names per run; the same managers own one
 * team in every league), the leagues, teams and drafts (`pickSeconds: 60`) over REST; one client
 * per team joins each draft. Before the measured phase the commissioner starts every draft at once
 * and leaves, and every client sees its draft live: the measured phase holds picks alone.
 */
import type { Room } from '@colyseus/sdk';
import { slotFor } from '../../src/draft/roster.ts';
import type { RosterRules } from '../../src/draft/types.ts';
import { leaveRoom, watchRoom } from '../lib/clients.ts';
import { LeagueRooms, type BotShared } from '../lib/league-rooms.ts';
import { afterThinkTime, latencySummary, rejectionCode } from '../lib/stats.ts';
import type { Kind, KindOptions, KindRun } from './kind.ts';

export interface DraftOptions extends KindOptions {
  teams: number;
  rounds: number;
  /** Think time before each pick, plus a uniform random 0..jitter ms. */
  pickDelayMs: number;
  pickJitterMs: number;
}

const PICK_SECONDS = 60;
/** A rejected pick other than STALE/PLAYER_TAKEN is retried after this long (never in a tight loop). */
const RETRY_MS = 250;

interface Draft {
  index: number;
  id: string;
  bots: Bot[];
  /** performance.now() of the latest send for each overall pick, and who sent it. */
  sentAt: Map<number, { at: number; bot: Bot }>;
  picksSeen: number;
  board: Board;
}

type Shared = BotShared<DraftOptions>;

/**
 * What a draft's picks tell its bots, folded in once per pick for the whole draft (not rescanned
 * by every bot each turn): the bots' own work stays small beside their SDK clients', so a
 * saturated generator measures the clients, not this search.
 */
class Board {
  /** Players taken (seen in the state, or refused as gone by the server). */
  private readonly taken = new Set<string>();
  /** Each team's roster slots filled so far, counted as the server slots them. */
  private readonly counts = new Map<string, Map<string, number>>();
  /** Picks of the state folded in so far. */
  private tracked = 0;
  /** Index into the ranked pool before which every player is taken (searches start there). */
  private firstFree = 0;
  private readonly shared: Shared;
  private readonly rules: RosterRules;

  constructor(shared: Shared, rules: RosterRules) {
    this.shared = shared;
    this.rules = rules;
  }

  gone(playerId: string): void {
    this.taken.add(playerId);
  }

  best(picks: any, teamId: string): string | undefined {
    this.track(picks);
    const counts = this.countsOf(teamId);
    const { players } = this.shared;
    while (this.firstFree < players.length && this.taken.has(players[this.firstFree].id)) this.firstFree++;
    for (let i = this.firstFree; i < players.length; i++) {
      const p = players[i];
      if (!this.taken.has(p.id) && slotFor(this.rules, counts, p.positions) !== null) return p.id;
    }
    return undefined;
  }

  private track(picks: any): void {
    if (picks.length < this.tracked) this.forget(); // a pick was undone: fold the board again
    for (; this.tracked < picks.length; this.tracked++) {
      const pick = picks.at(this.tracked);
      this.taken.add(pick.playerId);
      // The server slots a pick at the first of its positions with room: count the same way.
      const counts = this.countsOf(pick.teamId);
      const slot = slotFor(this.rules, counts, this.shared.playerIndex.get(pick.playerId)?.positions ?? []);
      if (slot) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
  }

  private countsOf(teamId: string): Map<string, number> {
    let counts = this.counts.get(teamId);
    if (!counts) this.counts.set(teamId, counts = new Map());
    return counts;
  }

  private forget(): void {
    this.taken.clear();
    this.counts.clear();
    this.tracked = 0;
    this.firstFree = 0;
  }
}

class Bot {
  room!: Room;
  /** Picks this client has seen so far (for the latency of each). */
  seen = 0;
  complete = false;
  /** The overall pick this bot has a request in flight or pending for (0 = none). */
  private trying = 0;
  private retryTimer?: NodeJS.Timeout;
  private readonly shared: Shared;
  private readonly draft: Draft;
  private readonly teamId: string;

  constructor(shared: Shared, draft: Draft, teamId: string) {
    this.shared = shared;
    this.draft = draft;
    this.teamId = teamId;
  }

  attach(room: Room): void {
    this.room = room;
    watchRoom(room, { onState: (state) => this.onState(state), running: () => this.shared.running, finished: () => this.complete }, this.shared.recorder.countError);
  }

  poke(): void {
    this.maybePick(this.room.state);
  }

  private onState(state: any): void {
    const now = performance.now();
    const picks = state.picks?.length ?? 0;
    while (this.seen < picks) {
      this.seen++;
      const sent = this.draft.sentAt.get(this.seen);
      if (sent && sent.bot !== this) this.shared.recorder.seen(sent.at, now);
    }
    if (picks > this.draft.picksSeen) this.draft.picksSeen = picks;
    if (state.status === 'complete') this.complete = true;
    this.maybePick(state);
  }

  private maybePick(state: any): void {
    if (!this.shared.running || state.status !== 'live' || state.onClock !== this.teamId) return;
    if (this.trying === state.currentPick) return;
    const overall = state.currentPick as number;
    this.trying = overall;
    afterThinkTime(this.shared.options.pickDelayMs, this.shared.options.pickJitterMs, () => this.pick(overall));
  }

  private pick(overall: number): void {
    const state: any = this.room.state;
    const { recorder } = this.shared;
    if (!this.shared.running || state.status !== 'live' || state.currentPick !== overall || state.onClock !== this.teamId) {
      this.trying = 0;
      return;
    }
    const playerId = this.choose(state);
    if (!playerId) {
      recorder.countError('NO_PLAYER_FITS');
      return;
    }
    const at = performance.now();
    this.draft.sentAt.set(overall, { at, bot: this });
    this.room.request('pick', { playerId, pick: overall }).then(() => {
      recorder.ack.push(performance.now() - at);
    }, (error: unknown) => {
      const code = rejectionCode(error);
      // A request still in flight when the phase ends dies with its connection: not the server's doing.
      if (code === 'CLOSED' && !this.shared.running) return;
      recorder.countError(code);
      if (code === 'PLAYER_TAKEN' || code === 'POSITION_FULL') this.draft.board.gone(playerId);
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
    return this.draft.board.best(state.picks, this.teamId);
  }

  close(): Promise<unknown> {
    clearTimeout(this.retryTimer);
    return leaveRoom(this.room);
  }
}

function run(baseUrl: string, rooms: number, options: DraftOptions): KindRun {
  const { teams, rounds } = options;
  const set = new LeagueRooms<DraftOptions, Draft>(baseUrl, rooms, options, {
    roomName: 'draft', label: 'load', playersNeeded: teams * rounds,
    async create({ index, leagueId, teamOf }, commish, api, shared) {
      const created = await api.rest('POST', `/api/v1/leagues/${leagueId}/drafts`, commish.token, { type: 'snake', rounds, pickSeconds: PICK_SECONDS });
      const draft: Draft = { index, id: created.id, bots: [], sentAt: new Map(), picksSeen: 0, board: new Board(shared, created.config.rosterRules) };
      draft.bots = teamOf.map((teamId) => new Bot(shared, draft, teamId));
      return draft;
    },
  });
  const picksSeen = () => set.joined.reduce((total, d) => total + d.picksSeen, 0);
  return {
    recorder: set.shared.recorder,
    setup: () => set.setup(),
    open: () => set.open(),
    start: () => set.start(),
    done: () => set.joined.every((d) => d.bots.every((b) => b.complete)),
    actionsSoFar: picksSeen,
    async finish() {
      await set.close();
      set.shared.recorder.count('picksExpected', set.joined.length * teams * rounds);
      return {
        roomsComplete: set.joined.filter((d) => d.bots.some((b) => b.complete)).length,
        actions: picksSeen(),
        roomIds: set.joined.map((d) => d.id),
      };
    },
  };
}

export const draftKind: Kind<DraftOptions> = {
  room: 'draft',
  action: 'picks',
  opens: 'every draft started (commissioner)',
  durationS: 60,
  warmup: true,
  options: {
    teams: { type: 'string', default: '12' },
    rounds: { type: 'string', default: '15' },
    'pick-delay-ms': { type: 'string', default: '0' },
    'pick-jitter-ms': { type: 'string', default: '0' },
  },
  parse: (values, { int }, common) => ({
    ...common,
    teams: int(values.teams, 'teams', 2, 32),
    rounds: int(values.rounds, 'rounds', 1, 40),
    pickDelayMs: int(values['pick-delay-ms'], 'pick-delay-ms', 0, 60_000),
    pickJitterMs: int(values['pick-jitter-ms'], 'pick-jitter-ms', 0, 60_000),
  }),
  run,
  report(merged, o) {
    const ack = latencySummary(merged.ackMs);
    const think = `pick delay ${o.pickDelayMs} ms${o.pickJitterMs ? ` + 0..${o.pickJitterMs} ms` : ''}`;
    return {
      lines: [
        `drafts:        ${merged.rooms} (${merged.roomsComplete} complete) × ${o.teams} teams × ${o.rounds} rounds, ${think}`,
        `picks:         ${merged.actions} of ${merged.counts.picksExpected ?? 0}`,
        ack.samples > 0 ? `pick → ack:    p50 ${ack.p50} ms, p95 ${ack.p95} ms, p99 ${ack.p99} ms (the picker's own request)`
          : 'pick → ack:    none (no request/reply)',
      ],
      json: { teams: o.teams, rounds: o.rounds, pickDelayMs: o.pickDelayMs, pickJitterMs: o.pickJitterMs, picksExpected: merged.counts.picksExpected ?? 0 },
    };
  },
  // The same rooms × clients, the same turns and think time: only the rules and the commit are gone.
  baseline: (o) => ({
    durationS: o.durationS, warmupS: o.warmupS, setupConcurrency: o.setupConcurrency,
    clients: o.teams, actions: o.teams * o.rounds, thinkMs: o.pickDelayMs, jitterMs: o.pickJitterMs,
  }),
};
