/**
 * Real server processes (`node src/launch.js`, as `npm start`) for the crash, shutdown and scale-out tests and for
 * `npm run chaos`: spawn one with its environment, wait until /health answers, SIGTERM or SIGKILL
 * it. Runs the server with the Node that runs this file (npm pins Node 24).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { sleep } from './stats.ts';

/** A process boots in 1-2 s on a quiet box; a box shared with other suites has taken 15-20 s. */
const BOOT_TIMEOUT_MS = 45_000;
/** USER_HZ of /proc/<pid>/stat: 100 on every Linux Node supports. */
const CLOCK_TICKS_PER_S = 100;
/** The last this many characters of a process's output are kept for error messages. */
const OUTPUT_KEPT = 8000;
/** How long killAtOnce looks for the process's death before it waits as kill() does. */
const KILL_WAIT_MS = 2000;
/** Something to sleep on for a millisecond between looks (Atomics.wait on a buffer nobody notifies). */
const SPIN = new Int32Array(new SharedArrayBuffer(4));

export class ServerNode {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  output = '';
  exited = false;
  /** Answered /health and has not exited since. */
  healthy = false;

  /**
   * `env` is laid over this process's environment, from which REDIS_URL and PUBLIC_ADDRESS are
   * removed first (a server joins a cluster only when told to). `nodeArgs` go before the script
   * (`--cpu-prof --cpu-prof-dir=...` profiles the process; NODE_OPTIONS refuses --cpu-prof).
   */
  constructor(port: number, env: Record<string, string>, nodeArgs: readonly string[] = []) {
    this.port = port;
    this.baseUrl = `http://127.0.0.1:${port}`;
    const merged: NodeJS.ProcessEnv = { ...process.env };
    delete merged.REDIS_URL;
    delete merged.PUBLIC_ADDRESS;
    Object.assign(merged, { PORT: String(port), HOST: '127.0.0.1' }, env);
    this.child = spawn(process.execPath, [...nodeArgs, 'src/launch.js'], { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT); };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    // Even if the caller stops before cleaning up, no server outlives it.
    const orphanGuard = () => { if (!this.exited) this.child.kill('SIGKILL'); };
    process.once('exit', orphanGuard);
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      this.healthy = false;
      this.output += `\n[exited: code ${code}, signal ${signal}]`;
      process.off('exit', orphanGuard);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * The process's CPU time so far (user + system, every thread, ms), read from /proc: unlike
   * /metrics, it does not wait behind the requests the process is busy with. Null off Linux or once exited.
   */
  cpuMs(): number | null {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      // The fields after the command name (in parentheses, which may hold spaces): utime is the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
    } catch {
      return null;
    }
  }

  async ready(timeoutMs = BOOT_TIMEOUT_MS): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.exited) throw new Error(`server exited during boot:\n${this.output}`);
      try {
        if ((await fetch(`${this.baseUrl}/health`)).status === 200) {
          this.healthy = !this.exited;
          return;
        }
      } catch { /* not listening yet */ }
      await sleep(100);
    }
    throw new Error(`server not healthy within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGTERM: resolves with the exit code once the process has shut down by itself. */
  async terminate(): Promise<number | null> {
    if (this.exited) return this.child.exitCode;
    const gone = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    return gone;
  }

  /**
   * SIGKILL, returning once the process is dead (its sockets and port released), read from /proc
   * without waiting for this event loop to hear of it: a supervisor restarting the server (systemd,
   * a container runtime) is not held up by the clients that share this process and are busy
   * noticing the loss. Off Linux, as `kill()`.
   */
  async killAtOnce(): Promise<void> {
    if (this.exited || this.child.pid === undefined) return;
    if (!existsSync('/proc/self/stat')) return this.kill();
    this.child.kill('SIGKILL');
    const pid = this.child.pid;
    const until = performance.now() + KILL_WAIT_MS;
    while (performance.now() < until) {
      let state: string;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      } catch {
        return; // reaped already
      }
      // A zombie has released everything it held; its reaping waits for the event loop.
      if (state === 'Z' || state === 'X') return;
      Atomics.wait(SPIN, 0, 0, 1);
    }
    await this.kill();
  }

  /** SIGKILL: no shutdown hook runs, nothing in flight gets finished. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await gone;
  }
}
