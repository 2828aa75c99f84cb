/**
 * The peer for `npm run load -- --peer bgio` (which starts it itself) and `--kind bgio` (start it
 * by hand): boardgame.io 0.50.2 running our snake draft (./bgio-peer.ts).
 *
 *   PORT=2569 npm run peer:bgio
 */
import { startBgioPeer } from './bgio-peer.ts';

const port = Number(process.env.PORT ?? 2569);
if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not ${process.env.PORT}`);

const peer = await startBgioPeer(port);
console.log(`boardgame.io peer listening on http://127.0.0.1:${peer.port}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    peer.stop();
    process.exit(0);
  });
}
