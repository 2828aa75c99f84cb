import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clusterMetrics, MetricsSampler, quantileMs } from '../../loadtest/lib/metrics.ts';

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
    `clubhouse_room_action_seconds_bucket{le="0.001",room="draft"} ${actions / 2}`,
    `clubhouse_room_action_seconds_bucket{le="0.01",room="draft"} ${actions}`,
    `clubhouse_room_action_seconds_bucket{le="+Inf",room="draft"} ${actions}`,
    `clubhouse_room_action_seconds_bucket{le="0.001",room="auction"} 999`,
    `clubhouse_commit_seconds_bucket{le="0.002",stage="unit"} ${actions}`,
    `clubhouse_commit_seconds_bucket{le="+Inf",stage="unit"} ${actions}`,
    `clubhouse_commit_seconds_bucket{le="0.001",stage="statement"} ${actions / 2}`,
    `clubhouse_commit_seconds_bucket{le="+Inf",stage="statement"} ${actions / 2}`,
  ].join('\n');
  const server = createServer((_req, res) => res.end(text));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

describe('load harness: the server figures of several processes', () => {
  it('sums CPU, memory, actions and commits over the processes and keeps the worst event-loop lag', async () => {
    const a = await fakeProcess(3, 1000, 0.02, 10);
    const b = await fakeProcess(4, 500, 0.05, 30);
    try {
      assert.deepEqual(await clusterMetrics([a.url, b.url], 'draft'), {
        cpu: 7, rss: 3000, heap: 1500, lagP99: 0.05, actionSum: 0.4, actionCount: 40, roomsOpen: 0, collected: false,
        actionBuckets: [[0.001, 20], [0.01, 40], [Infinity, 40]],
        commitBuckets: [[0.002, 40], [Infinity, 40]],
        statementBuckets: [[0.001, 20], [Infinity, 20]],
      });
      // One process unreadable: no figures rather than half of them.
      assert.equal(await clusterMetrics([a.url, 'http://127.0.0.1:1'], 'draft'), null);
    } finally {
      a.server.close();
      b.server.close();
    }
  });

  it('reads the percentiles of the actions timed between two scrapes from the server\'s histogram', () => {
    const before: Array<[number, number]> = [[0.001, 100], [0.002, 100], [0.01, 100], [Infinity, 100]];
    // 100 more actions: 50 under 1 ms, 40 in 1-2 ms, 9 in 2-10 ms, 1 past 10 ms.
    const after: Array<[number, number]> = [[0.001, 150], [0.002, 190], [0.01, 199], [Infinity, 200]];
    assert.equal(quantileMs(0.5, before, after), 1, 'the 50th of 100 is the last under 1 ms');
    assert.equal(quantileMs(0.7, before, after), 1.5, 'half way through the 1-2 ms bucket');
    assert.equal(quantileMs(0.99, before, after), 10, 'the 99th is the last under 10 ms');
    assert.equal(quantileMs(0.999, before, after), 10, 'in the +Inf bucket: the highest finite bound');
    assert.equal(quantileMs(0.5, after, after), null, 'nothing timed between the scrapes');
  });

  /**
   * A sampler's phase of 50 ms (a scrape every 10 ms) against a fake process answering `answer(path)`;
   * `check` runs once the phase has ended.
   */
  async function samplePhase(answer: (path: string) => string, check: (sampler: MetricsSampler) => void | Promise<void>): Promise<void> {
    const server = createServer((req, res) => res.end(answer(req.url ?? '')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sampler = new MetricsSampler([`http://127.0.0.1:${(server.address() as AddressInfo).port}`], 'draft');
    try {
      await sampler.start(10);
      await new Promise((resolve) => setTimeout(resolve, 50));
      sampler.stop();
      await check(sampler);
    } finally {
      sampler.stop();
      server.close();
    }
  }

  it('opens the measured phase after a garbage collection, so the setup\'s garbage is not charged to its actions', async () => {
    const asked: string[] = [];
    await samplePhase((path) => {
      asked.push(path);
      return 'process_cpu_seconds_total 1\nnodejs_heap_size_used_bytes 100';
    }, () => {
      assert.equal(asked[0], '/metrics?gc=1', 'the opening scrape collects first');
      assert.ok(asked.length > 1 && asked.slice(1).every((path) => path === '/metrics'), 'the periodic scrapes do not');
    });
  });

  it('leaves the opening collection\'s pause out of the phase\'s event-loop lag', async () => {
    // Like prom-client, the fake's lag is what the loop saw since the last scrape: the scrape after
    // the collection reports its 3 s pause, every later one 20 ms.
    let collectedAt = -1;
    let scrapes = 0;
    await samplePhase((path) => {
      if (path === '/metrics?gc=1') collectedAt = scrapes;
      const lag = scrapes++ === collectedAt + 1 ? 3 : 0.02;
      return `process_cpu_seconds_total 1\nnodejs_heap_size_used_bytes 100\nnodejs_eventloop_lag_p99_seconds ${lag}`;
    }, async (sampler) => {
      await sampler.end();
      assert.ok(sampler.samples.length > 0);
      assert.equal(sampler.figures(1, 1, 1)?.eventLoopLagP99MsMax, 20);
    });
  });
});
