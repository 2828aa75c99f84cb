import assert from 'node:assert/strict';
import { medianOf, type Summary } from '../../loadtest/lib/report.ts';

describe('load report: the medians of repeated runs (--repeat)', () => {
  const run = (p99: number, cpuMsPerAction: number | null, errors: Record<string, number> = {}) => ({
    kind: 'draft', action: 'picks', actionsPerSecond: 100 + p99,
    latencyMs: { samples: 1000, p50: 1, p95: 2, p99, max: 10 * p99 },
    errors: { total: Object.values(errors).reduce((a, b) => a + b, 0), byCode: errors },
    server: { cpuMsPerAction, heapKbPerRoom: 100 * p99 },
  }) as unknown as Summary;

  it('takes every figure as the median of the runs\', field by field, and keeps the words', () => {
    const m = medianOf([run(9, 0.9), run(3, 0.7), run(5, 0.8)]);
    assert.equal(m.kind, 'draft');
    assert.equal(m.action, 'picks');
    assert.equal(m.latencyMs.p99, 5);
    assert.equal(m.latencyMs.max, 50);
    assert.equal(m.actionsPerSecond, 105);
    assert.equal(m.server?.cpuMsPerAction, 0.8);
    assert.equal(m.server?.heapKbPerRoom, 500);
  });

  it('takes the mean of the middle two for an even number of runs, and skips a run that has no figure', () => {
    const m = medianOf([run(2, 0.6), run(4, null), run(8, 0.9), run(6, 0.7)]);
    assert.equal(m.latencyMs.p99, 5);
    assert.equal(m.server?.cpuMsPerAction, 0.7);
  });

  it('adds up the errors of every run rather than hiding them in a median', () => {
    const m = medianOf([run(1, 1), run(1, 1, { RETRY: 2 }), run(1, 1, { RETRY: 1, BUSY: 4 })]);
    assert.deepEqual(m.errors, { total: 7, byCode: { RETRY: 3, BUSY: 4 } });
  });
});
