import assert from 'node:assert/strict';
import { clearOfPauses, mergeGcPauses, watchGcPauses } from '../../loadtest/lib/gc-pauses.ts';

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
    assert.equal(pauses.spans.length, pauses.count, 'a span for each pause');
    assert.ok(pauses.spans.every((span) => span.end >= span.start && span.start > 0), 'spans on performance.now()\'s clock');
  });

  it('keeps the latencies no pause overlapped, and drops those one held up', () => {
    const spans = [{ start: 10, end: 20 }, { start: 50, end: 52 }];
    // [latency, seen at]: in flight from seen − latency to seen.
    const samples: Array<[number, number]> = [
      [5, 9], // before any pause
      [5, 25], // sent as the first pause ended
      [10, 25], // in flight during it
      [3, 49], // between the pauses
      [160, 200], // in flight across the second
      [100, 200], // after both
    ];
    const clear = clearOfPauses(samples.map(([ms]) => ms), samples.map(([, at]) => at), spans);
    assert.deepEqual([...clear], [5, 5, 3, 100]);
    // A long pause reaching past a later short one still counts for a sample sent after the short one.
    assert.deepEqual([...clearOfPauses([5, 5], [60, 130], [{ start: 0, end: 100 }, { start: 10, end: 11 }])], [5]);
    assert.deepEqual([...clearOfPauses([1, 2], [5, 6], [])], [1, 2], 'no pause: every sample');
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
