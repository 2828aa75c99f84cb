import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { lockDataDir } from './data-dir-lock.ts';
import { makePrivate, tighten } from './private-dir.ts';

/** PostgreSQL's socket file name within a socket directory (what `pg` connects to for host=<dir>). */
const PG_PORT = 5432;

export interface EmbeddedPostgres {
  /** Connection options for the postgresql driver. */
  connection: { host: string; port: number; user: string; dbName: string };
  stop(): Promise<void>;
}

/** Starts PGlite on DATA_DIR/pg behind a unix socket in DATA_DIR/run; holds the directory lock. */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const root = resolve(dataDir);
  makePrivate(root);
  const unlock = lockDataDir(root);
  const socketDir = join(root, 'run');
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  const socketPath = join(socketDir, `.s.PGSQL.${PG_PORT}`);
  rmSync(socketPath, { force: true }); // left behind by a killed process; we hold the lock
  const worker = new Worker(new URL('./embedded-worker.ts', import.meta.url), {
    workerData: { dataDir: join(root, 'pg'), socketPath },
  });
  try {
    await waitFor(worker, 'ready');
    tighten(root); // PGlite's own files (see makePrivate)
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    connection: { host: socketDir, port: PG_PORT, user: 'postgres', dbName: 'postgres' },
    async stop() {
      worker.postMessage({ stop: true });
      await waitFor(worker, 'stopped').catch(() => undefined);
      await worker.terminate();
      tighten(root); // what PGlite created since the start
      unlock();
    },
  };
}

async function waitFor(worker: Worker, flag: string): Promise<void> {
  const onMessage = new Promise<void>((resolveReady) => {
    worker.on('message', (message: Record<string, unknown>) => { if (message[flag]) resolveReady(); });
  });
  const onError = once(worker, 'error').then(([error]) => { throw error; });
  await Promise.race([onMessage, onError]);
}
