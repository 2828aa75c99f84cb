/**
 * Feeds a stat file into a running server:
 *
 *   npm run ingest -- file.jsonl [--url http://127.0.0.1:2567] [--token <jwt> | --username u --password p] [--batch 250]
 *
 * Every line is checked here first (the same zod schema as the server's): bad lines are reported
 * with their line numbers and not sent. The rest go in batches to POST /api/v1/ingest (an admin's
 * token: a user granted the role with `npm run admin -- grant <user>`; without --token or --username it signs in as the demo account, which
 * exists outside production), each batch followed until its ingest job and then its score job are
 * done. It talks REST rather than to the database or Redis, so it works the same against the
 * embedded default (whose database only its server may open) and against production.
 * Prints the stored, duplicate and unknown-player counts; exits 1 when a line was bad or a job failed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { DEMO_USER } from '../db/seed.ts';
import { MAX_BATCH, type IngestResult } from './jobs.ts';
import { IngestClient } from './client.ts';
import { batches, parseFeed } from './feed.ts';

/** Batches in flight at once: the server queues them anyway; a few keep its workers busy. */
const IN_FLIGHT = 4;
const DEFAULT_BATCH = 250;
const UNKNOWN_SHOWN = 10;

interface Totals { stored: number; duplicates: number; unknown: Set<string>; scoreJobs: string[]; failures: string[] }

async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await run(items[next++]);
  }));
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:2567' },
      token: { type: 'string' },
      username: { type: 'string', default: DEMO_USER.username },
      password: { type: 'string', default: DEMO_USER.password },
      batch: { type: 'string', default: String(DEFAULT_BATCH) },
      'timeout-seconds': { type: 'string', default: '600' },
    },
  });
  const file = positionals[0];
  const size = Number(values.batch);
  if (!file) throw new Error('usage: npm run ingest -- file.jsonl [--url …] [--token … | --username … --password …] [--batch 250]');
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH) throw new Error(`--batch must be 1-${MAX_BATCH}`);
  const deadline = Date.now() + Number(values['timeout-seconds']) * 1000;

  const feed = parseFeed(readFileSync(file, 'utf8'));
  for (const { line, message } of feed.bad) console.log(`line ${line}: ${message} (not sent)`);
  const client = new IngestClient(values.url);
  await client.signIn({ token: values.token, username: values.username, password: values.password });

  const totals: Totals = { stored: 0, duplicates: 0, unknown: new Set(), scoreJobs: [], failures: [] };
  const bar = new cliProgress.SingleBar({
    format: 'ingest |{bar}| {value}/{total} lines | stored {stored} | duplicates {duplicates}',
    // Also when piped (CI, tests): a line every half second instead of a redrawn bar.
    noTTYOutput: true, notTTYSchedule: 500,
  }, cliProgress.Presets.shades_classic);
  bar.start(feed.events.length, 0, { stored: 0, duplicates: 0 });
  await inParallel(batches(feed.events, size), IN_FLIGHT, async (batch) => {
    const job = await client.settle(await client.send(batch), deadline);
    if (job.state === 'failed') totals.failures.push(`ingest job ${job.id}: ${job.failedReason}`);
    else {
      const result = job.result as IngestResult;
      totals.stored += result.stored;
      totals.duplicates += result.duplicates;
      for (const id of result.unknownPlayers) totals.unknown.add(id);
      if (result.scoreJobId) totals.scoreJobs.push(result.scoreJobId);
    }
    bar.increment(batch.length, { stored: totals.stored, duplicates: totals.duplicates });
  });
  bar.stop();

  // Scoring follows storing: wait for it, so what is printed is what leagues now see.
  let scores = 0;
  for (const id of totals.scoreJobs) {
    const job = await client.settle(id, deadline);
    if (job.state === 'failed') totals.failures.push(`score job ${id}: ${job.failedReason}`);
    else scores += (job.result as { scores: number }).scores;
  }
  const unknown = [...totals.unknown];
  console.log(`${feed.events.length + feed.bad.length} lines: ${feed.events.length} sent, ${feed.bad.length} bad`);
  console.log(`stored ${totals.stored}, duplicates ${totals.duplicates}, unknown players ${unknown.length}` +
    (unknown.length ? ` (${unknown.slice(0, UNKNOWN_SHOWN).join(', ')}${unknown.length > UNKNOWN_SHOWN ? ', …' : ''})` : ''));
  console.log(`scored ${scores} league scores`);
  for (const failure of totals.failures) console.log(`FAILED ${failure}`);
  return feed.bad.length > 0 || totals.failures.length > 0 ? 1 : 0;
}

if (import.meta.main) {
  main().then((code) => { process.exitCode = code; }, (error: Error) => {
    console.error(`ingest: ${error.message}`);
    process.exitCode = 2;
  });
}
