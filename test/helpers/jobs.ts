import { Redis } from 'ioredis';
import type { Jobs, JobInfo } from '../../src/jobs/index.ts';
import { TEST_REDIS_URL, startTestServer, truncateAll, type TestServer } from './server.ts';
import { api } from './http.ts';
import { setAdmin } from '../../src/auth/admin.ts';

/** The two ways jobs run: each jobs test runs against both. */
export const JOB_MODES = [
  { name: 'in-process (no REDIS_URL)', env: {} as Record<string, string> },
  { name: 'BullMQ (REDIS_URL)', env: { REDIS_URL: TEST_REDIS_URL } as Record<string, string> },
];

/** Jobs left in Redis by an earlier run or file must not run into this one. */
export async function flushTestRedis(url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

export const ADMIN = { username: 'jobsadmin', password: 'correct horse battery' };

/** A test server in a job mode with ADMIN registered and granted the admin role; returns its token. */
export async function jobsServer(env: Record<string, string>): Promise<{ server: TestServer; adminToken: string }> {
  if (env.REDIS_URL) await flushTestRedis(env.REDIS_URL);
  const server = await startTestServer({ env });
  return { server, adminToken: await registerAdmin(server) };
}

/** Registers ADMIN (again after a truncate), grants the role as `npm run admin -- grant` does, and signs in. */
export async function registerAdmin(server: TestServer): Promise<string> {
  const client = api(server.baseUrl);
  const registered = await client.post('/api/v1/auth/register', ADMIN);
  await setAdmin(server.app.storage.orm.em.fork(), ADMIN.username, true);
  if (registered.status === 201) return registered.body.token;
  return (await client.post('/api/v1/auth/login', ADMIN)).body.token;
}

/** Polls `check` until it returns something other than undefined (or throws at the timeout). */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A job once it completed or failed for good. */
export function settled(jobs: Jobs, queue: string, id: string, timeoutMs = 10_000): Promise<JobInfo> {
  return waitFor(async () => {
    const job = await jobs.get(queue, id);
    return job && (job.state === 'completed' || job.state === 'failed') ? job : undefined;
  }, timeoutMs, `job ${queue}/${id} settled`);
}

/**
 * The hooks of a suite run once per job mode: a server in that mode for the suite, empty tables
 * before each test. The returned getter is usable inside tests.
 */
export function useJobsServer(env: Record<string, string>): () => TestServer {
  let server: TestServer | undefined;
  before(async () => { ({ server } = await jobsServer(env)); });
  after(async () => { await server?.close(); });
  beforeEach(async () => { await truncateAll(server!.app); });
  return () => server!;
}

/** The jobs tests' frame: a `describe` per job mode (in-process, BullMQ), each with useJobsServer; `body` gets the running server. */
export function forEachJobMode(body: (server: () => TestServer) => void): void {
  for (const mode of JOB_MODES) describe(mode.name, () => body(useJobsServer(mode.env)));
}
