/**
 * Echo load: the baseline. Rooms of the bare `echo` room (rooms/EchoRoom.ts, on with
 * LOAD_ECHO_ROOM=true) driven with a draft's pattern: one client at a time is on the clock, acts
 * after its think time, and every other client of the room must see the counter reach its action.
 * Latency is measured exactly as the draft's pick → others, so the two compare line for line.
 */
import { Client, type Room } from '@colyseus/sdk';
import { pool } from '../lib/rest.ts';
import { joinWithRetry, leaveRoom, watchRoom } from '../lib/clients.ts';
import { Recorder } from '../lib/part.ts';
import { afterThinkTime, rejectionCode } from '../lib/stats.ts';
import { closeAll } from '../lib/league-rooms.ts';
import type { EchoOptions, Kind, KindRun } from './kind.ts';

interface EchoGroup {
  seats: Seat[];
  /** performance.now() of each action's send, and who sent it. */
  sentAt: Map<number, { at: number; seat: Seat }>;
  count: number;
}

class Seat {
  room!: Room;
  seen = 0;
  complete = false;
  private trying = 0;
  private readonly group: EchoGroup;
  private readonly options: EchoOptions;
  private readonly recorder: Recorder;
  private readonly running: () => boolean;

  constructor(group: EchoGroup, options: EchoOptions, recorder: Recorder, running: () => boolean) {
    this.group = group;
    this.options = options;
    this.recorder = recorder;
    this.running = running;
  }

  attach(room: Room): void {
    this.room = room;
    watchRoom(room, { onState: (state) => this.onState(state), running: this.running, finished: () => this.complete }, this.recorder.countError);
  }

  /** The phase began: the seat on the clock acts on the state it already has. */
  poke(): void {
    this.onState(this.room.state);
  }

  private onState(state: any): void {
    const now = performance.now();
    while (this.seen < state.count) {
      this.seen++;
      const sent = this.group.sentAt.get(this.seen);
      if (sent && sent.seat !== this) this.recorder.seen(sent.at, now);
    }
    if (state.count > this.group.count) this.group.count = state.count;
    if (state.status === 'complete') this.complete = true;
    if (!this.running() || state.status !== 'live' || state.onClock !== this.room.sessionId) return;
    const n = state.count + 1;
    if (this.trying === n) return;
    this.trying = n;
    afterThinkTime(this.options.thinkMs, this.options.jitterMs, () => this.act(n));
  }

  private act(n: number): void {
    if (!this.running()) return;
    const at = performance.now();
    this.group.sentAt.set(n, { at, seat: this });
    this.room.request('act', { n }).then(() => {
      this.recorder.ack.push(performance.now() - at);
    }, (error: unknown) => {
      const code = rejectionCode(error);
      // A request still in flight when the phase ends dies with its connection: not the server's doing.
      if (code === 'CLOSED' && !this.running()) return;
      this.recorder.countError(code);
      this.trying = 0;
    });
  }

  close(): Promise<unknown> {
    return leaveRoom(this.room);
  }
}

function run(baseUrl: string, rooms: number, options: EchoOptions): KindRun {
  const recorder = new Recorder();
  let running = false;
  const isRunning = () => running;
  let groups: EchoGroup[] = [];
  const echoesSeen = () => groups.reduce((n, g) => n + g.count, 0);
  return {
    recorder,
    async setup() {
      // No users: the echo room has no auth. One SDK client serves every connection.
      const client = new Client(baseUrl);
      const all = Array.from({ length: rooms }, (): EchoGroup => ({ seats: [], sentAt: new Map(), count: 0 }));
      await pool(all, Math.max(1, Math.floor(options.setupConcurrency / 4)), async (group) => {
        try {
          const first = await joinWithRetry(client, 'echo', { actions: options.actions }, recorder.countError, 'create');
          const rest = await Promise.all(Array.from({ length: options.clients - 1 }, () =>
            joinWithRetry(client, first.roomId, {}, recorder.countError, 'joinById', 'echo')));
          group.seats = [first, ...rest].map((room) => {
            const seat = new Seat(group, options, recorder, isRunning);
            seat.attach(room);
            return seat;
          });
        } catch {
          recorder.countError('JOIN_FAILED');
        }
      });
      groups = all.filter((g) => g.seats.length === options.clients);
      return { rooms: groups.length, clients: groups.length * options.clients };
    },
    // Started before the measured phase, as drafts are: the window holds the echoes alone.
    async open() {
      await Promise.all(groups.map((g) => g.seats[0].room.request('start', {}).catch((error: unknown) => recorder.countError(`START:${rejectionCode(error)}`))));
    },
    async start() {
      running = true;
      const startedAt = Date.now();
      for (const group of groups) for (const seat of group.seats) seat.poke();
      return startedAt;
    },
    done: () => groups.every((g) => g.seats.every((s) => s.complete)),
    actionsSoFar: echoesSeen,
    async finish() {
      running = false;
      await closeAll(groups.flatMap((g) => g.seats));
      return {
        roomsComplete: groups.filter((g) => g.seats.some((s) => s.complete)).length,
        actions: echoesSeen(),
        roomIds: [],
      };
    },
  };
}

export const echoKind: Kind<EchoOptions> = {
  room: 'echo',
  opens: 'every echo room started',
  action: 'echoes',
  durationS: 60,
  warmup: true,
  options: {
    clients: { type: 'string', default: '12' },
    actions: { type: 'string', default: '180' },
    'think-ms': { type: 'string', default: '0' },
    'jitter-ms': { type: 'string', default: '0' },
  },
  parse: (values, { int }, common) => ({
    ...common,
    clients: int(values.clients, 'clients', 1, 64),
    actions: int(values.actions, 'actions', 1, 100_000),
    thinkMs: int(values['think-ms'], 'think-ms', 0, 60_000),
    jitterMs: int(values['jitter-ms'], 'jitter-ms', 0, 60_000),
  }),
  run,
};
