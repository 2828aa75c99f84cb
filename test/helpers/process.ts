import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DATABASE_URL, resetSchemaOnce, testConfig } from './server.ts';
import { openStorage } from '../../src/db/orm.ts';
import { seed } from '../../src/db/seed.ts';

/** Real server processes (`node src/main.ts`) for crash, restart and scale-out tests. */

export const PROCESS_JWT_SECRET = 'process-test-secret-process-test-secret-1';
const DATA_DIR = mkdtempSync(join(tmpdir(), 'clubhouse-process-'));
const BOOT_TIMEOUT_MS = 15_000;

/**
 * Before real processes start on the shared test database: migrated schema and the sample player
 * pool, written through a storage opened and closed here (the processes migrate nothing then).
 */
export async function seedSharedDatabase(): Promise<void> {
  await resetSchemaOnce();
  const storage = await openStorage(testConfig());
  try {
    await seed(storage.orm, { withLeagues: false });
  } finally {
    await storage.close();
  }
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One server process (Node 24, since the tests run under it); `env` adds or overrides variables. */
export class ServerProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  output = '';
  exited = false;

  constructor(port: number, extraEnv: Record<string, string> = {}) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: TEST_DATABASE_URL, DB_POOL_SIZE: '4', DATA_DIR,
      JWT_SECRET: PROCESS_JWT_SECRET, LOG_LEVEL: 'warn', SEED_ON_START: 'false', NODE_ENV: 'test',
    };
    delete env.REDIS_URL;
    delete env.PUBLIC_ADDRESS;
    Object.assign(env, extraEnv);
    this.child = spawn(process.execPath, ['src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-8000); };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    // Even if mocha stops before `after` runs, no server outlives the test process.
    const orphanGuard = () => { if (!this.exited) this.child.kill('SIGKILL'); };
    process.once('exit', orphanGuard);
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      this.output += `\n[exited: code ${code}, signal ${signal}]`;
      process.off('exit', orphanGuard);
    });
  }

  async ready(): Promise<void> {
    const until = Date.now() + BOOT_TIMEOUT_MS;
    while (Date.now() < until) {
      if (this.exited) throw new Error(`server exited during boot:\n${this.output}`);
      try {
        if ((await fetch(`${this.baseUrl}/health`)).status === 200) return;
      } catch { /* not listening yet */ }
      await sleep(100);
    }
    throw new Error(`server not healthy within ${BOOT_TIMEOUT_MS} ms:\n${this.output}`);
  }

  /** SIGTERM: resolves with the exit code once the process has shut down by itself. */
  async terminate(): Promise<number | null> {
    if (this.exited) return this.child.exitCode;
    const gone = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    return gone;
  }

  /** SIGKILL: no shutdown hook runs, nothing in flight gets finished. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await gone;
  }
}
