import assert from 'node:assert/strict';
import { Room } from '@colyseus/sdk';
import { onceState, watchState } from '../../src/client/watch-state.ts';

/** The SDK's signal, driven directly: no server needed to show who hears which state change. */
const changes = (room: Room) => (state: object) => room.onStateChange.invoke(state as never);
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('watching a room state from a client', () => {
  it('lets every handler of a change hear it when a once-handler goes first', async () => {
    const room = new Room('draft');
    const heard: string[] = [];
    onceState(room, () => heard.push('once'));
    room.onStateChange(() => heard.push('page'));
    changes(room)({ n: 1 });
    await settle();
    changes(room)({ n: 2 });
    assert.deepEqual(heard, ['once', 'page', 'page']);
  });

  it('stops one watcher only, however often it is stopped', async () => {
    const room = new Room('draft');
    const heard: string[] = [];
    const stop = watchState(room, () => { heard.push('a'); stop(); stop(); });
    watchState(room, () => heard.push('b'));
    changes(room)({ n: 1 });
    await settle();
    changes(room)({ n: 2 });
    assert.deepEqual(heard, ['a', 'b', 'b']);
  });
});
