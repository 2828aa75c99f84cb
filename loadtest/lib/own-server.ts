/**
 * For the tools that start their own server processes (`npm run chaos`, `npm run load -- --kind
 * recovery`): they kill processes and fill databases, so every URL they are given must name a
 * loopback host, and the database is created when it is missing (a fresh one is migrated and
 * seeded by the first server that starts on it).
 */
import pg from 'pg';

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
