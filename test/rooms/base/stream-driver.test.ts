import { strict as assert } from 'node:assert';
import { LocalDriver, initializeRoomCache, type IRoomCache } from '@colyseus/core';
import { StreamIndexedDriver } from '../../../rooms/base/stream-driver.ts';

const STREAM_KEYS = { draft: 'draftId', baseball: 'gameId' };

function listing(roomId: string, name: string, metadata?: Record<string, unknown>, extra: Partial<IRoomCache> = {}): IRoomCache {
  return initializeRoomCache({ roomId, name, processId: 'p1', ...(metadata ? { metadata } : {}), ...extra });
}

/** The same listings in Colyseus's LocalDriver and in ours, so every lookup can be compared. */
function both(): { plain: LocalDriver; indexed: StreamIndexedDriver; add(room: IRoomCache): void } {
  const plain = new LocalDriver();
  const indexed = new StreamIndexedDriver(STREAM_KEYS);
  return {
    plain, indexed,
    add(room) {
      plain.persist({ ...room }, true);
      indexed.persist(room, true);
    },
  };
}

const ids = (rooms: IRoomCache[]) => rooms.map((room) => room.roomId).sort();

describe('the stream-indexed local matchmaking driver', () => {
  it('finds the room of a stream, by id and by its filter, as LocalDriver does', async () => {
    const drivers = both();
    for (let i = 0; i < 50; i++) drivers.add(listing(`d${i}`, 'draft', { draftId: `draft-${i}` }));
    drivers.add(listing('g1', 'baseball', { gameId: 'draft-7' }));
    drivers.add(listing('e1', 'echo'));
    const lookups: Array<Record<string, unknown>> = [
      { locked: false, name: 'draft', private: false, draftId: 'draft-7' },
      { name: 'baseball', gameId: 'draft-7' },
      { name: 'draft', draftId: 'nobody' },
      { roomId: 'd3' }, { roomId: 'gone' }, { name: 'echo' }, { processId: 'p1' },
    ];
    for (const conditions of lookups) {
      const [mine, theirs] = await Promise.all([drivers.indexed.findOne(conditions as never), drivers.plain.findOne(conditions as never)]);
      assert.equal(mine?.roomId, theirs?.roomId, JSON.stringify(conditions));
      assert.deepEqual(ids(await drivers.indexed.query(conditions as never)), ids(await drivers.plain.query(conditions as never)), JSON.stringify(conditions));
    }
    assert.equal((await drivers.indexed.findOne({ name: 'draft', draftId: 'draft-7' } as never))?.roomId, 'd7');
  });

  it('does not return a locked room where the join asks for an unlocked one', async () => {
    const drivers = both();
    const room = listing('d1', 'draft', { draftId: 'x' });
    drivers.add(room);
    room.locked = true;
    assert.equal(await drivers.indexed.findOne({ locked: false, name: 'draft', draftId: 'x' } as never), undefined);
  });

  it('forgets a removed room, by id and by stream, and lists the stream again when reopened', async () => {
    const { indexed } = both();
    indexed.persist(listing('d1', 'draft', { draftId: 'x' }), true);
    assert.equal(indexed.remove('d1'), true);
    assert.equal(await indexed.findOne({ roomId: 'd1' } as never), undefined);
    assert.equal(await indexed.findOne({ name: 'draft', draftId: 'x' } as never), undefined);
    assert.deepEqual(await indexed.query({ name: 'draft', draftId: 'x' } as never), []);
    indexed.persist(listing('d2', 'draft', { draftId: 'x' }), true);
    assert.equal((await indexed.findOne({ name: 'draft', draftId: 'x' } as never))?.roomId, 'd2');
    assert.equal(indexed.has('d1'), false);
  });

  it('indexes nothing on a persist that only updates (as LocalDriver stores nothing then)', async () => {
    const { indexed } = both();
    assert.equal(indexed.persist(listing('d1', 'draft', { draftId: 'x' })), false);
    assert.equal(await indexed.findOne({ roomId: 'd1' } as never), undefined);
  });
});
