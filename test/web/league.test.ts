import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { baseballLeague, playedGames } from '../helpers/baseball.ts';
import { leagueWithManagers } from '../helpers/league-rooms.ts';
import { readSample } from '../helpers/scoring.ts';
import { registerAdmin, waitFor } from '../helpers/jobs.ts';
import { api } from '../helpers/http.ts';
import { LIVE_MS, PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';

/** The league pages and the commissioner's forms, clicked through; the page shows what REST answers. */
describe('web client: league pages and commissioner forms in Chromium', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  /** The text of each cell of a standings row (by data-col), as the page shows it. */
  const rowCells = async (page: Page, teamId: string) => Object.fromEntries(await page.locator(`tr[data-team="${teamId}"] td[data-col]`)
    .evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-col'), c.textContent])));

  it('a crafted link cannot aim a page at another API route: an id must stay one path segment', async () => {
    const { commish, leagueId } = await leagueWithManagers(server, { teams: 2, owned: 1 });
    const { page } = await signedInPage(browser, server.baseUrl, commish);
    // Decoded, this id would make Join POST /api/v1/leagues/<id>/archive?/join with the commissioner's token.
    await page.goto(`/leagues/${leagueId}%2Farchive%3F/join?code=x`);
    await page.getByRole('heading', { name: 'My leagues' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Join a league' }).count(), 0, 'no Join page for it');
    await page.goto(`/leagues/%E0%A4%A/join`);
    await page.getByRole('heading', { name: 'My leagues' }).waitFor();
    assert.equal((await commish.client.get(`/api/v1/leagues/${leagueId}/settings`)).body.archivedAt, null);
  });

  it('football: roster moves, a new scoring rules version, fantasy standings from an ingested feed, a draft created by form', async () => {
    const { commish, leagueId, teamIds } = await leagueWithManagers(server, { teams: 2, owned: 1 });
    const { page } = await signedInPage(browser, server.baseUrl, commish, PHONE);
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: 'Commissioner' }).click();

    // Roster moves: the first feed line's player onto Team 1, a second player added and dropped.
    const line = readSample('football-week1.jsonl')[0];
    const pool = (await commish.client.get('/api/v1/players?sport=football&limit=200')).body.items as Array<{ id: string; externalId: string; name: string }>;
    const scorer = pool.find((p) => p.externalId === line.playerExternalId)!;
    const extra = pool.find((p) => p !== scorer)!;
    const moves = page.getByRole('heading', { name: 'Roster moves' }).locator('..');
    for (const player of [scorer, extra]) {
      await moves.getByPlaceholder('Search players').fill(player.name);
      await moves.getByRole('button', { name: 'Search' }).click();
      await moves.getByRole('button', { name: `Add ${player.name}`, exact: true }).click();
      await moves.getByRole('button', { name: `Drop ${player.name}`, exact: true }).waitFor();
    }
    await moves.getByRole('button', { name: `Drop ${extra.name}`, exact: true }).click();
    await moves.getByRole('button', { name: `Drop ${extra.name}`, exact: true }).waitFor({ state: 'detached' });
    const roster = (await commish.client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items[0].roster as Array<{ playerId: string; acquiredVia: string }>;
    assert.deepEqual(roster.map((r) => [r.playerId, r.acquiredVia]), [[scorer.id, 'commissioner']]);
    await page.getByRole('tab', { name: 'Teams' }).click();
    await waitForText(page.locator('.cards .card').first(), scorer.name);
    await waitForText(page.locator('.cards .card').first().locator('.tag'), 'commissioner');

    // A new scoring rules version, published by form; the Scoring tab shows what REST says.
    await page.getByRole('tab', { name: 'Commissioner' }).click();
    await page.getByLabel('Preset').selectOption('standard');
    await page.getByRole('button', { name: 'Publish new version' }).click();
    const rules = await waitFor(async () => {
      const reply = (await commish.client.get(`/api/v1/leagues/${leagueId}/scoring-rules`)).body;
      return reply.versions.length === 2 ? reply : undefined;
    }, 10_000, 'version 2');
    await waitForText(page.locator('.ok'), `Version ${rules.activeVersion} is active`);
    await page.getByRole('tab', { name: 'Scoring' }).click();
    await waitForText(page.getByTestId('active-rules'), `Active version: ${rules.active.version} (${rules.active.preset})`);
    assert.equal(await page.getByLabel('Versions').locator('li').count(), rules.versions.length);
    await screenshot(page, 'league-scoring');

    // A feed line through the admin API scores for Team 1: the Standings tab shows the REST totals.
    const admin = api(server.baseUrl, await registerAdmin(server));
    assert.equal((await admin.post('/api/v1/ingest', { events: [line] })).status, 202);
    const standings = await waitFor(async () => {
      const reply = (await commish.client.get(`/api/v1/leagues/${leagueId}/fantasy-standings`)).body;
      return reply.items.some((row: { total: number }) => row.total > 0) ? reply : undefined;
    }, 15_000, 'the feed line scored');
    await page.getByRole('tab', { name: 'Standings' }).click();
    for (const row of standings.items as Array<{ teamId: string; total: number; periods: Record<string, number> }>) {
      await waitForText(page.locator(`tr[data-team="${row.teamId}"] td[data-col=total]`), String(row.total));
      const cells = await rowCells(page, row.teamId);
      for (const period of standings.periods as string[]) assert.equal(cells[period], String(row.periods[period] ?? '—'), period);
    }
    await waitForText(page.getByLabel('Standings'), `Scoring rules version ${standings.rulesVersion}`);
    await screenshot(page, 'league-standings');

    // A draft created by form opens its room; the Drafts tab lists it.
    await page.getByRole('tab', { name: 'Commissioner' }).click();
    await page.getByLabel('Draft type').selectOption('linear');
    await page.getByLabel('Rounds').fill('2');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/drafts\/[0-9a-f-]{36}$/);
    await waitForText(page.getByTestId('connection'), 'Connected', 30_000);
    const drafts = (await commish.client.get(`/api/v1/leagues/${leagueId}/drafts`)).body.items as Array<{ id: string; type: string; config: { rounds: number } }>;
    assert.deepEqual(drafts.map((d) => [page.url().endsWith(d.id), d.type, d.config.rounds]), [[true, 'linear', 2]]);
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: 'Drafts' }).click();
    await waitForText(page.locator('.list li'), 'linear draft');
    assert.equal(teamIds.length, 2);
  });

  it('baseball: standings after final games; a managed game created by form, the home manager decides by clicking', async () => {
    const { commish, leagueId, managers, teamIds } = await baseballLeague(server, { teams: 2, owned: 2 });
    await playedGames(server.app, leagueId, commish.userId, [[teamIds[0], teamIds[1]], [teamIds[1], teamIds[0]], [teamIds[0], teamIds[1]]]);
    const standings = (await commish.client.get(`/api/v1/leagues/${leagueId}/standings`)).body;
    const { page } = await signedInPage(browser, server.baseUrl, commish, PHONE);
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: 'Standings' }).click();
    for (const row of standings.items as Array<Record<string, string | number>>) {
      await waitForText(page.locator(`tr[data-team="${row.teamId}"]`), String(row.name));
      const cells = await rowCells(page, String(row.teamId));
      for (const col of ['w', 'l', 'pct', 'rs', 'ra', 'diff', 'streak', 'last10', 'home', 'away']) assert.equal(cells[col], String(row[col]), `${row.name} ${col}`);
      assert.equal(cells.gb, row.gb === 0 ? '—' : String(row.gb));
    }
    await screenshot(page, 'league-baseball-standings');
    await page.getByRole('tab', { name: 'Games' }).click();
    await waitForText(page.locator('.list li'), 'final');

    // The commissioner starts a game between the two managed teams, with a short decision clock.
    await page.getByRole('tab', { name: 'Commissioner' }).click();
    await page.getByLabel('Away team').selectOption(teamIds[0]);
    await page.getByLabel('Home team').selectOption(teamIds[1]);
    await page.getByLabel("Managers' seconds per decision").fill('15');
    await page.getByRole('button', { name: 'Play ball' }).click();
    await page.waitForURL(/\/games\/[0-9a-f-]{36}$/);
    const gameId = page.url().split('/').pop()!;
    const game = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
    assert.deepEqual([game.away.teamId, game.home.teamId, game.away.ai, game.home.ai, game.decisionSeconds], [teamIds[0], teamIds[1], null, null, 15]);

    // A game between two managers starts once both are in its room: the away manager first, who waits.
    const { page: away } = await signedInPage(browser, server.baseUrl, managers[0]);
    await away.goto(`/games/${gameId}`);
    await waitForText(away.getByTestId('pregame'), 'as soon as both managers are here', 30_000);
    // Top of the 1st: the home manager fields (defense), the away manager bats (offense).
    const { page: home } = await signedInPage(browser, server.baseUrl, managers[1], PHONE);
    await home.goto(`/games/${gameId}`);
    const homePanel = home.getByLabel('Your decision');
    await waitForText(homePanel, 'Your defense', 30_000);
    await homePanel.getByRole('timer', { name: 'decision clock' }).waitFor();
    await waitForText(home.getByTestId('connection'), 'Connected');
    await waitForText(home.getByTestId('game-status'), 'Live');
    // Nobody is on 3rd: the infield may not come in, and the panel says why; then he plays on.
    await homePanel.getByLabel('Infield in').check();
    await homePanel.getByRole('button', { name: 'Decide' }).click();
    await waitForText(homePanel.getByRole('alert'), 'NO_RUNNER');
    await screenshot(home, 'game-decision');
    await homePanel.getByLabel('Infield in').uncheck();
    await homePanel.getByRole('button', { name: 'Play on' }).click();

    // Nobody bats for the away manager: his offense falls to the AI when his clock runs out.
    // The play is made.
    const plays = await waitFor(async () => {
      const made = (await commish.client.get(`/api/v1/games/${gameId}`)).body.plays as Array<{ tactics?: string[]; description: string }>;
      return made.length > 0 ? made : undefined;
    }, 30_000, 'the first play');
    // The home manager's "Play on" is in the game's log as his own (not automatic) defense decision.
    const [decided] = await server.app.storage.orm.em.fork().getConnection().execute(
      `select payload from stream_events where stream = ? and type = 'defense' order by seq limit 1`, [gameId]);
    assert.deepEqual([decided.payload.side, decided.payload.auto, decided.payload.decision], ['home', false, {}], JSON.stringify(decided.payload));
    // His page follows the room after his decision: the play shows with its dice, and the game
    // waits for his next defense again (his button is live once more).
    const lastPlay = home.getByLabel('Last play');
    await waitForText(lastPlay, plays[0].description, LIVE_MS);
    await lastPlay.locator('.die').first().waitFor({ timeout: LIVE_MS });
    await home.waitForFunction(() => document.querySelector<HTMLButtonElement>('[aria-label="Your decision"] button.primary')?.disabled === false, null, { timeout: LIVE_MS });
  });
});
