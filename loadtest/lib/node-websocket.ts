/**
 * The load tools' clients speak WebSocket through the `ws` package, not Node's built-in WebSocket.
 * @colyseus/sdk takes `globalThis.WebSocket` when there is one (Node 22+: undici's, whose every
 * connection builds its own fetch dispatcher and pool) and `ws` otherwise. A thousand clients
 * rejoining after a restart cost the generator ~1.5 s of CPU with undici's against ~1.1 s with
 * `ws`, on the cores the server under test shares, and the server sat idle waiting for them.
 * Imported first by every entry point that runs clients, before any module loads the SDK (which
 * reads the global once, as it loads). Browsers and the tests keep their own WebSocket.
 */
delete (globalThis as { WebSocket?: unknown }).WebSocket;
