/**
 * Preloaded (`node --import`) into a real server or worker process by test/fatal-errors.test.ts:
 * on SIGUSR2 it prints the process's 'uncaughtException' and 'unhandledRejection' listeners (by
 * name, one JSON line on stderr), then throws from the signal handler (an uncaught exception) or,
 * with FATAL_TRIGGER=rejection, rejects a promise nobody handles. Nothing in src/ knows of it.
 */
process.on('SIGUSR2', () => {
  const names = (listeners: Function[]) => listeners.map((listener) => listener.name || '(anonymous)');
  const seen = { uncaughtException: names(process.listeners('uncaughtException')), unhandledRejection: names(process.listeners('unhandledRejection')) };
  process.stderr.write(`${JSON.stringify({ fatalTrigger: seen })}\n`);
  if (process.env.FATAL_TRIGGER === 'rejection') {
    void Promise.reject(new Error('fatal-trigger: a promise nobody handles'));
  } else {
    throw new Error('fatal-trigger: thrown outside any handler');
  }
});
