import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';

const PASSWORD = 'correct horse battery staple';

/** Signing up, out and in through the forms; a league made and joined with its invite, by clicking. */
describe('web client: account and leagues in Chromium', function () {
  this.timeout(90_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  const signInForm = async (page: Page, username: string, password: string) => {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };

  it('registers through the form (password rules shown), signs out, refuses a wrong password, signs in', async () => {
    const context = await browser.newContext({ viewport: PHONE, baseURL: server.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    await screenshot(page, 'signin');
    await page.getByRole('button', { name: 'Register' }).click();
    await waitForText(page.locator('#password-rules'), 'At least 10 characters');
    await page.getByLabel('Username').fill('pat_form');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Register' }).click();
    await waitForText(page.getByRole('heading'), 'My leagues');
    await waitForText(page.locator('header.top'), 'pat_form');
    // The account exists on the server: the API signs it in with the same password.
    assert.equal((await api(server.baseUrl).post('/api/v1/auth/login', { username: 'pat_form', password: PASSWORD })).status, 200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForText(page.getByRole('heading'), 'Sign in');
    assert.equal(await page.evaluate(() => localStorage.getItem('clubhouse.session')), null, 'the token is gone');

    await signInForm(page, 'pat_form', 'not the password at all');
    const refusal = (await api(server.baseUrl).post('/api/v1/auth/login', { username: 'pat_form', password: 'not the password at all' })).body;
    await waitForText(page.getByRole('alert'), refusal.error.message);
    await screenshot(page, 'signin-refused');

    await signInForm(page, 'pat_form', PASSWORD);
    await waitForText(page.getByRole('heading'), 'My leagues');
    await context.close();
  });

  it('creates a league with a visibility, adds teams, and a second user joins with the invite link', async () => {
    const commish = await signUp(server.baseUrl, 'boss');
    const { page } = await signedInPage(browser, server.baseUrl, commish, PHONE);
    await page.goto('/');
    await waitForText(page.getByRole('heading'), 'My leagues');
    await page.getByLabel('League name').fill('Sunday Club');
    await page.getByLabel('Sport').selectOption('football');
    await page.getByLabel('Who can see it').selectOption('public');
    const created = page.waitForRequest((r) => r.url().endsWith('/api/v1/leagues') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Create league' }).click();
    assert.equal((await created).postDataJSON().visibility, 'public', 'the form sends the visibility');
    await waitForText(page.getByRole('heading', { level: 1 }), 'Sunday Club');
    const leagueId = /\/leagues\/([0-9a-f-]{36})/.exec(page.url())![1];

    await page.getByRole('tab', { name: 'Commissioner' }).click();
    for (const name of ['Owls', 'Hawks']) {
      await page.getByLabel('Team name').fill(name);
      await page.getByRole('button', { name: 'Add team' }).click();
      // The roster-moves team list reloads with each new team.
      await page.locator('select option', { hasText: name }).first().waitFor({ state: 'attached' });
    }
    await page.getByRole('tab', { name: 'Teams' }).click();
    const teams = (await commish.client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items as Array<{ id: string; name: string; ownerId: string | null }>;
    assert.deepEqual(teams.map((t) => t.name), ['Owls', 'Hawks']);
    for (const team of teams) await waitForText(page.locator('.cards .card h3'), team.name);
    await screenshot(page, 'league-teams');

    await page.getByRole('tab', { name: 'Commissioner' }).click();
    const invite = await page.getByLabel('Invite link').inputValue();
    await screenshot(page, 'league-commissioner');

    // A second user pastes the link on My leagues, accepts, and manages the first open team.
    const guest = await signUp(server.baseUrl, 'guest');
    const other = await signedInPage(browser, server.baseUrl, guest, PHONE);
    await other.page.goto('/');
    await other.page.getByLabel('Invite link').fill(invite);
    await other.page.getByRole('button', { name: 'Open invite' }).click();
    await other.page.getByRole('button', { name: 'Join and claim a team' }).click();
    await waitForText(other.page.getByRole('heading', { level: 1 }), 'Sunday Club');
    await waitForText(other.page.locator('.page-head'), 'you: manager');
    const after = (await guest.client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items as typeof teams;
    const claimed = after.find((t) => t.ownerId === guest.userId);
    assert.ok(claimed, 'the guest owns a team');
    await waitForText(other.page.locator('.card.mine h3'), claimed.name);
    await waitForText(other.page.locator('.card.mine'), `Manager: ${guest.username}`);
    await other.context.close();
  });
});
