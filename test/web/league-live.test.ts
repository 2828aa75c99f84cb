import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { footballLine, emOf } from '../helpers/scoring.ts';
import { notify } from '../../src/notifications/service.ts';
import { LIVE_MS, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';
import { ingest, liveLeague } from '../league-live/helpers.ts';

/** The league page's Live tab: the league room's scoreboard and my notifications, as they happen. */
describe('web client: the live league scoreboard and notifications in Chromium', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  it('shows an ingested line\'s points and a new notification without a reload', async () => {
    const { managers, leagueId, teamIds, admin } = await liveLeague(server);
    const { page } = await signedInPage(browser, server.baseUrl, managers[0]);
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: 'Live' }).click();
    const board = page.getByRole('table', { name: 'Live scoreboard' });
    await waitForText(board.locator(`tr[data-team="${teamIds[0]}"]`), '0.00');
    await waitForText(page.getByRole('region', { name: 'Notifications' }), 'None yet.');

    await ingest(admin, [footballLine('football:qb-01', { passYards: 250 })]);
    await waitForText(board.locator(`tr[data-team="${teamIds[0]}"] td[data-col="points"]`), '10.00', 10_000);
    assert.equal(await board.locator('tbody tr').first().getAttribute('data-team'), teamIds[0], 'best first');

    await notify(emOf(server), managers[0].userId, 'periodFinal', { leagueId, period: '2026-W01' });
    const notifications = page.getByRole('region', { name: 'Notifications' });
    await waitForText(notifications, 'A scoring period is final', LIVE_MS + 1000);
    await screenshot(page, 'league-live');
    await notifications.getByRole('button', { name: 'Mark all read' }).click();
    await notifications.getByRole('button', { name: 'Mark all read' }).waitFor({ state: 'detached' });
    assert.equal((await managers[0].client.get('/api/v1/me/notifications?unread=true')).body.items.length, 0);
  });
});
