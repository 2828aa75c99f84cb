import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { EventStore } from '../../src/db/event-store.ts';

describe('event store (group commit)', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => { await server.close(); });

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
});
