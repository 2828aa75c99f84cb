import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { registerAdmin, waitFor } from '../helpers/jobs.ts';
import { footballLine } from '../helpers/scoring.ts';
import { seasonBody, seasonLeague, signIn, weekLock, weekStart } from '../helpers/season.ts';
import { DESKTOP, LIVE_MS, PHONE, screenshot, signedInPage, waitForText, useBrowserSuite } from '../helpers/browser.ts';
import { finishedJobs, ingest } from '../league-live/helpers.ts';
import { addRace, adminClient, clearCalendar, racingLeague } from '../helpers/f1.ts';

/** The server's clock: the test moves it from before week 1 to past the last playoff week. */
let clock = weekStart(1);
const HOUR = 3600_000;
/** Points as the Season tab prints them. */
const pts = (n: number | null) => (n === null ? '—' : n.toFixed(2));

/**
 * The league page's Season tab and the commissioner's season controls, clicked through on a server
 * whose clock the test moves: a season created by form, its schedule drawn again, a manager's
 * lineup (a position check, then a coded refusal after kickoff), fed points, each week finalized by
 * form; the matchups, standings and bracket the page shows are what REST answers.
 */
describe('web client: a fantasy season in Chromium', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  useBrowserSuite((s, b) => { server = s; browser = b; }, { now: () => clock });
  beforeEach(() => { clock = weekStart(1); });

  /** A page of the league signed in now (a token from an earlier clock would have expired). */
  async function leaguePage(username: string, userId: string, leagueId: string, viewport = DESKTOP): Promise<Page> {
    const login = await api(server.baseUrl).post('/api/v1/auth/login', { username, password: 'correct horse battery' });
    assert.equal(login.status, 200);
    const { page } = await signedInPage(browser, server.baseUrl, { token: login.body.token, userId, username }, viewport);
    await page.goto(`/leagues/${leagueId}`);
    return page;
  }
  const seasonView = async (page: Page, view: string) => {
    await page.getByRole('tab', { name: 'Season', exact: true }).click();
    await page.getByRole('tablist', { name: 'Season views' }).getByRole('tab', { name: view }).click();
  };

  it('commissioner creates and redraws a season by form; a manager sets his lineup; weeks finalize; matchups, standings and bracket match REST', async () => {
    const l = await seasonLeague(server, 4);
    const commish = await leaguePage(l.commish.username, l.commish.userId, l.leagueId, PHONE);
    await commish.getByRole('tab', { name: 'Season', exact: true }).click();
    await waitForText(commish.locator('.card'), 'No season yet');

    // The season by form: 2 regular weeks, 3 playoff teams (2 rounds: the top seed rests in round 1).
    await commish.getByRole('tab', { name: 'Commissioner' }).click();
    const form = commish.getByRole('region', { name: 'Create a season' });
    await form.getByLabel('Regular-season weeks').fill('2');
    await form.getByLabel('Playoff teams').fill('3');
    assert.equal(await form.getByLabel('Playoff weeks').inputValue(), '2', 'one round a week: ⌈log2 3⌉');
    await form.getByLabel('Week 1 starts').fill('2026-09-08T12:00');
    await form.getByLabel('Week 1 locks').fill('2026-09-13T17:00');
    await waitForText(form.getByTestId('season-preview'), '4 weeks, 2026-W01 to 2026-W04');
    await form.scrollIntoViewIfNeeded();
    await screenshot(commish, 'season-create');
    await form.getByRole('button', { name: 'Create season' }).click();
    await waitForText(form.locator('.ok'), 'Season 1 created');
    const season = (await l.commish.client.get(`${l.base}/seasons`)).body.items[0];
    assert.deepEqual(season.periods.map((p: { key: string }) => p.key), ['2026-W01', '2026-W02', '2026-W03', '2026-W04']);
    // The browser and this process share the machine's time zone: the form's local times, as ISO.
    assert.equal(season.periods[0].locksAt, new Date('2026-09-13T17:00').toISOString());
    assert.equal(season.periods[3].locksAt, new Date(Date.parse('2026-09-13T17:00') + 21 * 24 * HOUR).toISOString());
    assert.deepEqual([season.settings.regularWeeks, season.settings.playoffTeams, season.settings.playoffWeeks], [2, 3, 2]);
    clock = Date.parse(season.periods[0].startsAt);

    // Drawn again by the button; the Schedule view lists the new draw.
    const controls = commish.getByRole('region', { name: 'Season controls' });
    await controls.getByRole('button', { name: 'Draw the schedule again' }).click();
    await waitForText(controls.locator('.ok'), 'Schedule drawn again');
    const schedule = (await l.commish.client.get(`${l.base}/schedule`)).body;
    await seasonView(commish, 'Schedule');
    for (const game of schedule.periods[0].matchups) {
      await waitForText(commish.locator(`[data-period="1"] li[data-matchup="${game.id}"]`), game.home.name);
      await waitForText(commish.locator(`[data-period="1"] li[data-matchup="${game.id}"]`), game.away.name);
    }
    await screenshot(commish, 'season-schedule');

    // The manager (on a phone): his automatic lineup; a bench QB into the QB slot, saved.
    const team = l.teamIds[0];
    /** The commissioner's REST client at the clock now (tokens of an earlier clock have expired). */
    const rest = () => signIn(server, l.commish.username);
    const lineupPath = `${l.base}/teams/${team}/lineup?period=1`;
    const auto = (await l.manager.client.get(lineupPath)).body;
    assert.equal(auto.auto, true);
    const startingQb = auto.starters[0].playerId as string;
    const benchQb = auto.bench.find((p: { position: string }) => p.position === 'QB');
    let manager = await leaguePage(l.manager.username, l.manager.userId, l.leagueId, PHONE);
    await seasonView(manager, 'My lineup');
    const editor = manager.getByRole('region', { name: 'My lineup' });
    await editor.getByTestId('auto-lineup').waitFor();
    // Positions are checked: the RB slot offers no quarterback.
    assert.equal(await editor.locator(`select[aria-label="RB (slot 2)"] option[value="${benchQb.playerId}"]`).count(), 0);
    await editor.getByLabel('QB (slot 1)').selectOption(benchQb.playerId);
    await editor.getByRole('button', { name: 'Save lineup' }).click();
    await waitForText(editor.locator('.ok'), 'Lineup saved for Week 1');
    const set = (await l.manager.client.get(lineupPath)).body;
    assert.deepEqual([set.auto, set.starters[0].playerId], [false, benchQb.playerId]);
    await manager.context().close();

    // A minute before kickoff he opens it again and puts the starter back; he saves after kickoff: refused, with its code.
    clock = weekLock(1) - 60_000;
    manager = await leaguePage(l.manager.username, l.manager.userId, l.leagueId, PHONE);
    await seasonView(manager, 'My lineup');
    const late = manager.getByRole('region', { name: 'My lineup' });
    await late.getByLabel('QB (slot 1)').selectOption(startingQb);
    clock = weekLock(1) + 1000;
    await late.getByRole('button', { name: 'Save lineup' }).click();
    await waitForText(late.getByRole('alert'), 'LINEUP_LOCKED');
    await waitForText(late.getByRole('alert'), `${benchQb.name} is locked`);
    await late.getByRole('alert').scrollIntoViewIfNeeded();
    await screenshot(manager, 'season-lineup');
    assert.equal((await (await signIn(server, l.manager.username)).get(lineupPath)).body.starters[0].playerId, benchQb.playerId, 'nothing changed');
    await manager.context().close();

    // Points through the stat feed: every team's QB of every week (different yards: no ties), and a bench player's.
    const externalId = (playerId: string) => l.pool.find((p) => p.id === playerId)!.externalId;
    const lines = [footballLine(externalId(set.bench[0].playerId), { rushTd: 3 })];
    for (const [i, teamId] of l.teamIds.entries()) {
      for (let week = 1; week <= 4; week++) {
        const qb = (await (await rest()).get(`${l.base}/teams/${teamId}/lineup?period=${week}`)).body.starters[0].playerId;
        lines.push(footballLine(externalId(qb), { passYards: 60 * (i + 1) + week * 7 }, { period: `2026-W0${week}` }));
      }
    }
    await ingest(api(server.baseUrl, await registerAdmin(server)), lines);
    await waitFor(async () => {
      const items = (await (await rest()).get(`${l.base}/matchups?period=1`)).body.items as Array<{ home: { points: number }; away: { points: number } }>;
      return items.every((m) => m.home.points > 0 && m.away.points > 0) ? true : undefined;
    }, 20_000, 'week 1 scored');

    // Each week finalized by the commissioner's form, an hour after its lock.
    let page = commish;
    const finalize = async (week: number, name: string) => {
      clock = weekLock(week) + HOUR;
      await page.context().close();
      page = await leaguePage(l.commish.username, l.commish.userId, l.leagueId);
      await page.getByRole('tab', { name: 'Commissioner' }).click();
      const form = page.getByRole('region', { name: 'Season controls' });
      await form.getByLabel('Week to finalize').selectOption(String(week));
      await form.getByRole('button', { name: 'Finalize week' }).click();
      await waitForText(form.locator('.ok'), `${name} is final`);
    };
    await finalize(1, 'Week 1');
    // Week 1 has locked: drawing the schedule again is refused, with the server's code.
    const controls1 = page.getByRole('region', { name: 'Season controls' });
    await controls1.getByRole('button', { name: 'Draw the schedule again' }).click();
    await waitForText(controls1.getByRole('alert'), 'SCHEDULE_LOCKED');
    assert.equal((await controls1.getByRole('alert').textContent())?.trim(), 'SCHEDULE_LOCKED The schedule can no longer be drawn again: week 1 has locked');
    assert.deepEqual((await (await rest()).get(`${l.base}/schedule`)).body.periods[0].matchups.map((m: { id: string }) => m.id), schedule.periods[0].matchups.map((m: { id: string }) => m.id), 'the schedule stays');

    // Week 1's matchups: the page shows what REST answers (scores, bench, W/L/T, the automatic lineups).
    const week1 = (await (await rest()).get(`${l.base}/matchups?period=1`)).body;
    assert.equal(week1.period.final, true);
    await seasonView(page, 'Matchups');
    for (const m of week1.items) {
      for (const which of ['home', 'away'] as const) {
        const side = m[which];
        const shown = page.locator(`[data-matchup="${m.id}"] [data-side="${which}"]`);
        await waitForText(shown.locator('[data-col=points]'), pts(side.points));
        assert.equal(await shown.locator('[data-col=points]').textContent(), pts(side.points), `${side.name} points`);
        assert.equal(await shown.locator('[data-col=bench]').textContent(), pts(side.benchPoints));
        const letter = m.result === 'tie' ? 'T' : m.result === which ? 'W' : 'L';
        assert.equal(await shown.locator('[data-col=result]').textContent(), letter);
        assert.equal(await shown.locator('[data-col=auto]').count(), side.auto ? 1 : 0, `${side.name} auto`);
      }
    }
    const sides = week1.items.flatMap((m: any) => [m.home, m.away]);
    assert.deepEqual(sides.map((side: any) => side.auto), sides.map((side: any) => side.teamId !== team), 'his lineup is his own, the open teams play the automatic one');
    await page.locator(`[data-matchup] details`).first().locator('summary').click();
    await screenshot(page, 'season-matchups');

    const checkStandings = async (number?: number) => {
      const table = (await (await rest()).get(`${l.base}/standings${number ? `?season=${number}` : ''}`)).body.season;
      await seasonView(page, 'Standings');
      for (const r of table.items) {
        const row = page.locator(`[aria-label="Season standings"] tr[data-team="${r.teamId}"]`);
        await waitForText(row.locator('[data-col=record]'), `${r.wins}-${r.losses}-${r.ties}`);
        const cells = Object.fromEntries(await row.locator('td[data-col]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-col'), td.textContent])));
        assert.deepEqual(cells, {
          rank: String(r.rank), record: `${r.wins}-${r.losses}-${r.ties}`, pct: r.pct.toFixed(3).replace(/^0(?=\.)/, ''),
          pf: pts(r.pointsFor), pa: pts(r.pointsAgainst), streak: r.streak || '—', gb: r.gamesBack === 0 ? '—' : String(r.gamesBack),
        }, r.name);
      }
      return table;
    };
    const afterWeek1 = await checkStandings();
    assert.equal(afterWeek1.items.reduce((n: number, r: any) => n + r.wins + r.losses + r.ties, 0), 4, 'two games, four results');

    await finalize(2, 'Week 2');
    await checkStandings();
    await screenshot(page, 'season-standings');
    await finalize(3, 'Playoff round 1 (week 3)');
    await finalize(4, 'Playoff round 2 (week 4)');

    // The bracket: seeds, the top seed's bye, the results and the champion, as REST has them.
    const bracket = (await (await rest()).get(`${l.base}/playoffs`)).body;
    assert.equal(bracket.status, 'complete');
    await seasonView(page, 'Playoffs');
    const shown = page.getByRole('region', { name: 'Playoffs' });
    await waitForText(shown.getByTestId('champion'), `Champion: ${bracket.champion.name}`);
    assert.equal(await shown.locator('.bracket-game.bye').count(), bracket.rounds[0].games.filter((g: { bye: boolean }) => g.bye).length);
    assert.equal(bracket.rounds[0].games.filter((g: { bye: boolean }) => g.bye).length, 1, 'three teams: the top seed rests');
    for (const round of bracket.rounds) {
      for (const game of round.games.filter((g: { bye: boolean }) => !g.bye)) {
        const box = shown.locator(`[data-round="${round.round}"] [data-slot="${game.slot}"]`);
        await waitForText(box.locator('.won'), game.winner.name);
        await waitForText(box, pts(game.homePoints));
        await waitForText(box, pts(game.awayPoints));
      }
    }
    await waitForText(page.getByTestId('season-status'), bracket.champion.name);
    await screenshot(page, 'season-playoffs');

    // On his phone the manager reads week 1 again: his matchup, its scores as REST has them.
    manager = await leaguePage(l.manager.username, l.manager.userId, l.leagueId, PHONE);
    await seasonView(manager, 'Matchups');
    await manager.getByLabel('Week').selectOption('1');
    const his = week1.items.find((m: any) => m.home.teamId === team || m.away.teamId === team);
    const card = manager.locator(`[data-matchup="${his.id}"]`);
    await waitForText(card.locator(`[data-team="${team}"] [data-col=points]`), pts(his.home.teamId === team ? his.home.points : his.away.points));
    assert.equal(await card.evaluate((el) => el.classList.contains('mine')), true, 'his own game stands out');
    await card.locator('summary').click();
    await screenshot(manager, 'season-matchups-phone');
    await seasonView(manager, 'Playoffs');
    await waitForText(manager.getByTestId('champion'), `Champion: ${bracket.champion.name}`);
    await screenshot(manager, 'season-playoffs-phone');

    // Season 1 is complete: the commissioner creates season 2 by form; season 1 stays readable.
    await page.getByRole('tab', { name: 'Commissioner' }).click();
    const second = page.getByRole('region', { name: 'Create a season' });
    await second.getByLabel('Regular-season weeks').fill('2');
    await second.getByLabel('Playoff teams').fill('2');
    await second.getByLabel('Week 1 starts').fill('2026-10-06T12:00');
    await second.getByLabel('Week 1 locks').fill('2026-10-11T17:00');
    await second.getByLabel("First week's feed key").fill('2026-W05');
    await second.getByRole('button', { name: 'Create season' }).click();
    await waitForText(second.locator('.ok'), 'Season 2 created');
    const seasons = (await (await rest()).get(`${l.base}/seasons`)).body.items;
    assert.deepEqual(seasons.map((x: { number: number; status: string }) => [x.number, x.status]), [[2, 'regular'], [1, 'complete']]);
    assert.deepEqual(seasons[0].periods.map((p: { key: string }) => p.key), ['2026-W05', '2026-W06', '2026-W07']);
    await seasonView(page, 'Standings');
    const fresh = await checkStandings();
    assert.ok(fresh.items.every((r: { wins: number; losses: number }) => r.wins + r.losses === 0), 'season 2 has played nothing');
    await page.getByLabel('Season', { exact: true }).selectOption('1');
    await checkStandings(1);
    await seasonView(page, 'Playoffs');
    await waitForText(page.getByTestId('champion'), `Champion: ${bracket.champion.name}`);
  });

  it('the creation form sends everything the API takes (custom slots, tiebreakers, playoffs, per-week locks and kickoffs): REST reads back what was entered; a refusal shows its code and creates nothing', async () => {
    const l = await seasonLeague(server, 4);
    const page = await leaguePage(l.commish.username, l.commish.userId, l.leagueId);
    await page.getByRole('tab', { name: 'Commissioner' }).click();
    const form = page.getByRole('region', { name: 'Create a season' });
    // The sport's defaults, from GET season-options: the football slots and tiebreakers.
    await waitForText(form.getByTestId('slots-preview'), '9 starters: QB, RB×2, WR×2, TE, FLEX (RB/WR/TE), K, DEF');
    assert.deepEqual(await form.locator('[data-tiebreaker]').evaluateAll((li) => li.map((x) => x.getAttribute('data-tiebreaker'))), ['record', 'pointsFor', 'headToHead', 'pointsAgainst']);

    await form.getByLabel('Regular-season weeks').fill('3');
    await form.getByLabel('Playoff teams').fill('8');
    assert.equal(await form.getByLabel('Playoff weeks').inputValue(), '3');
    await form.getByLabel('Week 1 starts').fill('2026-09-08T12:00');
    await form.getByLabel('Week 1 locks').fill('2026-09-13T17:00');
    await waitForText(form.getByTestId('season-preview'), '6 weeks, 2026-W01 to 2026-W06');
    // More playoff teams than the league has: the server's refusal, its code and field; nothing stored.
    await form.getByRole('button', { name: 'Create season' }).click();
    const alert = form.getByRole('alert');
    await waitForText(alert, 'INVALID_INPUT');
    await waitForText(alert, "playoffTeams: at most the league's 4 teams");
    assert.equal(await alert.getAttribute('data-code'), 'INVALID_INPUT');
    assert.deepEqual((await l.commish.client.get(`${l.base}/seasons`)).body.items, [], 'nothing created');

    // 3 playoff teams: 2 rounds (the top seed rests in round 1).
    await form.getByLabel('Playoff teams').fill('3');
    await waitForText(form.getByTestId('season-preview'), '5 weeks, 2026-W01 to 2026-W05');
    // Week 2 locks on Thursday night (an edit of one week); week 1 has KC's own kickoff on Monday night.
    const week = (n: number) => form.locator(`[data-period="${n}"]`);
    await week(2).locator('summary').click();
    await week(2).getByLabel('Locks', { exact: true }).fill('2026-09-17T20:15');
    await week(1).locator('summary').click();
    await week(1).getByRole('button', { name: "Add a club's kickoff" }).click();
    await week(1).getByLabel('Club').fill('KC');
    await week(1).getByLabel('Kickoff', { exact: true }).fill('2026-09-14T20:15');
    await waitForText(week(1).locator('summary'), '1 kickoff');

    // Tiebreakers: points for first, then record, head-to-head, points against (all four).
    const tiebreakers = form.getByRole('group', { name: 'Tiebreakers' });
    await tiebreakers.getByRole('button', { name: 'Move Points for up' }).click();
    await tiebreakers.getByRole('checkbox', { name: 'Points against' }).check();
    // Slots: three RBs, a superflex FLEX (QB too), no DEF, a new WR/TE slot.
    const slots = form.getByRole('group', { name: 'Lineup slots' });
    await slots.getByLabel('Slot 2 count').fill('3');
    await slots.getByRole('group', { name: 'Slot 5 positions' }).getByLabel('QB').check();
    await slots.getByRole('button', { name: 'Remove slot 7' }).click();
    await slots.getByRole('button', { name: 'Add a slot' }).click();
    await slots.getByLabel('Slot 7 name').fill('wrte');
    await slots.getByRole('group', { name: 'Slot 7 positions' }).getByLabel('WR').check();
    await slots.getByRole('group', { name: 'Slot 7 positions' }).getByLabel('TE').check();
    await waitForText(form.getByTestId('slots-preview'), '10 starters: QB, RB×3, WR×2, TE, FLEX (QB/RB/WR/TE), K, WRTE (WR/TE)');
    await form.getByLabel('before it is final').fill('90');
    await form.getByRole('group', { name: 'Weeks and lock times' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'season-create-weeks');
    await slots.scrollIntoViewIfNeeded();
    await screenshot(page, 'season-create-slots');

    await form.getByRole('button', { name: 'Create season' }).click();
    await waitForText(form.locator('.ok'), 'Season 1 created: 5 weeks');
    const [season] = (await l.commish.client.get(`${l.base}/seasons`)).body.items;
    const at = (local: string) => new Date(local).toISOString();
    assert.deepEqual(season.settings, {
      regularWeeks: 3, playoffTeams: 3, playoffWeeks: 2, finalizeGraceMinutes: 90,
      tiebreakers: ['pointsFor', 'record', 'headToHead', 'pointsAgainst'],
      lineup: {
        slots: ['QB', 'RB', 'RB', 'RB', 'WR', 'WR', 'TE', 'FLEX', 'K', 'WRTE'],
        eligibility: { QB: ['QB'], RB: ['RB'], WR: ['WR'], TE: ['TE'], FLEX: ['QB', 'RB', 'WR', 'TE'], K: ['K'], WRTE: ['WR', 'TE'] },
      },
    });
    const WEEK = 7 * 24 * HOUR;
    assert.deepEqual(season.periods.map((p: any) => ({ key: p.key, kind: p.kind, startsAt: p.startsAt, locksAt: p.locksAt, fixtures: p.fixtures })),
      [1, 2, 3, 4, 5].map((n) => ({
        key: `2026-W0${n}`, kind: n <= 3 ? 'regular' : 'playoff',
        startsAt: new Date(Date.parse(at('2026-09-08T12:00')) + (n - 1) * WEEK).toISOString(),
        locksAt: n === 2 ? at('2026-09-17T20:15') : new Date(Date.parse(at('2026-09-13T17:00')) + (n - 1) * WEEK).toISOString(),
        fixtures: n === 1 ? { KC: at('2026-09-14T20:15') } : {},
      })));

    // On a phone: the same form, its slots and tiebreakers fit the screen (no sideways scroll).
    const phone = await leaguePage(l.commish.username, l.commish.userId, l.leagueId, PHONE);
    await phone.getByRole('tab', { name: 'Commissioner' }).click();
    const small = phone.getByRole('region', { name: 'Create a season' });
    await waitForText(small.getByTestId('slots-preview'), '9 starters');
    await small.getByRole('group', { name: 'Tiebreakers' }).scrollIntoViewIfNeeded();
    assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll');
    await screenshot(phone, 'season-create-phone');
    await phone.context().close();
    await page.context().close();
  });

  it("an F1 league's form: races instead of weeks, the driver slots and positions of F1, periods filled from the league's race calendar", async () => {
    await clearCalendar(server);
    const admin = await adminClient(server);
    const races = [];
    for (let round = 1; round <= 3; round++) races.push(await addRace(admin, 2027, round, Date.parse('2027-03-07T14:00:00Z') + (round - 1) * 14 * 24 * HOUR));
    const l = await racingLeague(server, { season: 2027, teams: 2 });
    const { page } = await signedInPage(browser, server.baseUrl, l.commish);
    await page.goto(`/leagues/${l.leagueId}`);
    await page.getByRole('tab', { name: 'Commissioner' }).click();
    const form = page.getByRole('region', { name: 'Create a season' });
    await waitForText(form.getByTestId('slots-preview'), '2 starters: DRV×2');
    // Only F1's one position is offered.
    assert.deepEqual(await form.getByRole('group', { name: 'Slot 1 positions' }).getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.parentElement!.textContent)), ['DRV']);
    await form.getByLabel('Regular-season races').fill('2');
    await form.getByLabel('Playoff teams').fill('2');
    await form.getByRole('button', { name: 'Fill from the F1 calendar' }).click();
    await waitForText(form.getByTestId('season-preview'), `3 races, ${races[0].period} to ${races[2].period}`);
    await screenshot(page, 'season-create-f1');
    await form.getByRole('button', { name: 'Create season' }).click();
    await waitForText(form.locator('.ok'), 'Season 1 created: 3 races');
    const [season] = (await l.commish.client.get(`/api/v1/leagues/${l.leagueId}/seasons`)).body.items;
    assert.deepEqual(season.periods.map((p: any) => [p.key, p.locksAt, p.startsAt]),
      races.map((r) => [r.period, r.locksAt, new Date(Date.parse(r.locksAt) - 3 * 24 * HOUR).toISOString()]));
    assert.deepEqual(season.settings.lineup, { slots: ['DRV', 'DRV'], eligibility: { DRV: ['DRV'] } });
    await page.context().close();
  });

  it("the current week's matchups follow the league room: a starter's ingested points show on the open page, no reload, within LIVE_MS of the score job", async () => {
    // Week 1 has started and nothing has locked (set before anyone signs in: tokens are of this clock).
    clock = weekStart(1) + HOUR;
    const l = await seasonLeague(server, 4);
    const created = await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const team = l.teamIds[0];
    const game = (await l.manager.client.get(`${l.base}/matchups?period=1`)).body.items.find((m: any) => m.home.teamId === team || m.away?.teamId === team);
    const mine = game.home.teamId === team ? game.home : game.away;
    const page = await leaguePage(l.manager.username, l.manager.userId, l.leagueId);
    await seasonView(page, 'Matchups');
    const points = page.locator(`[data-matchup="${game.id}"] [data-team="${team}"] [data-col=points]`);
    await waitForText(points, pts(0));
    // The page is in the league room before the line is sent (a join after it would show it too, but later).
    await page.locator('[aria-label="Matchups"][data-room="live"]').waitFor({ timeout: 15_000 });

    // His first starter: 2 passing TDs and 50 yards = 10 points (a bench player's would not count).
    const externalId = l.pool.find((p) => p.id === mine.starters[0].playerId)!.externalId;
    const seen = waitForText(points, pts(10), 30_000).then(() => Date.now());
    const admin = api(server.baseUrl, await registerAdmin(server));
    const { scoreJob } = await finishedJobs(admin, await ingest(admin, [footballLine(externalId, { passTd: 2, passYards: 50 })]));
    const shownAfter = (await seen) - Date.parse(scoreJob.finishedAt);
    assert.ok(shownAfter < LIVE_MS, `shown ${shownAfter} ms after the score job finished (limit ${LIVE_MS} ms)`);
    await waitForText(page.getByTestId('matchups-live'), 'updating live');
    assert.equal(await page.getByRole('button', { name: 'Refresh scores' }).count(), 0, 'no refresh button while the room pushes');
    // What the room pushed is what REST answers, and the lineup details followed (the push reloads them).
    const rest = (await l.manager.client.get(`${l.base}/matchups?period=1`)).body.items.find((m: any) => m.id === game.id);
    assert.equal((rest.home.teamId === team ? rest.home : rest.away).points, 10);
    await page.locator(`[data-matchup="${game.id}"] summary`).click();
    await waitForText(page.locator(`[data-matchup="${game.id}"] table`).first(), pts(10));
  });
});
