import type { Socket } from 'node:net';
import * as ws from 'ws';
import { WebSocket } from 'ws';

/** ws's own framing (its Sender, exported by ws but not in its types): the header for a payload. */
type FrameOptions = { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean };
export const { Sender } = ws as unknown as { Sender: { frame(data: Uint8Array, options: FrameOptions): Uint8Array[] } };

const BINARY: FrameOptions = { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false };
const TEXT: FrameOptions = { ...BINARY, opcode: 1 };

/**
 * The TCP socket under a ws connection: ws keeps it as `_socket`, not in its types. The one place
 * that reads it (here and ./one-write.ts); undefined for anything else, which is then sent to as usual.
 */
export function tcpSocketOf(websocket: unknown): Socket | undefined {
  return (websocket as { _socket?: Socket } | undefined)?._socket;
}
type SendOptions = { binary?: boolean; fin?: boolean; mask?: boolean; compress?: boolean };
type SendCallback = (error?: Error) => void;

/**
 * A server-side WebSocket (`WebSocketServer`'s `WebSocket` option) that writes a message as one
 * whole frame, framed once for every client it goes to. ws frames each send apart and writes its
 * header and its body as two buffers of a corked socket (a `writev` through Node's stream
 * internals); a patch fanned out to 12 clients was 12 such frames of the same bytes. Measured: ws's
 * path allocated ~1,175 bytes a send, this one ~274 (600,000 sends to 240 sockets); at 1,000 live
 * drafts the server allocated a fifth less and scavenged 13 times in 30 s instead of 16 (README,
 * Performance).
 *
 * Only the plain case takes this path: an open socket, no extension (permessage-deflate compresses
 * and frames asynchronously), a whole binary or text message of bytes. Anything else (a string, a
 * fragment, a socket not yet open or closing) goes through ws as usual, which for bytes is just as
 * synchronous, so frames keep their order. A Blob is read asynchronously by ws: after one, every
 * later message of that socket goes through ws too, never ahead of it.
 */
export class FramedWebSocket extends WebSocket {
  /** Whether a message may be written as one frame: no extension was agreed and no Blob went out. */
  #framed: boolean | undefined;

  override send(data: unknown, options?: SendOptions | SendCallback, cb?: SendCallback): void {
    const socket = tcpSocketOf(this);
    const opts = typeof options === 'function' ? undefined : options;
    const done = typeof options === 'function' ? options : cb;
    if (data instanceof Uint8Array && socket && this.readyState === WebSocket.OPEN && wholeMessage(opts) && this.#mayFrame()) {
      socket.write(framedOnce(data, opts?.binary === false ? TEXT : BINARY), done && ((error) => done(error ?? undefined)));
      return;
    }
    if (typeof Blob !== 'undefined' && data instanceof Blob) this.#framed = false;
    super.send(data as Buffer, opts ?? {}, done);
  }

  #mayFrame(): boolean {
    // Extensions are agreed in the handshake: fixed once the socket is open.
    this.#framed ??= this.extensions === '';
    return this.#framed;
  }
}

function wholeMessage(options: SendOptions | undefined): boolean {
  return options === undefined || (options.fin !== false && options.mask !== true);
}

/**
 * The last payload framed, with its frame: a broadcast sends the same bytes to every client in one
 * synchronous loop, and frames them once. Kept until the turn's microtasks run, no longer: the
 * encoders reuse their buffers, so the same bytes are only known to be the same within a turn.
 */
let last: { data: Uint8Array; opcode: number; frame: Buffer } | null = null;

function framedOnce(data: Uint8Array, options: FrameOptions): Buffer {
  if (last && last.data === data && last.opcode === options.opcode) return last.frame;
  if (!last) queueMicrotask(forget);
  const frame = Buffer.concat(Sender.frame(data, options));
  last = { data, opcode: options.opcode, frame };
  return frame;
}

function forget(): void {
  last = null;
}
