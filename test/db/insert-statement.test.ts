import assert from 'node:assert/strict';
import { insertStatement, NOW } from '../../src/db/insert-statement.ts';

describe('insert statement of a commit batch', () => {
  const events = (n: number, from = 1) => ({
    table: 'stream_events',
    rows: Array.from({ length: n }, (_, i) => ({ stream: 's', seq: from + i, payload: `{"n":${from + i}}`, created_at: NOW })),
  });
  const picks = (n: number) => ({ table: 'draft_picks', rows: Array.from({ length: n }, (_, i) => ({ draft_id: 'd', overall: i + 1 })) });

  it('binds every value in row order, now() written into the text, the first tables as CTEs', () => {
    const statement = insertStatement([events(2), picks(1)]);
    assert.ok(statement);
    assert.equal(statement.sql,
      'with w0 as (insert into "stream_events" ("stream", "seq", "payload", "created_at") values ($1, $2, $3::jsonb, now()), ($4, $5, $6::jsonb, now())) '
      + 'insert into "draft_picks" ("draft_id", "overall") values ($7, $8)');
    assert.deepEqual(statement.params, ['s', 1, '{"n":1}', 's', 2, '{"n":2}', 'd', 1]);
  });

  it('builds the text of a shape once: the same shape gets the same text and name, only its values change', () => {
    const first = insertStatement([events(3), picks(2)]);
    const again = insertStatement([events(3, 10), picks(2)]);
    const other = insertStatement([events(2), picks(2)]);
    assert.ok(first?.name && again && other);
    assert.equal(again.name, first.name);
    assert.equal(again.sql, first.sql);
    assert.deepEqual(again.params.slice(0, 3), ['s', 10, '{"n":10}']);
    assert.notEqual(other.name, first.name);
  });

  it('writes ? placeholders for MikroORM, with no statement name, and leaves out tables without rows', () => {
    const statement = insertStatement([events(1), { table: 'draft_picks', rows: [] }], 'orm');
    assert.deepEqual(statement, {
      sql: 'insert into "stream_events" ("stream", "seq", "payload", "created_at") values (?, ?, ?::jsonb, now())',
      params: ['s', 1, '{"n":1}'],
    });
    assert.equal(insertStatement([{ table: 'draft_picks', rows: [] }]), null);
  });
});
