import type { Client } from '@colyseus/core';
import type { Socket } from 'node:net';
import { tcpSocketOf } from './framed-websocket.ts';

/**
 * Holds what goes out to `client` until the current turn's promise callbacks have run, so that the
 * patch an action caused and the answer to its sender (a few promise callbacks later) leave in one
 * socket write instead of two: a pick's ~13 writes are about half of what it costs the server (each a
 * syscall, and on loopback the receiver's TCP work too), and each sender's pick paid one more than it needed.
 *
 * Each frame is one write to the socket (./framed-websocket.ts); corked around both, the two
 * frames leave in one `writev`. The socket is `ws`'s own (`_socket`, not in its
 * types); a client on another transport, or a socket already gone, is sent to as before.
 * process.nextTick runs once the turn's microtasks are all done (Node drains them first), which is
 * where the answer has been written.
 */
export function sendTogetherThisTurn(client: Client): void {
  // Colyseus's WebSocket client keeps its `ws` socket as `ref`.
  const socket = tcpSocketOf(client.ref);
  if (!socket || typeof socket.cork !== 'function' || socket.destroyed) return;
  socket.cork();
  process.nextTick(uncork, socket);
}

function uncork(socket: Socket): void {
  socket.uncork();
}
