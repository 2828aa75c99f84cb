import { log } from './log.ts';

/** A stop that has not finished by then (a database that never answers) exits 1 anyway. */
export const STOP_TIMEOUT_MS = 20_000;

/**
 * On the first SIGTERM or SIGINT: logs `message`, runs `stop` (finish what is in flight, close
 * storage) and exits 0, or 1 when it fails or outlasts STOP_TIMEOUT_MS. Later signals are ignored.
 * For the processes' entry points (src/start.ts, src/jobs/worker.ts).
 */
export function stopOnSignals(message: string, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, message);
      setTimeout(() => {
        log.error({ timeoutMs: STOP_TIMEOUT_MS }, 'stop did not finish in time');
        process.exit(1);
      }, STOP_TIMEOUT_MS).unref();
      try {
        await stop();
        process.exit(0);
      } catch (error) {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      }
    });
  }
}
