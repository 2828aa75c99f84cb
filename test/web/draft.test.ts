import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { type TestServer, makePublic } from '../helpers/server.ts';
import { createDraft, leagueWithManagers } from '../helpers/league-rooms.ts';
import { signUp } from '../helpers/http.ts';
import { LIVE_MS, PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';

/** The acceptance test of the draft room in a real browser: commissioner, manager and spectator click through a snake draft. */
describe('web client: draft room in Chromium', function () {
  this.timeout(90_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  const cell = (page: Page, overall: number) => page.locator(`td[data-overall="${overall}"]`);

  it('runs a snake draft by clicking: live picks everywhere, a refused click explained, an autopick on a clock that ran out, queues private', async () => {
    // Two teams: team 1 has a manager, team 2 none (the commissioner picks for it, then its clock runs out).
    const { commish, leagueId, managers, teamIds, players } = await leagueWithManagers(server, { teams: 2, owned: 1 });
    const manager = managers[0];
    const draft = await createDraft(commish, leagueId, { type: 'snake', rounds: 2, pickSeconds: 6, order: teamIds });
    await makePublic(server.app, leagueId); // its spectator is no member: a public league's rooms are anyone's to watch
    const spectatorUser = await signUp(server.baseUrl, 'fan');

    const pages = await Promise.all([commish, manager, spectatorUser].map(async (user) => (await signedInPage(browser, server.baseUrl, user)).page));
    const [boss, mgr, fan] = pages;
    await Promise.all(pages.map((page) => page.goto(`/drafts/${draft.id}`)));
    await Promise.all(pages.map((page) => waitForText(page.getByTestId('connection'), 'Connected', 30_000)));
    await fan.getByText('Spectating').waitFor();

    // The manager queues a player before the start: only his page shows a queue.
    const queued = players[5];
    const queuedName = await playerName(mgr, queued.id);
    await mgr.getByRole('button', { name: `Queue ${queuedName}` }).click();
    await waitForText(mgr.getByLabel('My queue'), queuedName);

    await boss.getByRole('button', { name: 'Start draft' }).click();
    await waitForText(mgr.getByTestId('draft-status'), 'live');

    // Pick 1: the manager clicks; the board of every page shows it within a second.
    const first = await firstAvailable(mgr);
    await mgr.getByRole('button', { name: `Draft ${first}` }).click();
    await Promise.all([boss, fan].map((page) => waitForText(cell(page, 1), first, LIVE_MS)));

    // Pick 2 is the other team's: the manager's click is refused and the page says why.
    const second = await firstAvailable(mgr);
    await mgr.getByRole('button', { name: `Draft ${second}` }).click();
    await waitForText(mgr.getByRole('alert'), 'It is not your turn');
    assert.equal(await cell(fan, 2).textContent().then((t) => t?.includes(second)), false);

    // The commissioner picks for the team on the clock.
    await boss.getByRole('button', { name: `Pick ${second} for the team on the clock` }).click();
    await Promise.all([mgr, fan].map((page) => waitForText(cell(page, 2), second, LIVE_MS)));
    await screenshot(fan, 'draft-board');

    // Pick 3 (snake: the same team again): nobody picks, its 6 s run out, the server autopicks.
    await waitForText(cell(fan, 3), 'auto', 15_000);
    await waitForText(fan.getByLabel('Teams'), 'auto');

    // Pick 4: the manager's; he picks his queued player (still available) and the draft completes.
    await mgr.getByRole('button', { name: `Draft ${queuedName}` }).click();
    await Promise.all(pages.map((page) => waitForText(cell(page, 4), queuedName, LIVE_MS)));
    await waitForText(fan.getByLabel('On the clock'), 'Draft complete');

    // The spectator never had a queue to see: neither the panel nor the manager's queued player in one.
    assert.equal(await fan.getByLabel('My queue').count(), 0);
    assert.equal(await boss.getByLabel('My queue').count(), 0);
    await screenshot(mgr, 'draft-board-complete');

    // Phone width: the same page, usable (the board scrolls sideways inside its card).
    const phone = await signedInPage(browser, server.baseUrl, spectatorUser, PHONE);
    await phone.page.goto(`/drafts/${draft.id}`);
    await waitForText(cell(phone.page, 4), queuedName, 10_000);
    await screenshot(phone.page, 'draft-board-phone');
    await phone.context.close();
  });

  it('rejoins after a reload and shows the current board', async () => {
    const { commish, leagueId, managers, teamIds } = await leagueWithManagers(server, { teams: 2 });
    const draft = await createDraft(commish, leagueId, { type: 'snake', rounds: 1, pickSeconds: 60, order: teamIds });
    const { page } = await signedInPage(browser, server.baseUrl, managers[0]);
    await page.goto(`/drafts/${draft.id}`);
    const boss = (await signedInPage(browser, server.baseUrl, commish)).page;
    await boss.goto(`/drafts/${draft.id}`);
    await waitForText(boss.getByTestId('connection'), 'Connected', 30_000);
    await boss.getByRole('button', { name: 'Start draft' }).click();
    await waitForText(page.getByTestId('draft-status'), 'live');
    const name = await firstAvailable(page);
    await page.getByRole('button', { name: `Draft ${name}` }).click();
    await waitForText(cell(page, 1), name, LIVE_MS);
    await page.reload();
    await waitForText(cell(page, 1), name, 10_000);
    await waitForText(page.getByTestId('current-pick'), '2');
  });
});

async function playerName(page: Page, playerId: string): Promise<string> {
  const reply = await page.evaluate(async (id) => {
    const session = JSON.parse(localStorage.getItem('clubhouse.session')!);
    return (await fetch(`/api/v1/players/${id}`, { headers: { authorization: `Bearer ${session.token}` } })).json();
  }, playerId);
  return reply.name as string;
}

/** The best-ranked player the page lists as available. */
async function firstAvailable(page: Page): Promise<string> {
  const row = page.getByLabel('Available players').locator('tbody tr').first();
  await row.waitFor();
  return (await row.getAttribute('data-player'))!;
}
