/**
 * Runs PGlite (PostgreSQL compiled to WASM) in its own thread and serves it on a unix socket,
 * so the server reaches it through the same @mikro-orm/postgresql driver as real PostgreSQL and
 * a long query never blocks the event loop that runs the rooms.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath } = workerData as { dataDir: string; socketPath: string };

const db = await PGlite.create(dataDir);
// PGlite is a single session: one connection at a time (the pool is sized 1 to match).
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
await server.start();
parentPort!.postMessage({ ready: true });

parentPort!.on('message', async (message: { stop?: boolean }) => {
  if (!message.stop) return;
  await server.stop();
  await db.close();
  parentPort!.postMessage({ stopped: true });
});
