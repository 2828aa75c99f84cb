import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { holdPort, listenAddressFromEnv, releaseHeldPort, takeHeldPort } from '../src/early-listen.ts';
import { loadConfig } from '../src/config.ts';
import { SpreadPingTransport } from '../rooms/base/spread-ping-transport.ts';
import { freePort } from './helpers/process.ts';

/**
 * src/main.ts takes the server's port before the server has loaded; connections made meanwhile
 * wait there and are answered once the server listens on that same socket (a restarted process's
 * clients are not refused while it boots).
 */
describe('the port held while the server loads (src/early-listen.ts)', () => {
  /** A raw HTTP/1.1 GET: resolves with the status line, however long the answer takes. */
  function get(port: number, path: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => { text += chunk.toString(); });
      socket.on('end', () => resolve(text.split('\r\n')[0]));
      socket.on('error', reject);
    });
  }

  it('accepts connections before the server exists and answers them once it listens; later ones as usual', async () => {
    const port = await freePort();
    await holdPort(port, '127.0.0.1', 511);
    let answered = false;
    const early = get(port, '/early').then((line) => { answered = true; return line; });
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(answered, false, 'held, unread, until the server takes the port');

    const transport = new SpreadPingTransport({ pingInterval: 0 });
    transport.getExpressApp().get(/.*/, (req, res) => { res.send(req.path); });
    await new Promise<void>((resolve) => transport.listen(port, '127.0.0.1', undefined, () => resolve()));
    try {
      assert.equal(await early, 'HTTP/1.1 200 OK');
      assert.equal(await get(port, '/later'), 'HTTP/1.1 200 OK');
      assert.equal(takeHeldPort(port), undefined, 'taken once');
    } finally {
      transport.shutdown();
    }
  });

  it('leaves a port nobody held to Colyseus as before', async () => {
    const port = await freePort();
    const transport = new SpreadPingTransport({ pingInterval: 0 });
    transport.getExpressApp().get('/x', (_req, res) => { res.send('x'); });
    await new Promise<void>((resolve) => transport.listen(port, '127.0.0.1', undefined, () => resolve()));
    try {
      assert.equal(await get(port, '/x'), 'HTTP/1.1 200 OK');
    } finally {
      transport.shutdown();
    }
  });

  it('refuses a port in use, as listen does', async () => {
    const port = await freePort();
    await holdPort(port, '127.0.0.1', 511);
    try {
      await assert.rejects(holdPort(port, '127.0.0.1', 511), /EADDRINUSE/);
    } finally {
      takeHeldPort(port)?.server.close();
    }
  });

  it('lets go of a held port nobody took: its waiting connections are dropped and the port is free again', async () => {
    const port = await freePort();
    await holdPort(port, '127.0.0.1', 511);
    const waiting = get(port, '/dropped').then(() => 'answered', () => 'dropped');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await releaseHeldPort();
    assert.notEqual(await waiting, 'HTTP/1.1 200 OK');
    assert.equal(takeHeldPort(port), undefined);
    await holdPort(port, '127.0.0.1', 511);
    takeHeldPort(port)?.server.close();
  });
});

describe('the listen address read before the config (listenAddressFromEnv)', () => {
  it('reads plain PORT, HOST and LISTEN_BACKLOG, and agrees with the config wherever it answers', () => {
    for (const env of [{}, { PORT: '2631' }, { PORT: '2631', HOST: '127.0.0.1', LISTEN_BACKLOG: '1024' }, { HOST: '::1' }]) {
      const early = listenAddressFromEnv(env);
      const config = loadConfig(env);
      assert.deepEqual(early, { port: config.port, host: config.host, backlog: config.listenBacklog }, JSON.stringify(env));
    }
  });

  it('answers nothing for a value it does not read plainly (then the port is held after the config)', () => {
    for (const env of [{ PORT: '0' }, { PORT: 'abc' }, { PORT: '' }, { PORT: ' 2631' }, { PORT: '70000' }, { PORT: '2631.0' },
      { HOST: '' }, { LISTEN_BACKLOG: '8' }, { LISTEN_BACKLOG: 'x' }]) {
      assert.equal(listenAddressFromEnv(env), undefined, JSON.stringify(env));
    }
  });
});
