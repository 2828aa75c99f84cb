/**
 * A client that fails over: when its room's connection drops (the process was killed, or shut
 * down and closed it with 4010), it joins again with joinOrCreate through another process, the
 * way PROTOCOL.md "Reconnecting" tells clients to; the room is rebuilt there from its log. The
 * SDK's own reconnection is off: it only ever retries the same room on the same process.
 */
import { Client, type Room } from '@colyseus/sdk';
import { sleep } from './stats.ts';
import { stateClassOf } from './room-states.ts';
import { watchState } from '../../src/client/watch-state.ts';
import { REJOIN_GIVE_UP_MS, rejoinDelayMs } from '../../rooms/base/rejoin.ts';

export interface SeatOptions {
  /** Base URLs of every server process, dead or alive (tried in turn, the one that dropped last). */
  servers: () => string[];
  token: string;
  roomName: string;
  joinOptions: Record<string, unknown>;
  /** Sees every room this seat is in: the first and each one rejoined. */
  attach: (room: Room) => void;
}

/**
 * Resolves at the first decoded state (or when the room is left before one). Call right after the
 * join resolves: the server sends the full state only once the SDK has acknowledged the join.
 */
export function firstState(room: Room): Promise<void> {
  return new Promise((resolve) => {
    const stop = watchState(room, () => {
      stop();
      resolve();
    });
    room.onLeave(() => resolve());
  });
}

export class FailoverSeat {
  room?: Room;
  /** The base URL the current room was joined through. */
  via = '';
  /** Close codes of every drop, in order. */
  readonly closeCodes: number[] = [];
  /** Drop → first state of the rejoined room, per failover (ms). */
  readonly rejoinMs: number[] = [];
  /** When the latest failover ended with the rejoined room's first state (epoch ms). */
  rejoinedAt = 0;
  rejoinFailures = 0;
  /** Join attempts that failed (each retried after a backoff), by error message with ids left out. */
  readonly failedAttempts = new Map<string, number>();
  private closed = false;
  private rejoining?: Promise<void>;
  private readonly options: SeatOptions;

  constructor(options: SeatOptions) {
    this.options = options;
  }

  join(): Promise<void> {
    return this.connect('');
  }

  /** Completed failovers (each drop that ended in a rejoined room). */
  get rejoins(): number {
    return this.rejoinMs.length;
  }

  /** Resolves once a failover under way has ended (either way). */
  settled(): Promise<void> {
    return this.rejoining ?? Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.rejoining;
    const room = this.room;
    if (room?.connection?.isOpen) await room.leave(true).catch(() => undefined);
  }

  /** joinOrCreate through each server in turn (`avoid` last) until one answers or time runs out. */
  private async connect(avoid: string): Promise<void> {
    const until = Date.now() + REJOIN_GIVE_UP_MS;
    for (let attempt = 0; ; attempt++) {
      const all = this.options.servers();
      const order = [...all.filter((url) => url !== avoid), ...all.filter((url) => url === avoid)];
      const url = order[attempt % order.length];
      try {
        const client = new Client(url);
        client.auth.token = this.options.token;
        const room = await client.joinOrCreate(this.options.roomName, this.options.joinOptions, stateClassOf(this.options.roomName));
        if (this.closed) {
          await room.leave(true).catch(() => undefined);
          return;
        }
        this.bind(room, url);
        await firstState(room);
        return;
      } catch (error) {
        if (this.closed) return;
        const cause = (error as { cause?: { code?: string } })?.cause?.code;
        const reason = `${String((error as Error)?.message || error)}${cause ? ` (${cause})` : ''}`
          .replace(/[0-9a-f]{8}-[0-9a-f-]{27}|\b(?=[\w-]*\d)[\w-]{9,}\b/gi, '…').slice(0, 100);
        this.failedAttempts.set(reason, (this.failedAttempts.get(reason) ?? 0) + 1);
        if (Date.now() > until) throw error;
        await sleep(rejoinDelayMs(attempt));
      }
    }
  }

  private bind(room: Room, url: string): void {
    room.reconnection.enabled = false;
    this.room = room;
    this.via = url;
    room.onLeave((code) => {
      if (this.closed || room !== this.room) return;
      this.closeCodes.push(code);
      const droppedAt = Date.now();
      this.rejoining = this.connect(url).then(
        () => {
          if (this.closed) return;
          this.rejoinedAt = Date.now();
          this.rejoinMs.push(this.rejoinedAt - droppedAt);
        },
        () => { this.rejoinFailures++; },
      );
    });
    this.options.attach(room);
  }
}
