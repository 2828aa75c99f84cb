import assert from 'node:assert/strict';
import { Protocol } from '@colyseus/core';
import { createDraft, leagueWithManagers, roomSuite, waitForState } from '../../helpers/league-rooms.ts';

/** The first byte of each WebSocket frame's payload (the Colyseus message code) in bytes one write sent. */
function frameCodes(bytes: Buffer): number[] {
  const codes: number[] = [];
  let at = 0;
  while (at < bytes.length) {
    let length = bytes[at + 1] & 0x7f;
    let header = 2;
    if (length === 126) [length, header] = [bytes.readUInt16BE(at + 2), 4];
    else if (length === 127) [length, header] = [Number(bytes.readBigUInt64BE(at + 2)), 10];
    codes.push(bytes[at + header]);
    at += header + length;
  }
  return codes;
}

/** Records each write a server-side client's socket makes (one per syscall: Node's _write or _writev). */
function recordWrites(client: { ref: unknown }): number[][] {
  const socket = (client.ref as { _socket: any })._socket;
  const writes: number[][] = [];
  const write = socket._write.bind(socket);
  const writev = socket._writev.bind(socket);
  socket._write = (chunk: Buffer, encoding: BufferEncoding, done: () => void) => {
    writes.push(frameCodes(Buffer.from(chunk)));
    return write(chunk, encoding, done);
  };
  socket._writev = (chunks: Array<{ chunk: Buffer }>, done: () => void) => {
    writes.push(frameCodes(Buffer.concat(chunks.map((c) => Buffer.from(c.chunk)))));
    return writev(chunks, done);
  };
  return writes;
}

describe('one write for an action and its answer', () => {
  const { suite, join } = roomSuite('draft');

  it("sends the picker the pick's patch and the answer to his request in one socket write; the others the patch alone", async () => {
    const { commish, leagueId, managers, teamIds, players } = await leagueWithManagers(suite.server, { teams: 2 });
    const draft = await createDraft(commish, leagueId, { type: 'snake', rounds: 2, pickSeconds: 60, order: teamIds });
    const [picker, other] = await Promise.all(managers.map((m) => join(m.token, draft.id)));
    const commishRoom = await join(commish.token, draft.id);
    await commishRoom.request('start', {});
    await Promise.all([picker, other].map((room) => waitForState(room, (s) => s.status === 'live')));

    const served = suite.server.colyseus.getRoomById(picker.roomId) as unknown as { clients: Array<{ sessionId: string; ref: unknown }> };
    const serverSide = (room: { sessionId: string }) => served.clients.find((c) => c.sessionId === room.sessionId)!;
    const pickerWrites = recordWrites(serverSide(picker));
    const otherWrites = recordWrites(serverSide(other));

    assert.deepEqual(await picker.request('pick', { playerId: players[0].id, pick: 1 }), { ok: true, currentPick: 2 });
    await waitForState(other, (s) => s.picks.length === 1);

    const together = pickerWrites.filter((codes) => codes.includes(Protocol.ROOM_RESPONSE));
    assert.equal(together.length, 1, `the answer went out once: ${JSON.stringify(pickerWrites)}`);
    assert.deepEqual(together[0], [Protocol.ROOM_STATE_PATCH, Protocol.ROOM_RESPONSE]);
    assert.ok(otherWrites.some((codes) => codes.length === 1 && codes[0] === Protocol.ROOM_STATE_PATCH), JSON.stringify(otherWrites));
  });
});
