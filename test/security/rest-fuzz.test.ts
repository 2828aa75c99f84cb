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

  it('refuses a lone UTF-16 surrogate in a name or a settings key with 400 INVALID_INPUT (a jsonb column made it a 500)', async () => {
    const user = await signUp(server.baseUrl, 'surrogate');
    const league = (await user.client.post('/api/v1/leagues', { name: 'Whole', sport: 'football' })).body.id;
    const renamed = await user.client.raw('PATCH', `/api/v1/leagues/${league}`, { name: '\ud800x' });
    assert.deepEqual([renamed.status, renamed.body.error?.details?.fields?.[0]?.path], [400, 'name']);
    const keyed = await user.client.raw('PATCH', `/api/v1/leagues/${league}`, { settings: { roster: { maxPerPosition: { '\udc00': 1 } } } });
    assert.deepEqual([keyed.status, keyed.body.error?.code], [400, 'INVALID_INPUT']);
    assert.equal((await user.client.post('/api/v1/leagues', { name: 'Half \ud83d', sport: 'football' })).status, 400, 'not stored mangled either');
    assert.equal((await user.client.get(`/api/v1/leagues/${league}`)).body.name, 'Whole');
    assert.equal((await user.client.post('/api/v1/leagues', { name: 'Whole 💥', sport: 'football' })).status, 201, 'a pair is fine');
  });

  it('refuses times PostgreSQL cannot store (year 0, or past 9999 after the offset) with 400 INVALID_INPUT (they were 500s)', async () => {
    const user = await signUp(server.baseUrl, 'timely');
    const league = (await user.client.post('/api/v1/leagues', { name: 'Timely', sport: 'football' })).body.id;
    const baseball = (await user.client.post('/api/v1/leagues', { name: 'Timely nine', sport: 'baseball' })).body.id;
    for (const from of ['0000-01-01', '0000-01-01T00:00:00%2B05:00', '9999-12-31T23:00:00-05:00']) {
      const reply = await user.client.get(`/api/v1/leagues/${baseball}/games?from=${from}`);
      assert.deepEqual([reply.status, reply.body.error?.code], [400, 'INVALID_INPUT'], from);
    }
    const draft = await user.client.post(`/api/v1/leagues/${league}/drafts`, { type: 'snake', scheduledAt: '0000-01-01T00:00:00+05:00' });
    assert.deepEqual([draft.status, draft.body.error.details.fields[0].path], [400, 'scheduledAt']);
    assert.deepEqual((await user.client.get(`/api/v1/leagues/${league}/drafts`)).body.items, [], 'nothing stored');
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
