import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seed } from '../../src/db/seed.ts';
import { StatEvent } from '../../src/db/entities/index.ts';
import { truncateAll, type TestServer } from '../helpers/server.ts';
import { ADMIN, jobsServer, registerAdmin } from '../helpers/jobs.ts';

const SAMPLE = 'src/ingest/samples/football-week1.jsonl';

/** Runs `npm run ingest`'s script under this Node (24) and collects what it prints. */
function ingestCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/ingest/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run ingest (the feed CLI, end to end)', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async () => {
    ({ server } = await jobsServer({}));
    await truncateAll(server.app);
    await seed(server.app.storage.orm, { withLeagues: false });
    await registerAdmin(server);
  });
  after(async () => { await server.close(); });

  it('sends the sample feed in batches with a progress bar, reports a bad line by number and prints the counts', async () => {
    const lines = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'clubhouse-feed-')), 'week1.jsonl');
    // Line 3 is broken: it is reported and skipped, the 232 good lines go through.
    writeFileSync(file, [...lines.slice(0, 2), '{"key":"broken","sport":"football"', ...lines.slice(2)].join('\n'));
    const args = [file, '--url', server.baseUrl, '--username', ADMIN.username, '--password', ADMIN.password, '--batch', '50'];

    const run = await ingestCli(args);
    assert.equal(run.code, 1, `a bad line makes the exit code 1\n${run.stdout}${run.stderr}`);
    assert.match(run.stdout, /^line 3: not JSON \(not sent\)$/m);
    assert.match(run.stderr, /ingest \|.*\| 232\/232 lines \| stored 232 \| duplicates 0/, 'the progress bar reached the end');
    assert.match(run.stdout, /^233 lines: 232 sent, 1 bad$/m);
    assert.match(run.stdout, /^stored 232, duplicates 0, unknown players 0$/m);
    assert.equal(await server.app.storage.orm.em.fork().count(StatEvent, {}), 232);

    const again = await ingestCli(args);
    assert.match(again.stdout, /^stored 0, duplicates 232, unknown players 0$/m, 'a second run stores nothing twice');
  });

  it('exits 0 on a clean feed, and says why when it cannot sign in', async () => {
    const clean = await ingestCli(['src/ingest/samples/f1-monaco.jsonl', '--url', server.baseUrl, '--username', ADMIN.username, '--password', ADMIN.password]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /^20 lines: 20 sent, 0 bad$/m);
    const refused = await ingestCli([SAMPLE, '--url', server.baseUrl, '--username', ADMIN.username, '--password', 'wrong password']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /ingest: POST \/api\/v1\/auth\/login: 401/);
  });
});
