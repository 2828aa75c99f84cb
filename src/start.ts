/**
 * The server's start, imported by src/main.ts once the compile cache is on: config → storage →
 * listen. With src/main.ts and src/jobs/worker.ts (`npm run worker`), the only modules with side
 * effects at import.
 */
import { flushCompileCache } from 'node:module';
import { flushResolveCache } from './resolve-cache.ts';
import { loadConfigOrExit } from './config.ts';
import { buildServer } from './app.ts';
import { log } from './log.ts';
import { resumeGames } from '../rooms/baseball/launch.ts';
import { startOrphanSweep, sweepDeadProcessesBeforeAccept } from '../rooms/base/orphans.ts';
import { stopOnSignals } from './stop-signals.ts';
import { exitOnFatalErrors } from './fatal-errors.ts';
import type { Server as HttpServer } from 'node:http';

// First, before the server (and @pm2/io through Colyseus's stats) loads any hook of its own.
exitOnFatalErrors();
const config = loadConfigOrExit();

const app = await buildServer(config);
exitIfListenFails(app.server.transport as { server?: HttpServer } | undefined);
if (app.redis) await sweepDeadProcessesBeforeAccept();
await app.server.listen(config.port, config.host, config.listenBacklog);
// Written now, not only at a clean exit: the next start after a kill -9 loads its modules from them
// (src/main.ts, src/resolve-cache.ts).
flushCompileCache();
flushResolveCache();
log.info({ port: config.port, storage: app.storage.embedded ? `embedded (${config.dataDir})` : 'postgresql', redis: Boolean(config.redisUrl), jobs: app.jobs.kind },
  `Clubhouse listening on http://localhost:${config.port}`);
const resumed = await resumeGames(app.storage.orm, Date.now());
if (resumed > 0) log.info({ games: resumed }, 'resumed unfinished games');
// Rooms of processes that died (listings left in Redis) come back on the survivors.
const sweep = startOrphanSweep(app.storage.orm);

stopOnSignals('shutting down: no new joins, finishing in-flight writes', async () => {
  await sweep.stop();
  await app.shutdown();
});

/**
 * Colyseus listens with a callback that only ever hears success, and its stats module loads
 * @pm2/io, whose exception hook logs without exiting: a listen that fails (a port not held by
 * src/main.ts, taken meanwhile) would leave a process that never serves but stays up. (The
 * fatal-error handlers, src/fatal-errors.ts, would now end it too; this names the port.)
 */
function exitIfListenFails(transport: { server?: HttpServer } | undefined): void {
  transport?.server?.once('error', (error: NodeJS.ErrnoException) => {
    if (transport.server?.listening) return;
    log.fatal({ err: error, port: config.port, host: config.host }, `cannot listen on ${config.host ?? '*'}:${config.port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
}
