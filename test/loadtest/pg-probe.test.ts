import assert from 'node:assert/strict';
import pg from 'pg';
import { PgProbe, PROBE_TABLE } from '../../loadtest/lib/pg-probe.ts';
import { probeLine } from '../../loadtest/lib/report.ts';
import { sleep } from '../../loadtest/lib/stats.ts';
import { TEST_DATABASE_URL } from '../helpers/server.ts';

describe('load harness: PostgreSQL\'s own commit times during a phase (--pg-probe)', () => {
  it('commits one row at a time from a connection of its own, times each, and drops its table after', async () => {
    const probe = await PgProbe.start(TEST_DATABASE_URL, 5);
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    try {
      await sleep(200);
      // Committed, so another connection sees them while the probe runs.
      const { rows } = await other.query<{ n: string }>(`select count(*) as n from ${PROBE_TABLE}`);
      const seen = Number(rows[0].n);
      assert.ok(seen >= 5, `${seen} rows committed`);
      const timed = await probe.stop();
      assert.ok(timed.samples >= seen, `${timed.samples} commits timed, ${seen} seen before the stop`);
      assert.ok(timed.p50 !== null && timed.p50 > 0 && timed.p99! >= timed.p50 && timed.max! >= timed.p99!, JSON.stringify(timed));
      const gone = await other.query<{ t: string | null }>(`select to_regclass('${PROBE_TABLE}') as t`);
      assert.equal(gone.rows[0].t, null);
      assert.match(probeLine(timed), /^postgres: .* p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms \(\d+ commits\)$/);
    } finally {
      await other.end();
      await probe.stop().catch(() => undefined);
    }
  });
});
