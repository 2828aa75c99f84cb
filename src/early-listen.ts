/**
 * The port taken before the server has loaded (src/main.ts), handed to the HTTP server once it
 * is built (rooms/base/spread-ping-transport.ts). A process that restarts (after a crash, say)
 * spends a second or more loading and opening storage; until now its port refused every
 * connection, so each client that lost its room retried on a timer (rooms/base/rejoin.ts: up to
 * 500 ms apart), thousands of refused attempts that also cost the machine's CPU while it booted.
 * Now the port accepts from the start and holds each connection, unread, until the server takes
 * them: a client's join waits in the queue and is answered the moment the server is ready.
 */
import { createServer, type Server, type Socket } from 'node:net';

interface Held { port: number; server: Server; sockets: Set<Socket> }

let held: Held | undefined;

/** Listens on host:port, holding every connection paused until takeHeldPort. Rejects as listen would (the port in use...). */
export function holdPort(port: number, host: string, backlog: number): Promise<void> {
  const sockets = new Set<Socket>();
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    sockets.add(socket);
    // A client that gives up meanwhile is forgotten.
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, backlog, () => {
      server.off('error', reject);
      held = { port, server, sockets };
      resolve();
    });
  });
}

/**
 * The held listener for `port`, once: its listening socket and the connections it accepted so far
 * (still paused); undefined when nothing holds that port. The taker listens on `server` itself
 * (Node's listen(handle)) and then reads the sockets.
 */
export function takeHeldPort(port: number): { server: Server; sockets: Socket[] } | undefined {
  if (!held || held.port !== port) return undefined;
  const { server, sockets } = held;
  held = undefined;
  return { server, sockets: [...sockets] };
}
