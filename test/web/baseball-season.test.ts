import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { baseballLeague, playOutGame } from '../helpers/baseball.ts';
import { waitFor } from '../helpers/jobs.ts';
import { DESKTOP, PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';
import { RosterEntry } from '../../src/db/entities/index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface ScheduledRow {
  id: string; round: number; number: number; day: number; homeTeamId: string; awayTeamId: string; gameId: string | null; status: string;
  homeScore: number | null; awayScore: number | null; problem: string | null; failedAt: string | null;
}
interface Schedule { games: ScheduledRow[] }

/** A datetime-local value for `at` as a page in UTC reads it (the pages below run in UTC), a whole minute. */
const localInput = (at: number) => new Date(Math.ceil(at / MINUTE) * MINUTE).toISOString().slice(0, 16);

/**
 * A baseball league's season in the web client (PROTOCOL.md "Baseball league schedule"): the
 * commissioner picks a park and draws the schedule by form; the Games tab shows the schedule REST
 * answers, each created game linked; a redraw after a game is created is refused with its code.
 */
describe('web client: a baseball league season in Chromium', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });

  /** The schedule table as the page shows it: each row's cells (by data-col), its game link, whether it is highlighted. */
  const shownSchedule = (page: Page) => page.getByLabel('Season schedule').locator('tbody tr').evaluateAll((rows) => rows.map((row) => ({
    cells: Object.fromEntries([...row.querySelectorAll('td[data-col]')].map((c) => [c.getAttribute('data-col'), c.textContent])),
    href: row.querySelector('a')?.getAttribute('href') ?? null,
    mine: row.classList.contains('mine'),
  })));

  /** The same rows from the REST schedule: the state cell says pending, why it was not created, the game's status, and its score once it has runs to show. */
  const expectedSchedule = (schedule: Schedule, names: Record<string, string>, myTeamId: string | null) => schedule.games.map((g) => ({
    cells: {
      day: String(g.day + 1), series: `${g.round + 1}.${g.number}`, away: names[g.awayTeamId], home: names[g.homeTeamId],
      state: ['pending', 'scheduled'].includes(g.status) ? g.status
        : ['failed', 'not created'].includes(g.status) ? `${g.status}: ${g.problem}` : `${g.status} ${g.awayScore}-${g.homeScore}`,
    },
    href: g.gameId ? `/games/${g.gameId}` : null,
    mine: g.homeTeamId === myTeamId || g.awayTeamId === myTeamId,
  }));

  const drawByForm = async (page: Page, startsAt: number, gamesPerClub: number, seriesLength: number, button: string) => {
    const form = page.getByRole('form', { name: 'Draw the schedule' });
    await form.getByLabel('First game day').fill(localInput(startsAt));
    await form.getByLabel('Games per club').fill(String(gamesPerClub));
    await form.getByLabel('Series length').fill(String(seriesLength));
    await form.getByRole('button', { name: button }).click();
  };

  it('the commissioner sets a park and draws the schedule by form; the page shows REST; a redraw after a game is created is refused with SCHEDULE_LOCKED', async () => {
    const { commish, managers, leagueId, teamIds } = await baseballLeague(server, { teams: 4, owned: 1 });
    const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
    const teams = (await commish.client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items as Array<{ id: string; name: string }>;
    const names = Object.fromEntries(teams.map((t) => [t.id, t.name]));
    const { page } = await signedInPage(browser, server.baseUrl, commish, DESKTOP, { timezoneId: 'UTC' });
    await page.goto(`/leagues/${leagueId}`);

    // A park for the first team, picked in the Settings tab's team rows; the team card shows it.
    await page.getByRole('tab', { name: 'Settings' }).click();
    const parks = page.getByLabel('Ballparks');
    await parks.getByLabel(`Park of ${names[teamIds[0]]}`).selectOption('thin-air');
    await waitForText(parks.getByRole('status'), `${names[teamIds[0]]} plays at Thin Air Field`);
    const parkOf = async () => Object.fromEntries(((await commish.client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items as Array<{ id: string; park: string | null }>).map((t) => [t.id, t.park]));
    assert.deepEqual(await parkOf(), { [teamIds[0]]: 'thin-air', [teamIds[1]]: null, [teamIds[2]]: null, [teamIds[3]]: null });
    await parks.scrollIntoViewIfNeeded();
    await screenshot(page, 'baseball-season-parks');
    await page.getByRole('tab', { name: 'Teams' }).click();
    await waitForText(page.locator('.cards .card').first().getByTestId('park'), 'Park: Thin Air Field');
    assert.equal(await page.getByTestId('park').count(), 1, 'teams without a park show none');
    await screenshot(page, 'baseball-season-teams');

    // No schedule yet; the commissioner draws one by form, two days ahead: every game pending.
    await page.getByRole('tab', { name: 'Games' }).click();
    await waitForText(page.getByLabel('Season schedule'), 'No schedule drawn yet.');
    await drawByForm(page, Date.now() + 48 * HOUR, 4, 2, 'Draw schedule');
    await waitForText(page.getByRole('status'), 'Schedule drawn');
    const drawn = (await commish.client.get(path)).body as Schedule;
    assert.equal(drawn.games.length, 4 * 4 / 2);
    await waitForText(page.getByRole('button', { name: 'Redraw schedule' }), 'Redraw');
    assert.deepEqual(await shownSchedule(page), expectedSchedule(drawn, names, null));
    await screenshot(page, 'baseball-season-schedule');

    // Drawn again, its first game day an hour ahead: allowed (no game created yet); the job then
    // creates day 1's games at once (they are within 6 h of their first pitch), as on the server's own test.
    await drawByForm(page, Date.now() + HOUR + MINUTE, 2, 1, 'Redraw schedule');
    const created = await waitFor(async () => {
      const schedule = (await commish.client.get(path)).body as Schedule;
      return schedule.games.length === 4 * 2 / 2 && schedule.games.filter((g) => g.day === 0).every((g) => g.gameId) ? schedule : undefined;
    }, 15_000, "day 1's games created");
    // Each created game plays in its home team's park (none: a neutral one).
    const dayOne = created.games.filter((g) => g.day === 0);
    const parksNow = await parkOf();
    for (const g of dayOne) assert.equal((await commish.client.get(`/api/v1/games/${g.gameId}`)).body.park.id, parksNow[g.homeTeamId] ?? 'neutral');
    // One of them is played out (its room opens 5 minutes before its first pitch: nothing else plays it).
    await playOutGame(server.app, dayOne[0].gameId!);
    const played = (await commish.client.get(path)).body as Schedule;
    assert.equal(played.games.find((g) => g.gameId === dayOne[0].gameId)!.status, 'final');
    await page.getByRole('tab', { name: 'Teams' }).click();
    await page.getByRole('tab', { name: 'Games' }).click();
    await waitForText(page.getByLabel('Season schedule'), /final \d+-\d+/);
    assert.deepEqual(await shownSchedule(page), expectedSchedule(played, names, null));

    // A redraw now is refused with the server's code; the schedule is unchanged.
    await drawByForm(page, Date.now() + 48 * HOUR, 4, 2, 'Redraw schedule');
    const refusal = page.getByLabel('Season schedule').locator('.refusal[data-code="SCHEDULE_LOCKED"]');
    await waitForText(refusal, 'SCHEDULE_LOCKED');
    // The meaning of the code, then the server's reason, each said once.
    assert.equal((await refusal.textContent())?.trim(), 'SCHEDULE_LOCKED The schedule can no longer be drawn again: a game of the schedule has been created (or tried)');
    assert.deepEqual((await commish.client.get(path)).body, played, 'a refused redraw changes nothing');
    await screenshot(page, 'baseball-season-locked');

    // The final game's link opens it.
    await page.getByLabel('Season schedule').getByRole('link', { name: /^final/ }).click();
    await page.waitForURL(`**/games/${dayOne[0].gameId}`);

    // The manager sees the same schedule, his team's games highlighted, and no draw form.
    const manager = managers[0];
    const { page: phone } = await signedInPage(browser, server.baseUrl, manager, PHONE, { timezoneId: 'UTC' });
    await phone.goto(`/leagues/${leagueId}`);
    await phone.getByRole('tab', { name: 'Games' }).click();
    await waitForText(phone.getByLabel('Season schedule'), /final \d+-\d+/);
    const shown = await shownSchedule(phone);
    assert.deepEqual(shown, expectedSchedule(played, names, manager.teamId));
    assert.ok(shown.some((row) => row.mine), 'his team plays');
    assert.equal(await phone.getByRole('form', { name: 'Draw the schedule' }).count(), 0);
    await screenshot(phone, 'baseball-season-manager');
  });

  it('shows a game that could not be created by its first pitch as failed; the commissioner retries it, sees the refusal while its roster is short, then its game', async () => {
    const { commish, managers, leagueId, teamIds } = await baseballLeague(server, { teams: 2, owned: 1 });
    const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
    const names = Object.fromEntries(((await commish.client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items as Array<{ id: string; name: string }>).map((t) => [t.id, t.name]));
    // The unowned team's players are all released: it cannot field a lineup.
    const broken = teamIds.find((id) => id !== managers[0].teamId)!;
    const em = () => server.app.storage.orm.em.fork();
    await em().nativeUpdate(RosterEntry, { team: broken, releasedAt: null }, { releasedAt: new Date() });
    // Its first pitch in a few seconds: tried at once, again at the first pitch, then failed.
    const drawn = await commish.client.post(path, { startsAt: new Date(Date.now() + 4000).toISOString(), gamesPerClub: 1, seriesLength: 1 });
    assert.equal(drawn.status, 201, JSON.stringify(drawn.body));
    const failed = await waitFor(async () => {
      const schedule = (await commish.client.get(path)).body as Schedule;
      return schedule.games[0].status === 'failed' ? schedule : undefined;
    }, 30_000, 'the game failed');
    assert.match(failed.games[0].problem!, /^ROSTER_INCOMPLETE: /);

    // The manager sees it failed, with no Retry button.
    const { page: managerPage } = await signedInPage(browser, server.baseUrl, managers[0], DESKTOP, { timezoneId: 'UTC' });
    await managerPage.goto(`/leagues/${leagueId}`);
    await managerPage.getByRole('tab', { name: 'Games' }).click();
    await waitForText(managerPage.getByLabel('Season schedule'), 'failed: ROSTER_INCOMPLETE');
    assert.deepEqual(await shownSchedule(managerPage), expectedSchedule(failed, names, managers[0].teamId));
    assert.equal(await managerPage.getByRole('button', { name: /^Retry/ }).count(), 0);

    const { page } = await signedInPage(browser, server.baseUrl, commish, DESKTOP, { timezoneId: 'UTC' });
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: 'Games' }).click();
    const table = page.getByLabel('Season schedule');
    await waitForText(table, 'failed: ROSTER_INCOMPLETE');
    assert.deepEqual(await shownSchedule(page), expectedSchedule(failed, names, null));
    const g = failed.games[0];
    const retry = table.getByRole('button', { name: `Retry day 1, ${names[g.awayTeamId]} at ${names[g.homeTeamId]}` });

    // Still short: the server's refusal, with its code; nothing is created.
    await retry.click();
    const refusal = table.locator('.refusal[data-code="ROSTER_INCOMPLETE"]');
    await waitForText(refusal, 'ROSTER_INCOMPLETE');
    await waitForText(refusal, 'cannot field a lineup');
    const still = (await commish.client.get(path)).body as Schedule;
    assert.deepEqual([still.games[0].status, still.games[0].gameId], ['failed', null]);
    await screenshot(page, 'baseball-season-retry-refused');

    // The roster back, Retry creates its game: the row links to it and has no Retry any more.
    await em().nativeUpdate(RosterEntry, { team: broken }, { releasedAt: null });
    await retry.click();
    const link = table.locator('td[data-col="state"] a');
    await link.waitFor();
    const created = (await commish.client.get(path)).body as Schedule;
    assert.ok(created.games[0].gameId, 'created');
    assert.equal(await link.getAttribute('href'), `/games/${created.games[0].gameId}`);
    assert.equal(await table.getByRole('button', { name: /^Retry/ }).count(), 0);
    assert.equal(await table.locator('.refusal').count(), 0, 'the refusal is gone');
  });
});
