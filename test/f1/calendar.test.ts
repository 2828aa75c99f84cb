import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { emOf } from '../helpers/scoring.ts';
import { leagueWithManagers } from '../helpers/league-rooms.ts';
import { MINUTE_MS, addRace, adminClient, clearCalendar, raceDraftWhen, racingLeague } from '../helpers/f1.ts';
import { RacePick } from '../../src/db/entities/index.ts';

const HOUR_MS = 60 * MINUTE_MS;
const fieldsOf = (body: { error: { details?: { fields: Array<{ path: string }> } } }) => body.error.details?.fields.map((f) => f.path);

describe('the F1 race calendar and a league\'s race settings over REST', function () {
  this.timeout(30_000);
  const server = useTestServer();
  beforeEach(async () => { await clearCalendar(server); });

  it('lists the calendar to anyone, without a token, by season and round', async () => {
    const admin = await adminClient(server);
    const later = await addRace(admin, 2032, 2, Date.now() + 48 * HOUR_MS);
    const first = await addRace(admin, 2032, 1, Date.now() + 24 * HOUR_MS);
    await addRace(admin, 2033, 1, Date.now() + 24 * HOUR_MS);
    const all = await api(server.baseUrl).get('/api/v1/f1/races');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.items.map((r: { season: number; round: number }) => `${r.season}/${r.round}`), ['2032/1', '2032/2', '2033/1']);
    const one = await api(server.baseUrl).get('/api/v1/f1/races?season=2032');
    assert.deepEqual(one.body.items.map((r: { id: string }) => r.id), [first.id, later.id]);
    assert.equal((await api(server.baseUrl).get('/api/v1/f1/races?season=soon')).status, 400);
  });

  it('lets admins add a race (lock 23 h before the start by default) and refuses a clash, a lock after the start, a non-admin', async () => {
    const admin = await adminClient(server);
    const startsAt = new Date(Date.now() + 72 * HOUR_MS).toISOString();
    const body = { season: 2032, round: 1, name: 'Nimbus Grand Prix', circuit: 'Nimbus Ring', country: 'Cloudland', startsAt };
    const created = await admin.post('/api/v1/f1/races', body);
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.period, new Date(created.body.startsAt).getTime() - new Date(created.body.locksAt).getTime()], ['nimbus-2032', 23 * HOUR_MS]);
    assert.equal((await admin.post('/api/v1/f1/races', { ...body, name: 'Other Grand Prix' })).status, 409, 'season and round taken');
    const late = await admin.post('/api/v1/f1/races', { ...body, round: 2, name: 'Late Grand Prix', locksAt: new Date(Date.now() + 73 * HOUR_MS).toISOString() });
    assert.deepEqual([late.status, fieldsOf(late.body)], [400, ['locksAt']]);
    assert.deepEqual(fieldsOf((await admin.post('/api/v1/f1/races', { ...body, round: 0 })).body), ['round']);
    const stranger = await signUp(server.baseUrl, 'fan');
    assert.equal((await stranger.client.post('/api/v1/f1/races', { ...body, round: 3, name: 'Fan Grand Prix' })).status, 403);
    // A long first word makes a period the column holds (it was a 500).
    const long = await admin.post('/api/v1/f1/races', { ...body, round: 4, name: `${'Verylong'.repeat(6)}x Grand Prix` });
    assert.deepEqual([long.status, long.body.period], [201, `${'verylong'.repeat(6)}x`.slice(0, 35) + '-2032']);
  });

  it('moves a race: the lock follows the start; a lock in the past or a locked race cannot move', async () => {
    const admin = await adminClient(server);
    const race = await addRace(admin, 2032, 1, Date.now() + 24 * HOUR_MS);
    const startsAt = new Date(Date.now() + 96 * HOUR_MS);
    const moved = await admin.raw('PATCH', `/api/v1/f1/races/${race.id}`, { startsAt: startsAt.toISOString() });
    assert.equal(moved.status, 200);
    assert.equal(new Date(moved.body.locksAt).getTime(), startsAt.getTime() - 23 * HOUR_MS);
    const past = await admin.raw('PATCH', `/api/v1/f1/races/${race.id}`, { locksAt: new Date(Date.now() - MINUTE_MS).toISOString() });
    assert.deepEqual([past.status, fieldsOf(past.body)], [400, ['locksAt']]);
    assert.deepEqual(fieldsOf((await admin.raw('PATCH', `/api/v1/f1/races/${race.id}`, {})).body), ['startsAt']);
    assert.equal((await admin.raw('PATCH', `/api/v1/f1/races/${crypto.randomUUID()}`, { startsAt: startsAt.toISOString() })).status, 404);
    const soon = await addRace(admin, 2032, 2, Date.now() + 1000);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const locked = await admin.raw('PATCH', `/api/v1/f1/races/${soon.id}`, { startsAt: startsAt.toISOString() });
    assert.deepEqual([locked.status, locked.body.error.code], [409, 'RACE_LOCKED']);
  });

  it('brings a live race draft\'s lock forward when its race moves: the draft finishes by autopick at the new lock', async () => {
    const admin = await adminClient(server);
    const race = await addRace(admin, 2032, 1, Date.now() + 30 * MINUTE_MS);
    const { leagueId } = await racingLeague(server, { season: 2032, teams: 2, owned: 2, settings: { draftLeadMinutes: 60, pickSeconds: 3600 } });
    await raceDraftWhen(() => emOf(server), leagueId, race.id, 'live');
    const lockAt = Date.now() + 1500;
    const moved = await admin.raw('PATCH', `/api/v1/f1/races/${race.id}`, {
      locksAt: new Date(lockAt).toISOString(), startsAt: new Date(lockAt + 23 * HOUR_MS).toISOString(),
    });
    assert.equal(moved.status, 200);
    const done = await raceDraftWhen(() => emOf(server), leagueId, race.id, 'complete');
    assert.ok(done.completedAt!.getTime() >= lockAt, 'at the new lock');
    assert.equal(await emOf(server).count(RacePick, { league: leagueId, race: race.id }), 4);
  });

  it('takes race settings from the commissioner of an F1 league only, for a season on the calendar', async () => {
    const admin = await adminClient(server);
    const race = await addRace(admin, 2032, 1, Date.now() + 24 * HOUR_MS);
    const f1 = await leagueWithManagers(server, { sport: 'f1', teams: 2, owned: 1 });
    const settings = `/api/v1/leagues/${f1.leagueId}/f1/settings`;
    const board = await f1.commish.client.get(`/api/v1/leagues/${f1.leagueId}/f1/leaderboard`);
    assert.deepEqual([board.status, board.body.error.code], [409, 'NO_RACE_WEEKENDS']);
    assert.equal((await f1.managers[0].client.raw('PUT', settings, { season: 2032 })).status, 403);
    const noSeason = await f1.commish.client.raw('PUT', settings, { season: 2050 });
    assert.deepEqual([noSeason.status, noSeason.body.error.code], [409, 'NO_SUCH_SEASON']);
    assert.deepEqual(fieldsOf((await f1.commish.client.raw('PUT', settings, { season: 2032, baseOrder: [f1.teamIds[0], f1.teamIds[0]] })).body), ['baseOrder']);
    assert.deepEqual(fieldsOf((await f1.commish.client.raw('PUT', settings, { season: 2032, orderMode: 'random' })).body), ['orderMode']);
    const put = await f1.commish.client.raw('PUT', settings, { season: 2032, orderMode: 'standings', baseOrder: [...f1.teamIds].reverse() });
    assert.equal(put.status, 200);
    assert.deepEqual([put.body.orderMode, put.body.draftLeadMinutes, put.body.pickSeconds, put.body.baseOrder], ['standings', 2880, 60, [...f1.teamIds].reverse()]);
    const football = await leagueWithManagers(server, { sport: 'football', teams: 2, owned: 0 });
    const wrongSport = await football.commish.client.raw('PUT', `/api/v1/leagues/${football.leagueId}/f1/settings`, { season: 2032 });
    assert.deepEqual([wrongSport.status, wrongSport.body.error.code], [400, 'NOT_SUPPORTED']);
    // The race locks in a day, inside the default 48 h lead: its draft opens at once, in round 1's order.
    const draft = await raceDraftWhen(() => emOf(server), f1.leagueId, race.id, 'live');
    const races = (await f1.managers[0].client.get(`/api/v1/leagues/${f1.leagueId}/f1/races`)).body;
    assert.deepEqual([races.settings.season, races.items.length, races.items[0].draft.id, races.items[0].draft.order], [2032, 1, draft.id, [...f1.teamIds].reverse()]);
  });
});
