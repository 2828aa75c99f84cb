import { WebSocketTransport } from '@colyseus/ws-transport';
import type { WebSocket } from 'ws';
import { takeHeldPort } from '../../src/early-listen.ts';
import { FramedWebSocket } from './framed-websocket.ts';

/**
 * How long one slice of the ping period lasts: each tick pings the sockets of one slice. At a
 * 10 s period and 12,000 clients that is 60 pings a tick. 20 slices made it 600 pings in one turn
 * every 500 ms, ~14 ms of the profiled server's CPU each, a busy stretch that picks (and echoes)
 * queued behind (CPU profile of the 1,000-draft phase).
 */
export const PING_SLICE_MS = 50;

/** The slices of one ping period. */
export function pingSlices(pingInterval: number): number {
  return Math.max(1, Math.round(pingInterval / PING_SLICE_MS));
}

/** A socket as Colyseus keeps it (pingCount, reset by each pong), with the slice it is pinged in. */
type Pinged = WebSocket & { pingCount: number; pingTurn?: number };

const noop = () => {};

/**
 * Colyseus's WebSocket transport with its keep-alive pings spread over the ping period. Colyseus
 * pings every socket in one timer callback: at 1,000 drafts that is 12,000 pings (and then 12,000
 * pongs) in one burst every period, a busy stretch that picks queue behind (seen in the profile as
 * a 0.7 s stall). Here sockets are dealt into slices once per period (a socket not yet in one joins
 * one then), and a tick pings only its slice: every socket is still pinged once per period, and one
 * that missed `pingMaxRetries` pongs in a row is still dropped, the same rule as Colyseus's.
 *
 * A slice is the socket's for good (a socket's turn never moves as others come and go), so no
 * socket is pinged twice in one period, which would drop a healthy one before it could answer.
 * A tick visits its own slice only, not every socket.
 */
export class SpreadPingTransport extends WebSocketTransport {
  /** The sockets of each slice; one gone from the server's clients leaves its slice when next visited. */
  private readonly slices: Array<Set<Pinged>> = [];
  private nextSlice = 0;
  private tick = 0;

  /** Its sockets write each message as one frame, framed once per broadcast (./framed-websocket.ts). */
  constructor(options: ConstructorParameters<typeof WebSocketTransport>[0] = {}) {
    super({ WebSocket: FramedWebSocket, ...options } as ConstructorParameters<typeof WebSocketTransport>[0]);
  }

  /**
   * Listens on the port src/main.ts took before the server loaded, when it holds this one: the
   * same listening socket (no connection refused in between), then the connections it accepted
   * meanwhile, read from now on as if they had just come. Otherwise as Colyseus does.
   */
  override listen(port: number, hostname?: string, backlog?: number, listeningListener?: (err?: Error) => void): this {
    const early = takeHeldPort(port);
    if (!early || !this.server) return super.listen(port, hostname, backlog, listeningListener);
    this.server.listen(early.server, backlog, () => {
      for (const socket of early.sockets) {
        if (socket.destroyed) continue;
        this.server!.emit('connection', socket);
        socket.resume();
      }
      listeningListener?.();
    });
    return this;
  }

  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    const count = pingSlices(pingInterval);
    const sliceMs = Math.max(1, Math.floor(pingInterval / count));
    // Colyseus's own server 'close' handler clears this.pingInterval: the same timer field is used.
    this.pingInterval = setInterval(() => this.pingSlice(this.tick++ % count, count, pingMaxRetries), sliceMs);
  }

  /** Pings slice `slice` of `count`; the first slice of a period first deals newcomers into slices. */
  private pingSlice(slice: number, count: number, pingMaxRetries: number): void {
    if (slice === 0) this.dealNewcomers(count);
    const clients = this.wss.clients as Set<Pinged>;
    const sockets = this.slices[slice];
    if (!sockets) return;
    for (const client of sockets) {
      if (!clients.has(client)) {
        sockets.delete(client);
        continue;
      }
      if (client.pingCount >= pingMaxRetries) {
        client.terminate();
        continue;
      }
      client.pingCount++;
      client.ping(noop);
    }
  }

  /** Sockets not in a slice yet, dealt round robin: one pass over the sockets per period. */
  private dealNewcomers(count: number): void {
    for (const client of this.wss.clients as Set<Pinged>) {
      if (client.pingTurn !== undefined) continue;
      client.pingTurn = this.nextSlice++ % count;
      (this.slices[client.pingTurn] ??= new Set()).add(client);
    }
  }
}
