/**
 * One job at a time, in the order added: a room's action queue (rooms/base/LeagueRoom.ts). What the
 * room needs of p-queue at concurrency 1, without its per-job bookkeeping (events, timeouts, abort
 * signals), which every pick paid for. A job added to an idle queue starts at once, synchronously,
 * as with p-queue.
 */
export class SerialQueue {
  readonly #jobs: Array<() => Promise<void>> = [];
  #running = false;
  #idle: Array<() => void> = [];

  /** Jobs waiting to start (the one running not counted). */
  get size(): number {
    return this.#jobs.length;
  }

  /** Resolves (or rejects) with the job's outcome once it has run. */
  add<T>(job: () => Promise<T> | T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push(async () => {
        try {
          resolve(await job());
        } catch (error) {
          reject(error);
        }
      });
      if (!this.#running) void this.#run();
    });
  }

  /** Resolves once no job is waiting or running. */
  onIdle(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      for (let job = this.#jobs.shift(); job; job = this.#jobs.shift()) await job();
    } finally {
      this.#running = false;
      const idle = this.#idle;
      this.#idle = [];
      for (const resolve of idle) resolve();
    }
  }
}
