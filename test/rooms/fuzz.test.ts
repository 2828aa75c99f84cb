import assert from 'node:assert/strict';
import { seed } from '../../src/db/seed.ts';
import { useTestServer } from '../helpers/server.ts';
import { runFuzz } from '../../loadtest/lib/fuzz.ts';

describe('fuzzing every room kind', function () {
  this.timeout(120_000);
  const server = useTestServer({ truncate: 'once' });
  before(async () => { await seed(server.app.storage.orm, { withLeagues: false }); });

  it('survives random, malformed, oversize and flooding messages with every room intact', async () => {
    const report = await runFuzz({ baseUrl: server.baseUrl, messages: 400, seed: 7, ratePerClient: 200 });
    assert.equal(report.crashes, 0);
    assert.deepEqual(report.invariantViolations, []);
    assert.ok(report.sent >= 1200, `sent ${report.sent}`);
    assert.ok(report.errorsReturned > report.sent / 4, 'most garbage is answered with an error');
    assert.ok(report.clientsDropped > 0, 'floods and oversize messages drop their client');
    const health = await fetch(`${server.baseUrl}/health`);
    assert.equal(health.status, 200);
  });
});
