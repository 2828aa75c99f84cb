import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FramedWebSocket, Sender } from '../../../rooms/base/framed-websocket.ts';

type Received = { text: boolean; bytes: Buffer };

/** A server whose sockets are FramedWebSockets, and `count` clients of it recording what they receive. */
async function connected(count: number, perMessageDeflate = false) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', WebSocket: FramedWebSocket, perMessageDeflate });
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const serverSockets: FramedWebSocket[] = [];
  server.on('connection', (socket: FramedWebSocket) => serverSockets.push(socket));
  const received: Received[][] = [];
  const clients = await Promise.all(Array.from({ length: count }, (_, i) => new Promise<WebSocket>((resolve, reject) => {
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
    received[i] = [];
    client.on('message', (data: Buffer, isBinary: boolean) => received[i].push({ text: !isBinary, bytes: Buffer.from(data) }));
    client.once('open', () => resolve(client));
    client.once('error', reject);
  })));
  while (serverSockets.length < count) await new Promise((resolve) => setImmediate(resolve));
  const close = async () => {
    for (const client of clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  };
  const arrived = async (n: number) => {
    const until = Date.now() + 5000;
    while (received.some((list) => list.length < n) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(received.every((list) => list.length === n), `each client got ${n}: ${received.map((l) => l.length)}`);
  };
  return { serverSockets, received, close, arrived };
}

/** Counts ws's framing calls (FramedWebSocket frames through ws's own Sender.frame). */
function countFrames() {
  const sender = Sender as unknown as { frame: (...args: unknown[]) => unknown };
  const frame = sender.frame;
  let calls = 0;
  sender.frame = (...args: unknown[]) => { calls++; return frame.apply(sender, args); };
  return { calls: () => calls, restore: () => { sender.frame = frame; } };
}

describe('one frame per message, framed once per broadcast', () => {
  it('delivers bytes of every size, text and strings, in the order sent', async () => {
    const { serverSockets: [socket], received: [got], close, arrived } = await connected(1);
    try {
      const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000];
      const payloads = sizes.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) % 256));
      for (const payload of payloads) socket.send(payload, { binary: true });
      socket.send(Buffer.from('as text'), { binary: false });
      socket.send('a string');
      socket.send(Buffer.from('last'));
      await arrived(payloads.length + 3);
      payloads.forEach((payload, i) => {
        assert.equal(got[i].text, false);
        assert.ok(got[i].bytes.equals(Buffer.from(payload)), `payload of ${sizes[i]} bytes intact`);
      });
      assert.deepEqual(got.slice(payloads.length).map((m) => [m.text, m.bytes.toString()]), [[true, 'as text'], [true, 'a string'], [false, 'last']]);
    } finally {
      await close();
    }
  });

  it('frames a broadcast once and writes each client one buffer', async () => {
    const { serverSockets, received, close, arrived } = await connected(4);
    const frames = countFrames();
    const writes: number[] = [];
    for (const socket of serverSockets) {
      const raw = (socket as unknown as { _socket: { write: (...args: unknown[]) => boolean; writev?: unknown } })._socket;
      const write = raw.write.bind(raw);
      raw.write = (...args: unknown[]) => { writes.push((args[0] as Uint8Array).length); return write(...args); };
    }
    try {
      const patch = Uint8Array.from([15, 1, 2, 3]);
      for (const socket of serverSockets) socket.send(patch, { binary: true });
      assert.equal(frames.calls(), 1, 'framed once for the four clients');
      assert.deepEqual(writes, [6, 6, 6, 6], 'one write of header and body per client');
      // The next turn frames anew: an encoder may have rewritten the same bytes meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      patch[1] = 9;
      for (const socket of serverSockets) socket.send(patch, { binary: true });
      assert.equal(frames.calls(), 2);
      await arrived(2);
      assert.ok(received.every((list) => list[0].bytes.equals(Buffer.from([15, 1, 2, 3])) && list[1].bytes.equals(Buffer.from([15, 9, 2, 3]))));
    } finally {
      frames.restore();
      await close();
    }
  });

  it('keeps the order behind a Blob, which ws reads asynchronously', async () => {
    const { serverSockets: [socket], received: [got], close, arrived } = await connected(1);
    try {
      socket.send(Buffer.from('first'));
      socket.send(new Blob([Buffer.from('blob')]));
      socket.send(Buffer.from('after'));
      await arrived(3);
      assert.deepEqual(got.map((m) => m.bytes.toString()), ['first', 'blob', 'after']);
    } finally {
      await close();
    }
  });

  it('leaves compressed connections to ws', async () => {
    const { serverSockets: [socket], received: [got], close, arrived } = await connected(1, true);
    try {
      const big = Buffer.alloc(4096, 'abc');
      socket.send(big, { binary: true });
      socket.send(Buffer.from('small'));
      await arrived(2);
      assert.ok(got[0].bytes.equals(big));
      assert.equal(got[1].bytes.toString(), 'small');
      assert.equal(socket.extensions.includes('permessage-deflate'), true);
    } finally {
      await close();
    }
  });
});
