import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { runRestFuzz } from '../../loadtest/lib/rest-fuzz.ts';
import { signUp } from '../helpers/http.ts';

const cursor = (text: string) => Buffer.from(text).toString('base64url');

describe('REST fuzzing (npm run fuzz, bounded)', () => {
  const server = useTestServer({ truncate: 'once' });

  it('refuses a NUL character in a name and forged cursors with 400 INVALID_INPUT (they were 500s)', async () => {
    const user = await signUp(server.baseUrl, 'crafted');
    const league = await user.client.post('/api/v1/leagues', { name: 'Nul\u0000League', sport: 'football' });
    assert.equal(league.status, 400);
    assert.equal(league.body.error.details.fields[0].path, 'name');
    const id = crypto.randomUUID();
    for (const forged of [cursor(`[1e400, "${id}"]`), cursor('[1, "------------------------------------"]'), cursor(`[${2 ** 40}, "${id}"]`), '!!!']) {
      const reply = await user.client.get(`/api/v1/players?sport=football&cursor=${forged}`);
      assert.equal(reply.status, 400, forged);
      assert.equal(reply.body.error.code, 'INVALID_INPUT');
    }
  });

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
