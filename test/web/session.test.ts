import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { DESKTOP, launchBrowser, waitForText } from '../helpers/browser.ts';

/** The web client's session: refreshes an expired access token transparently, and signs out on the server. */
describe('web client: access and refresh tokens in Chromium', function () {
  this.timeout(90_000);
  let server: TestServer;
  let browser: Browser;
  let clock = Date.now();
  before(async () => {
    server = await startTestServer({ now: () => clock, env: { ACCESS_TOKEN_TTL_SECONDS: '60' } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the user signed in past the access token expiry (refresh once, retry), and its sign-out ends the session on the server', async () => {
    const user = await signUp(server.baseUrl, 'webber');
    await user.client.post('/api/v1/leagues', { name: 'Refresh league', sport: 'football' });
    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(page.getByRole('main'), 'Refresh league', 10_000);
    const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('clubhouse.session') ?? 'null'));
    const first = await stored();
    assert.ok(first.refreshToken, 'the refresh token is kept');

    clock += 61_000; // the access token is now expired for the server (the browser's clock does not know)
    assert.equal((await api(server.baseUrl, first.token).get('/api/v1/leagues')).status, 401);
    await page.reload();
    await waitForText(page.getByRole('main'), 'Refresh league', 10_000);
    const second = await stored();
    assert.notEqual(second.token, first.token, 'a new access token');
    assert.notEqual(second.refreshToken, first.refreshToken, 'rotated');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await stored(), null);
    const reuse = await api(server.baseUrl).post('/api/v1/auth/refresh', { refreshToken: second.refreshToken });
    assert.equal(reuse.status, 401, 'the session ended on the server');
    await context.close();
  });
});
