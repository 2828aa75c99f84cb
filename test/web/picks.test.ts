import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/jobs.ts';
import { emOf, transactionLeague } from '../helpers/transactions.ts';
import { WaiverPlayer } from '../../src/db/entities/index.ts';
import { createDraft } from '../helpers/league-rooms.ts';
import { DESKTOP, LIVE_MS, PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';

interface PickBook { seasons: number[]; rounds: number; teams: Array<{ teamId: string; name: string; picks: Array<{ season: number; round: number; originalTeamId: string }> }> }

/** Future draft picks in the web client: offered in a trade, listed by holder, honoured on the draft board; trades and waiver runs announced live. */
describe('web client: future draft picks and transaction notices in Chromium', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  const openTab = async (page: Page, leagueId: string, tab: string) => {
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: tab, exact: true }).click();
  };

  it('a manager offers next season\'s first-round pick for a player, the other accepts, the commissioner approves: the Picks tab equals GET /picks, the draft board and clock name the holder, the Live tab hears it without a reload', async () => {
    const l = await transactionLeague(server, { teams: 2, settings: { trades: { review: 'commissioner' }, waivers: { periodDays: 0 } } });
    const [a, b] = l.managers;
    const [wr1] = l.byPosition('WR');
    assert.equal((await l.commish.client.post(`${l.team(b.teamId)}/players`, { playerIds: [wr1] })).status, 201);
    const wr1Name = ((await a.client.get('/api/v1/players?sport=football&limit=200')).body.items as Array<{ id: string; name: string }>).find((p) => p.id === wr1)!.name;
    const picksNow = async () => (await a.client.get(`${l.base}/picks`)).body as PickBook;
    const season = (await picksNow()).seasons[1];
    const pickText = `${season} round 1 (Team 1's)`;

    // Manager A keeps the Live tab open in a page of his own all along.
    const watcher = await signedInPage(browser, server.baseUrl, a, DESKTOP);
    await openTab(watcher.page, l.leagueId, 'Live');
    await waitForText(watcher.page.getByRole('region', { name: 'Notifications' }), 'None yet.');

    const offerer = await signedInPage(browser, server.baseUrl, a, DESKTOP);
    await openTab(offerer.page, l.leagueId, 'Trades');
    const form = offerer.page.getByLabel('Propose a trade');
    await form.getByLabel('Trade with').selectOption(b.teamId);
    const mine = form.getByRole('group', { name: /Team 1.* gives/ });
    await mine.getByText(/^Draft picks \(\d+\)$/).click();
    await mine.getByLabel(pickText, { exact: true }).check();
    await form.getByRole('group', { name: /Team 2 give/ }).getByLabel(wr1Name).check();
    await screenshot(offerer.page, 'transactions-trade-picks');
    await form.getByRole('button', { name: 'Offer trade' }).click();
    const offered = await waitFor(async () => ((await a.client.get(`${l.base}/trades`)).body.items as Array<{ id: string; gives: string[]; gets: string[]; givesPicks: unknown[]; getsPicks: unknown[] }>)[0], 5000, 'the offer');
    assert.deepEqual([offered.gives, offered.gets, offered.givesPicks, offered.getsPicks], [[], [wr1], [{ season, round: 1, originalTeamId: a.teamId }], []]);

    // B accepts in his own browser: the card names the pick.
    const receiver = await signedInPage(browser, server.baseUrl, b, PHONE);
    await openTab(receiver.page, l.leagueId, 'Trades');
    const card = receiver.page.locator(`[data-trade="${offered.id}"]`);
    await waitForText(card, `Team 1 gives ${pickText}`);
    await card.getByRole('button', { name: 'Accept', exact: true }).click();
    await waitForText(card.locator('.badge'), 'review');

    // The commissioner approves: the pick is Team 2's now.
    const commish = await signedInPage(browser, server.baseUrl, l.commish, DESKTOP);
    await openTab(commish.page, l.leagueId, 'Trades');
    await commish.page.locator(`[data-trade="${offered.id}"]`).getByRole('button', { name: 'Approve' }).click();
    await waitForText(commish.page.getByLabel('Decided trades').locator(`[data-trade="${offered.id}"]`), 'executed');
    const book = await picksNow();
    assert.ok(book.teams.find((t) => t.teamId === b.teamId)!.picks.some((p) => p.season === season && p.round === 1 && p.originalTeamId === a.teamId));

    // The Live tab, never reloaded, shows the league's notice and A's notification.
    const trade = `Team 1 sends ${pickText} to Team 2 for ${wr1Name}`;
    await waitForText(watcher.page.getByRole('region', { name: 'League transactions' }), `Trade: ${trade}`, LIVE_MS + 5000);
    await waitForText(watcher.page.getByRole('region', { name: 'Notifications' }), `Trade executed: ${trade}`, LIVE_MS + 5000);
    await screenshot(watcher.page, 'league-live-trade');

    // The Picks tab shows every pick's holder as GET /picks does.
    await openTab(receiver.page, l.leagueId, 'Picks');
    await waitForText(receiver.page.getByRole('region', { name: 'Traded picks' }), `${pickText} → Team 2`);
    const shown = await receiver.page.locator('td[data-pick]').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-pick'), c.getAttribute('data-holder')]).sort());
    const rest = book.teams.flatMap((t) => t.picks.map((p) => [`${p.season}:${p.round}:${p.originalTeamId}`, t.teamId])).sort();
    assert.deepEqual(shown, rest);
    assert.equal(rest.length, book.seasons.length * book.rounds * 2, 'every pick of every open season');
    await screenshot(receiver.page, 'transactions-picks');

    // The log's trade entry names the pick's move beside the player's, as its details.picks hold it.
    const [entry] = (await b.client.get(`${l.base}/transactions?type=trade`)).body.items as Array<{ id: number; details: { picks: unknown[] } }>;
    assert.deepEqual(entry.details.picks, [{ season, round: 1, originalTeamId: a.teamId, fromTeamId: a.teamId, toTeamId: b.teamId }]);
    await receiver.page.getByRole('tab', { name: 'Transactions', exact: true }).click();
    await waitForText(receiver.page.locator(`tr[data-entry="${entry.id}"] [data-col=moves]`), `${wr1Name}: Team 2 → Team 1; ${pickText}: Team 1 → Team 2`);

    // That season's draft honours the trade: Team 1's first-round cell and the clock name Team 2.
    const draft = await createDraft(l.commish, l.leagueId, { type: 'snake', rounds: 2, pickSeconds: 0, season, order: [a.teamId, b.teamId] });
    await commish.page.goto(`/drafts/${draft.id}`);
    await waitForText(commish.page.locator('td[data-overall="1"]'), 'Team 2 via Team 1');
    await commish.page.getByRole('button', { name: 'Start draft' }).click();
    await waitForText(commish.page.getByTestId('on-clock'), 'Team 2 via Team 1');
    await screenshot(commish.page, 'draft-traded-pick');
    for (const context of [watcher.context, offerer.context, receiver.context, commish.context]) await context.close();
  });

  it('a settled waiver run reaches an open Live tab: the league hears the winning claim, the claimant his result with the bid', async () => {
    const l = await transactionLeague(server, { teams: 2, settings: { waivers: { type: 'faab', faabBudget: 100 } } });
    const [a, b] = l.managers;
    const [wr1] = l.byPosition('WR');
    assert.equal((await l.commish.client.post(`${l.team(a.teamId)}/players`, { playerIds: [wr1] })).status, 201);
    assert.equal((await a.client.post(`${l.team(a.teamId)}/drops`, { playerId: wr1 })).status, 201);
    assert.equal((await b.client.post(`${l.team(b.teamId)}/claims`, { playerId: wr1, bid: 9 })).status, 201);
    const wr1Name = ((await b.client.get('/api/v1/players?sport=football&limit=200')).body.items as Array<{ id: string; name: string }>).find((p) => p.id === wr1)!.name;

    const { page, context } = await signedInPage(browser, server.baseUrl, b, DESKTOP);
    await openTab(page, l.leagueId, 'Live');
    await waitForText(page.getByRole('region', { name: 'Notifications' }), 'None yet.');
    // The waiver time comes (moved to now, as test/jobs does): the sweep schedules the run, which settles the claim.
    await emOf(server).nativeUpdate(WaiverPlayer, { league: l.leagueId, player: wr1 }, { clearsAt: new Date(Date.now() + 500) });
    await server.app.jobs.add('waiver-sweep', {});
    // Generous: the run is a delayed job on a shared, loaded machine.
    await waitForText(page.getByRole('region', { name: 'League transactions' }), `Waivers: Team 2 claims ${wr1Name}`, 20_000);
    await waitForText(page.getByRole('region', { name: 'Notifications' }), `Waiver results: ${wr1Name} won ($9)`, LIVE_MS + 5000);
    await context.close();
  });
});
