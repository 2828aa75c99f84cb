/**
 * Fuzzing: random and malformed messages to every room kind of a running server (a live draft, a
 * live auction and a managed baseball game it sets up over REST), then checks the process is alive
 * and each room's invariants hold (read back over REST). Prints messages sent / errors returned /
 * accepted / clients dropped / crashes (must be 0) and exits 1 on a crash or a broken invariant.
 *
 *   npm run fuzz -- --url http://127.0.0.1:2567 [--messages 3000] [--requests 3000] [--seed 1] [--rate 25]
 *
 * First the REST API (loadtest/lib/rest-fuzz.ts: --requests hostile requests to every route; any
 * 5xx or dropped connection fails the run), then the rooms.
 *
 * --messages: per room kind; --rate: messages per second per fuzzing client between floods (the
 * server drops a client sending more than 40 a second; the floods do that on purpose). Loopback
 * servers only. See loadtest/lib/fuzz.ts for what is sent.
 */
import './lib/node-websocket.ts'; // first: the SDK must load after it (see there)
import { parseArgs } from 'node:util';
import { cli } from './lib/cli.ts';
import { runFuzz } from './lib/fuzz.ts';
import { runRestFuzz } from './lib/rest-fuzz.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:2567' },
    messages: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    rate: { type: 'string', default: '25' },
    /** REST requests (every operation of the OpenAPI document); 0 skips the REST half. */
    requests: { type: 'string', default: '3000' },
  },
  strict: true,
});
const { int, loopbackUrl } = cli('fuzz');
const baseUrl = loopbackUrl(args.url);

const restStarted = performance.now();
const rest = await runRestFuzz({ baseUrl, requests: int(args.requests, 'requests', 0, 1_000_000), seed: int(args.seed, 'seed', 0, 2 ** 31 - 1) });
const classes = Object.entries(rest.byStatusClass).sort().map(([c, n]) => `${c} ${n}`).join(', ');
console.log(`rest fuzz: ${rest.sent} requests to ${rest.operations} operations in ${((performance.now() - restStarted) / 1000).toFixed(1)} s: ` +
  `${classes}; ${rest.serverErrors.length} responses 5xx, ${rest.crashes} crashes`);
for (const e of rest.serverErrors.slice(0, 20)) console.log(`  ${e.status} ${e.method} ${e.path}: ${e.body}`);

const started = performance.now();
const report = await runFuzz({
  baseUrl, messages: int(args.messages, 'messages', 1, 1_000_000), seed: int(args.seed, 'seed', 0, 2 ** 31 - 1),
  ratePerClient: int(args.rate, 'rate', 1, 1000), log: (line) => console.log(line),
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`fuzz: ${report.sent} messages sent in ${seconds} s, ${report.errorsReturned} errors returned, ${report.accepted} accepted, ` +
  `${report.clientsDropped} clients dropped (floods, oversize, garbage), ${report.crashes} crashes`);
for (const [kind, t] of Object.entries(report.byRoom)) console.log(`  ${kind.padEnd(9)} sent ${t.sent}, errors ${t.errors}, accepted ${t.accepted}, dropped ${t.dropped}`);
console.log(report.invariantViolations.length === 0 ? 'invariants: all hold' : `invariants BROKEN:\n  ${report.invariantViolations.join('\n  ')}`);
console.log(JSON.stringify(report));
const restClean = rest.serverErrors.length === 0 && rest.crashes === 0;
process.exit(restClean && report.crashes === 0 && report.invariantViolations.length === 0 ? 0 : 1);
