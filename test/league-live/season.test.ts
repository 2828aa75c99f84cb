import assert from 'node:assert/strict';
import type { Room } from '@colyseus/sdk';
import { useTestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { registerAdmin } from '../helpers/jobs.ts';
import { footballLine } from '../helpers/scoring.ts';
import { lineupWithBenchQb, seasonBody, seasonLeague, weekStart } from '../helpers/season.ts';
import { finishedJobs, ingest, joinLeague, seenAt } from './helpers.ts';

/** The server's clock: week 1 has started, nothing has locked. */
const clock = weekStart(1) + 3600_000;

describe("League room with a season: the period's head-to-head matchups, and lineups set in the room", function () {
  this.timeout(60_000);
  const server = useTestServer({ now: () => clock });
  const rooms: Room[] = [];
  afterEach(async () => { await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined))); });

  async function seasonWithRoom() {
    const l = await seasonLeague(server, 4);
    const created = await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const room = await joinLeague(server.baseUrl, l.manager.token, l.leagueId);
    rooms.push(room);
    return { ...l, room, admin: api(server.baseUrl, await registerAdmin(server)) };
  }

  it("shows the scored period's matchups with each side's starters' points, as GET /matchups does", async () => {
    const l = await seasonWithRoom();
    const rest = (await l.manager.client.get(`${l.base}/matchups?period=1`)).body.items as any[];
    const game = rest.find((m) => m.home.teamId === l.teamIds[0] || m.away.teamId === l.teamIds[0]);
    const mine = game.home.teamId === l.teamIds[0] ? game.home : game.away;
    const ext = (playerId: string) => l.pool.find((p) => p.id === playerId)!.externalId;
    // A starter's 10 points count in the matchup; a bench player's do not.
    const job = await ingest(l.admin, [footballLine(ext(mine.starters[0].playerId), { passTd: 2, passYards: 50 }), footballLine(ext(mine.bench[0].playerId), { rushTd: 5 })]);
    await finishedJobs(l.admin, job);
    await seenAt(l.room, (s) => s.matchups.length === 2 && [...s.matchups].some((m: any) => m.id === game.id));
    const shown = [...l.room.state.matchups].find((m: any) => m.id === game.id) as any;
    assert.equal(shown.homeTeamId === l.teamIds[0] ? shown.homePoints : shown.awayPoints, 10);
    assert.ok(shown.awayTeamId, 'a head-to-head opponent');
    const live = (await l.manager.client.get(`${l.base}/matchups?period=1`)).body.items.find((m: any) => m.id === game.id);
    assert.deepEqual([shown.period, shown.homeTeamId, shown.homePoints, shown.awayTeamId, shown.awayPoints], ['2026-W01', live.home.teamId, live.home.points, live.away.teamId, live.away.points]);
  });

  it('sets a lineup through the room with the REST rule: the same refusals, the same stored lineup', async () => {
    const l = await seasonWithRoom();
    const path = `${l.base}/teams/${l.teamIds[0]}/lineup?period=1`;
    const { starters, benchQb } = await lineupWithBenchQb(l.manager.client, path);
    // A QB in a RB slot: the rule's code, as REST's 409 carries it.
    await assert.rejects(l.room.request('lineup', { period: 1, starters: starters.map((id: string, i: number) => (i === 1 ? benchQb.playerId : id)) }),
      (e: any) => e.code === 'INELIGIBLE_FOR_SLOT' || e.reason?.code === 'INELIGIBLE_FOR_SLOT');
    await assert.rejects(l.room.request('lineup', { starters: 'nope' }), (e: any) => (e.code ?? e.reason?.code) === 'INVALID_PAYLOAD');
    const swapped = starters.map((id: string, i: number) => (i === 0 ? benchQb.playerId : id));
    const set = await l.room.request('lineup', { period: 1, starters: swapped }) as any;
    assert.equal(set.starters[0].playerId, benchQb.playerId);
    const stored = (await l.manager.client.get(path)).body;
    assert.deepEqual([stored.auto, stored.starters[0].playerId], [false, benchQb.playerId]);
    // The commissioner owns no team here: nobody to set a lineup for.
    const commishRoom = await joinLeague(server.baseUrl, l.commish.token, l.leagueId);
    rooms.push(commishRoom);
    await assert.rejects(commishRoom.request('lineup', { starters: swapped }), (e: any) => (e.code ?? e.reason?.code) === 'NO_TEAM');
    // An archived league is read-only through the room too, as over REST.
    assert.equal((await l.commish.client.post(`${l.base}/archive`)).status, 200);
    await assert.rejects(l.room.request('lineup', { period: 1, starters }), (e: any) => (e.code ?? e.reason?.code) === 'LEAGUE_ARCHIVED');
    assert.equal((await l.manager.client.get(path)).body.starters[0].playerId, benchQb.playerId, 'unchanged');
  });
});
