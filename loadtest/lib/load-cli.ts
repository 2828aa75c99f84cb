/**
 * The command line of `npm run load` (loadtest/load.ts) and of the older per-kind scripts, which
 * are this with their own names for --rooms (--drafts, --auctions, --games) and one generator.
 */
import { parseArgs } from 'node:util';
import { kinds } from '../kinds/index.ts';
import { cli } from './cli.ts';
import { runLoad } from './harness.ts';
import { detailLines, ratio, ratioLine, summarize, table } from './report.ts';
import { Api } from './rest.ts';

export const USAGE = `npm run load -- --kind ${Object.keys(kinds).join('|')} --url http://127.0.0.1:2567 --rooms N ` +
  '[--generators K] [--duration-s S] [--setup-concurrency C] [--baseline] [kind options…]';

const COMMON = {
  kind: { type: 'string' },
  url: { type: 'string', default: 'http://127.0.0.1:2567' },
  rooms: { type: 'string' },
  generators: { type: 'string' },
  'duration-s': { type: 'string' },
  'setup-concurrency': { type: 'string', default: '16' },
  baseline: { type: 'boolean', default: false },
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
  const renamed = entry.roomsOption
    ? argv.map((a) => a.replace(new RegExp(`^--${entry.roomsOption}(=|$)`), '--rooms$1'))
    : argv;
  const kindName = String(parseArgs({ args: renamed, options: { kind: COMMON.kind }, strict: false }).values.kind ?? entry.kind ?? '');
  const kind = kinds[kindName] ?? c.fail(`--kind must be one of ${Object.keys(kinds).join(', ')}\nusage: ${USAGE}`);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: renamed, options: { ...COMMON, ...kind.options }, strict: true }).values;
  } catch (error) {
    return c.fail(`${(error as Error).message}\nusage: ${USAGE}`);
  }
  const str = values as Record<string, string | undefined>;
  const common = {
    durationS: c.int(str['duration-s'] ?? kind.durationS, 'duration-s', 1, 3600),
    setupConcurrency: c.int(str['setup-concurrency'], 'setup-concurrency', 1, 256),
  };
  const options = kind.parse(str, c, common);
  const baseUrl = c.loopbackUrl(values.url);
  const rooms = c.int(str.rooms ?? entry.rooms ?? 10, entry.roomsOption ?? 'rooms', 1, 5000);
  const generators = c.int(str.generators ?? entry.generators ?? 2, 'generators', 1, 32);
  if (values.baseline && !kind.baseline) c.fail(`--baseline mirrors a client's action and its fan-out; ${kindName} has no such pattern (use --kind draft)`);
  await new Api(baseUrl).checkHealth(c.fail);

  const outcome = await runLoad({ kind: kindName, baseUrl, rooms, generators, options }, console.log);
  const summary = summarize(outcome);
  for (const line of [...outcome.report.lines, ...detailLines(summary)]) console.log(line);
  if (!values.baseline) {
    for (const line of ['', ...table([summary])]) console.log(line);
    console.log(JSON.stringify(summary));
    return outcome.report.failed ? 1 : 0;
  }
  const echo = summarize(await runLoad({ kind: 'echo', baseUrl, rooms, generators, options: kind.baseline!(options) }, console.log, outcome.idle));
  for (const line of detailLines(echo)) console.log(line);
  const q = ratio(summary, echo);
  for (const line of ['', ...table([summary, echo]), ratioLine(summary, echo, q)]) console.log(line);
  console.log(JSON.stringify({ ...summary, baseline: echo, ratio: q }));
  return outcome.report.failed ? 1 : 0;
}

/** Runs `loadCli` over this process's arguments and exits with its code. */
export function main(entry: Entry): void {
  loadCli(process.argv.slice(2), entry).then((code) => process.exit(code), (error: Error) => {
    console.error(`${entry.tool} failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
}
