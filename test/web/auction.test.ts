import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { createDraft, leagueWithManagers } from '../helpers/league-rooms.ts';
import { LIVE_MS, PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';

/** The acceptance test of the auction room: two bidders and the commissioner, by clicking. */
describe('web client: auction room in Chromium', function () {
  this.timeout(90_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  it('runs a short auction with two bidders: nominate, outbid, a bid over the max refused, lots sold at their price', async () => {
    const { commish, leagueId, managers, teamIds } = await leagueWithManagers(server, { teams: 2 });
    const auction = await createDraft(commish, leagueId, { type: 'auction', budget: 10, rosterSlots: 1, bidSeconds: 8, nominationSeconds: 30, resetFloorSeconds: 3, order: teamIds });
    const [boss, alice, bob] = await Promise.all([commish, ...managers].map(async (user) => (await signedInPage(browser, server.baseUrl, user)).page));
    await Promise.all([boss, alice, bob].map((page) => page.goto(`/drafts/${auction.id}`)));
    await Promise.all([boss, alice, bob].map((page) => waitForText(page.getByTestId('connection'), 'Connected', 30_000)));

    await boss.getByRole('button', { name: 'Start auction' }).click();
    await waitForText(alice.getByLabel('Current lot'), 'Team 1 nominates');

    // Alice (team 1) nominates the best player at $1; Bob sees the lot and bids the increment.
    const player = (await alice.getByLabel('Available players').locator('tbody tr').first().getAttribute('data-player'))!;
    await alice.getByRole('button', { name: `Nominate ${player}` }).click();
    await waitForText(bob.getByTestId('lot-player'), player, LIVE_MS);
    await bob.getByRole('button', { name: 'Bid $2' }).click();
    await waitForText(alice.getByTestId('high-bid'), '$2', LIVE_MS);
    await waitForText(alice.getByTestId('high-bidder'), 'Team 2');

    // Alice jumps by 5 to $7; Bob may bid at most his max bid ($10 budget, one open slot): his +5
    // would be $12, refused, and his page says why.
    await alice.getByRole('button', { name: '+5 ($7)' }).click();
    await waitForText(bob.getByTestId('high-bid'), '$7', LIVE_MS);
    await screenshot(bob, 'auction');
    await bob.getByRole('button', { name: '+5 ($12)' }).click();
    await waitForText(bob.getByRole('alert'), 'more than you may bid');

    // Nobody bids again: the lot closes and Alice won him at $7; her budget shows it.
    await waitForText(boss.getByLabel('Won players'), `${player}`, 10_000);
    await waitForText(boss.getByLabel('Won players'), '$7');
    await waitForText(bob.getByLabel('Budgets'), '$3', LIVE_MS);

    // Bob nominates the next; the only bidder left with a slot, he wins it at $1.
    await waitForText(bob.getByLabel('Current lot'), 'Team 2 nominates', 10_000);
    const next = (await bob.getByLabel('Available players').locator('tbody tr').first().getAttribute('data-player'))!;
    assert.notEqual(next, player);
    await bob.getByRole('button', { name: `Nominate ${next}` }).click();
    await waitForText(alice.getByTestId('auction-status'), 'complete', 15_000);
    await waitForText(alice.getByLabel('Won players'), next);

    const phone = await signedInPage(browser, server.baseUrl, managers[1], PHONE);
    await phone.page.goto(`/drafts/${auction.id}`);
    await waitForText(phone.page.getByLabel('Won players'), next, 10_000);
    await screenshot(phone.page, 'auction-phone');
    await phone.context.close();
  });
});
