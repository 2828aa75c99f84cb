/**
 * `npm run load -- --kind recovery --rooms 500`: restart recovery of live drafts after kill -9
 * (loadtest/lib/recovery.ts). Starts its own server process on a loopback port and database:
 *
 *   npm run load -- --kind recovery --rooms 500 [--port 2703] [--teams 2] [--rounds 15]
 *     [--pick-delay-ms 1000] [--pick-jitter-ms 2000] [--active-s 5] [--timeout-s 60] [--setup-concurrency 16]
 *     [--database-url postgres://postgres@127.0.0.1:5432/clubhouse_recovery] [--redis-url redis://127.0.0.1:6379/9]
 *     [--profile-dir DIR]   (a CPU profile of the restarted process, written there at its clean stop)
 *     [--node-args=ARGS]    (more Node options of the restarted process, space-separated, e.g. --node-args=--import=./trace.mjs)
 *
 * Without --redis-url the server runs alone (local matchmaking); with it, as one process of a
 * cluster (its dead predecessor's listings stay in Redis until the new process sweeps them). Prints
 * the figures and one JSON line; exits 1 when an acknowledged pick was lost or a room did not come back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cli } from './cli.ts';
import { claimRedis, ensureDatabase, loopbackOption } from './own-server.ts';
import { runRecovery, type RecoveryReport } from './recovery.ts';

const OPTIONS = {
  kind: { type: 'string' },
  rooms: { type: 'string', default: '500' },
  port: { type: 'string', default: '2703' },
  teams: { type: 'string', default: '2' },
  rounds: { type: 'string', default: '15' },
  'pick-delay-ms': { type: 'string', default: '1000' },
  'pick-jitter-ms': { type: 'string', default: '2000' },
  'active-s': { type: 'string', default: '5' },
  'timeout-s': { type: 'string', default: '60' },
  'setup-concurrency': { type: 'string', default: '16' },
  'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/clubhouse_recovery' },
  'redis-url': { type: 'string' },
  'profile-dir': { type: 'string' },
  'node-args': { type: 'string' },
} as const;

/** Quotas far past a person's: one commissioner sets up every league and draft. */
const LOAD_QUOTAS = {
  MAX_LEAGUES_PER_USER: '1000000', MAX_OPEN_DRAFTS_PER_USER: '1000000', MAX_CREATES_PER_HOUR: '1000000', REGISTRATIONS_PER_HOUR: '1000000',
};

export async function recoveryCli(argv: string[], tool: string): Promise<number> {
  const { fail, int, options } = cli(tool);
  const values = options(argv, OPTIONS);
  const databaseUrl = loopbackOption(String(values['database-url']), 'database-url', fail);
  const redisUrl = values['redis-url'] === undefined ? undefined : loopbackOption(values['redis-url'], 'redis-url', fail);
  await ensureDatabase(databaseUrl, fail);
  if (redisUrl) await claimRedis(redisUrl, 'npm run load -- --kind recovery', fail);
  const report = await runRecovery({
    port: int(values.port, 'port', 1024, 65535),
    env: {
      NODE_ENV: 'production', DATABASE_URL: databaseUrl, DB_POOL_SIZE: '10', LOG_LEVEL: 'warn', SEED_ON_START: 'false',
      JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: mkdtempSync(join(tmpdir(), 'clubhouse-recovery-')), ...LOAD_QUOTAS,
      ...(redisUrl ? { REDIS_URL: redisUrl, PUBLIC_ADDRESS: `127.0.0.1:${values.port}` } : {}),
    },
    firstEnv: { SEED_ON_START: 'true' },
    rooms: int(values.rooms, 'rooms', 1, 5000),
    teams: int(values.teams, 'teams', 2, 12),
    rounds: int(values.rounds, 'rounds', 2, 20),
    pickDelayMs: int(values['pick-delay-ms'], 'pick-delay-ms', 0, 60_000),
    pickJitterMs: int(values['pick-jitter-ms'], 'pick-jitter-ms', 0, 60_000),
    activeMs: int(values['active-s'], 'active-s', 0, 600) * 1000,
    timeoutMs: int(values['timeout-s'], 'timeout-s', 1, 3600) * 1000,
    setupConcurrency: int(values['setup-concurrency'], 'setup-concurrency', 1, 256),
    restartNodeArgs: [
      ...(values['profile-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${values['profile-dir']}`] : []),
      ...(values['node-args']?.split(/\s+/).filter(Boolean) ?? []),
    ],
    log: (line) => console.log(line),
  });
  for (const line of reportLines(report)) console.log(line);
  console.log(JSON.stringify({ kind: 'recovery', ...report, lost: report.lost.length }));
  return report.lost.length === 0 && report.serving === report.rooms ? 0 : 1;
}

const ms = (value: number | null) => (value === null ? 'never (not every room)' : `${value} ms`);

export function reportLines(r: RecoveryReport): string[] {
  return [
    `rooms restored:      ${r.restored} of ${r.rooms} live drafts (${r.clients} clients); serving (a new pick acknowledged): ${r.serving}`,
    `restart:             kill -9 → new process answers /health in ${r.bootMs} ms (${r.execToHealthMs} ms from its exec)`,
    `all rooms restored:  ${ms(r.restoredMs)} after /health (${ms(r.restoredSinceExecMs)} after exec, ${ms(r.restoredSinceKillMs)} after the kill); first room ${ms(r.firstRestoredSinceExecMs)} after exec; per room p50 ${r.restoredP50} ms, p95 ${r.restoredP95} ms after /health`,
    `all rooms serving:   ${ms(r.servingMs)} after /health (${ms(r.servingSinceExecMs)} after exec, ${ms(r.servingSinceKillMs)} after the kill)`,
    `server CPU:          ${r.bootCpuMs} ms until /health answered, ${r.restoreCpuMs} ms from then to every room serving (${(r.restoreCpuMs / Math.max(1, r.rooms)).toFixed(1)} ms per room; joins that came before /health count in the first)`,
    `generator CPU:       ${r.generatorBootCpuMs} ms from the restart's exec to /health, ${r.generatorCpuMs} ms from then to every room serving (its clients share the box)`,
    `failed joins:        ${Object.values(r.failedJoins).reduce((a, b) => a + b, 0)} attempts after the kill failed and were retried${Object.keys(r.failedJoins).length ? ':' : ''}`,
    ...Object.entries(r.failedJoins).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([reason, n]) => `  ${n} × ${reason}`),
    `on-the-clock notices: ${r.onTheClockNotices} sent after the kill (counted with every client back for the rooms' grace)`,
    `lost acknowledged:   ${r.lost.length} of ${r.acknowledged} picks acknowledged before the kill`,
    ...r.lost.slice(0, 20).map((line) => `  ${line}`),
  ];
}
