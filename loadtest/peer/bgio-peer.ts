/**
 * The boardgame.io peer server: boardgame.io 0.50.2 running the snake draft of ./bgio-game.ts
 * with its defaults — in-memory storage, socket.io — plus what the load harness reads from any
 * server it measures: GET /health and GET /metrics (prom-client's process metrics: CPU seconds,
 * heap, event-loop lag; the same collector our server uses; `?gc=1` as in our load-test mode).
 */
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { Server } from './bgio.ts';
import { SnakeDraft } from './bgio-game.ts';
import { loadTestCollector } from '../../src/http/load-gc.ts';

export interface BgioPeer {
  port: number;
  stop(): void;
}

/** Listens on `port` (0: any free one) and resolves once it does. */
export async function startBgioPeer(port: number): Promise<BgioPeer> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Origins: the load generators are Node clients on loopback (no browser origin to check).
  const server = Server({ games: [SnakeDraft], origins: [/.*/] });
  server.router.get('/health', (ctx) => {
    ctx.body = { ok: true };
  });
  // As our server in load-test mode: `?gc=1` collects garbage first, so both heaps are live objects.
  const collectGarbage = loadTestCollector();
  server.router.get('/metrics', async (ctx) => {
    if (ctx.query.gc === '1') {
      collectGarbage();
      ctx.set('X-Heap-Collected', '1');
    }
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  const running = await server.run({ port });
  return { port: (running.appServer.address() as AddressInfo).port, stop: () => server.kill(running) };
}
