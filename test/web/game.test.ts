import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { type TestServer, makePublic } from '../helpers/server.ts';
import { baseballLeague } from '../helpers/baseball.ts';
import { signUp } from '../helpers/http.ts';
import { PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';

/** The acceptance test of the game page: a spectator watches an AI-vs-AI game to the final. */
describe('web client: live baseball game in Chromium', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  it('shows the game live to the final: line score as the box score, one WP point per play, dice verified in the browser', async () => {
    const { commish, leagueId, teamIds } = await baseballLeague(server, { teams: 2, owned: 0 });
    await makePublic(server.app, leagueId); // its spectator is no member: a public league's rooms are anyone's to watch
    const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, { awayTeamId: teamIds[0], homeTeamId: teamIds[1], pace: 0.15 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const gameId = created.body.id as string;
    const fan = await signUp(server.baseUrl, 'fan');
    const { page } = await signedInPage(browser, server.baseUrl, fan);
    await page.goto(`/games/${gameId}`);
    await waitForText(page.getByTestId('connection'), 'Connected', 30_000);

    // Live: plays arrive with their dice; a screenshot mid-game.
    await page.getByLabel('Last play').locator('.die').first().waitFor({ timeout: 15_000 });
    await waitForText(page.getByLabel('Line score'), /\d/);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=wp-chart]')?.getAttribute('data-points')) >= 20, null, { timeout: 30_000 });
    await screenshot(page, 'game-live');

    await waitForText(page.getByTestId('game-status'), 'final', 90_000);
    const rest = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
    assert.equal(rest.status, 'final');

    // The line score on the page is the REST box score's, inning by inning and in total.
    for (const side of ['away', 'home'] as const) {
      await waitForText(page.getByTestId(`runs-${side}`), String(rest.lineScore.totals[side].r));
      const cells = await page.locator(`table.linescore tr[data-side=${side}] td`).allTextContents();
      const innings = rest.lineScore[side] as Array<number | null>;
      innings.forEach((runs, i) => assert.equal(cells[i], runs === null ? '' : String(runs), `${side} inning ${i + 1}`));
    }
    // One win-probability point per play.
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=wp-chart]')?.getAttribute('data-points')) === n, rest.plays.length, { timeout: 10_000 });

    // The dice: recomputed in the page from the revealed seed (WebCrypto).
    await page.getByRole('button', { name: 'Verify dice' }).click();
    const rolls = rest.plays.reduce((n: number, p: { dice: unknown[] }) => n + p.dice.length, 0);
    await waitForText(page.getByTestId('dice-verdict'), `SHA-256(seed) matches the commitment · all ${rolls} rolls recompute`, 15_000);
    await screenshot(page, 'game-final');

    const phone = await signedInPage(browser, server.baseUrl, fan, PHONE);
    await phone.page.goto(`/games/${gameId}`);
    await waitForText(phone.page.getByTestId('game-status'), 'final', 10_000);
    await screenshot(phone.page, 'game-phone');
    await phone.context.close();
  });
});
