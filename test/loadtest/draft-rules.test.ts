import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

describe('draft rules benchmark (npm run bench:draft-rules)', () => {
  it('plays whole drafts by autopick and prints µs per pick for each size', async function () {
    this.timeout(30_000);
    const { stdout } = await promisify(execFile)(process.execPath, ['loadtest/draft-rules.ts', '--drafts', '1']);
    const rows = stdout.split('\n').filter((line) => /^\d+ × \d+/.test(line));
    assert.deepEqual(rows.map((row) => row.split(/\s+/).slice(0, 4)), [['12', '×', '15', '180'], ['32', '×', '30', '960']]);
    for (const row of rows) {
      const figures = row.split(/\s+/).slice(4, 10).map(Number);
      assert.ok(figures.every((µs) => µs > 0 && Number.isFinite(µs)), row);
    }
  });
});
