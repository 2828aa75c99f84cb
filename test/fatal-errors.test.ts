import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { ServerNode } from '../loadtest/lib/chaos-process.ts';
import { freePort, processEnv, seedSharedDatabase, sleep, startWorker } from './helpers/process.ts';

/**
 * An error thrown outside any handler, or a rejection nobody handles, ends a server or worker
 * process with exit code 1 after one fatal log line naming it (src/fatal-errors.ts), instead of
 * leaving it up in an unknown state: under PM2, @pm2/io, which Colyseus's stats load, logs an
 * exception without exiting once another listener exists, and a rejection without exiting at all
 * (outside PM2 the agent is kept out: src/pm2-agent.ts). The
 * error comes from test/helpers/fatal-trigger.ts, preloaded with --import and fired by SIGUSR2
 * once the process serves: the real entry points, nothing test-only in src/.
 */
const TRIGGER = new URL('./helpers/fatal-trigger.ts', import.meta.url).href;
const EXIT_WAIT_MS = 10_000;
/** @pm2/io's exception listener, by the name the trigger prints. */
const PM2_HOOK = 'bound onUncaughtException';

const CASES = [
  { trigger: 'exception', message: 'fatal-trigger: thrown outside any handler' },
  { trigger: 'rejection', message: 'fatal-trigger: a promise nobody handles' },
] as const;

type FatalLine = { level: number; msg: string; err?: { message?: string } };

/** The JSON log lines of `output` at level fatal (60). */
function fatalLines(output: string): FatalLine[] {
  return output.split('\n').flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as FatalLine;
      return parsed.level === 60 ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

/** What the trigger saw listening when it fired (its JSON line on stderr). */
function listenersSeen(output: string): { uncaughtException: string[]; unhandledRejection: string[] } {
  const line = output.split('\n').find((l) => l.startsWith('{"fatalTrigger"'));
  assert.ok(line, `the trigger fired:\n${output}`);
  return (JSON.parse(line) as { fatalTrigger: { uncaughtException: string[]; unhandledRejection: string[] } }).fatalTrigger;
}

/** The exit code once `child` exits, or 'still running' after EXIT_WAIT_MS. */
function exitOf(child: ChildProcess): Promise<number | null | 'still running'> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return Promise.race([
    new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
    sleep(EXIT_WAIT_MS).then(() => 'still running' as const),
  ]);
}

function assertFatalExit(code: number | null | 'still running', output: string, message: string): void {
  assert.equal(code, 1, `exit code 1 expected:\n${output}`);
  const fatal = fatalLines(output);
  assert.equal(fatal.length, 1, `one fatal log line expected:\n${output}`);
  assert.equal(fatal[0].err?.message, message);
  assert.ok(fatal[0].msg.includes(message), fatal[0].msg);
}

describe('fatal process errors (src/fatal-errors.ts)', function () {
  this.timeout(90_000);

  describe('the server (node src/launch.js)', () => {
    let server: ServerNode | undefined;
    before(seedSharedDatabase);
    afterEach(async () => { await server?.kill(); server = undefined; });

    for (const { trigger, message } of CASES) {
      it(`exits 1 after a fatal log line on an unhandled ${trigger}; outside PM2 no @pm2/io hook listens`, async () => {
        server = new ServerNode(await freePort(), processEnv({ FATAL_TRIGGER: trigger }), ['--import', TRIGGER]);
        await server.ready();
        server.child.kill('SIGUSR2');
        const code = await exitOf(server.child);
        const seen = listenersSeen(server.output);
        // src/pm2-agent.ts: Colyseus's stats got the no-op, not the agent.
        assert.ok(!seen.uncaughtException.includes(PM2_HOOK), JSON.stringify(seen));
        assert.ok(!seen.unhandledRejection.includes(PM2_HOOK), JSON.stringify(seen));
        assertFatalExit(code, server.output, message);
      });

      it(`exits 1 after a fatal log line on an unhandled ${trigger} under PM2, @pm2/io's hook loaded beside ours`, async () => {
        // PM2 sets pm_id in the processes it runs: there Colyseus's stats load the agent as ever.
        server = new ServerNode(await freePort(), processEnv({ FATAL_TRIGGER: trigger, pm_id: '0' }), ['--import', TRIGGER]);
        await server.ready();
        server.child.kill('SIGUSR2');
        const code = await exitOf(server.child);
        const seen = listenersSeen(server.output);
        // The case this guards against: @pm2/io's hook listening too.
        assert.ok(seen.uncaughtException.includes(PM2_HOOK), JSON.stringify(seen));
        assertFatalExit(code, server.output, message);
      });
    }
  });

  describe('the worker (npm run worker)', () => {
    let child: ChildProcess | undefined;
    afterEach(async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child!.once('exit', resolve));
        child.kill('SIGKILL');
        await gone;
      }
      child = undefined;
    });

    for (const { trigger, message } of CASES) {
      it(`exits 1 after a fatal log line on an unhandled ${trigger}`, async () => {
        const worker = await startWorker({ nodeArgs: ['--import', TRIGGER], env: { FATAL_TRIGGER: trigger } });
        child = worker.child;
        child.kill('SIGUSR2');
        const code = await exitOf(child);
        listenersSeen(worker.output());
        assertFatalExit(code, worker.output(), message);
      });
    }
  });
});
