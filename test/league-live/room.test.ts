import assert from 'node:assert/strict';
import type { Room } from '@colyseus/sdk';
import { useTestServer, makePublic } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { footballLine } from '../helpers/scoring.ts';
import { finishedJobs, ingest, joinLeague, liveLeague, seenAt, teamOf } from './helpers.ts';

/** What a failed join says: the matchmaking answer's HTTP status. */
async function joinStatus(join: Promise<Room>): Promise<number> {
  try {
    const room = await join;
    await room.leave();
    return 200;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

describe('League room (`league`): live points from a real ingest', function () {
  this.timeout(40_000);
  const server = useTestServer();
  const rooms: Room[] = [];
  const join = async (...args: Parameters<typeof joinLeague> extends [string, ...infer R] ? R : never) => {
    const room = await joinLeague(server.baseUrl, ...args);
    rooms.push(room);
    return room;
  };
  afterEach(async () => { await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined))); });

  it('shows every team with its roster and no points (and no matchups) before anything was scored', async () => {
    const { managers, leagueId, teamIds } = await liveLeague(server);
    const room = await join(managers[0].token, leagueId);
    await seenAt(room, (s) => s.teams.length === 2);
    const state = room.state as any;
    assert.deepEqual([state.leagueId, state.sport, state.period, state.matchups.length], [leagueId, 'football', '', 0]);
    assert.deepEqual(state.teams.map((t: any) => [t.id, t.points, t.players.length]), [[teamIds[0], 0, 1], [teamIds[1], 0, 1]]);
  });

  it('pushes a changed player\'s points to every client within 1 s of the score job finishing', async () => {
    const { managers, commish, leagueId, teamIds, admin, qb } = await liveLeague(server);
    const clients = await Promise.all([join(managers[0].token, leagueId), join(managers[1].token, leagueId), join(commish.token, leagueId)]);
    await Promise.all(clients.map((room) => seenAt(room, (s) => s.teams.length === 2)));
    const scored = (s: any) => teamOf(s, teamIds[0]).points > 0;
    const seen = clients.map((room) => seenAt(room, scored));
    const jobId = await ingest(admin, [footballLine('football:qb-01', { passYards: 300, passTd: 2 })]);
    const { scoreJob } = await finishedJobs(admin, jobId);
    const finishedAt = new Date(scoreJob.finishedAt).getTime();
    for (const at of await Promise.all(seen)) assert.ok(at - finishedAt < 1000, `seen ${at - finishedAt} ms after the score job finished`);

    // The pushed numbers are the stored scores of the period.
    const scores = (await commish.client.get(`/api/v1/leagues/${leagueId}/scores?period=2026-W01`)).body.items;
    assert.equal(scores.length, 1);
    for (const room of clients) {
      const state = room.state as any;
      const team = teamOf(state, teamIds[0]);
      assert.equal(state.period, '2026-W01');
      assert.equal(team.points, scores[0].points);
      assert.deepEqual(team.players.map((p: any) => [p.playerId, p.points]), [[qb, scores[0].points]]);
      assert.equal(teamOf(state, teamIds[1]).points, 0);
      assert.deepEqual(state.matchups.map((m: any) => [m.homeTeamId, m.homePoints, m.awayTeamId]),
        [[teamIds[0], scores[0].points, ''], [teamIds[1], 0, '']]);
      assert.ok(state.scoredAt >= finishedAt - 1000 && state.scoredAt <= finishedAt + 1000, 'scoredAt is when the scores changed');
    }
  });

  it('shows each league its own points when one batch reloads several leagues\' rooms together', async () => {
    const leagues = [await liveLeague(server), await liveLeague(server)];
    const clients = await Promise.all(leagues.map((l) => join(l.managers[0].token, l.leagueId)));
    await Promise.all(clients.map((room) => seenAt(room, (s) => s.teams.length === 2)));
    const seen = clients.map((room, i) => seenAt(room, (s) => teamOf(s, leagues[i].teamIds[0]).points > 0 && teamOf(s, leagues[i].teamIds[1]).points > 0));
    // Both leagues roster the same two players: one batch scores both, and both rooms reload at once (one read for both).
    const jobId = await ingest(leagues[0].admin, [footballLine('football:qb-01', { passYards: 300, passTd: 2 }), footballLine('football:rb-01', { rushYards: 50 })]);
    await finishedJobs(leagues[0].admin, jobId);
    await Promise.all(seen);
    for (const [i, { leagueId, teamIds, commish }] of leagues.entries()) {
      const scores = (await commish.client.get(`/api/v1/leagues/${leagueId}/scores?period=2026-W01`)).body.items;
      const state = clients[i].state as any;
      for (const teamId of teamIds) {
        const stored = scores.filter((s: any) => s.teamId === teamId).reduce((sum: number, s: any) => sum + s.points, 0);
        assert.ok(stored > 0);
        assert.equal(teamOf(state, teamId).points, stored);
      }
      assert.deepEqual(state.teams.map((t: any) => t.id).sort(), [...teamIds].sort());
    }
  });

  it('follows a correction: the same feed key with new stats replaces the points', async () => {
    const { managers, leagueId, teamIds, admin } = await liveLeague(server);
    const room = await join(managers[1].token, leagueId);
    const first = seenAt(room, (s) => teamOf(s, teamIds[1]).points === 10);
    await ingest(admin, [footballLine('football:rb-01', { rushYards: 100 })]);
    await first;
    const corrected = seenAt(room, (s) => teamOf(s, teamIds[1]).points === 6);
    await ingest(admin, [footballLine('football:rb-01', { rushYards: 60 })]);
    await corrected;
  });

  it('moves to a newer period as its lines arrive, and a late line of an older one does not move it back', async () => {
    const { managers, leagueId, teamIds, admin } = await liveLeague(server);
    const room = await join(managers[0].token, leagueId);
    const week1 = seenAt(room, (s) => s.period === '2026-W01' && teamOf(s, teamIds[0]).points === 10);
    await ingest(admin, [footballLine('football:qb-01', { passYards: 250 }, { period: '2026-W01', occurredAt: '2026-09-13T17:00:00Z' })]);
    await week1;
    const week2 = seenAt(room, (s) => s.period === '2026-W02' && teamOf(s, teamIds[1]).points === 5);
    await ingest(admin, [footballLine('football:rb-01', { rushYards: 50 }, { period: '2026-W02', occurredAt: '2026-09-20T17:00:00Z' })]);
    await week2;
    assert.equal(teamOf(room.state, teamIds[0]).points, 0, 'week 2: the quarterback has not played yet');
    // A week-1 line sent late changes week 1's scores, not what the room shows.
    const jobId = await ingest(admin, [footballLine('football:qb-01', { passYards: 100 }, { period: '2026-W01', key: 'late', occurredAt: '2026-09-13T20:00:00Z' })]);
    await finishedJobs(admin, jobId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual([(room.state as any).period, teamOf(room.state, teamIds[0]).points], ['2026-W02', 0]);
  });

  it('shows the points of newly activated scoring rules at once', async () => {
    const { managers, commish, leagueId, teamIds, admin } = await liveLeague(server);
    const room = await join(managers[0].token, leagueId);
    const ppr = seenAt(room, (s) => teamOf(s, teamIds[1]).points === 15);
    await ingest(admin, [footballLine('football:rb-01', { rushYards: 50, receptions: 10 })]);
    await ppr;
    const standard = seenAt(room, (s) => teamOf(s, teamIds[1]).points === 5 && s.rulesVersion === 2);
    const created = await commish.client.post(`/api/v1/leagues/${leagueId}/scoring-rules`, { preset: 'standard', activate: true, rescore: true });
    assert.equal(created.status, 201);
    await standard;
  });

  it('seats members, watchers of a public league only, and refuses strangers, bad options and create', async () => {
    const { managers, leagueId } = await liveLeague(server);
    const stranger = await signUp(server.baseUrl, 'stranger');
    assert.equal(await joinStatus(joinLeague(server.baseUrl, stranger.token, leagueId)), 404, 'a private league is not revealed');
    assert.equal(await joinStatus(joinLeague(server.baseUrl, 'not-a-token', leagueId)), 401);
    assert.equal(await joinStatus(joinLeague(server.baseUrl, managers[0].token, 'LEAGUE')), 400);
    assert.equal(await joinStatus(joinLeague(server.baseUrl, managers[0].token, crypto.randomUUID())), 404);
    await makePublic(server.app, leagueId);
    const watcher = await join(stranger.token, leagueId);
    await seenAt(watcher, (s) => s.teams.length === 2);
    const { Client } = await import('@colyseus/sdk');
    const client = new Client(server.baseUrl);
    client.auth.token = managers[0].token;
    assert.equal(await joinStatus(client.create('league', { leagueId })), 405);
    // One room per league: everybody above landed in the same one.
    const member = await join(managers[0].token, leagueId);
    assert.equal(member.roomId, watcher.roomId);
  });
});
