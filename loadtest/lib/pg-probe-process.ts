/**
 * The --pg-probe's committing client (./pg-probe.ts forks it): a process of its own, so that the
 * CPU it spends per commit is the commit's alone, not the harness's scrapes and messages.
 *
 *   node loadtest/lib/pg-probe-process.ts URL EVERY_MS
 *
 * Sends `ready` (or `failed`) once its table exists, commits one single-row INSERT every EVERY_MS
 * until it hears `stop`, then drops the table and sends `result`: each commit's round trip (ms)
 * and the CPU this process spent between sending each commit and holding its reply (µs, user and
 * system: building and writing the statement, waking for the answer, reading it).
 */
import pg from 'pg';
import { PROBE_TABLE, type ProbeMessage } from './pg-probe.ts';
import { sleep } from './stats.ts';

const [url, everyArg] = process.argv.slice(2);
const everyMs = Number(everyArg);
const tell = (message: ProbeMessage) => process.send!(message);
// The harness is gone (killed, or it crashed): nobody will ask for the result.
process.on('disconnect', () => process.exit(0));

const cpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  await client.query(`create table if not exists ${PROBE_TABLE} (id bigserial primary key, stream uuid not null, seq int not null, payload jsonb not null, created_at timestamptz not null default now())`);
} catch (error) {
  tell({ type: 'failed', message: (error as Error).message });
  process.exit(1);
}

let running = true;
process.on('message', (message) => {
  if (message === 'stop') running = false;
});
tell({ type: 'ready' });

const timings: number[] = [];
let commitCpuUs = 0;
let seq = 0;
// One commit at a time, started every `everyMs` (at once after one that took longer).
while (running) {
  const started = performance.now();
  const cpuBefore = cpuUs();
  await client.query(`insert into ${PROBE_TABLE} (stream, seq, payload) values (gen_random_uuid(), $1, $2)`, [++seq, { probe: seq }]);
  commitCpuUs += cpuUs() - cpuBefore;
  const took = performance.now() - started;
  timings.push(took);
  if (took < everyMs) await sleep(everyMs - took);
}
await client.query(`drop table if exists ${PROBE_TABLE}`);
await client.end();
tell({ type: 'result', timings, commitCpuUs });
process.disconnect();
