import assert from 'node:assert/strict';
import { MemoryEventLog } from '../../src/db/memory-event-log.ts';
import { SEQ_TAKEN } from '../../src/db/event-log.ts';

const event = (seq: number, type = 'picked') => ({ seq, type, payload: { n: seq }, actor: null });

describe('in-memory event log (no PostgreSQL)', () => {
  it('loads what was committed, in order, per stream', async () => {
    const log = new MemoryEventLog();
    await log.commit({ stream: 'a', events: [event(1), event(2)] });
    await log.commit({ stream: 'b', events: [event(1, 'other')] });
    await log.commit({ stream: 'a', events: [event(3)] });
    assert.deepEqual((await log.load('a')).map((e) => [e.seq, e.type, e.payload]), [[1, 'picked', { n: 1 }], [2, 'picked', { n: 2 }], [3, 'picked', { n: 3 }]]);
    assert.deepEqual((await log.load('b')).map((e) => e.type), ['other']);
    assert.deepEqual(await log.load('none'), []);
    await log.idle();
  });

  it('refuses a taken seq as the database does, naming the constraint, and stores nothing of that unit', async () => {
    const log = new MemoryEventLog();
    await log.commit({ stream: 'a', events: [event(1)] });
    await assert.rejects(log.commit({ stream: 'a', events: [event(2), event(1)] }), (error: { constraint?: string }) => error.constraint === SEQ_TAKEN);
    await assert.rejects(log.commit({ stream: 'a', events: [event(2), event(2)] }), (error: { constraint?: string }) => error.constraint === SEQ_TAKEN);
    assert.deepEqual((await log.load('a')).map((e) => e.seq), [1]);
  });

  it('keeps its own copy: changing a payload after the commit changes nothing stored', async () => {
    const log = new MemoryEventLog();
    const payload = { n: 1 };
    await log.commit({ stream: 'a', events: [{ seq: 1, type: 't', payload, actor: 'u' }] });
    payload.n = 99;
    assert.deepEqual((await log.load('a'))[0].payload, { n: 1 });
  });
});
