import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { leagueWithManagers } from '../helpers/league-rooms.ts';
import { registerAdmin, waitFor } from '../helpers/jobs.ts';
import { api } from '../helpers/http.ts';
import { emOf } from '../helpers/scoring.ts';
import { MINUTE_MS, addRace, adminClient, clearCalendar, externalIds, raceDraftWhen, racingLeague, resultLine } from '../helpers/f1.ts';
import { DESKTOP, LIVE_MS, PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';
import { finishedJobs } from '../league-live/helpers.ts';

const DAY_MS = 24 * 60 * MINUTE_MS;
/** The viewer's zone in these tests: UTC+9 all year (no summer time), so its wall clock is easy to compute. */
const ZONE = 'Asia/Tokyo';
const ZONE_OFFSET_MS = 9 * 60 * MINUTE_MS;
/** An instant as a wall clock in ZONE: `2033-05-01T14:05` (a datetime-local input's value). */
const inZone = (epochMs: number) => new Date(epochMs + ZONE_OFFSET_MS).toISOString().slice(0, 16);
/** Results are scored by a job, and the F1 tab asks every 5 s: generous on a shared, loaded machine. */
const SCORED_MS = 30_000;

/** Fantasy F1 race weekends in Chromium: the public calendar, the league's F1 tab, a race drafted by clicking. */
describe('web client: Fantasy F1 race weekends in Chromium', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; });
  beforeEach(async () => { await clearCalendar(server); });

  /** The text of each data-col cell of a team's row in one table. */
  const rowCells = async (page: Page, table: string, teamId: string) => Object.fromEntries(await page.getByLabel(table).locator(`tr[data-team="${teamId}"] td[data-col]`)
    .evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-col'), c.textContent])));

  it('the calendar, signed out, in the viewer\'s time zone with the next race marked; an admin adds and moves races by form', async () => {
    const adminToken = await registerAdmin(server);
    const admin = api(server.baseUrl, adminToken);
    const now = Date.now();
    // Round 1 starts in 3 s: past by the time the page shows it.
    const past = await admin.post('/api/v1/f1/races', {
      season: 2032, round: 1, name: 'Aurora Grand Prix', circuit: 'Aurora Park', country: 'Northland',
      startsAt: new Date(now + 3000).toISOString(), locksAt: new Date(now + 2000).toISOString(),
    });
    assert.equal(past.status, 201);
    const next = await addRace(admin, 2032, 2, now + 2 * DAY_MS);
    const later = await addRace(admin, 2032, 3, now + 9 * DAY_MS);
    await waitFor(async () => (Date.now() > now + 3500 ? true : undefined), 10_000, 'round 1 started');

    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.baseUrl, timezoneId: ZONE, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/f1');
    await waitForText(page.locator('header.page-head'), `Times in your time zone (${ZONE})`);
    assert.equal(await page.locator('tr[data-race]').count(), 3);
    assert.match(await page.locator(`tr[data-race="${past.body.id}"]`).getAttribute('class') ?? '', /past/);
    const nextRow = page.locator(`tr[data-race="${next.id}"]`);
    assert.match(await nextRow.getAttribute('class') ?? '', /next/);
    await waitForText(nextRow.locator('.badge'), 'Next');
    // The lock as a Tokyo clock reads it (the page formats in the viewer's zone, the server sends UTC).
    const lockClock = inZone(Date.parse(next.locksAt)).slice(11);
    await waitForText(nextRow.locator('[data-col=locks]'), lockClock);
    assert.equal(await nextRow.locator('[data-col=locks] time').getAttribute('datetime'), next.locksAt);
    await waitForText(page.getByLabel('Next race'), `Round 2 · ${(await admin.get(`/api/v1/f1/races?season=2032`)).body.items[1].name}`);
    await waitForText(page.getByLabel('Next race'), lockClock);
    assert.equal(await page.getByLabel('Add a race').count(), 0, 'no admin forms signed out');
    await screenshot(page, 'f1-calendar');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'f1-calendar-phone');
    await context.close();

    // An admin (same zone) adds round 4 and moves round 3 a day later, both in Tokyo wall-clock time.
    const me = (await admin.get('/api/v1/me')).body;
    const { context: adminContext, page: page2 } = await signedInPage(browser, server.baseUrl, { token: adminToken, userId: me.id, username: me.username }, PHONE, { timezoneId: ZONE, locale: 'en-GB' });
    await page2.goto('/f1');
    const add = page2.getByLabel('Add a race');
    const start4 = Math.floor((now + 16 * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    await add.getByLabel('Season').fill('2032');
    await add.getByLabel('Round').fill('4');
    await add.getByLabel('Name').fill('Delta Grand Prix');
    await add.getByLabel('Circuit').fill('Delta Ring');
    await add.getByLabel('Country').fill('Southland');
    await add.getByLabel('Race start').fill(inZone(start4));
    await add.getByRole('button', { name: 'Add race' }).click();
    await waitForText(add.locator('.ok'), 'Round 4 added (delta-2032)');
    const move = page2.getByLabel('Move a race');
    await move.getByLabel('Race', { exact: true }).selectOption(later.id);
    // A day later, to the minute (a datetime-local input has no seconds).
    const oldStart = Date.parse(later.locksAt) + 23 * 60 * MINUTE_MS;
    const newStart = Math.floor((oldStart + DAY_MS) / MINUTE_MS) * MINUTE_MS;
    await move.getByLabel('New race start').fill(inZone(newStart));
    await move.getByRole('button', { name: 'Move race' }).click();
    await waitForText(move.locator('.ok'), 'Round 3 moved');
    const calendar = (await admin.get('/api/v1/f1/races?season=2032')).body.items as Array<{ id: string; round: number; name: string; startsAt: string; locksAt: string }>;
    const round4 = calendar.find((r) => r.round === 4)!;
    assert.deepEqual([round4.name, Date.parse(round4.startsAt), Date.parse(round4.locksAt)], ['Delta Grand Prix', start4, start4 - 23 * 60 * MINUTE_MS]);
    const moved = calendar.find((r) => r.id === later.id)!;
    assert.deepEqual([Date.parse(moved.startsAt), Date.parse(moved.locksAt)], [newStart, Date.parse(later.locksAt) + newStart - oldStart], 'the lock moved with the start');
    await waitForText(page2.locator(`tr[data-race="${later.id}"] [data-col=starts]`), inZone(newStart).slice(11));
    assert.equal(await page2.locator('tr[data-race]').count(), 4);
    await page2.getByLabel('Move a race').scrollIntoViewIfNeeded();
    await screenshot(page2, 'f1-calendar-admin');
    await adminContext.close();
  });

  it('a league\'s race weekends: settings by form, a race draft picked by clicking, the leaderboards as REST has them while results arrive', async () => {
    const admin = await adminClient(server);
    // Race 1 locks in 30 min: its draft opens as soon as the league plays with a lead of 60 min.
    const race1 = await addRace(admin, 2033, 1, Date.now() + 30 * MINUTE_MS);
    const race2 = await addRace(admin, 2033, 2, Date.now() + 10 * DAY_MS);
    const { commish, leagueId, managers, teamIds } = await leagueWithManagers(server, { sport: 'f1', teams: 2, owned: 1 });
    const [manager] = managers;

    // The commissioner sets the league up on the F1 tab: season, lead, standings order, pick clock, Team 2 first.
    const { page } = await signedInPage(browser, server.baseUrl, commish);
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: 'F1' }).click();
    await waitForText(page.locator('.card'), 'does not play race weekends yet');
    const form = page.getByLabel('F1 settings');
    // A pick clock under the server's 5 s is refused with the field named, and nothing is saved.
    await form.getByLabel('Seconds per pick').fill('2');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(form.getByRole('alert'), 'pickSeconds');
    assert.equal((await commish.client.get(`/api/v1/leagues/${leagueId}/f1/races`)).body.error.code, 'NO_RACE_WEEKENDS');
    await form.getByLabel('Season').selectOption('2033');
    await form.getByLabel('Draft opens').fill('60');
    await form.getByLabel('Seconds per pick').fill('600');
    await form.getByLabel('Draft order from race to race').selectOption('standings');
    await form.getByRole('button', { name: 'Move Team 2 up' }).click();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(form.locator('.ok'), 'Saved: season 2033');
    const settings = (await commish.client.get(`/api/v1/leagues/${leagueId}/f1/races`)).body.settings;
    assert.deepEqual([settings.season, settings.draftLeadMinutes, settings.orderMode, settings.pickSeconds, settings.baseOrder],
      [2033, 60, 'standings', 600, [teamIds[1], teamIds[0]]]);

    // The race weekends: race 1's draft is open (the open job ran on the settings), race 2's opens 60 min before its lock.
    await raceDraftWhen(() => emOf(server), leagueId, race1.id, 'live');
    await page.locator(`tr[data-race="${race1.id}"]`).getByRole('link', { name: 'Go to the draft room' }).waitFor({ timeout: 15_000 });
    const opens2 = page.locator(`tr[data-race="${race2.id}"] td[data-col=draft]`);
    await waitForText(opens2, 'Upcoming');
    assert.equal(await opens2.locator('time').getAttribute('datetime'), new Date(Date.parse(race2.locksAt) - 60 * MINUTE_MS).toISOString());
    await screenshot(page, 'f1-races');
    await form.getByRole('button', { name: 'Save settings' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'f1-settings');

    // The manager goes from the F1 tab into the draft room; Team 2 (nobody's) is drafted for at once,
    // then he picks his two drivers (picks 2 and 3 of the snake) by clicking the best available.
    const { page: mgr } = await signedInPage(browser, server.baseUrl, manager);
    await mgr.goto(`/leagues/${leagueId}`);
    await mgr.getByRole('tab', { name: 'F1' }).click();
    await mgr.getByLabel('Race weekends').waitFor();
    assert.equal(await mgr.getByLabel('F1 settings').count(), 0, 'the settings are the commissioner\'s');
    await mgr.locator(`tr[data-race="${race1.id}"]`).getByRole('link', { name: 'Go to the draft room' }).click();
    await mgr.waitForURL(/\/drafts\/[0-9a-f-]{36}$/);
    await waitForText(mgr.getByTestId('connection'), 'Connected', 30_000);
    const chosen: string[] = [];
    for (const pick of [2, 3]) {
      await waitForText(mgr.getByTestId('current-pick'), String(pick), 15_000);
      await mgr.locator('.clock.my-turn').waitFor({ timeout: 15_000 });
      const best = mgr.getByLabel('Available players').locator('tbody tr').first();
      chosen.push((await best.getAttribute('data-player'))!);
      await best.getByRole('button', { name: /^Draft / }).click();
      await waitForText(mgr.getByLabel('Draft board').locator(`td[data-overall="${pick}"]`), chosen[chosen.length - 1]);
    }
    await waitForText(mgr.getByTestId('draft-status'), 'complete', 15_000);
    await screenshot(mgr, 'f1-draft');
    await raceDraftWhen(() => emOf(server), leagueId, race1.id, 'complete');
    const drafted = (await manager.client.get(`/api/v1/leagues/${leagueId}/f1/leaderboard?race=${race1.id}`)).body;
    const mine = drafted.items.find((row: { teamId: string }) => row.teamId === manager.teamId);
    assert.deepEqual(mine.drivers.map((d: { name: string; auto: boolean; overall: number }) => [d.name, d.auto, d.overall]), [[chosen[0], false, 2], [chosen[1], false, 3]]);

    // Back on the F1 tab: his two drivers for race 1, nothing scored yet.
    await mgr.goto(`/leagues/${leagueId}`);
    await mgr.getByRole('tab', { name: 'F1' }).click();
    const myRace1 = mgr.locator(`tr[data-race="${race1.id}"]`);
    for (const name of chosen) await waitForText(myRace1.locator('td[data-col=drivers]'), name, 15_000);
    await waitForText(mgr.getByLabel('Season leaderboard'), 'No race scored yet');

    // Results arrive for race 1 (admin ingest): his first driver wins from pole, Team 2's first finishes 4th.
    const ext = await externalIds(emOf(server));
    const other = drafted.items.find((row: { teamId: string }) => row.teamId !== manager.teamId).drivers[0];
    const mineFirst = mine.drivers[0];
    const sent = await admin.post('/api/v1/ingest', { events: [
      resultLine(race1.period, ext.get(mineFirst.playerId)!, { qualifying: 1, grid: 1, finish: 1 }),
      resultLine(race1.period, ext.get(other.playerId)!, { qualifying: 5, grid: 5, finish: 4 }),
    ] });
    assert.equal(sent.status, 202);
    const season = await waitFor(async () => {
      const board = (await manager.client.get(`/api/v1/leagues/${leagueId}/f1/leaderboard`)).body;
      return board.races.find((r: { id: string; scored: boolean }) => r.id === race1.id).scored && board.items.every((row: { total: number }) => row.total > 0) ? board : undefined;
    }, SCORED_MS, 'race 1 scored for both teams');
    const race = (await manager.client.get(`/api/v1/leagues/${leagueId}/f1/leaderboard?race=${race1.id}`)).body;

    // The page, not reloaded, shows what REST answers: the season table (total, race 1) and race 1's table.
    for (const row of season.items as Array<{ teamId: string; rank: number; total: number; races: Record<string, number> }>) {
      await waitForText(mgr.getByLabel('Season leaderboard').locator(`tr[data-team="${row.teamId}"] td[data-col=total]`), String(row.total), SCORED_MS);
      assert.deepEqual(await rowCells(mgr, 'Season leaderboard', row.teamId), { total: String(row.total), r1: String(row.races['1']) });
    }
    assert.deepEqual(await mgr.getByLabel('Season leaderboard').locator('tr[data-team]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-team'))),
      season.items.map((row: { teamId: string }) => row.teamId), 'ranked as REST ranks them');
    for (const row of race.items as Array<{ teamId: string; points: number; drivers: Array<{ name: string; points: number | null }> }>) {
      await waitForText(mgr.getByLabel('Race leaderboard').locator(`tr[data-team="${row.teamId}"] td[data-col=points]`), String(row.points), SCORED_MS);
      const drivers = await mgr.getByLabel('Race leaderboard').locator(`tr[data-team="${row.teamId}"] [data-driver]`)
        .evaluateAll((chips) => chips.map((c) => [c.getAttribute('data-driver'), c.querySelector('b')?.textContent]));
      assert.deepEqual(drivers, row.drivers.map((d) => [d.name, d.points === null ? '—' : String(d.points)]));
    }
    const myRow = season.items.find((row: { teamId: string }) => row.teamId === manager.teamId);
    await waitForText(myRace1.locator('td[data-col=points]'), String(myRow.races['1']));
    assert.equal(myRow.races['1'], 28, 'a win from pole: 25 + 3');
    await screenshot(mgr, 'f1-leaderboard');
    await mgr.setViewportSize(PHONE);
    await screenshot(mgr, 'f1-leaderboard-phone');
  });

  it('the open F1 tab shows a result from the league room within LIVE_MS of its score job, with no reload and no polling; without the room it polls REST', async () => {
    const admin = await adminClient(server);
    const race = await addRace(admin, 2035, 1, Date.now() + 30 * MINUTE_MS);
    // No managers: the server drafts for every team as soon as the race's draft opens.
    const { commish, leagueId } = await racingLeague(server, { season: 2035, teams: 2, owned: 0, settings: { draftLeadMinutes: 60 } });
    await raceDraftWhen(() => emOf(server), leagueId, race.id, 'complete', 15_000);
    const drafted = (await commish.client.get(`/api/v1/leagues/${leagueId}/f1/leaderboard?race=${race.id}`)).body;
    const winner = drafted.items[0];

    const { page } = await signedInPage(browser, server.baseUrl, commish);
    await page.goto(`/leagues/${leagueId}`);
    await page.getByRole('tab', { name: 'F1' }).click();
    await waitForText(page.getByTestId('f1-points-source'), 'points live', 15_000);
    const total = page.getByLabel('Season leaderboard').locator(`tr[data-team="${winner.teamId}"] td[data-col=total]`);
    await waitForText(total, '0');
    // A second viewer whose browser cannot open the room's WebSocket: the tab falls back to asking REST.
    const { context: cut, page: fallback } = await signedInPage(browser, server.baseUrl, commish);
    await cut.routeWebSocket(/.*/, (ws) => ws.close({ code: 1011, reason: 'blocked by the test' }));
    await fallback.goto(`/leagues/${leagueId}`);
    await fallback.getByRole('tab', { name: 'F1' }).click();
    await waitForText(fallback.getByTestId('f1-points-source'), 'points refresh every 5 s', 15_000);

    // A win from pole (25 + 3) for the team's first driver, while the page stays open.
    const ext = await externalIds(emOf(server));
    const seen = waitForText(total, '28', SCORED_MS).then(() => Date.now());
    const sent = await admin.post('/api/v1/ingest', { events: [resultLine(race.period, ext.get(winner.drivers[0].playerId)!, { qualifying: 1, grid: 1, finish: 1 })] });
    assert.equal(sent.status, 202);
    const { scoreJob } = await finishedJobs(admin, sent.body.jobId);
    const shownAfter = (await seen) - Date.parse(scoreJob.finishedAt);
    assert.ok(shownAfter < LIVE_MS, `shown ${shownAfter} ms after the score job finished (limit ${LIVE_MS} ms)`);
    // The race's own table and column moved too, and the page then agrees with REST (drivers included).
    await waitForText(page.getByLabel('Race leaderboard').locator(`tr[data-team="${winner.teamId}"] td[data-col=points]`), '28', LIVE_MS);
    await waitForText(page.getByLabel('Season leaderboard').locator(`tr[data-team="${winner.teamId}"] td[data-col=r1]`), '28', LIVE_MS);
    const chips = page.getByLabel('Race leaderboard').locator(`tr[data-team="${winner.teamId}"] [data-driver]`);
    await waitForText(chips.first(), '28', 5000);
    assert.equal(await page.getByLabel('Season leaderboard').locator('tr[data-team]').first().getAttribute('data-team'), winner.teamId, 'ranked first');
    // The viewer without the room gets it on a later poll (F1_POLL_MS, 5 s), not at once.
    await waitForText(fallback.getByLabel('Season leaderboard').locator(`tr[data-team="${winner.teamId}"] td[data-col=total]`), '28', SCORED_MS);
    assert.equal(await fallback.getByTestId('f1-points-source').textContent(), 'points refresh every 5 s');
    await cut.close();
  });
});
