import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { useTestServer } from '../helpers/server.ts';
import { ensureWebBuilt } from '../helpers/browser.ts';
import { WEB_DIST } from '../../src/http/web.ts';

/** The web client as the server serves it: static files, cache headers, SPA fallback, the API untouched. */
describe('web client files', () => {
  before(() => { ensureWebBuilt(); });
  const server = useTestServer({ truncate: 'once' });

  const get = (path: string, accept = 'text/html') => fetch(`${server.baseUrl}${path}`, { headers: { accept } });

  it('serves index.html at / without caching it', async () => {
    const reply = await get('/');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('cache-control'), 'no-cache');
    assert.match(await reply.text(), /<div id="app">/);
  });

  it('caches hashed assets for a year', async () => {
    const script = readdirSync(`${WEB_DIST}assets`).find((name) => name.endsWith('.js'))!;
    const reply = await get(`/assets/${script}`, '*/*');
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get('cache-control') ?? '', /max-age=31536000.*immutable/);
    assert.equal((await get('/assets/missing-123.js', '*/*')).status, 404);
  });

  it('answers a client route with index.html after a reload', async () => {
    const reply = await get('/drafts/2f9b4d6e-0000-4000-8000-000000000000');
    assert.equal(reply.status, 200);
    assert.match(await reply.text(), /<div id="app">/);
  });

  it('leaves the API, health and metrics to the server', async () => {
    const unknown = await get('/api/nothing-here');
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).error.code, 'NOT_FOUND');
    assert.equal((await get('/api/v1/leagues')).status, 401);
    assert.match((await get('/metrics', '*/*')).headers.get('content-type') ?? '', /text\/plain/);
  });
});
