import { log } from './log.ts';

let installed = false;

/**
 * An error thrown outside any handler, or a rejected promise nobody handles, leaves the process in
 * a state nobody knows: it logs one fatal line naming the error and exits 1, so that a supervisor
 * restarts it (rooms come back from their event logs in PostgreSQL; nothing acknowledged is lost).
 * Node's default would do much the same for an exception, but under PM2 Colyseus's stats module
 * loads @pm2/io (elsewhere it gets a no-op: src/pm2-agent.ts), whose hook listens for both: alone, it prints an exception and exits 1, and only prints
 * a rejection (the process stays up); beside another listener it exits on neither. Ours are put
 * first (prependListener), so they run before any hook loaded earlier or later and the process
 * goes down before anything else runs. For the processes' entry points (src/start.ts,
 * src/jobs/worker.ts), once; later calls do nothing.
 */
export function exitOnFatalErrors(): void {
  if (installed) return;
  installed = true;
  process.prependListener('uncaughtException', function onFatalException(error: Error, origin: NodeJS.UncaughtExceptionOrigin) {
    die(error, origin === 'unhandledRejection' ? 'unhandled rejection' : 'uncaught exception');
  });
  process.prependListener('unhandledRejection', function onFatalRejection(reason: unknown) {
    die(reason, 'unhandled rejection');
  });
}

function die(error: unknown, what: string): never {
  try {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal({ err: error }, `${what}, exiting: ${message}`);
  } finally {
    // The line is written before the process goes: pino flushes its stream on 'exit'.
    process.exit(1);
  }
}
