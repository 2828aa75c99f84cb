/**
 * The command line of `npm run load` (loadtest/load.ts) and of the older per-kind scripts, which
 * are this with their own names for --rooms (--drafts, --auctions, --games) and one generator.
 */
import './node-websocket.ts'; // first: the SDK must load after it (see there)
import { parseArgs } from 'node:util';
import { kinds } from '../kinds/index.ts';
import { cli } from './cli.ts';
import { runLoad } from './harness.ts';
import { recoveryCli } from './recovery-cli.ts';
import { lookupsCli } from './lookups-cli.ts';
import { detailLines, medianOf, ratio, ratioLine, summarize, table, type Summary } from './report.ts';
import { Api } from './rest.ts';
import { PEERS, startPeer } from './peer.ts';
import { loopbackOption } from './own-server.ts';

export const USAGE = `npm run load -- --kind ${Object.keys(kinds).join('|')} --url http://127.0.0.1:2567[,http://127.0.0.1:2568…] --rooms N ` +
  '[--generators K] [--duration-s S] [--warmup-s W] [--setup-concurrency C] [--baseline] [--peer bgio [--peer-port P]] [--pg-probe postgres://…] [--repeat N] [kind options…]\n' +
  '       npm run load -- --kind recovery --rooms 500 [--port 2703] [--database-url …] (its own server; loadtest/lib/recovery-cli.ts)\n' +
  '       npm run load -- --kind lookups [--rooms 500,2000,10000] [--redis-url …] (matchmaking lookups in Redis; loadtest/lib/lookups-cli.ts)';

const COMMON = {
  kind: { type: 'string' },
  url: { type: 'string', default: 'http://127.0.0.1:2567' },
  rooms: { type: 'string' },
  generators: { type: 'string' },
  'duration-s': { type: 'string' },
  'warmup-s': { type: 'string', default: '0' },
  repeat: { type: 'string', default: '1' },
  'setup-concurrency': { type: 'string', default: '16' },
  baseline: { type: 'boolean', default: false },
  peer: { type: 'string' },
  'peer-port': { type: 'string', default: '2569' },
  'pg-probe': { type: 'string' },
} as const;

export interface Entry {
  /** The name errors are printed under. */
  tool: string;
  kind?: string;
  /** An older script's name for --rooms, and its default room count. */
  roomsOption?: string;
  rooms?: number;
  generators?: number;
}

/** Parses `argv`, runs the load (and the echo baseline), prints; resolves with the exit code. */
export async function loadCli(argv: string[], entry: Entry): Promise<number> {
  const c = cli(entry.tool);
  const kindName = String(parseArgs({ args: argv, options: { kind: COMMON.kind }, strict: false }).values.kind ?? entry.kind ?? '');
  // Restart recovery starts and kills its own server: no --url, no generators (loadtest/lib/recovery-cli.ts).
  if (kindName === 'recovery') return recoveryCli(entry.roomsOption ? argv.map((a) => a.replace(new RegExp(`^--${entry.roomsOption}(=|$)`), '--rooms$1')) : argv, entry.tool);
  // Matchmaking lookups need Redis only: no server, no generators (loadtest/lib/lookups-cli.ts).
  if (kindName === 'lookups') return lookupsCli(argv, entry.tool);
  const kind = kinds[kindName] ?? c.fail(`--kind must be one of ${Object.keys(kinds).join(', ')}, recovery, lookups\nusage: ${USAGE}`);
  const roomsOption = entry.roomsOption ?? kind.roomsOption;
  const renamed = roomsOption
    ? argv.map((a) => a.replace(new RegExp(`^--${roomsOption}(=|$)`), '--rooms$1'))
    : argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: renamed, options: { ...COMMON, ...kind.options }, strict: true }).values;
  } catch (error) {
    return c.fail(`${(error as Error).message}\nusage: ${USAGE}`);
  }
  const str = values as Record<string, string | undefined>;
  const common = {
    durationS: c.int(str['duration-s'] ?? kind.durationS, 'duration-s', 1, 3600),
    warmupS: c.int(str['warmup-s'], 'warmup-s', 0, 600),
    setupConcurrency: c.int(str['setup-concurrency'], 'setup-concurrency', 1, 256),
  };
  if (common.warmupS > 0 && !kind.warmup) c.fail(`--warmup-s: ${kindName} cannot tell its actions so far from the measured ones (draft, echo and bgio can)`);
  const options = kind.parse(str, c, common);
  // Several processes of one deployment (sharing Redis): --url http://127.0.0.1:2567,http://127.0.0.1:2568.
  const servers = String(values.url).split(',').map((url) => c.loopbackUrl(url.trim()));
  const baseUrl = servers[0];
  const rooms = c.int(str.rooms ?? entry.rooms ?? 10, roomsOption ?? 'rooms', 1, 5000);
  const generators = Math.min(kind.maxGenerators ?? Infinity, c.int(str.generators ?? entry.generators ?? 2, 'generators', 1, 32));
  if (values.baseline && !kind.baseline) c.fail(`--baseline mirrors a client's action and its fan-out; ${kindName} has no such pattern (use --kind draft)`);
  const peer = str.peer === undefined ? undefined : PEERS[str.peer] ?? c.fail(`--peer must be one of ${Object.keys(PEERS).join(', ')}`);
  if (peer && kindName !== 'draft') c.fail('--peer runs the same draft load on the peer: use it with --kind draft');
  const peerPort = c.int(str['peer-port'], 'peer-port', 1, 65535);
  if (generators < servers.length) c.fail(`--generators must be at least the number of --url servers (${servers.length}): each generator drives one`);
  // Runs of the whole comparison, one after another; past one, the medians of their figures as well.
  const repeat = c.int(str.repeat, 'repeat', 1, 9);
  // PostgreSQL's own commit times in every phase (loadtest/lib/pg-probe.ts): a loopback database only.
  const pgProbe = str['pg-probe'] === undefined ? undefined : loopbackOption(str['pg-probe'], 'pg-probe', c.fail);
  for (const url of servers) await new Api(url).checkHealth(c.fail);

  const runs: Summary[][] = [];
  let failed = false;
  for (let run = 1; run <= repeat; run++) {
    if (repeat > 1) console.log(`run ${run} of ${repeat}`);
    const outcome = await runLoad({ kind: kindName, baseUrl, servers, rooms, generators, options, pgProbe }, console.log);
    const summary = summarize(outcome);
    for (const line of [...outcome.report.lines, ...detailLines(summary)]) console.log(line);
    const rows = [summary];
    if (values.baseline) {
      const echo = summarize(await runLoad({ kind: 'echo', baseUrl, servers, rooms, generators, options: kind.baseline!(options), pgProbe }, console.log, outcome.idle));
      for (const line of detailLines(echo)) console.log(line);
      rows.push(echo);
    }
    if (peer) rows.push(await runPeer(str.peer!, peerPort, { kind: peer.kind, rooms, generators, options, pgProbe }));
    printComparison(rows, values.baseline === true);
    runs.push(rows);
    failed ||= outcome.report.failed === true;
  }
  if (repeat > 1) {
    console.log(`\nmedian of ${repeat} runs (the kinds alternating within each run; errors added up):`);
    printComparison(runs[0].map((_, kindIndex) => medianOf(runs.map((rows) => rows[kindIndex]))), values.baseline === true);
  }
  return failed ? 1 : 0;
}

/**
 * The table of one run's kinds (or of their medians), the ratio of the first to each other, and the
 * JSON line: the first kind's summary with the echo baseline's (`baseline`, `ratio`) and the peer's
 * (`peer`, `peerRatio`), whichever ran.
 */
function printComparison(rows: Summary[], baseline: boolean): void {
  const [summary, ...others] = rows;
  const json: Record<string, unknown> = { ...summary };
  const ratios = others.map((other, i) => {
    const q = ratio(summary, other);
    Object.assign(json, baseline && i === 0 ? { baseline: other, ratio: q } : { peer: other, peerRatio: q });
    return ratioLine(summary, other, q);
  });
  for (const line of ['', ...table(rows), ...ratios]) console.log(line);
  console.log(JSON.stringify(json));
}

/** The same load on the peer's server, started on `port` for this run only. */
async function runPeer(name: string, port: number, plan: { kind: string; rooms: number; generators: number; options: object; pgProbe?: string }) {
  const peer = await startPeer(name, port);
  try {
    const outcome = await runLoad({ ...plan, baseUrl: peer.url, options: plan.options as never }, console.log);
    const theirs = summarize(outcome);
    for (const line of [...outcome.report.lines, ...detailLines(theirs)]) console.log(line);
    return theirs;
  } finally {
    peer.stop();
  }
}

/** Runs `loadCli` over this process's arguments and exits with its code. */
export function main(entry: Entry): void {
  loadCli(process.argv.slice(2), entry).then((code) => process.exit(code), (error: Error) => {
    console.error(`${entry.tool} failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
}
