import { WebSocketTransport } from '@colyseus/ws-transport';
import type { WebSocket } from 'ws';
import { takeHeldPort } from '../../src/early-listen.ts';

/** How many slices one ping period is cut into: each tick pings about 1/SLICES of the sockets. */
export const PING_SLICES = 20;

type Pinged = WebSocket & { pingCount: number };

const noop = () => {};

/**
 * Colyseus's WebSocket transport with its keep-alive pings spread over the ping period. Colyseus
 * pings every socket in one timer callback: at 1,000 drafts that is 12,000 pings (and then 12,000
 * pongs) in one burst every period, a busy stretch that picks queue behind (seen in the profile as
 * a 0.7 s stall). Here each socket gets a slice the first time a tick sees it, and a tick pings
 * only its slice: every socket is still pinged once per period, and one that missed
 * `pingMaxRetries` pongs in a row is still dropped, the same rule as Colyseus's.
 *
 * A slice is the socket's for good (a socket's turn never moves as others come and go), so no
 * socket is pinged twice in one period, which would drop a healthy one before it could answer.
 */
export class SpreadPingTransport extends WebSocketTransport {
  private readonly slices = new WeakMap<WebSocket, number>();
  private nextSlice = 0;
  private tick = 0;

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
    const sliceMs = Math.max(1, Math.floor(pingInterval / PING_SLICES));
    // Colyseus's own server 'close' handler clears this.pingInterval: the same timer field is used.
    this.pingInterval = setInterval(() => this.pingSlice(this.tick++ % PING_SLICES, pingMaxRetries), sliceMs);
  }

  private pingSlice(slice: number, pingMaxRetries: number): void {
    for (const client of this.wss.clients as Set<Pinged>) {
      let own = this.slices.get(client);
      if (own === undefined) {
        own = this.nextSlice++ % PING_SLICES;
        this.slices.set(client, own);
      }
      if (own !== slice) continue;
      if (client.pingCount >= pingMaxRetries) {
        client.terminate();
        continue;
      }
      client.pingCount++;
      client.ping(noop);
    }
  }
}
