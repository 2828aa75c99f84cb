import assert from 'node:assert/strict';
import pg from 'pg';
import { PgProbe, PROBE_TABLE } from '../../loadtest/lib/pg-probe.ts';
import { probeLine, ratio, ratioLine, type Summary } from '../../loadtest/lib/report.ts';
import { sleep } from '../../loadtest/lib/stats.ts';
import { TEST_DATABASE_URL } from '../helpers/server.ts';

describe('load harness: PostgreSQL\'s own commit times during a phase (--pg-probe)', () => {
  it('commits one row at a time from a process of its own, times each and its CPU, and drops its table after', async () => {
    const probe = await PgProbe.start(TEST_DATABASE_URL, 5);
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    try {
      await sleep(200);
      // Committed, so another connection sees them while the probe runs.
      const { rows } = await other.query<{ n: string }>(`select count(*) as n from ${PROBE_TABLE}`);
      const seen = Number(rows[0].n);
      assert.ok(seen >= 5, `${seen} rows committed`);
      const { latencyMs: timed, clientCpuUsPerCommit } = await probe.stop();
      assert.ok(timed.samples >= seen, `${timed.samples} commits timed, ${seen} seen before the stop`);
      assert.ok(timed.p50 !== null && timed.p50 > 0 && timed.p99! >= timed.p50 && timed.max! >= timed.p99!, JSON.stringify(timed));
      // A commit costs its client some CPU (building, writing, reading the reply), never more than its whole round trip.
      assert.ok(clientCpuUsPerCommit !== null && clientCpuUsPerCommit > 0 && clientCpuUsPerCommit < timed.max! * 1000, `${clientCpuUsPerCommit} µs`);
      const gone = await other.query<{ t: string | null }>(`select to_regclass('${PROBE_TABLE}') as t`);
      assert.equal(gone.rows[0].t, null);
      assert.match(probeLine(timed, clientCpuUsPerCommit), /^postgres: .* p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms \(\d+ commits\); its client's CPU [\d.]+ µs per commit$/);
    } finally {
      await other.end();
      await probe.stop().catch(() => undefined);
    }
  });

  it('fails to start with the reason when the database cannot be reached', async () => {
    await assert.rejects(PgProbe.start('postgres://postgres@127.0.0.1:1/nowhere', 5), /--pg-probe: .*ECONNREFUSED|--pg-probe process exited/);
  });

  it('takes the probe\'s CPU per commit off a durable kind\'s CPU in the ratio line, and says so', () => {
    const summary = (kind: string, cpuMsPerAction: number, probeUs?: number) => ({
      kind, actionsPerSecond: 100, latencyMs: { samples: 1, p50: 1, p95: 2, p99: 3, max: 4 },
      server: { cpuMsPerAction, heapKbPerRoom: 100 }, ...(probeUs === undefined ? {} : { pgProbeClientCpuUs: probeUs }),
    }) as unknown as Summary;
    const draft = summary('draft', 1.5, 300);
    const echo = summary('echo', 1);
    assert.match(ratioLine(draft, echo, ratio(draft, echo)), /server CPU per action 1\.5 vs 1 ms \(×1\.5; a one-row commit every 10 ms costs its own client 0\.3 ms here: ×1\.2 without it\)/);
    // Without --pg-probe the line is as before.
    const plain = summary('draft', 1.5);
    assert.match(ratioLine(plain, echo, ratio(plain, echo)), /server CPU per action 1\.5 vs 1 ms \(×1\.5\); heap/);
  });
});
