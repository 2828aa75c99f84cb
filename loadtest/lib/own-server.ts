/**
 * For the tools that start their own server processes (`npm run chaos`, `npm run load -- --kind
 * recovery`): they kill processes and fill databases, so every URL they are given must name a
 * loopback host, and the database is created when it is missing (a fresh one is migrated and
 * seeded by the first server that starts on it).
 */
import pg from 'pg';
import { Redis } from 'ioredis';

type Fail = (message: string) => never;

/** The URL, if it names a loopback host. */
export function loopbackOption(url: string, option: string, fail: Fail): string {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    fail(`--${option} ${url} is not a URL`);
  }
  if (!['localhost', '[::1]'].includes(host) && !/^127\.\d+\.\d+\.\d+$/.test(host)) fail(`--${option} must name a loopback host, not ${host}`);
  return url;
}

/** Creates the database `url` names when it does not exist. */
export async function ensureDatabase(url: string, fail: Fail): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^\w+$/.test(name)) fail(`--database-url: database name "${name}" must be letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect().catch((error: Error) => fail(`cannot reach PostgreSQL: ${error.message}`));
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`create database "${name}"`);
  await client.end();
}

/** Marks a Redis database as these tools' own: a later run of either may reuse it, nothing else is ever touched. */
const OWNER_KEY = 'clubhouse:loadtest:owner';
/** The mark `npm run chaos` set before the recovery benchmark shared it. */
const OLD_OWNER_KEY = 'clubhouse:chaos:owner';

/**
 * The servers' Redis database must be these tools' alone: other servers there would share our
 * matchmaking, other job workers would take our jobs. An empty database is claimed (marked); one
 * with data is refused unless an earlier run of either tool marked it and no server of another run
 * is alive in it. (The two tools once marked nothing in common, so a recovery run's leftovers made
 * the next chaos run refuse the database.)
 */
export async function claimRedis(url: string, tool: string, fail: Fail): Promise<void> {
  const redis = new Redis(url);
  try {
    const empty = (await redis.dbsize()) === 0;
    const marked = (await redis.exists(OWNER_KEY, OLD_OWNER_KEY)) > 0;
    if (!empty && !marked) fail(`${url} holds data of something else: pick an empty database with --redis-url`);
    // Colyseus's room counts by process id, and each live process's IPC channel.
    const processes = Object.keys(await redis.hgetall('roomcount'));
    const channels = new Set(await redis.pubsub('CHANNELS', 'p:*') as string[]);
    if (processes.some((id) => channels.has(`p:${id}`))) fail(`${url} is in use by running servers (another run?): pick another with --redis-url`);
    await redis.set(OWNER_KEY, tool);
  } finally {
    redis.disconnect();
  }
}
