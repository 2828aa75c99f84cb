import assert from 'node:assert/strict';
import { statEventInput } from '../../src/scoring/ingest.ts';
import { parseFeed } from '../../src/ingest/feed.ts';

const football = { key: 'k1', sport: 'football', playerExternalId: 'football:qb-01', period: '2026-W01', occurredAt: '2026-09-13T20:25:00Z', stats: { passTd: 2 } };
const f1 = { key: 'k2', sport: 'f1', playerExternalId: 'f1:drv-01', period: 'monaco-2026', occurredAt: '2026-06-07T13:00:00Z', stats: { grid: 3, finish: 1 } };

const problems = (line: unknown) => {
  const parsed = statEventInput.safeParse(line);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('ingest lines: period and stats per sport', () => {
  it('accepts a football week and an F1 race', () => {
    assert.deepEqual([problems(football), problems(f1)], [[], []]);
  });

  it('refuses a period in another format than its sport\'s', () => {
    for (const period of ['W1', 'W01', '2026-W1', '2026-W54', '2026-W00', 'monaco-2026']) {
      assert.deepEqual(problems({ ...football, period }), ['period'], period);
    }
    for (const period of ['2026-W01', 'Monaco-2026', 'monaco', 'monaco_2026']) {
      assert.deepEqual(problems({ ...f1, period }), ['period'], period);
    }
  });

  it('refuses an empty stat line', () => {
    assert.deepEqual(problems({ ...football, stats: {} }), ['stats']);
    assert.ok(problems({ ...f1, stats: {} }).some((path) => path.startsWith('stats')));
  });

  it('reports such lines from a feed file as bad, by line number', () => {
    const feed = parseFeed([football, { ...football, key: 'k3', period: 'W1' }, { ...football, key: 'k4', stats: {} }].map((l) => JSON.stringify(l)).join('\n'));
    assert.deepEqual([feed.events.length, feed.bad.map((b) => b.line)], [1, [2, 3]]);
  });
});
