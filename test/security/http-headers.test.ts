import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { symbols } from 'pino';
import { log } from '../../src/log.ts';
import { REDACTED_HEADERS } from '../../src/http/api.ts';

const SITE = 'https://fantasy.example.com';

describe('security: HTTP headers, CORS and request logs', () => {
  const server = useTestServer({ env: { CORS_ORIGINS: `${SITE},http://localhost:5173` }, truncate: 'once' });

  it('sends security headers, a CSP that lets the docs page load its own script, and no X-Powered-By', async () => {
    const page = await fetch(`${server.baseUrl}/api/v1/docs`);
    const html = await page.text();
    assert.equal(page.headers.get('x-powered-by'), null);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(html, /<script>/, 'no inline script: the CSP would block it');
    const init = await fetch(`${server.baseUrl}/api/v1/docs/init.js`);
    assert.equal(init.status, 200);
    assert.match(await init.text(), /SwaggerUIBundle\(\{\s+url: "\/api\/v1\/openapi.json"/);
  });

  it('answers CORS only for a listed origin, never with a wildcard or credentials', async () => {
    const preflight = (origin: string) => fetch(`${server.baseUrl}/api/v1/leagues`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    const listed = await preflight(SITE);
    assert.equal(listed.headers.get('access-control-allow-origin'), SITE);
    assert.equal(listed.headers.get('access-control-allow-credentials'), null);
    const other = await preflight('https://evil.example');
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const plain = await fetch(`${server.baseUrl}/health`, { headers: { origin: 'https://evil.example' } });
    assert.equal(plain.headers.get('access-control-allow-origin'), null);
  });

  it('writes no bearer token, cookie or API key to the debug request log', async () => {
    const user = await signUp(server.baseUrl, 'logged');
    const lines: string[] = [];
    const stream = (log as unknown as Record<symbol, { write: (s: string) => boolean }>)[symbols.streamSym];
    const write = stream.write;
    const level = log.level;
    stream.write = (line: string) => { lines.push(line); return true; };
    log.level = 'debug';
    try {
      await api(server.baseUrl, user.token).raw('GET', '/api/v1/leagues', undefined, { cookie: 'session=secret-cookie', 'x-api-key': 'secret-key' });
    } finally {
      stream.write = write;
      log.level = level;
    }
    const logged = lines.join('');
    assert.match(logged, /\/api\/v1\/leagues/, 'the request was logged');
    for (const secret of [user.token, 'secret-cookie', 'secret-key']) assert.ok(!logged.includes(secret), `${secret.slice(0, 12)}… in the log`);
    assert.match(logged, /"authorization":"\[redacted\]"/);
    assert.ok(REDACTED_HEADERS.includes('req.headers.authorization'));
  });
});

describe('security: CORS off by default', () => {
  const server = useTestServer({ truncate: 'once' });

  it('sends no CORS headers at all without CORS_ORIGINS, whatever the Origin', async () => {
    const reply = await fetch(`${server.baseUrl}/api/v1/openapi.json`, { headers: { origin: 'https://evil.example' } });
    assert.equal(reply.headers.get('access-control-allow-origin'), null);
    assert.equal(reply.headers.get('access-control-allow-credentials'), null);
  });
});
