/**
 * Crash recovery under fire: starts its own server processes (sharing one PostgreSQL and one Redis,
 * each with its own PUBLIC_ADDRESS), keeps live drafts, auctions, managed and AI-vs-AI baseball
 * games busy with bots, and kills one process per round with SIGKILL at a random moment. Each
 * round the clients fail over to another process, the killed one is restarted, and its rooms are
 * checked (loadtest/lib/chaos.ts, chaos-verify.ts): no acknowledged action missing, every play
 * seen stored as seen, clocks kept their persisted deadlines (or ran out exactly once), whole
 * histories, unwatched AI games played on by themselves. Prints a line per round and a summary;
 * exits 1 on any loss.
 *
 *   npm run chaos -- --kills 20
 *
 * Options (defaults): --kills 20, --ports 2701,2702 (one process each, loopback), --database-url
 * postgres://postgres@127.0.0.1:5432/clubhouse_chaos_run (created if missing; the servers migrate and
 * seed it; runs add fresh users and leagues, nothing is dropped), --redis-url
 * redis://127.0.0.1:6379/9 (the servers' matchmaking and jobs: an empty database, or one an earlier run
 * used, is taken; one holding other data is refused; listings an earlier run left are cleaned up like
 * any dead process's), --drafts 3, --auctions 2, --games 2 (managed), --ai-games 3, --seed 1,
 * --min-active-ms 500, --max-active-ms 3000 (how long the bots act before the kill).
 */
import './lib/node-websocket.ts'; // first: the SDK must load after it (see there)
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { cli } from './lib/cli.ts';
import { claimRedis, ensureDatabase, loopbackOption } from './lib/own-server.ts';
import { Cluster } from './lib/chaos-cluster.ts';
import { roundFailed, runChaos } from './lib/chaos.ts';
import { percentile } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    ports: { type: 'string', default: '2701,2702' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/clubhouse_chaos_run' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379/9' },
    drafts: { type: 'string', default: '3' },
    auctions: { type: 'string', default: '2' },
    games: { type: 'string', default: '2' },
    'ai-games': { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'min-active-ms': { type: 'string', default: '500' },
    'max-active-ms': { type: 'string', default: '3000' },
  },
  strict: true,
});
const { fail, int } = cli('chaos');

const ports = String(args.ports).split(',').map((p) => int(p, 'ports', 1024, 65535));
if (ports.length < 2 || new Set(ports).size !== ports.length) fail('--ports needs two or more different ports');
const databaseUrl = loopbackOption(String(args['database-url']), 'database-url', fail);
const redisUrl = loopbackOption(String(args['redis-url']), 'redis-url', fail);
const minActive = int(args['min-active-ms'], 'min-active-ms', 0, 60_000);
const options = {
  kills: int(args.kills, 'kills', 1, 1000),
  seed: int(args.seed, 'seed', 0, 2 ** 31 - 1),
  activeMs: [minActive, int(args['max-active-ms'], 'max-active-ms', minActive, 60_000)] as [number, number],
  population: {
    drafts: int(args.drafts, 'drafts', 0, 50), auctions: int(args.auctions, 'auctions', 0, 50),
    games: int(args.games, 'games', 0, 50), aiGames: int(args['ai-games'], 'ai-games', 0, 50),
  },
};

async function ensureFreePorts(): Promise<void> {
  for (const port of ports) {
    await new Promise<void>((resolve) => {
      const probe = createServer();
      probe.once('error', () => fail(`port ${port} is in use: pick others with --ports`));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  }
}

await ensureDatabase(databaseUrl, fail);
await ensureFreePorts();
await claimRedis(redisUrl, 'npm run chaos', fail);

const cluster = new Cluster({
  ports,
  env: {
    NODE_ENV: 'production', DATABASE_URL: databaseUrl, DB_POOL_SIZE: '6', REDIS_URL: redisUrl, LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: mkdtempSync(join(tmpdir(), 'clubhouse-chaos-')), SEED_ON_START: 'false',
    // Every bot registers from 127.0.0.1.
    REGISTRATIONS_PER_HOUR: '1000000',
  },
  firstEnv: { SEED_ON_START: 'true' },
});
const started = performance.now();
let exitCode = 1;
try {
  await cluster.start();
  console.log(`chaos: ${ports.length} processes (${ports.map((p, i) => `${cluster.name(i)} :${p}`).join(', ')}), ${options.kills} kills, seed ${options.seed}`);
  const { rounds, finalMissing, finalAcks } = await runChaos({ cluster, ...options, log: (line) => console.log(line) });
  const sum = (f: (r: (typeof rounds)[number]) => number) => rounds.reduce((total, r) => total + f(r), 0);
  const rejoins = rounds.flatMap((r) => r.rejoinMs).sort((a, b) => a - b);
  const failedRounds = rounds.filter(roundFailed).length;
  const ok = failedRounds === 0 && finalMissing.length === 0;
  console.log(`summary: ${rounds.length} kills in ${((performance.now() - started) / 1000).toFixed(0)} s, ${failedRounds} rounds with problems; ` +
    `${sum((r) => r.acks)} acknowledged actions checked after kills (a room's, after each kill of it), ${sum((r) => r.missing.length)} missing; ` +
    `${finalAcks} checked at the end across every room, ${finalMissing.length} missing; ` +
    `${sum((r) => r.deadlines)} deadlines checked, ${sum((r) => r.changed.length)} moved; ${sum((r) => r.plays)} plays seen checked, ${sum((r) => r.differ.length)} differ; ` +
    `${sum((r) => r.aiGames)} AI games played on by themselves, ${sum((r) => r.stalled.length)} stalled; ` +
    `${rejoins.length}/${sum((r) => r.seats)} clients rejoined, rejoin p50 ${percentile(rejoins, 50)} ms p95 ${percentile(rejoins, 95)} ms max ${rejoins.at(-1)} ms; ` +
    `${sum((r) => r.broken.length)} broken histories`);
  for (const problem of finalMissing) console.log(`  ${problem}`);
  console.log(ok ? 'chaos: OK, nothing lost' : 'chaos: FAILED');
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`chaos: ${(error as Error).stack}${(error as Error).cause ? `\ncause: ${String((error as Error).cause)}` : ''}`);
  for (const [i, node] of cluster.nodes.entries()) console.error(`--- ${cluster.name(i)} output ---\n${node?.output ?? ''}`);
} finally {
  await cluster.stop();
}
process.exit(exitCode);
