import assert from 'node:assert/strict';
import { Client, type Room } from '@colyseus/sdk';
import { signUp } from '../helpers/http.ts';
import { createDraft, leagueWithManagers, rejectionCode, roomSuite, waitForState } from '../helpers/league-rooms.ts';
import { makePublic } from '../helpers/server.ts';

const ROOM_MOVED = 4010;

/**
 * A seat is decided at the join; when the league changes it (the commissioner gives a team to
 * another manager, or makes the league private), the rooms close the clients it concerns and they
 * join again, seated as they are now: nobody keeps acting for, or seeing the private data of, a
 * team he no longer manages.
 */
describe('seats changed while in a room', () => {
  const { suite, join } = roomSuite('draft');

  async function liveDraft() {
    const league = await leagueWithManagers(suite.server);
    await makePublic(suite.server.app, league.leagueId);
    const draft = await createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 3, pickSeconds: 60, order: league.teamIds });
    const commishRoom = await join(league.commish.token, draft.id);
    const managerRooms = await Promise.all(league.managers.map((m) => join(m.token, draft.id)));
    await commishRoom.request('start', {});
    await Promise.all(managerRooms.map((r) => waitForState(r, (s) => s.status === 'live')));
    return { ...league, draft, commishRoom, managerRooms };
  }

  /** The close code of a room the server closes (out of the suite's rooms: leaving it would wait for nothing). */
  const closedWith = (room: Room) => {
    suite.rooms.splice(suite.rooms.indexOf(room), 1);
    room.reconnection.enabled = false;
    return new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
  };
  const queueOf = (room: Room, teamId: string) =>
    [...(room.state.teams as Iterable<{ id: string; queue: Iterable<string> }>)].find((t) => t.id === teamId)?.queue ?? [];

  it('closes the old manager of a team given to another (4010); he joins again as a spectator, the new one as its manager', async () => {
    const { draft, managers, managerRooms, commish, leagueId, players } = await liveDraft();
    const [old] = managers;
    const oldRoom = managerRooms[0];
    assert.equal((await oldRoom.request('queue', { playerIds: [players[5].id] })).ok, true);
    const reconnectionToken = oldRoom.reconnectionToken;
    const closed = closedWith(oldRoom);
    const newcomer = await signUp(suite.server.baseUrl, 'newmgr');

    const moved = await commish.client.raw('PATCH', `/api/v1/leagues/${leagueId}/teams/${old.teamId}`, { ownerId: newcomer.userId });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(await closed, ROOM_MOVED);
    await assert.rejects(new Client(suite.server.baseUrl).reconnect(reconnectionToken), 'the old seat is not held for him');

    const again = await join(old.token, draft.id);
    assert.equal(await rejectionCode(again.request('pick', { playerId: players[0].id })), 'NOT_AUTHORIZED', 'a spectator now');
    const mine = await join(newcomer.token, draft.id);
    await waitForState(mine, (s) => s.onClock === old.teamId);
    assert.deepEqual([...queueOf(mine, old.teamId)], [players[5].id], "the team's queue is the new manager's to see");
    assert.deepEqual((await mine.request('pick', { playerId: players[0].id })).ok, true);
    await waitForState(again, (s) => s.picks.length === 1);
    assert.deepEqual([...queueOf(again, old.teamId)], [], 'and no longer the old one\'s');
    assert.ok(managerRooms.slice(1).every((room) => room.connection.isOpen), 'the other managers stay');
  });

  it('refuses a join seated before the change reached the room (409): he joins again, seated as he is now', async () => {
    const { draft, managers, managerRooms, commish, leagueId, players } = await liveDraft();
    const [old] = managers;
    const closed = closedWith(managerRooms[0]); // his first socket: closed by the change, as above
    const client = new Client(suite.server.baseUrl);
    client.auth.token = old.token;
    // Matchmaking seats him as the team's manager; his socket reaches the room only after the change.
    const reservation = (await client.http.post('/matchmake/join/draft', { body: { draftId: draft.id } })).data;
    const newcomer = await signUp(suite.server.baseUrl, 'newmgr');
    assert.equal((await commish.client.raw('PATCH', `/api/v1/leagues/${leagueId}/teams/${old.teamId}`, { ownerId: newcomer.userId })).status, 200);
    assert.equal(await closed, ROOM_MOVED, 'the change reached the room');
    await assert.rejects(client.consumeSeatReservation(reservation), (error: { code?: number }) => error.code === 409);
    const again = await join(old.token, draft.id);
    assert.equal(await rejectionCode(again.request('pick', { playerId: players[0].id })), 'NOT_AUTHORIZED', 'a spectator now');
  });

  it('closes the non-members watching when the league goes private; members stay', async () => {
    const { draft, commish, leagueId, managerRooms } = await liveDraft();
    const fan = await signUp(suite.server.baseUrl, 'fan');
    const fanRoom = await join(fan.token, draft.id);
    const closed = closedWith(fanRoom);
    const edited = await commish.client.raw('PATCH', `/api/v1/leagues/${leagueId}`, { visibility: 'private' });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(await closed, ROOM_MOVED);
    await assert.rejects(join(fan.token, draft.id), (error: { code?: number }) => error.code === 404);
    assert.ok(managerRooms.every((room) => room.connection.isOpen));
  });
});
