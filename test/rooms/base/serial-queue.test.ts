import assert from 'node:assert/strict';
import { SerialQueue } from '../../../rooms/base/serial-queue.ts';

describe('serial queue (a room\'s actions)', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('runs one job at a time in the order added, each caller getting its own outcome', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) => async () => {
      running++;
      assert.equal(running, 1, 'never two jobs at once');
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.add(job('a')), queue.add(job('b', true)), queue.add(() => 'c'), queue.add(job('d'))]);
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)), ['a', 'b', 'c', 'd']);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start d', 'end d']);
  });

  it('starts a job added to an idle queue at once, counts only waiting jobs in size, and tells when it is idle', async () => {
    const queue = new SerialQueue();
    let started = false;
    let release!: () => void;
    const first = queue.add(() => { started = true; return new Promise<void>((resolve) => { release = resolve; }); });
    assert.ok(started, 'started synchronously');
    const second = queue.add(() => 'second');
    assert.equal(queue.size, 1);
    let idle = false;
    const whenIdle = queue.onIdle().then(() => { idle = true; });
    await tick();
    assert.equal(idle, false);
    release();
    await first;
    assert.equal(await second, 'second');
    await whenIdle;
    assert.equal(queue.size, 0);
    await queue.onIdle();
  });

  it('takes a job added by a finishing job\'s caller without stalling', async () => {
    const queue = new SerialQueue();
    const outcome = await queue.add(async () => 1).then((n) => queue.add(async () => n + 1));
    assert.equal(outcome, 2);
    await queue.onIdle();
  });
});
