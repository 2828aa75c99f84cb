import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { transactionLeague } from '../helpers/transactions.ts';

const SMALL = { roster: { total: 3, maxPerPosition: { QB: 1 } } };

describe('free agents: adds and drops by managers', () => {
  const server = useTestServer();

  it('adds an unowned player at once, logged as an add by the manager', async () => {
    const { managers, byPosition, base, team } = await transactionLeague(server, { settings: SMALL });
    const [me] = managers;
    const [wr] = byPosition('WR');
    const added = await me.client.post(`${team(me.teamId)}/adds`, { playerId: wr });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.deepEqual(added.body.moves, [{ playerId: wr, fromTeamId: null, toTeamId: me.teamId }]);
    const [entry] = (await me.client.get(`${base}/transactions`)).body.items;
    assert.deepEqual([entry.type, entry.actorId, entry.id], ['add', me.userId, added.body.transactionId]);
    const roster = (await me.client.get(`${base}/teams`)).body.items.find((t: { id: string }) => t.id === me.teamId).roster;
    assert.deepEqual(roster.map((r: { playerId: string; acquiredVia: string }) => [r.playerId, r.acquiredVia]), [[wr, 'free_agent']]);
  });

  it('refuses an add past the limits unless it names a drop, who then goes on waivers', async () => {
    const { managers, byPosition, base, team } = await transactionLeague(server, { settings: SMALL });
    const [me] = managers;
    const [q1, q2] = byPosition('QB');
    const wrs = byPosition('WR');
    await me.client.post(`${team(me.teamId)}/adds`, { playerId: q1 });
    const second = await me.client.post(`${team(me.teamId)}/adds`, { playerId: q2 });
    assert.deepEqual([second.status, second.body.error.code], [409, 'POSITION_LIMIT']);
    await me.client.post(`${team(me.teamId)}/adds`, { playerId: wrs[0] });
    await me.client.post(`${team(me.teamId)}/adds`, { playerId: wrs[1] });
    const full = await me.client.post(`${team(me.teamId)}/adds`, { playerId: wrs[2] });
    assert.deepEqual([full.status, full.body.error.code], [409, 'ROSTER_FULL']);

    const swap = await me.client.post(`${team(me.teamId)}/adds`, { playerId: q2, dropPlayerId: q1 });
    assert.equal(swap.status, 201, JSON.stringify(swap.body));
    assert.ok(swap.body.waiverRunAt, 'the drop clears waivers at a run');
    const waivers = (await me.client.get(`${base}/waivers`)).body.items;
    assert.deepEqual(waivers.map((w: { playerId: string; fromTeamId: string }) => [w.playerId, w.fromTeamId]), [[q1, me.teamId]]);
    assert.equal(new Date(waivers[0].clearsAt).getTime(), new Date(swap.body.waiverRunAt).getTime());
    // Two days later at the earliest (the default period), at the run hour.
    assert.ok(new Date(waivers[0].clearsAt).getTime() - Date.now() >= 2 * 24 * 3600_000 - 60_000);
  });

  it('refuses a player on waivers (claim him), one on a roster, and a drop not on the roster', async () => {
    const { managers, byPosition, team } = await transactionLeague(server);
    const [me, other] = managers;
    const [wr1, wr2, wr3] = byPosition('WR');
    await other.client.post(`${team(other.teamId)}/adds`, { playerId: wr1 });
    await other.client.post(`${team(other.teamId)}/adds`, { playerId: wr2 });
    assert.equal((await other.client.post(`${team(other.teamId)}/drops`, { playerId: wr2 })).status, 201);

    const codeOf = async (body: unknown) => (await me.client.post(`${team(me.teamId)}/adds`, body)).body.error?.code;
    assert.equal(await codeOf({ playerId: wr1 }), 'PLAYER_TAKEN');
    assert.equal(await codeOf({ playerId: wr2 }), 'ON_WAIVERS');
    assert.equal(await codeOf({ playerId: wr3, dropPlayerId: wr1 }), 'DROP_NOT_ON_ROSTER');
    const drop = await me.client.post(`${team(me.teamId)}/drops`, { playerId: wr1 });
    assert.deepEqual([drop.status, drop.body.error.code], [409, 'NOT_ON_ROSTER']);
  });

  it("lets only a team's manager add or drop for it", async () => {
    const { managers, commish, byPosition, team } = await transactionLeague(server);
    const [me, other] = managers;
    const [wr] = byPosition('WR');
    assert.equal((await other.client.post(`${team(me.teamId)}/adds`, { playerId: wr })).status, 403);
    assert.equal((await commish.client.post(`${team(me.teamId)}/adds`, { playerId: wr })).status, 403);
    assert.equal((await me.client.post(`${team(me.teamId)}/adds`, { playerId: 'not-a-uuid' })).status, 400);
    assert.equal((await me.client.post(`${team(me.teamId)}/adds`, { playerId: crypto.randomUUID() })).status, 400);
  });
});
