/**
 * `npm start` (through src/launch.js). Turns on Node's module compile cache before anything else
 * is loaded: the server's few thousand modules (its TypeScript stripped of types, node_modules
 * compiled) then load from V8's code cache and the stripped sources kept on disk, so a restart
 * (after a crash, say) spends far less of its boot compiling. The cache is a directory under the
 * OS's tmpdir (`node-compile-cache`; NODE_COMPILE_CACHE=dir moves it, NODE_DISABLE_COMPILE_CACHE=1
 * turns it off); a changed file is compiled afresh. Then it takes the port at once
 * (src/early-listen.ts), read straight from the environment before the config (and zod) loads:
 * connections wait there, unread, until the server is ready. The start itself is src/start.ts.
 */
import { enableCompileCache } from 'node:module';
import { holdPort, listenAddressFromEnv, releaseHeldPort, type ListenAddress } from './early-listen.ts';

enableCompileCache();

/** Holds the port; a port that cannot be had stops the process (before any logger is loaded: one line a supervisor's log shows). */
async function hold({ port, host, backlog }: ListenAddress): Promise<void> {
  await holdPort(port, host, backlog).catch((error: NodeJS.ErrnoException) => {
    console.error(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
}

const early = listenAddressFromEnv(process.env);
if (early) await hold(early);
const { loadConfigOrExit } = await import('./config.ts');
const config = loadConfigOrExit();
const same = early && early.port === config.port && early.host === config.host && early.backlog === config.listenBacklog;
if (!same) {
  await releaseHeldPort();
  if (config.port !== 0) await hold({ port: config.port, host: config.host, backlog: config.listenBacklog });
}
await import('./start.ts');
