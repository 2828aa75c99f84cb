import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clusterMetrics, MetricsSampler } from '../../loadtest/lib/metrics.ts';

/** A stand-in server process answering /metrics with fixed Prometheus text. */
function fakeProcess(cpu: number, heap: number, lagP99: number, actions: number): Promise<{ url: string; server: Server }> {
  const text = [
    `process_cpu_seconds_total ${cpu}`,
    `process_resident_memory_bytes ${heap * 2}`,
    `nodejs_heap_size_used_bytes ${heap}`,
    `nodejs_eventloop_lag_p99_seconds ${lagP99}`,
    `clubhouse_room_action_seconds_sum{room="draft"} ${actions / 100}`,
    `clubhouse_room_action_seconds_count{room="draft"} ${actions}`,
    `clubhouse_room_action_seconds_count{room="auction"} 999`,
  ].join('\n');
  const server = createServer((_req, res) => res.end(text));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

describe('load harness: the server figures of several processes', () => {
  it('sums CPU, memory and actions over the processes and keeps the worst event-loop lag', async () => {
    const a = await fakeProcess(3, 1000, 0.02, 10);
    const b = await fakeProcess(4, 500, 0.05, 30);
    try {
      assert.deepEqual(await clusterMetrics([a.url, b.url], 'draft'), {
        cpu: 7, rss: 3000, heap: 1500, lagP99: 0.05, actionSum: 0.4, actionCount: 40, roomsOpen: 0, collected: false,
      });
      // One process unreadable: no figures rather than half of them.
      assert.equal(await clusterMetrics([a.url, 'http://127.0.0.1:1'], 'draft'), null);
    } finally {
      a.server.close();
      b.server.close();
    }
  });

  it('opens the measured phase after a garbage collection, so the setup\'s garbage is not charged to its actions', async () => {
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.end('process_cpu_seconds_total 1\nnodejs_heap_size_used_bytes 100');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sampler = new MetricsSampler([url], 'draft');
    try {
      await sampler.start(10);
      await new Promise((resolve) => setTimeout(resolve, 50));
      sampler.stop();
      assert.equal(asked[0], '/metrics?gc=1', 'the opening scrape collects first');
      assert.ok(asked.length > 1 && asked.slice(1).every((path) => path === '/metrics'), 'the periodic scrapes do not');
    } finally {
      sampler.stop();
      server.close();
    }
  });
});
