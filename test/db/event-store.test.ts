import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventStore, FUNCTION_BATCH, SETTLE_CHUNK } from '../../src/db/event-store.ts';
import { StreamLoader, streamEventsQuery } from '../../src/db/stream-loader.ts';
import { SEQ_TAKEN } from '../../src/db/event-log.ts';
import { commitLatency } from '../../src/metrics.ts';

describe('event store (group commit)', () => {
  const server = useTestServer({ truncate: 'once' });

  const unit = (stream: string, seq: number) => ({ stream, events: [{ seq, type: 'test', payload: { seq }, actor: null }] });

  for (const pipelines of [1, 3]) {
    it(`never strands a unit handed in while a drainer is finishing (${pipelines} pipeline${pipelines > 1 ? 's' : ''})`, async () => {
      const store = new EventStore(server.app.storage.orm, pipelines);
      const stream = crypto.randomUUID();
      // Each commit is awaited before the next: exactly the moment a drainer leaves its loop.
      for (let seq = 1; seq <= 30; seq++) await store.commit(unit(stream, seq));
      assert.deepEqual((await store.load(stream)).map((e) => e.seq), Array.from({ length: 30 }, (_, i) => i + 1));
    });
  }

  it('commits many streams at once in batches and gives each unit its own verdict', async () => {
    const store = new EventStore(server.app.storage.orm, 2);
    const streams = Array.from({ length: 50 }, () => crypto.randomUUID());
    const results = await Promise.allSettled([
      ...streams.map((stream) => store.commit(unit(stream, 1))),
      store.commit(unit(streams[0], 1)), // the same (stream, seq) twice: only this one fails
    ]);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 1);
    await store.idle();
    for (const stream of streams) assert.equal((await store.load(stream)).length, 1);
  });

  /** Calls `onStatement` as each batch statement goes to the pool, until the returned restore is called. */
  async function watchStatements(onStatement: () => void): Promise<() => void> {
    const pool = await (server.app.storage.orm.em.getConnection() as unknown as { getNativeClient(): Promise<{ query: (...args: unknown[]) => unknown }> }).getNativeClient();
    const query = pool.query;
    pool.query = function (this: unknown, ...args: unknown[]) {
      onStatement();
      return query.apply(this, args);
    };
    return () => { pool.query = query; };
  }

  it('writes the units handed in during one event-loop turn as one batch, though pipelines are free', async () => {
    const store = new EventStore(server.app.storage.orm, 3);
    let statements = 0;
    const restore = await watchStatements(() => statements++);
    try {
      await Promise.all(Array.from({ length: 10 }, () => store.commit(unit(crypto.randomUUID(), 1))));
    } finally {
      restore();
    }
    assert.equal(statements, 1, 'ten units of one turn: one statement');
  });

  it('times each unit\'s commit and each batch\'s statement for /metrics, a refused unit too', async () => {
    const store = new EventStore(server.app.storage.orm, 2);
    const counts = async () => Object.fromEntries((await commitLatency.get()).values
      .filter((v) => v.metricName === 'clubhouse_commit_seconds_count').map((v) => [v.labels.stage, v.value]));
    const before = await counts();
    const stream = crypto.randomUUID();
    await Promise.all(Array.from({ length: 10 }, () => store.commit(unit(crypto.randomUUID(), 1))));
    await store.commit(unit(stream, 1));
    await assert.rejects(store.commit(unit(stream, 1)), 'the seq is taken');
    const after = await counts();
    assert.equal(after.unit - (before.unit ?? 0), 12, 'every unit, the refused one included');
    // One batch for the ten, one for the first of the stream, and the refused one's batch then its retry alone.
    assert.equal(after.statement - (before.statement ?? 0), 4);
  });

  it('writes the next batch while the units of the last are still being told', async () => {
    const store = new EventStore(server.app.storage.orm, 1);
    const seen: string[] = [];
    const restore = await watchStatements(() => seen.push('statement'));
    try {
      let next: Promise<void> | undefined;
      // One batch of 100, told SETTLE_CHUNK per turn; the first unit told hands in the next (a room's next pick).
      await Promise.all(Array.from({ length: 100 }, () => store.commit(unit(crypto.randomUUID(), 1)).then(() => {
        seen.push('told');
        next ??= store.commit(unit(crypto.randomUUID(), 1)).then(() => { seen.push('next told'); });
      })));
      await next;
    } finally {
      restore();
    }
    const secondStatement = seen.indexOf('statement', 1);
    assert.ok(secondStatement > 0 && secondStatement < seen.lastIndexOf('told'), `the next batch went out before the last unit was told: ${seen.join(',')}`);
    assert.equal(seen.filter((s) => s === 'told').length, 100);
  });

  it('tells the units of a big batch a few at a time, the event loop running between', async () => {
    const store = new EventStore(server.app.storage.orm, 1);
    // Counts event-loop turns while the commits are under way.
    let turn = 0;
    let ticking = true;
    const tick = () => { turn++; if (ticking) setImmediate(tick); };
    setImmediate(tick);
    const toldAt: number[] = [];
    // The first unit goes alone; the other 99 queue behind it and commit as one batch.
    await Promise.all(Array.from({ length: 100 }, () => store.commit(unit(crypto.randomUUID(), 1)).then(() => toldAt.push(turn))));
    ticking = false;
    const perTurn = new Map<number, number>();
    for (const at of toldAt) perTurn.set(at, (perTurn.get(at) ?? 0) + 1);
    assert.ok(Math.max(...perTurn.values()) <= SETTLE_CHUNK, `at most ${SETTLE_CHUNK} units per turn, saw ${Math.max(...perTurn.values())}`);
    assert.ok(perTurn.size >= Math.ceil(99 / SETTLE_CHUNK), 'the batch spread over several turns');
  });

  for (const bindValues of [true, false]) {
    it(`stores payloads as given and reports a taken seq by its constraint, batch after batch of one shape (${bindValues ? 'bound values, prepared statements' : 'values inlined by MikroORM'})`, async () => {
      const store = new EventStore(server.app.storage.orm, 3, { bindValues });
      const streams = Array.from({ length: 12 }, () => crypto.randomUUID());
      const payload = (seq: number) => ({ seq, text: "it's ? $1 \\ \u00e9", nested: { list: [1, null, 'x'] } });
      // Rounds of commits across streams: the same few shapes again and again, over several connections.
      for (let seq = 1; seq <= 4; seq++) {
        await Promise.all(streams.map((stream) => store.commit({ stream, events: [{ seq, type: 'test', payload: payload(seq), actor: null }] })));
      }
      // A taken seq, alone and inside a batch of good units: only that unit fails, naming the constraint.
      const results = await Promise.allSettled([
        store.commit({ stream: streams[0], events: [{ seq: 2, type: 'test', payload: {}, actor: null }] }),
        ...streams.slice(1).map((stream) => store.commit({ stream, events: [{ seq: 5, type: 'test', payload: payload(5), actor: null }] })),
      ]);
      assert.equal(results[0].status, 'rejected');
      assert.equal(((results[0] as PromiseRejectedResult).reason as { constraint?: string }).constraint, SEQ_TAKEN);
      assert.ok(results.slice(1).every((r) => r.status === 'fulfilled'));
      // The connections still serve after the failure.
      await store.commit({ stream: streams[0], events: [{ seq: 5, type: 'test', payload: payload(5), actor: crypto.randomUUID() }] });
      for (const stream of streams) {
        const stored = await store.load(stream);
        assert.deepEqual(stored.map((e) => e.payload), [1, 2, 3, 4, 5].map(payload));
      }
    });
  }

  /** A unit whose function projection (as a draft's start) runs `body` inside the transaction. */
  const functionUnit = (body: (em: EntityManager) => Promise<void>) => ({ ...unit(crypto.randomUUID(), 1), projections: [body] });
  const within = <T>(promise: Promise<T>, ms: number, what: string) =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);

  it('writes the picks handed in with a start without waiting for the start\'s transaction', async () => {
    const store = new EventStore(server.app.storage.orm, 2);
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => { openGate = resolve; });
    const start = functionUnit(() => gate);
    // One turn: the start first, then picks of other rooms.
    const started = store.commit(start);
    const picks = Array.from({ length: 5 }, () => store.commit(unit(crypto.randomUUID(), 1)));
    await within(Promise.all(picks), 2000, 'the picks, while the start held its transaction');
    openGate();
    await within(started, 2000, 'the start once let go');
    assert.equal((await store.load(start.stream)).length, 1);
  });

  it(`writes units with function projections ${FUNCTION_BATCH} at most to a transaction, one such transaction at a time`, async () => {
    const store = new EventStore(server.app.storage.orm, 3);
    const perTransaction = new Map<EntityManager, number>();
    let open = 0;
    let mostOpen = 0;
    const units = Array.from({ length: 150 }, () => functionUnit(async (em) => {
      perTransaction.set(em, (perTransaction.get(em) ?? 0) + 1);
      mostOpen = Math.max(mostOpen, ++open);
      await new Promise((resolve) => setImmediate(resolve));
      open--;
    }));
    await Promise.all(units.map((u) => store.commit(u)));
    assert.ok(Math.max(...perTransaction.values()) <= FUNCTION_BATCH, `at most ${FUNCTION_BATCH} a transaction, saw ${Math.max(...perTransaction.values())}`);
    assert.equal([...perTransaction.values()].reduce((a, b) => a + b), 150);
    assert.equal(mostOpen, 1, 'one batch of function projections at a time');
    for (const u of units) assert.equal((await store.load(u.stream)).length, 1);
  });

  it('takes turns between functions and rows on one pipeline, so a run of starts does not hold the picks until its end', async () => {
    const store = new EventStore(server.app.storage.orm, 1);
    const told: string[] = [];
    const starts = Array.from({ length: 3 * FUNCTION_BATCH }, () => store.commit(functionUnit(async () => {})).then(() => told.push('start')));
    const picks = Array.from({ length: 10 }, () => store.commit(unit(crypto.randomUUID(), 1)).then(() => told.push('pick')));
    await Promise.all([...starts, ...picks]);
    assert.ok(told.lastIndexOf('pick') < told.indexOf('start') + 2 * FUNCTION_BATCH, `the picks were told after the first batch of starts, not the last: ${told.lastIndexOf('pick')}`);
  });

  it('loads the logs of rooms opening together with one query, each stream its own events in order', async () => {
    const store = new EventStore(server.app.storage.orm, 2);
    const streams = Array.from({ length: 40 }, () => crypto.randomUUID());
    await Promise.all(streams.map(async (stream, i) => {
      for (let seq = 1; seq <= (i % 4) + 1; seq++) await store.commit(unit(stream, seq));
    }));
    const queries: string[][] = [];
    const query = streamEventsQuery(server.app.storage.orm);
    const loader = new StreamLoader((asked) => {
      queries.push(asked);
      return query(asked);
    });
    const empty = crypto.randomUUID();
    // The same stream twice, one without events, one in capitals: each caller gets its own answer.
    const loads = await Promise.all([...streams, streams[0], empty, streams[1].toUpperCase()].map((stream) => loader.load(stream)));
    assert.equal(queries.length, 1, 'one query for every load asked for together');
    streams.forEach((_, i) => assert.deepEqual(loads[i].map((e) => [e.seq, e.payload]), Array.from({ length: (i % 4) + 1 }, (_, n) => [n + 1, { seq: n + 1 }])));
    assert.deepEqual(loads[40].map((e) => e.seq), [1]);
    assert.deepEqual(loads[41], []);
    assert.deepEqual(loads[42].map((e) => e.seq), [1, 2]);
    // A load on its own, later: its own query.
    assert.deepEqual((await loader.load(streams[3])).map((e) => e.seq), [1, 2, 3, 4]);
    assert.equal(queries.length, 2);
  });

  it('fails every load of a query that fails, and the next loads work again', async () => {
    let fail = true;
    const query = streamEventsQuery(server.app.storage.orm);
    const loader = new StreamLoader((asked) => (fail ? Promise.reject(new Error('database down')) : query(asked)));
    const failed = await Promise.allSettled([loader.load(crypto.randomUUID()), loader.load(crypto.randomUUID())]);
    assert.deepEqual(failed.map((r) => r.status), ['rejected', 'rejected']);
    fail = false;
    assert.deepEqual(await loader.load(crypto.randomUUID()), []);
  });
});
