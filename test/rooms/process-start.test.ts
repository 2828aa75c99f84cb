import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { freePort, seedSharedDatabase, ServerProcess } from '../helpers/process.ts';

/**
 * A server process that cannot take its port exits 1 with the reason, instead of staying up
 * without serving (a supervisor would never restart it, and a health check would find whoever
 * holds the port).
 */
describe('server process start', function () {
  this.timeout(60_000);
  let holder: Server | undefined;
  let server: ServerProcess | undefined;

  before(seedSharedDatabase);

  after(async () => {
    await server?.kill();
    await new Promise((resolve) => (holder ? holder.close(resolve) : resolve(undefined)));
  });

  it('exits 1 naming the port when the port is already taken', async () => {
    const port = await freePort();
    holder = createServer();
    await new Promise<void>((resolve) => holder!.listen(port, '127.0.0.1', resolve));
    server = new ServerProcess(port);
    const code = await new Promise<number | null>((resolve) => server!.child.once('exit', (exitCode) => resolve(exitCode)));
    assert.equal(code, 1);
    assert.match(server.output, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE`));
  });
});
