/**
 * `npm start`. Turns on Node's module compile cache before anything else is loaded: the server's
 * few thousand modules (its TypeScript stripped of types, node_modules compiled) then load from
 * V8's code cache and the stripped sources kept on disk, so a restart (after a crash, say) spends
 * far less of its boot compiling. The cache is a directory under the OS's tmpdir
 * (`node-compile-cache`; NODE_COMPILE_CACHE=dir moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it
 * off); a changed file is compiled afresh. Then it takes the port at once (src/early-listen.ts):
 * connections wait there, unread, until the server is ready. The start itself is src/start.ts.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { loadConfigOrExit } = await import('./config.ts');
const config = loadConfigOrExit();
if (config.port !== 0) {
  const { holdPort } = await import('./early-listen.ts');
  await holdPort(config.port, config.host, config.listenBacklog).catch((error: NodeJS.ErrnoException) => {
    // Before any logger is loaded: one line a supervisor's log shows, and no process left up serving nothing.
    console.error(`cannot listen on ${config.host ?? '*'}:${config.port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
}
await import('./start.ts');
