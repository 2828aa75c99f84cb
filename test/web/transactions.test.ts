import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { waitFor } from '../helpers/jobs.ts';
import { emOf, transactionLeague } from '../helpers/transactions.ts';
import { DESKTOP, PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';
import { WaiverPlayer } from '../../src/db/entities/index.ts';

type Pool = Map<string, { id: string; name: string; positions: string[] }>;
interface Entry { id: number; type: string; teamIds: string[]; moves: Array<{ playerId: string; fromTeamId: string | null; toTeamId: string | null }>; reason: string | null }

/** Free agents, waivers, trades, the transaction log, league settings and the account page, clicked through; the page shows what REST answers. */
describe('web client: transactions in Chromium', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  /** A 2-team football league with the given settings, its player pool by id, and each team's roster as REST reports it. */
  async function league(settings: Record<string, unknown>) {
    const made = await transactionLeague(server, { teams: 2, settings });
    const items = (await made.commish.client.get('/api/v1/players?sport=football&limit=200')).body.items as Array<{ id: string; name: string; positions: string[] }>;
    const pool: Pool = new Map(items.map((p) => [p.id, p]));
    const roster = async (teamId: string) => ((await made.commish.client.get(`${made.base}/teams`)).body.items as Array<{ id: string; roster: Array<{ playerId: string }> }>)
      .find((t) => t.id === teamId)!.roster.map((r) => r.playerId).sort();
    const place = async (teamId: string, playerIds: string[]) => assert.equal((await made.commish.client.post(`${made.team(teamId)}/players`, { playerIds })).status, 201);
    return { ...made, pool, roster, place, name: (id: string) => pool.get(id)!.name };
  }

  const openTab = async (page: Page, leagueId: string, tab: string) => {
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: tab, exact: true }).click();
  };

  it('adds a free agent with the drop the roster limit forces, then a rival claims the dropped player with a FAAB bid and the waiver job settles it', async () => {
    const l = await league({ roster: { total: 2 }, waivers: { type: 'faab', faabBudget: 100 } });
    const [a, b] = l.managers;
    const [wr1, wr2] = l.byPosition('WR');
    const [rb1] = l.byPosition('RB');
    await l.place(a.teamId, [wr1, rb1]);

    const { page } = await signedInPage(browser, server.baseUrl, a, DESKTOP);
    await openTab(page, l.leagueId, 'Players');
    await page.getByLabel('Search players').fill(l.name(wr2));
    await page.getByRole('button', { name: `Add ${l.name(wr2)}`, exact: true }).click();
    await page.getByRole('button', { name: 'Add player' }).click();
    // The roster is full: the refusal shows its code and meaning, and asks for a player to drop.
    const refusal = page.getByLabel('Move').getByRole('alert');
    await waitForText(refusal, 'ROSTER_FULL');
    await waitForText(refusal, 'Your roster is full');
    assert.deepEqual(await l.roster(a.teamId), [wr1, rb1].sort(), 'a refusal changes nothing');
    await page.getByLabel('Player to drop').selectOption(wr1);
    await screenshot(page, 'transactions-players-drop');
    await page.getByRole('button', { name: 'Add and drop' }).click();
    await waitForText(page.getByRole('status'), `${l.name(wr2)} added, ${l.name(wr1)} dropped`);
    assert.deepEqual(await l.roster(a.teamId), [wr2, rb1].sort());
    const waivers = (await a.client.get(`${l.base}/waivers`)).body.items as Array<{ playerId: string }>;
    assert.deepEqual(waivers.map((w) => w.playerId), [wr1], 'the dropped player is on waivers');
    await page.getByLabel('Search players').fill(l.name(wr1));
    await waitForText(page.locator(`tr[data-player="${l.name(wr1)}"]`), 'Waivers until');
    await waitForText(page.getByLabel('My roster'), l.name(wr2));

    // The rival claims him (bid $5), withdraws it, claims again with $9: only his own team sees the claim.
    const rival = await signedInPage(browser, server.baseUrl, b, PHONE);
    const claim = async (bid: string) => {
      await openTab(rival.page, l.leagueId, 'Players');
      await rival.page.getByLabel('Show').selectOption('waivers');
      await rival.page.getByRole('button', { name: `Claim ${l.name(wr1)}`, exact: true }).click();
      await rival.page.getByLabel('FAAB bid').fill(bid);
      await rival.page.getByRole('button', { name: 'Place claim' }).click();
      await waitForText(rival.page.getByRole('status'), `Claim on ${l.name(wr1)} placed`);
    };
    const claimsOf = async () => (await b.client.get(`${l.team(b.teamId)}/claims`)).body.items as Array<{ status: string; bid: number }>;
    await claim('5');
    await rival.page.getByRole('tab', { name: 'Waivers' }).click();
    const mine = rival.page.getByLabel('My claims');
    await waitForText(mine, '$5');
    await mine.getByRole('button', { name: `Cancel claim on ${l.name(wr1)}` }).click();
    await waitForText(mine, 'No pending claims');
    assert.deepEqual((await claimsOf()).map((c) => [c.status, c.bid]), [['cancelled', 5]]);
    await claim('9');
    assert.deepEqual((await claimsOf()).map((c) => [c.status, c.bid]), [['pending', 9], ['cancelled', 5]]);
    assert.equal((await a.client.get(`${l.team(b.teamId)}/claims`)).status, 403, 'private to the claiming team');

    // The waiver time comes (moved to now, as tests/jobs does): the sweep job schedules the run, which settles the claim.
    await emOf(server).nativeUpdate(WaiverPlayer, { league: l.leagueId, player: wr1 }, { clearsAt: new Date(Date.now() + 500) });
    await server.app.jobs.add('waiver-sweep', {});
    await waitFor(async () => ((await l.roster(b.teamId)).includes(wr1) ? true : undefined), 15_000, 'the waiver run settled the claim');
    const runs = (await b.client.get(`${l.base}/waivers/runs`)).body.items as Array<{ outcomes: Array<{ claimId: string; status: string; bid: number }> }>;
    const order = (await b.client.get(`${l.base}/waivers/order`)).body.items as Array<{ teamId: string; faabLeft: number }>;
    assert.deepEqual(runs.map((r) => r.outcomes.map((o) => [o.status, o.bid])), [[['won', 9]]]);

    await openTab(rival.page, l.leagueId, 'Waivers');
    const run = rival.page.getByLabel('Waiver runs');
    await waitForText(run.locator(`tr[data-outcome="${runs[0].outcomes[0].claimId}"]`), 'won');
    assert.equal(await run.locator(`tr[data-outcome="${runs[0].outcomes[0].claimId}"]`).innerText(), `Team 2\t${l.name(wr1)}\t$9\twon`);
    for (const row of order) {
      await waitForText(rival.page.getByLabel('Waiver order').locator(`tr[data-team="${row.teamId}"]`), `$${row.faabLeft}`);
    }
    await waitForText(rival.page.getByLabel('Waiver order').locator(`tr[data-team="${b.teamId}"]`), '$91');
    await screenshot(rival.page, 'transactions-waivers');
    await rival.context.close();
  });

  it('a trade offered by one manager, accepted by the other in a second browser, approved by the commissioner; the log shows what REST answers, paged and filtered', async () => {
    const l = await league({ trades: { review: 'commissioner' }, waivers: { periodDays: 0 } });
    const [a, b] = l.managers;
    const [wr1, wr2] = l.byPosition('WR');
    const [rb1] = l.byPosition('RB');
    await l.place(a.teamId, [wr1]);
    await l.place(b.teamId, [rb1]);

    const offerer = await signedInPage(browser, server.baseUrl, a, DESKTOP);
    await openTab(offerer.page, l.leagueId, 'Trades');
    const form = offerer.page.getByLabel('Propose a trade');
    await form.getByLabel('Trade with').selectOption(b.teamId);
    await form.getByRole('group', { name: /Team 1.* gives/ }).getByLabel(l.name(wr1)).check();
    await form.getByRole('group', { name: /Team 2 give/ }).getByLabel(l.name(rb1)).check();
    await form.getByRole('button', { name: 'Offer trade' }).click();
    const offered = await waitFor(async () => ((await a.client.get(`${l.base}/trades`)).body.items as Array<{ id: string; gives: string[]; gets: string[]; status: string }>)[0], 5000, 'the offer');
    assert.deepEqual([offered.gives, offered.gets, offered.status], [[wr1], [rb1], 'proposed']);
    await waitForText(offerer.page.locator(`[data-trade="${offered.id}"]`), 'proposed');

    // The other manager, in his own browser context, sees the offer and accepts it: it goes to review.
    const receiver = await signedInPage(browser, server.baseUrl, b, PHONE);
    await openTab(receiver.page, l.leagueId, 'Trades');
    const card = receiver.page.locator(`[data-trade="${offered.id}"]`);
    await waitForText(card, `Team 1 gives ${l.name(wr1)}`);
    await card.getByRole('button', { name: 'Accept', exact: true }).click();
    await waitForText(card.locator('.badge'), 'review');
    await screenshot(receiver.page, 'transactions-trade-review');

    // The commissioner approves it: executed, the rosters swapped.
    const commish = await signedInPage(browser, server.baseUrl, l.commish, DESKTOP);
    await openTab(commish.page, l.leagueId, 'Trades');
    await commish.page.locator(`[data-trade="${offered.id}"]`).getByRole('button', { name: 'Approve' }).click();
    await waitForText(commish.page.getByLabel('Decided trades').locator(`[data-trade="${offered.id}"]`), 'executed');
    assert.deepEqual([await l.roster(a.teamId), await l.roster(b.teamId)], [[rb1], [wr1]]);
    await screenshot(commish.page, 'transactions-trades');

    // More entries than a page: the manager adds and drops a free agent (no waiver period) by REST.
    for (let i = 0; i < 11; i++) {
      assert.equal((await a.client.post(`${l.team(a.teamId)}/adds`, { playerId: wr2 })).status, 201);
      assert.equal((await a.client.post(`${l.team(a.teamId)}/drops`, { playerId: wr2 })).status, 201);
    }
    const teams = new Map(((await a.client.get(`${l.base}/teams`)).body.items as Array<{ id: string; name: string }>).map((t) => [t.id, t.name]));
    const expected = (entry: Entry) => [...entry.moves.map((m) => `${l.name(m.playerId)}: ${m.fromTeamId ? teams.get(m.fromTeamId) : 'the pool'} → ${m.toTeamId ? teams.get(m.toTeamId) : 'the pool'}`), ...(entry.reason ? [entry.reason] : [])].join('; ');
    const logRows = (page: Page) => page.getByLabel('Transactions').locator('tr[data-entry]').evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-entry')), r.children[1].textContent, r.querySelector('[data-col=moves]')!.textContent]));
    const restLog = async (query: string) => {
      const first = (await a.client.get(`${l.base}/transactions?limit=20${query}`)).body as { items: Entry[]; nextCursor: string | null };
      const second = first.nextCursor ? (await a.client.get(`${l.base}/transactions?limit=20${query}&cursor=${encodeURIComponent(first.nextCursor)}`)).body as { items: Entry[] } : { items: [] };
      return { first: first.items, all: [...first.items, ...second.items], more: Boolean(first.nextCursor) };
    };
    const asRows = (entries: Entry[]) => entries.map((e) => [e.id, e.type, expected(e)]);

    const log = await restLog('');
    assert.ok(log.more && log.all.length > 20, 'two pages');
    await openTab(offerer.page, l.leagueId, 'Transactions');
    await waitFor(async () => ((await logRows(offerer.page)).length === 20 ? true : undefined), 5000, 'first page');
    assert.deepEqual(await logRows(offerer.page), asRows(log.first));
    await offerer.page.getByRole('button', { name: 'Older entries' }).click();
    await waitFor(async () => ((await logRows(offerer.page)).length === log.all.length ? true : undefined), 5000, 'second page');
    assert.deepEqual(await logRows(offerer.page), asRows(log.all));
    assert.equal(await offerer.page.getByRole('button', { name: 'Older entries' }).count(), 0, 'no third page');

    // Filtered by type and by team, the page still matches REST.
    await offerer.page.getByLabel('Filter by type').selectOption('trade');
    const trades = await restLog('&type=trade');
    await waitFor(async () => ((await logRows(offerer.page)).length === trades.all.length ? true : undefined), 5000, 'trade entries');
    assert.deepEqual(await logRows(offerer.page), asRows(trades.first));
    assert.deepEqual(trades.first.map((e) => e.moves.length), [2], 'the one trade moved two players');
    await screenshot(offerer.page, 'transactions-log');
    await offerer.page.getByLabel('Filter by type').selectOption('');
    await offerer.page.getByLabel('Filter by team').selectOption(b.teamId);
    const teamB = await restLog(`&teamId=${b.teamId}`);
    await waitFor(async () => ((await logRows(offerer.page)).length === teamB.first.length ? true : undefined), 5000, "team 2's entries");
    assert.deepEqual(await logRows(offerer.page), asRows(teamB.first));
    for (const context of [offerer.context, receiver.context, commish.context]) await context.close();
  });

  it('an offer names whom the offering team drops when it goes through: a full roster can offer a 2-for-1', async () => {
    const l = await league({ trades: { review: 'none' }, roster: { total: 2, maxPerPosition: {} } });
    const [a, b] = l.managers;
    const [wr1, wr2] = l.byPosition('WR');
    const [rb1, rb2] = l.byPosition('RB');
    await l.place(a.teamId, [wr1, wr2]);
    await l.place(b.teamId, [rb1, rb2]);
    const { page, context } = await signedInPage(browser, server.baseUrl, a, DESKTOP);
    await openTab(page, l.leagueId, 'Trades');
    const form = page.getByLabel('Propose a trade');
    await form.getByLabel('Trade with').selectOption(b.teamId);
    await form.getByRole('group', { name: /Team 1.* gives/ }).getByLabel(l.name(wr1)).check();
    for (const rb of [rb1, rb2]) await form.getByRole('group', { name: /Team 2 give/ }).getByLabel(l.name(rb)).check();
    await form.getByText(/drops when it goes through/).click();
    const drops = form.getByRole('group', { name: 'Players to drop (the roster limits need room)' });
    assert.equal(await drops.getByLabel(l.name(wr1)).count(), 0, 'a player the team gives is not offered as a drop');
    await drops.getByLabel(l.name(wr2)).check();
    await form.getByRole('button', { name: 'Offer trade' }).click();
    const offered = await waitFor(async () => ((await a.client.get(`${l.base}/trades`)).body.items as Array<{ id: string; fromDrops: string[] }>)[0], 5000, 'the offer');
    assert.deepEqual(offered.fromDrops, [wr2]);
    assert.equal((await b.client.post(`${l.base}/trades/${offered.id}/accept`, {})).body.status, 'executed');
    assert.deepEqual(await l.roster(a.teamId), [rb1, rb2].sort());
    await context.close();
  });

  it('a counter offer accepted, then vetoed by a third manager\'s vote (league veto); a trade voided by a drop shows its reason', async () => {
    const l = await league({ trades: { review: 'league', vetoVotes: 1, reviewHours: 24 } });
    const [a, b, c] = [...l.managers, await (async () => {
      // A third managed team: the voter.
      const voter = await signUp(server.baseUrl, 'voter');
      const team = await l.commish.client.post(`${l.base}/teams`, { name: 'Team 3', ownerId: voter.userId });
      return { ...voter, teamId: team.body.id as string };
    })()];
    const [wr1, wr2] = l.byPosition('WR');
    const [rb1] = l.byPosition('RB');
    await l.place(a.teamId, [wr1, wr2]);
    await l.place(b.teamId, [rb1]);
    const offer = (await a.client.post(`${l.base}/trades`, { teamId: b.teamId, gives: [wr1], gets: [rb1] })).body;

    // The receiving manager counters: he also wants the second receiver.
    const receiver = await signedInPage(browser, server.baseUrl, b, DESKTOP);
    await openTab(receiver.page, l.leagueId, 'Trades');
    await receiver.page.locator(`[data-trade="${offer.id}"]`).getByRole('button', { name: 'Counter' }).click();
    const form = receiver.page.getByLabel('Counter offer');
    assert.equal(await form.getByRole('group', { name: /Team 2.* gives/ }).getByLabel(l.name(rb1)).isChecked(), true, 'prefilled the other way');
    await form.getByRole('group', { name: /Team 1 gives/ }).getByLabel(l.name(wr2)).check();
    await form.getByRole('button', { name: 'Send counter offer' }).click();
    const trades = async () => (await a.client.get(`${l.base}/trades`)).body.items as Array<{ id: string; status: string; reason: string | null; gives: string[]; gets: string[]; counterOf: string | null; fromTeamId: string }>;
    const counter = await waitFor(async () => (await trades()).find((t) => t.counterOf === offer.id), 5000, 'the counter offer');
    assert.deepEqual([counter.fromTeamId, counter.gives, counter.gets.sort()], [b.teamId, [rb1], [wr1, wr2].sort()]);
    assert.equal((await trades()).find((t) => t.id === offer.id)!.status, 'countered');
    await waitForText(receiver.page.getByLabel('Decided trades').locator(`[data-trade="${offer.id}"]`), 'countered');

    // The first manager accepts the counter: league review; a third manager's vote vetoes it.
    const offerer = await signedInPage(browser, server.baseUrl, a, PHONE);
    await openTab(offerer.page, l.leagueId, 'Trades');
    const card = offerer.page.locator(`[data-trade="${counter.id}"]`);
    await waitForText(card, 'counter offer');
    await card.getByRole('button', { name: 'Accept', exact: true }).click();
    await waitForText(card, '0 of 1 veto votes');
    const voter = await signedInPage(browser, server.baseUrl, c, PHONE);
    await openTab(voter.page, l.leagueId, 'Trades');
    await voter.page.locator(`[data-trade="${counter.id}"]`).getByRole('button', { name: 'Vote to veto' }).click();
    const vetoed = await waitFor(async () => (await trades()).find((t) => t.id === counter.id && t.status === 'vetoed'), 5000, 'vetoed');
    await waitForText(voter.page.getByLabel('Decided trades').locator(`[data-trade="${counter.id}"] [data-reason]`), `Reason: ${vetoed.reason}`);
    assert.deepEqual([await l.roster(a.teamId), await l.roster(b.teamId)], [[wr1, wr2].sort(), [rb1]], 'a vetoed trade moves nobody');

    // Accepted by REST, then a player in it is dropped: the trade is void at once, and the page gives the reason (player names for ids).
    const late = (await a.client.post(`${l.base}/trades`, { teamId: b.teamId, gives: [wr2], gets: [rb1] })).body;
    assert.equal((await b.client.post(`${l.base}/trades/${late.id}/accept`, {})).body.status, 'review');
    assert.equal((await a.client.post(`${l.team(a.teamId)}/drops`, { playerId: wr2 })).status, 201);
    const voided = (await trades()).find((t) => t.id === late.id)!;
    assert.equal(voided.status, 'void');
    const commish = await signedInPage(browser, server.baseUrl, l.commish, DESKTOP);
    await openTab(commish.page, l.leagueId, 'Trades');
    const decided = commish.page.getByLabel('Decided trades').locator(`[data-trade="${late.id}"]`);
    await waitForText(decided.locator('.badge'), 'void');
    assert.equal(await decided.locator('[data-reason]').innerText(), `Reason: ${voided.reason!.replace(wr2, l.name(wr2))}`);
    assert.equal(await commish.page.getByLabel('Open trades').locator('[data-trade]').count(), 0);
    await screenshot(commish.page, 'transactions-trades-decided');
    for (const context of [receiver.context, offerer.context, voter.context, commish.context]) await context.close();
  });

  it('the commissioner edits the settings, renames a team and archives the league; a manager then sees his add refused', async () => {
    const l = await league({});
    const [a] = l.managers;
    const { page, context } = await signedInPage(browser, server.baseUrl, l.commish, DESKTOP);
    await openTab(page, l.leagueId, 'Settings');
    const form = page.getByLabel('League settings');
    await form.getByLabel('League name').fill('Renamed League');
    await form.getByLabel('Visibility').selectOption('public');
    await form.getByLabel('Most players on a roster').fill('12');
    await form.getByLabel('Waiver type').selectOption('faab');
    await form.getByLabel('FAAB budget per team').fill('250');
    await form.getByLabel('Trade review').selectOption('league');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(form.getByRole('status'), 'Saved: name, visibility, settings changed');
    const settings = (await l.commish.client.get(`${l.base}/settings`)).body.settings;
    assert.deepEqual([settings.roster.total, settings.waivers.type, settings.waivers.faabBudget, settings.trades.review], [12, 'faab', 250, 'league']);
    const edited = (await l.commish.client.get(l.base)).body;
    assert.deepEqual([edited.name, edited.visibility], ['Renamed League', 'public']);
    await waitForText(page.getByRole('heading', { level: 1 }), 'Renamed League');

    const rename = page.getByLabel('Rename a team');
    await rename.getByLabel('Team').selectOption(a.teamId);
    await rename.getByLabel('New name').fill('Night Owls');
    await rename.getByRole('button', { name: 'Rename team' }).click();
    await waitForText(rename.getByRole('status'), 'Renamed to Night Owls');
    await page.evaluate(() => window.scrollTo(0, 0));
    const names = ((await l.commish.client.get(`${l.base}/teams`)).body.items as Array<{ id: string; name: string }>).map((t) => [t.id, t.name]);
    assert.deepEqual(names.find(([id]) => id === a.teamId), [a.teamId, 'Night Owls']);
    await screenshot(page, 'transactions-settings');

    // The other team's manager left: the commissioner frees his team for someone to join.
    const other = l.managers[1];
    await rename.getByLabel('Team').selectOption(other.teamId);
    await rename.getByRole('button', { name: /^Remove its manager/ }).click();
    await waitForText(rename.getByRole('status'), 'has no manager now');
    const freed = ((await l.commish.client.get(`${l.base}/teams`)).body.items as Array<{ id: string; ownerId: string | null }>).find((t) => t.id === other.teamId);
    assert.equal(freed?.ownerId, null);
    // Once the page has reloaded the league, nobody is left to remove.
    await rename.getByRole('button', { name: /^Remove its manager/ }).waitFor({ state: 'detached', timeout: 5000 });

    await page.getByRole('button', { name: 'Archive…' }).click();
    await page.getByRole('button', { name: 'Yes, archive it' }).click();
    await waitForText(page.getByLabel('Archive the league'), 'Archived');
    assert.notEqual((await l.commish.client.get(`${l.base}/settings`)).body.archivedAt, null);
    await context.close();

    // The manager's page says the league is read-only and offers no moves; the REST refusal is the coded one.
    const manager = await signedInPage(browser, server.baseUrl, a, PHONE);
    await openTab(manager.page, l.leagueId, 'Players');
    await waitForText(manager.page.locator('.refusal'), 'archived');
    assert.equal(await manager.page.getByRole('button', { name: /^Add / }).count(), 0);
    const refused = await a.client.post(`${l.team(a.teamId)}/adds`, { playerId: l.byPosition('WR')[0] });
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'LEAGUE_ARCHIVED']);
    await manager.context.close();
  });

  it('keeps the trade deadline where it was when the commissioner saves other settings, in any time zone', async () => {
    const deadline = '2030-06-01T18:00:00.000Z';
    const l = await league({ trades: { deadline } });
    const { page, context } = await signedInPage(browser, server.baseUrl, l.commish, DESKTOP, { timezoneId: 'America/New_York' });
    await openTab(page, l.leagueId, 'Settings');
    const form = page.getByLabel('League settings');
    assert.equal(await form.getByLabel('Trade deadline (blank: none)').inputValue(), '2030-06-01T14:00', 'shown in the viewer\'s time');
    await form.getByLabel('League name').fill('Renamed Only');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(form.getByRole('status'), 'Saved: name changed');
    assert.equal((await l.commish.client.get(`${l.base}/settings`)).body.settings.trades.deadline, deadline);
    await context.close();
  });

  it('the account page shows /me, makes and revokes an API key, and changes the password: a wrong current one is refused, the new one signs in, this browser stays signed in', async () => {
    const l = await league({});
    const [a] = l.managers;
    const { page, context } = await signedInPage(browser, server.baseUrl, a, PHONE);
    await page.goto('/');
    await page.getByRole('link', { name: 'Account' }).click();
    const me = (await a.client.get('/api/v1/me')).body as { username: string; leagues: Array<{ name: string; role: string }> };
    await waitForText(page.getByTestId('username'), me.username);
    for (const league of me.leagues) await waitForText(page.getByLabel('Account').locator('li'), league.name);

    // A read-only API key made and revoked on the page: the key shown once reads, then stops working.
    const keys = page.getByLabel('API keys');
    await keys.getByLabel('Key name').fill('scoreboard');
    await keys.getByRole('button', { name: 'Create key' }).click();
    const secret = await keys.getByLabel('New API key').inputValue();
    const [made] = (await a.client.get('/api/v1/me/api-keys')).body.items as Array<{ id: string; name: string; prefix: string }>;
    assert.ok(secret.startsWith(made.prefix) && made.name === 'scoreboard', secret);
    await waitForText(keys.locator(`li[data-key="${made.id}"]`), made.prefix);
    assert.equal((await api(server.baseUrl, secret).get(`${l.base}/transactions`)).status, 200);
    await keys.getByRole('button', { name: 'Revoke scoreboard' }).click();
    await waitForText(keys, 'No keys.');
    assert.equal((await api(server.baseUrl, secret).get(`${l.base}/transactions`)).status, 401);

    const form = page.getByLabel('Change password');
    await form.getByLabel('Current password').fill('not my password at all');
    await form.getByLabel('New password').fill('purple elephant rides bicycles');
    await form.getByRole('button', { name: 'Change password' }).click();
    await waitForText(form.getByRole('alert'), 'WRONG_PASSWORD');
    await form.getByLabel('Current password').fill('correct horse battery');
    await form.getByRole('button', { name: 'Change password' }).click();
    await waitForText(form.getByRole('status'), 'Password changed');
    await screenshot(page, 'transactions-account');

    const login = (password: string) => api(server.baseUrl).post('/api/v1/auth/login', { username: a.username, password });
    assert.equal((await login('purple elephant rides bicycles')).status, 200);
    assert.equal((await login('correct horse battery')).status, 401);
    assert.equal((await a.client.get('/api/v1/me')).status, 401, 'the old session ended');
    // This browser holds the new session (stored from the reply): the account loads again with it.
    await page.getByRole('link', { name: 'My leagues' }).click();
    await page.getByRole('link', { name: 'Account' }).click();
    await waitForText(page.getByTestId('username'), me.username);
    assert.notEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('clubhouse.session')!).token), a.token);
    await context.close();
  });
});
