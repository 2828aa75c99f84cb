import assert from 'node:assert/strict';
import { signUp } from '../helpers/http.ts';
import { createDraft, joinDraft, leagueWithManagers, rejectionCode, roomSuite, waitForState } from '../helpers/league-rooms.ts';
import { makePublic } from '../helpers/server.ts';

describe('draft room', () => {
  const { suite, join } = roomSuite('draft');
  const rooms = suite.rooms;

  /** A live 4-team snake draft with every manager and the commissioner in the room. */
  async function liveDraft(body: Record<string, unknown> = {}) {
    const league = await leagueWithManagers(suite.server);
    // Public, so the outsiders of these tests may watch (a private league refuses them: test/security/visibility.test.ts).
    await makePublic(suite.server.app, league.leagueId);
    const draft = await createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 3, pickSeconds: 60, order: league.teamIds, ...body });
    const commishRoom = await join(league.commish.token, draft.id);
    const managerRooms = await Promise.all(league.managers.map((m) => join(m.token, draft.id)));
    await commishRoom.request('start', {});
    await Promise.all(managerRooms.map((r) => waitForState(r, (s) => s.status === 'live')));
    return { ...league, draft, commishRoom, managerRooms };
  }

  it('lets the manager on the clock pick, shows the pick to every client, and stores it before answering', async () => {
    const { managerRooms, managers, players, draft, commish } = await liveDraft();
    assert.equal(managerRooms[0].state.onClock, managers[0].teamId);
    const reply = await managerRooms[0].request('pick', { playerId: players[0].id, pick: 1 });
    assert.deepEqual(reply, { ok: true, currentPick: 2 });
    const stored = await commish.client.get(`/api/v1/drafts/${draft.id}`);
    assert.deepEqual(stored.body.picks.map((p: { playerId: string }) => p.playerId), [players[0].id]);
    for (const room of managerRooms) {
      const state = await waitForState(room, (s) => s.picks.length === 1);
      assert.equal(state.picks[0].playerId, players[0].id);
      assert.equal(state.picks[0].teamId, managers[0].teamId);
      assert.equal(state.onClock, managers[1].teamId);
      assert.equal(state.currentPick, 2);
    }
  });

  it('snakes the order: the last team picks twice at the turn', async () => {
    const { managerRooms, managers, players } = await liveDraft();
    for (let i = 0; i < 4; i++) await managerRooms[i].request('pick', { playerId: players[i].id });
    const state = await waitForState(managerRooms[3], (s) => s.currentPick === 5);
    assert.equal(state.onClock, managers[3].teamId);
  });

  it('refuses bad picks with their codes and changes nothing', async () => {
    const { managerRooms, players, commishRoom } = await liveDraft();
    await managerRooms[0].request('pick', { playerId: players[0].id });
    const [first, second] = [managerRooms[0], managerRooms[1]];
    assert.equal(await rejectionCode(first.request('pick', { playerId: players[1].id })), 'NOT_YOUR_TURN');
    assert.equal(await rejectionCode(second.request('pick', { playerId: players[1].id, pick: 1 })), 'STALE');
    assert.equal(await rejectionCode(second.request('pick', { playerId: crypto.randomUUID() })), 'UNKNOWN_PLAYER');
    assert.equal(await rejectionCode(second.request('pick', { playerId: players[0].id })), 'PLAYER_TAKEN');
    assert.equal(await rejectionCode(second.request('pick', { playerId: 42 })), 'INVALID_PAYLOAD');
    assert.equal(await rejectionCode(second.request('pick', 'nonsense')), 'INVALID_PAYLOAD');
    assert.equal(await rejectionCode(second.request('start', {})), 'NOT_AUTHORIZED');
    assert.equal(await rejectionCode(commishRoom.request('pick', { playerId: players[1].id })), 'NO_TEAM', 'a commissioner without a team picks for nobody');
    const state = await waitForState(commishRoom, (s) => s.picks.length === 1);
    assert.equal(state.currentPick, 2);
    assert.equal(state.picks.length, 1);
  });

  it('answers a malformed send with an error message and keeps the connection', async () => {
    const { managerRooms, players } = await liveDraft();
    const errors: Array<{ code: string; type: string }> = [];
    managerRooms[0].onMessage('error', (e: { code: string; type: string }) => errors.push(e));
    managerRooms[0].send('pick', { playerId: { $gt: '' } });
    managerRooms[0].send('teleport', { to: 'moon' });
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(errors.map((e) => [e.code, e.type]), [['INVALID_PAYLOAD', 'pick'], ['UNKNOWN_MESSAGE', 'teleport']]);
    assert.deepEqual(await managerRooms[0].request('pick', { playerId: players[0].id }), { ok: true, currentPick: 2 });
  });

  it('lets spectators watch but never act', async () => {
    const { draft, managers, players, managerRooms } = await liveDraft();
    const outsider = await signUp(suite.server.baseUrl, 'fan');
    const fanRoom = await join(outsider.token, draft.id);
    const spectatingManager = await join(managers[0].token, draft.id, { spectate: true });
    assert.equal(await rejectionCode(fanRoom.request('pick', { playerId: players[0].id })), 'NOT_AUTHORIZED');
    assert.equal(await rejectionCode(spectatingManager.request('pick', { playerId: players[0].id })), 'NOT_AUTHORIZED');
    await managerRooms[0].request('pick', { playerId: players[0].id });
    const seen = await waitForState(fanRoom, (s) => s.picks.length === 1);
    assert.equal(seen.picks[0].playerId, players[0].id);
  });

  it('refuses a join with an unknown or non-canonical draft id instead of opening a room for it', async () => {
    const { draft, managers } = await liveDraft();
    await assert.rejects(joinDraft(suite.server, managers[0].token, crypto.randomUUID()));
    await assert.rejects(joinDraft(suite.server, managers[0].token, draft.id.toUpperCase()));
  });

  it('refuses a join without a valid token', async () => {
    const { draft } = await liveDraft();
    await assert.rejects(joinDraft(suite.server, 'forged.token.here', draft.id));
  });

  it('keeps each queue private: no other client ever decodes it', async () => {
    const { managerRooms, players, draft } = await liveDraft();
    const outsider = await signUp(suite.server.baseUrl, 'peeker');
    const fanRoom = await join(outsider.token, draft.id);
    const queue = [players[10].id, players[11].id];
    await managerRooms[1].request('queue', { playerIds: queue });
    const own = await waitForState(managerRooms[1], (s) => s.teams[1].queue.length === 2);
    assert.deepEqual([...own.teams[1].queue], queue);
    await new Promise((r) => setTimeout(r, 150)); // two patches: anything leaking has arrived
    for (const room of [managerRooms[0], managerRooms[2], fanRoom]) {
      for (const team of room.state.teams) assert.equal(team.queue?.length ?? 0, 0, 'no queue in another client\'s state');
    }
  });

  it('autopicks from the queue when the clock runs out and keeps the team on autopick', async () => {
    const { managerRooms, players, managers } = await liveDraft({ pickSeconds: 1 });
    await managerRooms[0].request('queue', { playerIds: [players[7].id] });
    const state = await waitForState(managerRooms[0], (s) => s.picks.length === 1, 4000);
    assert.equal(state.picks[0].playerId, players[7].id);
    assert.equal(state.picks[0].auto, true);
    assert.equal(state.teams.find((t: { id: string }) => t.id === managers[0].teamId).autopick, true);
    await managerRooms[0].request('autopick', { enabled: false });
    await waitForState(managerRooms[0], (s) => s.teams[0].autopick === false);
  });

  it('runs the clock out at the deadline the last pick set: not at the one before it, and surely at it', async () => {
    const { managerRooms, players, managers } = await liveDraft({ pickSeconds: 1 });
    const firstDeadline: number = managerRooms[1].state.deadline;
    await new Promise((r) => setTimeout(r, 500));
    await managerRooms[0].request('pick', { playerId: players[0].id });
    const picked = await waitForState(managerRooms[1], (s) => s.picks.length === 1);
    const deadline: number = picked.deadline;
    assert.ok(deadline >= firstDeadline + 400, 'the pick gave the next team a fresh clock');
    await new Promise((r) => setTimeout(r, Math.max(0, firstDeadline + 150 - Date.now())));
    assert.equal(managerRooms[1].state.picks.length, 1, 'nothing happens at the earlier deadline');
    const expired = await waitForState(managerRooms[1], (s) => s.picks.length >= 2, 4000);
    assert.ok(Date.now() >= deadline, 'not before its own deadline');
    assert.equal(expired.picks[1].teamId, managers[1].teamId);
    assert.equal(expired.picks[1].auto, true);
  });

  it('lets the commissioner pause, resume, undo, pick for a team and set autopick', async () => {
    const { commishRoom, managerRooms, players, managers } = await liveDraft();
    await managerRooms[0].request('pick', { playerId: players[0].id });
    await commishRoom.request('pause', {});
    assert.equal(await rejectionCode(managerRooms[1].request('pick', { playerId: players[1].id })), 'NOT_LIVE');
    await commishRoom.request('resume', {});
    await commishRoom.request('pickFor', { teamId: managers[1].teamId, playerId: players[1].id });
    let state = await waitForState(commishRoom, (s) => s.picks.length === 2);
    assert.equal(state.picks[1].teamId, managers[1].teamId);
    await commishRoom.request('undo', {});
    state = await waitForState(commishRoom, (s) => s.picks.length === 1);
    assert.equal(state.onClock, managers[1].teamId);
    await commishRoom.request('setAutopick', { teamId: managers[1].teamId, enabled: true });
    state = await waitForState(commishRoom, (s) => s.picks.length === 2);
    assert.equal(state.picks[1].auto, true);
  });

  it('serializes simultaneous picks: exactly one of two racing picks wins', async () => {
    const { managers, draft, players } = await liveDraft();
    const twin = await join(managers[0].token, draft.id);
    const own = rooms.find((r) => r !== twin && r.state.onClock === managers[0].teamId)!;
    const results = await Promise.allSettled([
      own.request('pick', { playerId: players[0].id, pick: 1 }),
      twin.request('pick', { playerId: players[1].id, pick: 1 }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  });

  it('runs a mock draft against bots to the end and writes the rosters', async () => {
    const league = await leagueWithManagers(suite.server, { teams: 4, owned: 1 });
    const draft = await createDraft(league.commish, league.leagueId, {
      type: 'snake', rounds: 2, pickSeconds: 60, bots: true, order: league.teamIds,
    });
    const me = league.managers[0];
    const room = await join(me.token, draft.id);
    const commishRoom = await join(league.commish.token, draft.id);
    await commishRoom.request('start', {});
    await room.request('pick', { playerId: league.players[0].id }); // pick 1: the bots wait for people
    await waitForState(room, (s) => s.onClock === me.teamId && s.currentPick === 8);
    assert.equal(room.state.picks.length, 7, 'the bots made picks 2 to 7 by themselves');
    const taken = new Set(room.state.picks.map((p: { playerId: string }) => p.playerId));
    const mine = league.players.find((p) => !taken.has(p.id))!;
    await room.request('pick', { playerId: mine.id });
    await waitForState(room, (s) => s.status === 'complete');
    const teams = await league.commish.client.get(`/api/v1/leagues/${league.leagueId}/teams`);
    const rosters = teams.body.items.map((t: { roster: unknown[] }) => t.roster.length);
    assert.deepEqual(rosters, [2, 2, 2, 2]);
    const stored = await league.commish.client.get(`/api/v1/drafts/${draft.id}`);
    assert.equal(stored.body.status, 'complete');
    assert.equal(stored.body.result.length, 4);
    assert.equal(await rejectionCode(commishRoom.request('undo', {})), 'DRAFT_COMPLETE', 'a complete draft is final');
    assert.deepEqual((await league.commish.client.get(`/api/v1/leagues/${league.leagueId}/teams`)).body.items
      .map((t: { roster: unknown[] }) => t.roster.length), [2, 2, 2, 2]);
  });

  it('limits chat length and rate', async () => {
    const { managerRooms } = await liveDraft();
    const heard: string[] = [];
    managerRooms[1].onMessage('chat', (m: { text: string }) => heard.push(m.text));
    assert.equal(await rejectionCode(managerRooms[0].request('chat', { text: 'x'.repeat(281) })), 'INVALID_PAYLOAD');
    for (let i = 0; i < 5; i++) await managerRooms[0].request('chat', { text: `hi ${i}` });
    assert.equal(await rejectionCode(managerRooms[0].request('chat', { text: 'one too many' })), 'RATE_LIMITED');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(heard, ['hi 0', 'hi 1', 'hi 2', 'hi 3', 'hi 4']);
  });

  it('restores a draft from its event log when the room is gone', async () => {
    const { managerRooms, players, managers, draft, commish } = await liveDraft();
    await managerRooms[0].request('pick', { playerId: players[0].id });
    await managerRooms[1].request('pick', { playerId: players[1].id });
    const deadline = (await waitForState(managerRooms[2], (s) => s.picks.length === 2)).deadline;
    await Promise.all(rooms.splice(0).map((r) => r.leave()));
    await new Promise((r) => setTimeout(r, 100)); // the empty room disposes
    const back = await join(managers[2].token, draft.id);
    const state = await waitForState(back, (s) => s.picks.length === 2);
    assert.deepEqual(state.picks.map((p: { playerId: string }) => p.playerId), [players[0].id, players[1].id]);
    assert.equal(state.onClock, managers[2].teamId);
    assert.equal(state.deadline, deadline, 'the clock resumes from its persisted deadline');
    assert.equal(state.status, 'live');
    await back.request('pick', { playerId: players[2].id });
    const stored = await commish.client.get(`/api/v1/drafts/${draft.id}`);
    assert.equal(stored.body.picks.length, 3);
  });
});
