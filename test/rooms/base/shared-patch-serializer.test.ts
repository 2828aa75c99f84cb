import assert from 'node:assert/strict';
import { ClientState, SchemaSerializer, type Client } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import { DraftPickState, DraftRoomState, DraftTeamState } from '../../../schema/DraftRoomState.ts';
import { SharedPatchSerializer } from '../../../rooms/base/shared-patch-serializer.ts';

/**
 * A patch that touches only public fields goes out encoded once for every client; it must be the
 * very bytes Colyseus's own per-view encoding gives each client, and a private change (or a view
 * with changes of its own) must still take the per-view path.
 */
describe('shared patch serializer', () => {
  /** One room's state, serializer and two managers' clients (each view holds its own team). */
  function room(serializer: SchemaSerializer<any>) {
    const state = new DraftRoomState();
    for (const id of ['t1', 't2']) state.teams.push(new DraftTeamState({ id, name: id, slot: state.teams.length + 1, connected: false, autopick: false }));
    serializer.reset(state);
    const frames: Uint8Array[][] = [[], [], []];
    const client = (i: number, team: number) => {
      const view = new StateView();
      view.add(state.teams[team] as never);
      return { state: ClientState.JOINED, view, raw: (bytes: Uint8Array) => frames[i].push(Uint8Array.from(bytes)) } as unknown as Client;
    };
    const clients = [client(0, 0), client(1, 1)];
    return { state, serializer, frames, clients, client };
  }

  /** The same changes on a room served by Colyseus's serializer and on one served by ours. */
  function both() {
    const plain = room(new SchemaSerializer());
    const shared = room(new SharedPatchSerializer());
    return {
      plain, shared,
      change(edit: (state: DraftRoomState) => void, publicOnly: boolean) {
        edit(plain.state);
        edit(shared.state);
        (shared.serializer as SharedPatchSerializer).publicOnly = publicOnly;
        plain.serializer.applyPatches(plain.clients, plain.state);
        shared.serializer.applyPatches(shared.clients, shared.state);
      },
    };
  }

  it('sends every client the bytes its own view would give, for public and private patches alike', () => {
    const rooms = both();
    rooms.change((s) => { s.teams[0].queue.push('p9'); }, false);
    rooms.change((s) => {
      s.currentPick = 2;
      s.serverTime = 1234;
      s.picks.push(new DraftPickState({ overall: 1, round: 1, teamId: 't1', playerId: 'p1', auto: false, keeper: false }));
    }, true);
    rooms.change((s) => { s.teams[1].connected = true; }, true);
    rooms.change((s) => { s.teams[1].queue.push('p7'); s.currentPick = 3; }, false);
    assert.deepEqual(rooms.shared.frames, rooms.plain.frames);
    assert.equal(rooms.shared.frames[0].length, 4);
    // The private queue changes reached only their owners: the two clients' frames differ there.
    assert.notDeepEqual(rooms.shared.frames[0][0], rooms.shared.frames[1][0]);
    // The public pick is one encoding for both.
    assert.deepEqual(rooms.shared.frames[0][1], rooms.shared.frames[1][1]);
  });

  it('takes the per-view path for a client whose view has changes of its own (it just joined)', () => {
    const rooms = both();
    rooms.plain.clients.push(rooms.plain.client(2, 1));
    rooms.shared.clients.push(rooms.shared.client(2, 1));
    rooms.change((s) => { s.teams[1].queue.push('p3'); }, false);
    rooms.plain.clients.pop();
    rooms.shared.clients.pop();
    rooms.plain.clients.push(rooms.plain.client(2, 0));
    rooms.shared.clients.push(rooms.shared.client(2, 0));
    rooms.change((s) => { s.status = 'live'; }, true);
    assert.deepEqual(rooms.shared.frames, rooms.plain.frames);
  });

  it("gives every room of a state class Colyseus's own handshake bytes, encoded once for all of them", () => {
    const first = room(new SharedPatchSerializer());
    const second = room(new SharedPatchSerializer());
    const plain = room(new SchemaSerializer());
    assert.deepEqual(Array.from(first.serializer.handshake!()), Array.from(plain.serializer.handshake!()));
    assert.equal(second.serializer.handshake!(), first.serializer.handshake!());
  });
});
