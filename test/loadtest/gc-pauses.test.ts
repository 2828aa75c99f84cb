import assert from 'node:assert/strict';
import { mergeGcPauses, watchGcPauses } from '../../loadtest/lib/gc-pauses.ts';

/** Enough short-lived garbage that the young generation fills up (and is collected) many times. */
function makeGarbage(): number {
  let kept = 0;
  for (let i = 0; i < 400_000; i++) kept += new Array(32).fill(i).length;
  return kept;
}

describe('generator GC pauses', () => {
  it('counts the collections that ran while watched, with their longest pause', async () => {
    const stop = watchGcPauses();
    makeGarbage();
    await new Promise((resolve) => setImmediate(resolve));
    const pauses = stop();
    assert.ok(pauses.count > 0, 'collections seen');
    assert.ok(pauses.totalMs > 0 && pauses.maxMs > 0 && pauses.maxMs <= pauses.totalMs);
  });

  it('counts nothing once stopped', async () => {
    const stop = watchGcPauses();
    const first = stop();
    const seen = first.count;
    makeGarbage();
    // A watch still observing would be told of those collections by now.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(first.count, seen, 'a stopped watch does not grow');
  });

  it('merges generators: counts and totals added, the longest pause of any', () => {
    const merged = mergeGcPauses([{ count: 3, totalMs: 30, maxMs: 20 }, { count: 2, totalMs: 50, maxMs: 45 }]);
    assert.deepEqual(merged, { count: 5, totalMs: 80, maxMs: 45 });
    assert.deepEqual(mergeGcPauses([]), { count: 0, totalMs: 0, maxMs: 0 });
  });
});
