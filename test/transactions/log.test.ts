import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { emOf, playDraftToCompletion, projectedRosters, replayedRosters, sorted, transactionLeague } from '../helpers/transactions.ts';
import { RosterEntry } from '../../src/db/entities/index.ts';

describe('league transaction log: rosters are its projection', () => {
  const server = useTestServer();

  it('logs every commissioner move; a player taken off stays in the roster history', async () => {
    const { commish, teamIds, byPosition, base, team, leagueId } = await transactionLeague(server);
    const [wr1, wr2] = byPosition('WR');
    assert.equal((await commish.client.post(`${team(teamIds[0])}/players`, { playerIds: [wr1, wr2] })).status, 201);
    assert.equal((await commish.client.raw('DELETE', `${team(teamIds[0])}/players/${wr1}`)).status, 204);

    const log = (await commish.client.get(`${base}/transactions`)).body;
    assert.deepEqual(log.items.map((t: { type: string; moves: unknown[] }) => [t.type, t.moves]), [
      ['commissioner', [{ playerId: wr1, fromTeamId: teamIds[0], toTeamId: null }]],
      ['commissioner', [{ playerId: wr1, fromTeamId: null, toTeamId: teamIds[0] }, { playerId: wr2, fromTeamId: null, toTeamId: teamIds[0] }]],
    ]);
    assert.equal(log.items[0].actorId, commish.userId);
    const history = await emOf(server).find(RosterEntry, { player: wr1 });
    assert.equal(history.length, 1, 'the row is kept, not deleted');
    assert.ok(history[0].releasedAt && history[0].releasedBy === log.items[0].id);
    const teams = (await commish.client.get(`${base}/teams`)).body.items;
    assert.deepEqual(teams.find((t: { id: string }) => t.id === teamIds[0]).roster.map((r: { playerId: string }) => r.playerId), [wr2]);
    assert.deepEqual(sorted(await replayedRosters(emOf(server), leagueId)), sorted(await projectedRosters(emOf(server), leagueId)));
  });

  it('lists the log by team and type, newest first, a page at a time with an opaque cursor', async () => {
    const { commish, teamIds, byPosition, base, team } = await transactionLeague(server);
    const wrs = byPosition('WR');
    for (let i = 0; i < 3; i++) await commish.client.post(`${team(teamIds[i % 2])}/players`, { playerIds: [wrs[i]] });
    await commish.client.raw('DELETE', `${team(teamIds[0])}/players/${wrs[0]}`);

    const first = (await commish.client.get(`${base}/transactions?limit=2`)).body;
    assert.equal(first.items.length, 2);
    const second = (await commish.client.get(`${base}/transactions?limit=2&cursor=${first.nextCursor}`)).body;
    assert.equal(second.items.length, 2);
    assert.equal(second.nextCursor, null);
    const ids = [...first.items, ...second.items].map((t: { id: number }) => t.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));

    const mine = (await commish.client.get(`${base}/transactions?teamId=${teamIds[0]}`)).body.items;
    assert.equal(mine.length, 3);
    assert.ok(mine.every((t: { teamIds: string[] }) => t.teamIds.includes(teamIds[0])));
    assert.equal((await commish.client.get(`${base}/transactions?type=add`)).body.items.length, 0);
    assert.equal((await commish.client.get(`${base}/transactions?type=commissioner`)).body.items.length, 4);
    assert.equal((await commish.client.get(`${base}/transactions?type=nonsense`)).status, 400);
    assert.equal((await commish.client.get(`${base}/transactions?cursor=bm90LWEtY3Vyc29y`)).status, 400);
  });

  it('takes a drafted player off waivers: the claims on him fail, and his new team may drop him again', async () => {
    const { commish, managers, base, leagueId, team, players } = await transactionLeague(server);
    const top = players[0].id; // best ranked: the draft's first autopick
    assert.equal((await commish.client.post(`${team(managers[0].teamId)}/players`, { playerIds: [top] })).status, 201);
    assert.equal((await managers[0].client.post(`${team(managers[0].teamId)}/drops`, { playerId: top })).status, 201);
    assert.equal((await managers[1].client.post(`${team(managers[1].teamId)}/claims`, { playerId: top })).status, 201);
    const picks = await playDraftToCompletion(server, commish, leagueId);
    const holder = managers.find((m) => m.teamId === picks.find((p) => p.playerId === top)!.teamId)!;
    assert.deepEqual((await commish.client.get(`${base}/waivers`)).body.items, [], 'off waivers');
    const [claim] = (await managers[1].client.get(`${team(managers[1].teamId)}/claims`)).body.items;
    assert.deepEqual([claim.status, claim.reason], ['failed', 'PLAYER_TAKEN']);
    assert.equal((await holder.client.post(`${team(holder.teamId)}/drops`, { playerId: top })).status, 201, 'on waivers again, once');
  });

  it('writes a completed draft\'s picks as draft entries of the log', async () => {
    const { commish, base, leagueId, teamIds } = await transactionLeague(server);
    const picks = await playDraftToCompletion(server, commish, leagueId);
    const log = (await commish.client.get(`${base}/transactions?type=draft`)).body.items;
    assert.equal(log.length, picks.length);
    assert.ok(log.every((t: { moves: Array<{ toTeamId: string }> }) => teamIds.includes(t.moves[0].toTeamId)));
    assert.deepEqual(sorted(await replayedRosters(emOf(server), leagueId)), sorted(await projectedRosters(emOf(server), leagueId)));
  });
});
