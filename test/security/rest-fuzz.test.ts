import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { runRestFuzz } from '../../loadtest/lib/rest-fuzz.ts';

describe('REST fuzzing (npm run fuzz, bounded)', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => { await server.close(); });

  it('answers hostile paths, queries, bodies and headers on every route without a 500 or a dropped connection', async function () {
    this.timeout(120_000);
    const report = await runRestFuzz({ baseUrl: server.baseUrl, requests: 400, seed: 7, concurrency: 4 });
    assert.deepEqual(report.serverErrors, []);
    assert.equal(report.crashes, 0);
    assert.equal(report.sent, 400);
    assert.ok(report.operations > 20, `walked ${report.operations} operations`);
    assert.ok((report.byStatusClass['4xx'] ?? 0) > 100, JSON.stringify(report.byStatusClass));
  });
});
