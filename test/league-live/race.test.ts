import assert from 'node:assert/strict';
import type { Room } from '@colyseus/sdk';
import { useTestServer } from '../helpers/server.ts';
import { emOf } from '../helpers/scoring.ts';
import { waitFor } from '../helpers/jobs.ts';
import { addRace, adminClient, clearCalendar, externalIds, raceDraftWhen, racingLeague, resultLine } from '../helpers/f1.ts';
import { leagueWithManagers } from '../helpers/league-rooms.ts';
import { RacePick } from '../../src/db/entities/index.ts';
import { finishedJobs, joinLeague, seenAt, teamOf } from './helpers.ts';

/** The issue: a result reaches every client of the league's room within 1 s of its score job. */
const LIVE_MS = 1000;

describe("League room of an F1 league: the current race's points and the season's, live", function () {
  this.timeout(60_000);
  const server = useTestServer();
  const rooms: Room[] = [];
  beforeEach(async () => { await clearCalendar(server); });
  afterEach(async () => { await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined))); });

  /** Race 1 locks in a few seconds, race 2 in half an hour; both drafted at once by the server (no managers' picks). */
  async function racing() {
    const admin = await adminClient(server);
    const race1 = await addRace(admin, 2034, 1, Date.now() + 4000);
    const race2 = await addRace(admin, 2034, 2, Date.now() + 30 * 60_000);
    const league = await racingLeague(server, { season: 2034, teams: 2, owned: 2, settings: { draftLeadMinutes: 60, pickSeconds: 5 } });
    // Both managers drafted for by autopick: they never join the draft rooms.
    for (const race of [race1, race2]) await raceDraftWhen(() => emOf(server), league.leagueId, race.id, 'complete', 30_000);
    const picks = await emOf(server).find(RacePick, { league: league.leagueId }, { orderBy: { overall: 'asc' } });
    const ext = await externalIds(emOf(server));
    /** The first pick of a race: its driver's feed id and his team. */
    const firstPick = (raceId: string) => {
      const pick = picks.find((p) => p.race === raceId)!;
      return { externalId: ext.get(pick.player)!, teamId: pick.team };
    };
    return { admin, race1, race2, ...league, firstPick };
  }

  const board = async (client: { get(path: string): Promise<{ body: any }> }, leagueId: string) =>
    (await client.get(`/api/v1/leagues/${leagueId}/f1/leaderboard`)).body;

  async function send(admin: Awaited<ReturnType<typeof adminClient>>, lines: unknown[]) {
    const reply = await admin.post('/api/v1/ingest', { events: lines });
    assert.equal(reply.status, 202, JSON.stringify(reply.body));
    return finishedJobs(admin, reply.body.jobId);
  }

  it('shows the race whose window opened, then each result, correction and next race as the leaderboard has them, pushed within 1 s', async () => {
    const l = await racing();
    const clients = await Promise.all([l.managers[0].token, l.managers[1].token, l.commish.token].map((token) => joinLeague(server.baseUrl, token, l.leagueId)));
    rooms.push(...clients);
    await Promise.all(clients.map((room) => seenAt(room, (s) => s.teams.length === 2)));
    // Before race 1 locks nothing is current yet (the calendar's next race is on the F1 tab, not here).
    if (Date.now() < Date.parse(l.race1.locksAt)) assert.equal((clients[0].state as any).race.id, '');

    // Its lock opens race 1's window: the room moves to it by itself, with no result yet.
    await Promise.all(clients.map((room) => seenAt(room, (s) => s.race.id === l.race1.id, 15_000)));
    const opened = clients[0].state as any;
    assert.deepEqual([opened.race.round, opened.race.period, opened.race.scored, opened.race.locksAt], [1, l.race1.period, false, Date.parse(l.race1.locksAt)]);
    assert.deepEqual(opened.teams.map((t: any) => [t.racePoints, t.seasonPoints]), [[0, 0], [0, 0]]);

    // A win from pole for race 1's first pick: 25 + 3, on every client within 1 s of the score job.
    const winner = l.firstPick(l.race1.id);
    const first = clients.map((room) => seenAt(room, (s) => teamOf(s, winner.teamId).racePoints > 0));
    const { scoreJob } = await send(l.admin, [resultLine(l.race1.period, winner.externalId, { qualifying: 1, grid: 1, finish: 1 }, 'live:r1')]);
    const finishedAt = Date.parse(scoreJob.finishedAt);
    for (const at of await Promise.all(first)) assert.ok(at - finishedAt < LIVE_MS, `seen ${at - finishedAt} ms after the score job finished`);
    const rest1 = await board(l.commish.client, l.leagueId);
    for (const room of clients) {
      const state = room.state as any;
      assert.equal(state.race.scored, true);
      for (const row of rest1.items) assert.deepEqual([teamOf(state, row.teamId).racePoints, teamOf(state, row.teamId).seasonPoints], [row.races['1'] ?? 0, row.total]);
    }
    assert.equal(teamOf(clients[0].state, winner.teamId).racePoints, 28);

    // A correction of that line (same key, second place: 18 + 3 - 1) moves the race and the season.
    const corrected = clients.map((room) => seenAt(room, (s) => teamOf(s, winner.teamId).racePoints === 20));
    await send(l.admin, [resultLine(l.race1.period, winner.externalId, { qualifying: 1, grid: 1, finish: 2 }, 'live:r1')]);
    await Promise.all(corrected);
    assert.equal(teamOf(clients[1].state, winner.teamId).seasonPoints, 20);

    // Race 2's first result makes it the current race; the season totals add both races.
    const next = l.firstPick(l.race2.id);
    const moved = clients.map((room) => seenAt(room, (s) => s.race.id === l.race2.id && teamOf(s, next.teamId).racePoints > 0));
    await send(l.admin, [resultLine(l.race2.period, next.externalId, { qualifying: 2, grid: 2, finish: 1 }, 'live:r2')]);
    await Promise.all(moved);
    const rest2 = await waitFor(async () => {
      const b = await board(l.managers[0].client, l.leagueId);
      return b.races.find((r: any) => r.id === l.race2.id).scored ? b : undefined;
    });
    for (const room of clients) {
      for (const row of rest2.items) assert.deepEqual([teamOf(room.state, row.teamId).racePoints, teamOf(room.state, row.teamId).seasonPoints], [row.races['2'] ?? 0, row.total]);
    }
  });

  it('follows the commissioner setting race weekends up: the season chosen, then its first race at its lock', async () => {
    const admin = await adminClient(server);
    const race = await addRace(admin, 2036, 1, Date.now() + 2500);
    const l = await leagueWithManagers(server, { sport: 'f1', teams: 2, owned: 1 });
    const room = await joinLeague(server.baseUrl, l.managers[0].token, l.leagueId);
    rooms.push(room);
    await seenAt(room, (s) => s.teams.length === 2);
    assert.equal((room.state as any).race.id, '');
    const put = await l.commish.client.raw('PUT', `/api/v1/leagues/${l.leagueId}/f1/settings`, { season: 2036, draftLeadMinutes: 60, pickSeconds: 3600 });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    // Nothing scored and not locked yet: still no race; at its lock the room moves to it by itself.
    await seenAt(room, (s) => s.race.id === race.id, 15_000);
    assert.ok(Date.now() >= Date.parse(race.locksAt), 'not before its lock');
  });

  it('follows a race moved earlier on the calendar: it becomes current at its new lock', async () => {
    const admin = await adminClient(server);
    const race = await addRace(admin, 2037, 1, Date.now() + 20 * 60_000);
    const l = await racingLeague(server, { season: 2037, teams: 2, owned: 1, settings: { draftLeadMinutes: 10, pickSeconds: 3600 } });
    const room = await joinLeague(server.baseUrl, l.managers[0].token, l.leagueId);
    rooms.push(room);
    await seenAt(room, (s) => s.teams.length === 2);
    const locksAt = Date.now() + 2500;
    const moved = await admin.raw('PATCH', `/api/v1/f1/races/${race.id}`, { startsAt: new Date(locksAt + 3600_000).toISOString(), locksAt: new Date(locksAt).toISOString() });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal((room.state as any).race.id, '');
    await seenAt(room, (s) => s.race.id === race.id, 15_000);
    assert.ok(Date.now() >= locksAt, 'not before its new lock');
  });

  it('shows no race, and zeros, in a league that does not play race weekends', async () => {
    const football = await leagueWithManagers(server, { teams: 2 });
    const room = await joinLeague(server.baseUrl, football.managers[0].token, football.leagueId);
    rooms.push(room);
    await seenAt(room, (s) => s.teams.length === 2);
    const state = room.state as any;
    assert.deepEqual([state.race.id, state.race.round, ...[...state.teams].flatMap((t: any) => [t.racePoints, t.seasonPoints])], ['', 0, 0, 0, 0, 0]);
  });
});
