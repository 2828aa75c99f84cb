import { Redis } from 'ioredis';
import type { Jobs, JobInfo } from '../../src/jobs/index.ts';
import { TEST_REDIS_URL, startTestServer, type TestServer } from './server.ts';
import { api } from './http.ts';

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

/** A test server in a job mode whose ADMIN_USERNAMES is ADMIN, with ADMIN registered; returns its token. */
export async function jobsServer(env: Record<string, string>): Promise<{ server: TestServer; adminToken: string }> {
  if (env.REDIS_URL) await flushTestRedis(env.REDIS_URL);
  const server = await startTestServer({ env: { ...env, ADMIN_USERNAMES: ADMIN.username } });
  return { server, adminToken: await registerAdmin(server.baseUrl) };
}

/** Registers ADMIN (again after a truncate) and signs in. */
export async function registerAdmin(baseUrl: string): Promise<string> {
  const client = api(baseUrl);
  const registered = await client.post('/api/v1/auth/register', ADMIN);
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
