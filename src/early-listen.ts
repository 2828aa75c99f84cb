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

/** The defaults of PORT, HOST and LISTEN_BACKLOG (src/config.ts parses them with these). */
export const DEFAULT_PORT = 2567;
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_LISTEN_BACKLOG = 4096;

export interface ListenAddress { port: number; host: string; backlog: number }

/**
 * Where the server will listen, read from the environment before src/config.ts (and zod) has
 * loaded, so the port can be held that much sooner. Only plain values are read here: anything else
 * (a port of 0, a value config.ts may read otherwise or refuse) gives undefined and the port is
 * held after the config as before. config.ts stays the judge: a config it refuses still stops the
 * process, and src/main.ts lets go of a hold that does not match the parsed config.
 */
export function listenAddressFromEnv(env: NodeJS.ProcessEnv): ListenAddress | undefined {
  const int = (value: string | undefined, fallback: number, min: number, max: number): number | undefined => {
    if (value === undefined) return fallback;
    if (!/^[0-9]{1,5}$/.test(value)) return undefined;
    const n = Number(value);
    return n >= min && n <= max ? n : undefined;
  };
  const port = int(env.PORT, DEFAULT_PORT, 1, 65_535);
  const backlog = int(env.LISTEN_BACKLOG, DEFAULT_LISTEN_BACKLOG, 16, 65_535);
  const host = env.HOST === undefined ? DEFAULT_HOST : env.HOST;
  if (port === undefined || backlog === undefined || host === '') return undefined;
  return { port, host, backlog };
}

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

/** Closes a held port nobody took (its waiting connections are dropped); the server then listens as usual. */
export function releaseHeldPort(): Promise<void> {
  if (!held) return Promise.resolve();
  const { server, sockets } = held;
  held = undefined;
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
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
