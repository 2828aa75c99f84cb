import assert from 'node:assert/strict';
import { TEST_REDIS_URL, useTestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';

describe('health and metrics', () => {
  describe('without Redis', () => {
    const server = useTestServer({ truncate: 'once' });

    it('answers GET /health with 200 and every dependency\'s state, without a token', async () => {
      const reply = await api(server.baseUrl).get('/health');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.status, 'ok');
      assert.equal(reply.body.database, 'up');
      assert.equal(reply.body.redis, 'disabled');
      assert.equal(reply.body.storage, 'postgresql');
      assert.equal(typeof reply.body.uptimeSeconds, 'number');
    });

    it('answers GET /metrics with Prometheus text: request counters and process metrics', async () => {
      await api(server.baseUrl).get('/health'); // at least one counted request
      const reply = await api(server.baseUrl).get('/metrics');
      assert.equal(reply.status, 200);
      assert.match(reply.headers.get('content-type') ?? '', /^text\/plain/);
      const text = reply.body as string;
      assert.equal(typeof text, 'string');
      assert.match(text, /^# HELP clubhouse_http_requests_total /m);
      assert.match(text, /^# TYPE clubhouse_http_requests_total counter$/m);
      assert.match(text, /^clubhouse_http_requests_total\{method="GET",route="\/health",status="200"\} \d+$/m);
      assert.match(text, /^process_cpu_user_seconds_total [\d.e+-]+$/m);
      // Open handles are counted by the cheap resources gauge, not by listing every socket per scrape.
      assert.match(text, /^nodejs_active_resources_total \d+$/m);
      assert.doesNotMatch(text, /^nodejs_active_handles/m);
      // Nor is /proc/self/fd listed (one entry per socket) in the scrape's turn.
      assert.doesNotMatch(text, /^process_open_fds/m);
    });

    it('does not collect garbage for a scrape outside load-test mode', async () => {
      const reply = await api(server.baseUrl).get('/metrics?gc=1');
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get('x-heap-collected'), null);
    });
  });

  describe('with Redis', () => {
    const server = useTestServer({ env: { REDIS_URL: TEST_REDIS_URL }, truncate: 'once' });

    it('reports redis up', async () => {
      const reply = await api(server.baseUrl).get('/health');
      assert.equal(reply.status, 200);
      assert.deepEqual(
        { status: reply.body.status, database: reply.body.database, redis: reply.body.redis },
        { status: 'ok', database: 'up', redis: 'up' },
      );
    });
  });
});
