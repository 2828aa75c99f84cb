import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { type TestServer, makePublic } from '../helpers/server.ts';
import { baseballLeague } from '../helpers/baseball.ts';
import { signUp } from '../helpers/http.ts';
import { waitFor } from '../helpers/jobs.ts';
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
    assert.equal((await commish.client.raw('PATCH', `/api/v1/leagues/${leagueId}/teams/${teamIds[1]}`, { park: 'bandbox' })).status, 200);
    const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, { awayTeamId: teamIds[0], homeTeamId: teamIds[1], pace: 0.15 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const gameId = created.body.id as string;
    const fan = await signUp(server.baseUrl, 'fan');
    const { page } = await signedInPage(browser, server.baseUrl, fan);
    await page.goto(`/games/${gameId}`);
    await waitForText(page.getByTestId('connection'), 'Connected', 30_000);
    await waitForText(page.getByTestId('park'), 'At The Bandbox: ballpark HR a homer on d20 1-20, ballpark 1B a single on 1-8');

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
    // Each ballpark result of the play record reads as one in the play-by-play (a park homer as "BP HR").
    const ballpark = (rest.plays as Array<Record<string, number>>).filter((p) => p.bphr || p.bpfo || p.bp1b || p.bplo);
    assert.equal(await page.getByTestId('ballpark-play').count(), ballpark.length);
    const badges = await page.getByTestId('ballpark-play').allTextContents();
    assert.equal(badges.filter((b) => b === 'BP HR').length, ballpark.filter((p) => p.bphr).length);
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

  it('lets a manager make a defensive switch with a pitching change and a double switch from his panel', async () => {
    // SBA: the pitcher bats, so a double switch is possible. The manager's team is home: he fields first.
    const { commish, leagueId, teamIds, managers } = await baseballLeague(server, { rules: 'SBA', teams: 2, owned: 1 });
    const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, { awayTeamId: teamIds[1], homeTeamId: teamIds[0], decisionSeconds: 60 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const gameId = created.body.id as string;
    const { page } = await signedInPage(browser, server.baseUrl, managers[0]);
    await page.goto(`/games/${gameId}`);
    const panel = page.getByLabel('Your decision');
    await waitForText(panel, 'Your defense', 30_000);
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('[aria-label="Your decision"] button.primary')?.disabled === false, null, { timeout: 30_000 });

    // A bench player to short; a reliever in; the new pitcher bats in the shortstop's slot.
    const switcher = panel.getByRole('group', { name: 'Defensive switch' });
    await switcher.getByLabel('Position').selectOption('SS');
    const options = (label: string) => switcher.getByLabel(label).locator('option').evaluateAll((all) => all.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    const benchPlayer = (await options('Player')).find((o) => o.text.includes('(bench'))!;
    assert.ok(benchPlayer, 'the bench is offered');
    await switcher.getByLabel('Player').selectOption(benchPlayer.value);
    await switcher.getByRole('button', { name: 'Add switch' }).click();
    await waitForText(switcher.getByLabel('Switches'), `SS: ${benchPlayer.text.split(' (')[0]}`);
    const reliever = (await panel.getByLabel('Pitching change').locator('option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value))).find(Boolean)!;
    await panel.getByLabel('Pitching change').selectOption(reliever);
    const shortstop = (await options('Double switch: the new pitcher bats for')).find((o) => o.text.endsWith('(SS)'))!;
    await switcher.getByLabel('Double switch: the new pitcher bats for').selectOption(shortstop.value);
    await screenshot(page, 'game-double-switch');
    await panel.getByRole('button', { name: 'Decide' }).click();

    // The decision the server took is the one built in the page, and the play is made with it.
    const decision = await waitFor(async () => {
      const [row] = await server.app.storage.orm.em.fork().getConnection().execute(
        `select payload from stream_events where stream = ? and type = 'defense' order by seq limit 1`, [gameId]);
      return row?.payload;
    }, 30_000, 'the defense decision');
    assert.deepEqual([decision.side, decision.auto, decision.decision], ['home', false, { pitcher: reliever, fielders: { SS: benchPlayer.value }, doubleSwitch: shortstop.value }]);
    assert.equal(await panel.getByRole('alert').count(), 0, 'no refusal');
    await page.waitForFunction((name) => [...document.querySelectorAll('[aria-label="Switches"] li')].length === 0 && !document.body.textContent?.includes(`SS: ${name}`), benchPlayer.text, { timeout: 10_000 });
  });

  it('lets the commissioner postpone a game before its first pitch, and a manager forfeit his own from the page', async () => {
    const { commish, leagueId, teamIds, managers } = await baseballLeague(server, { rules: 'SBA', teams: 2, owned: 1 });
    const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, { awayTeamId: teamIds[1], homeTeamId: teamIds[0], decisionSeconds: 60 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const gameId = created.body.id as string;

    // Not started (the manager is not in): the commissioner moves the first pitch to tomorrow.
    const { page: commishPage } = await signedInPage(browser, server.baseUrl, commish);
    await commishPage.goto(`/games/${gameId}`);
    const actions = commishPage.getByLabel('Game actions');
    await actions.getByRole('button', { name: 'Cancel game' }).waitFor({ timeout: 30_000 });
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await actions.getByLabel('New first pitch').fill(local);
    await actions.getByRole('button', { name: 'Postpone' }).click();
    const moved = await waitFor(async () => {
      const game = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
      return game.scheduledAt ? game : undefined;
    }, 15_000, 'the postponed game');
    assert.equal(Math.round(Date.parse(moved.scheduledAt) / 60_000), Math.round(Date.parse(`${local}:00`) / 60_000));
    assert.equal(await actions.getByRole('alert').count(), 0, 'no refusal');

    // The manager gives up his team's game: it is final, the other team its winner.
    const { page } = await signedInPage(browser, server.baseUrl, managers[0]);
    await page.goto(`/games/${gameId}`);
    await page.getByLabel('Game actions').getByRole('button', { name: 'Forfeit' }).click();
    const over = await waitFor(async () => {
      const game = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
      return game.status === 'final' ? game : undefined;
    }, 15_000, 'the forfeited game');
    assert.equal(over.forfeitedTeamId, teamIds[0]);
    await waitForText(page.getByTestId('game-status'), 'Final', 15_000);
  });

  it('lets the challenged manager accept a challenge from the game page; the ranked game offers him no Cancel', async () => {
    const { leagueId, teamIds, managers } = await baseballLeague(server, { rules: 'SBA', teams: 2, owned: 2 });
    const created = await managers[0].client.post(`/api/v1/leagues/${leagueId}/games`, { awayTeamId: teamIds[1], homeTeamId: teamIds[0], decisionSeconds: 60 });
    assert.deepEqual([created.status, created.body.status, created.body.challengedTeamId], [201, 'proposed', teamIds[1]], JSON.stringify(created.body));
    const { page } = await signedInPage(browser, server.baseUrl, managers[1]);
    await page.goto(`/games/${created.body.id}`);
    const actions = page.getByLabel('Game actions');
    await actions.getByRole('button', { name: 'Accept challenge' }).click();
    await waitFor(async () => ((await managers[1].client.get(`/api/v1/games/${created.body.id}`)).body.status === 'scheduled' ? true : undefined), 15_000, 'the accepted game');
    await actions.getByRole('button', { name: 'Forfeit' }).waitFor({ timeout: 15_000 });
    assert.equal(await actions.getByRole('button', { name: 'Cancel game' }).count(), 0, 'a ranked game is the commissioner\'s to cancel');
  });

  it('lets a manager back in a suspended game resume it from the page: the AI plays for the one still away', async () => {
    const { commish, leagueId, teamIds, managers } = await baseballLeague(server, { rules: 'SBA', teams: 2, owned: 2 });
    const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, {
      awayTeamId: teamIds[1], homeTeamId: teamIds[0], decisionSeconds: 60, pace: 0.2, abandon: { afterSeconds: 1, then: 'suspend' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const gameId = created.body.id as string;
    const statusOf = async () => (await commish.client.get(`/api/v1/games/${gameId}`)).body.status as string;

    // Both managers in: the game starts; both leave: it is suspended after its idle second.
    const home = await signedInPage(browser, server.baseUrl, managers[0]);
    const away = await signedInPage(browser, server.baseUrl, managers[1]);
    await Promise.all([home.page.goto(`/games/${gameId}`), away.page.goto(`/games/${gameId}`)]);
    await waitForText(home.page.getByTestId('game-status'), 'Live', 30_000);
    await Promise.all([home.context.close(), away.context.close()]);
    await waitFor(async () => (await statusOf()) === 'suspended' || undefined, 20_000, 'the suspended game');

    // The home manager comes back alone: the game waits for the other, until he resumes it.
    const { page } = await signedInPage(browser, server.baseUrl, managers[0]);
    await page.goto(`/games/${gameId}`);
    await waitForText(page.getByTestId('game-status'), 'Suspended', 30_000);
    const actions = page.getByLabel('Game actions');
    await actions.getByRole('button', { name: 'Resume game' }).click();
    await waitForText(page.getByTestId('game-status'), 'Live', 15_000);
    assert.equal(await statusOf(), 'live');
    assert.equal(await actions.getByRole('alert').count(), 0, 'no refusal');
    await waitForText(page.getByText('the AI plays for them until they are back'), /AI/, 15_000);
    // Top of the 1st: his side fields, so the awaited decision is his.
    await waitForText(page.getByLabel('Your decision'), 'Your defense', 15_000);
    assert.equal(await actions.getByRole('button', { name: 'Resume game' }).count(), 0, 'a live game offers no resume');
  });
});
