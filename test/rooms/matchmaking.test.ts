import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { matchMaker } from '@colyseus/core';
import { Client, type Room } from '@colyseus/sdk';
import { AUTH_FAILED, BAD_JOIN, NO_SUCH_STREAM } from '../../rooms/base/seat.ts';
import { CREATE_REFUSED } from '../../rooms/base/matchmaking.ts';
import { MAX_MESSAGE_BYTES } from '../../rooms/base/limits.ts';
import { draftMessages } from '../../rooms/draft/messages.ts';
import { MAX_QUEUE_LENGTH } from '../../src/rules/queue.ts';
import { api, signUp } from '../helpers/http.ts';
import { createDraft, leagueWithManagers, rejectionCode, waitForState } from '../helpers/league-rooms.ts';
import { baseballLeague } from '../helpers/baseball.ts';
import { makePublic, useTestServer } from '../helpers/server.ts';

/** The `code` of a refused join (the SDK's MatchMakeError carries the HTTP status of matchmaking). */
async function joinRefusal(join: Promise<unknown>): Promise<number> {
  try {
    await join;
  } catch (error) {
    return (error as { code: number }).code;
  }
  throw new Error('the join was accepted');
}

describe('league room matchmaking: one room per stream, seated before anything is created', function () {
  this.timeout(60_000);
  const server = useTestServer();
  const rooms: Room[] = [];

  // A room closed by the server has nothing to leave (leave() would wait for an answer forever).
  afterEach(async () => { await Promise.all(rooms.splice(0).filter((r) => r.connection?.isOpen).map((r) => r.leave().catch(() => undefined))); });

  function sdk(token?: string): Client {
    const client = new Client(server.baseUrl);
    if (token) client.auth.token = token;
    return client;
  }

  async function joined(join: Promise<Room>): Promise<Room> {
    const room = await join;
    rooms.push(room);
    return room;
  }

  /** How many rooms are listed for `name` (with `filter`), in the whole cluster's listing. */
  async function listed(name: string, filter: Record<string, string> = {}): Promise<number> {
    return (await matchMaker.query({ name, ...filter } as never)).length;
  }

  async function draftLeague() {
    const league = await leagueWithManagers(server, { teams: 2 });
    const draft = await createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 2, pickSeconds: 60, order: league.teamIds });
    return { ...league, draft };
  }

  it('creates no room for a token-less create, joinOrCreate or join, by the SDK or by plain HTTP', async () => {
    const { draft } = await draftLeague();
    const anonymous = api(server.baseUrl);
    for (const method of ['create', 'joinOrCreate', 'join']) {
      for (const roomName of ['draft', 'auction', 'baseball']) {
        const reply = await anonymous.post(`/matchmake/${method}/${roomName}`, { draftId: draft.id, gameId: randomUUID() });
        assert.ok(reply.status >= 400 && reply.status < 500, `${method} ${roomName}: ${reply.status} ${JSON.stringify(reply.body)}`);
      }
    }
    assert.equal(await joinRefusal(sdk().joinOrCreate('draft', { draftId: draft.id })), AUTH_FAILED);
    assert.equal(await joinRefusal(sdk().join('draft', { draftId: draft.id })), AUTH_FAILED);
    assert.equal(await joinRefusal(sdk('not.a.jwt').joinOrCreate('draft', { draftId: draft.id })), AUTH_FAILED);
    assert.equal(await listed('draft') + await listed('auction') + await listed('baseball'), 0);
  });

  it('refuses create to a signed-in client, and never makes a second room for a stream that has one', async () => {
    const { draft, commish, managers } = await draftLeague();
    assert.equal(await joinRefusal(sdk(commish.token).create('draft', { draftId: draft.id })), CREATE_REFUSED);
    assert.equal(await listed('draft'), 0, 'a refused create made a room');
    const first = await joined(sdk(managers[0].token).joinOrCreate('draft', { draftId: draft.id }));
    assert.equal(await joinRefusal(sdk(commish.token).create('draft', { draftId: draft.id })), CREATE_REFUSED);
    const reply = await api(server.baseUrl, commish.token).post('/matchmake/create/draft', { draftId: draft.id });
    assert.equal(reply.status, CREATE_REFUSED);
    assert.equal(await listed('draft', { draftId: draft.id }), 1);
    const second = await joined(sdk(commish.token).joinOrCreate('draft', { draftId: draft.id }));
    assert.equal(second.roomId, first.roomId);
  });

  it('opens one room for 12 concurrent joinOrCreates of one draft, and seats every one of them in it', async () => {
    const { draft, commish, managers } = await draftLeague();
    const tokens = Array.from({ length: 12 }, (_, i) => [commish, ...managers][i % 3].token);
    const all = await Promise.all(tokens.map((token) => joined(sdk(token).joinOrCreate('draft', { draftId: draft.id }))));
    assert.equal(new Set(all.map((room) => room.roomId)).size, 1);
    assert.equal(await listed('draft', { draftId: draft.id }), 1);
    assert.equal(server.colyseus.getRoomById(all[0].roomId).clients.length, 12);
  });

  it('keeps a server-side open and racing client joins to one room (the same lock)', async () => {
    const { draft, commish } = await draftLeague();
    const { openRoomOnce } = await import('../../rooms/base/open-room.ts');
    const [, ...joins] = await Promise.all([
      openRoomOnce('draft', { draftId: draft.id }),
      ...Array.from({ length: 4 }, () => joined(sdk(commish.token).joinOrCreate('draft', { draftId: draft.id }))),
    ]);
    assert.equal(new Set(joins.map((room) => room.roomId)).size, 1);
    assert.equal(await listed('draft', { draftId: draft.id }), 1);
  });

  it('checks the token before the stream: a stranger learns nothing of which streams exist', async () => {
    const { commish } = await draftLeague();
    for (const roomName of ['draft', 'auction']) {
      assert.equal(await joinRefusal(sdk().joinOrCreate(roomName, { draftId: randomUUID() })), AUTH_FAILED, roomName);
      assert.equal(await joinRefusal(sdk().join(roomName, { draftId: randomUUID() })), AUTH_FAILED, roomName);
      assert.equal(await joinRefusal(sdk(commish.token).joinOrCreate(roomName, { draftId: randomUUID() })), NO_SUCH_STREAM, roomName);
    }
    assert.equal(await joinRefusal(sdk().joinOrCreate('baseball', { gameId: randomUUID() })), AUTH_FAILED);
    assert.equal(await joinRefusal(sdk(commish.token).joinOrCreate('baseball', { gameId: randomUUID() })), NO_SUCH_STREAM);
    // A draft is not an auction: each kind opens only its own streams.
    const { draft } = await draftLeague();
    assert.equal(await joinRefusal(sdk(commish.token).joinOrCreate('auction', { draftId: draft.id })), NO_SUCH_STREAM);
    assert.equal(await listed('auction'), 0);
  });

  it('seats joins of many drafts asked for together, each by its own role and team; a missing draft or a private league fails alone', async () => {
    const [a, b] = [await draftLeague(), await draftLeague()];
    await makePublic(server.app, b.leagueId);
    const stranger = await signUp(server.baseUrl, 'stranger');
    const asks: Array<[token: string, draftId: string, options?: Record<string, unknown>]> = [
      [a.commish.token, a.draft.id], [a.managers[0].token, a.draft.id], [a.managers[1].token, a.draft.id, { spectate: true }],
      [b.managers[1].token, b.draft.id], [stranger.token, a.draft.id], [stranger.token, b.draft.id],
      [a.commish.token, randomUUID()], [a.managers[0].token, b.draft.id],
    ];
    // Every join at once (one batch of reads): each still gets the answer a join on its own would.
    const outcomes = await Promise.allSettled(asks.map(([token, draftId, options]) => joined(sdk(token).joinOrCreate('draft', { draftId, ...options }))));
    const seats = outcomes.map((outcome) => {
      if (outcome.status === 'rejected') return (outcome.reason as { code: number }).code;
      const room = outcome.value;
      const { role, teamId, member } = server.colyseus.getRoomById(room.roomId).clients.find((c) => c.sessionId === room.sessionId)!.auth;
      return { role, teamId, member };
    });
    assert.deepEqual(seats, [
      { role: 'commissioner', teamId: null, member: true },
      { role: 'manager', teamId: a.managers[0].teamId, member: true },
      { role: 'spectator', teamId: null, member: true },
      { role: 'manager', teamId: b.managers[1].teamId, member: true },
      NO_SUCH_STREAM, // a private league's draft: as unknown to a stranger as a missing one
      { role: 'spectator', teamId: null, member: false },
      NO_SUCH_STREAM,
      { role: 'spectator', teamId: null, member: false },
    ]);
    assert.equal(await listed('draft'), 2, 'no room for the missing draft');
  });

  it('refuses a join that names no stream, instead of landing it in some game', async () => {
    const league = await baseballLeague(server);
    const [home, away] = league.teamIds;
    const created = await league.commish.client.post(`/api/v1/leagues/${league.leagueId}/games`, { homeTeamId: home, awayTeamId: away });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(await listed('baseball', { gameId: created.body.id }), 1, 'the game opened its room');
    const stranger = await signUp(server.baseUrl, 'stranger');
    for (const options of [{}, { spectate: true }, { gameId: 'not-a-uuid' }, { gameId: created.body.id.toUpperCase() }]) {
      assert.equal(await joinRefusal(sdk(stranger.token).join('baseball', options)), BAD_JOIN, JSON.stringify(options));
      assert.equal(await joinRefusal(sdk(stranger.token).joinOrCreate('baseball', options)), BAD_JOIN, JSON.stringify(options));
      assert.equal(await joinRefusal(sdk().join('baseball', options)), AUTH_FAILED, JSON.stringify(options));
    }
    assert.equal(await listed('baseball'), 1);
  });

  it("refuses a joinById whose options name another league's draft (where the client commissions)", async () => {
    const victim = await draftLeague();
    await makePublic(server.app, victim.leagueId); // the attacker may watch it: the test is about his own league's role
    const room = await joined(sdk(victim.managers[0].token).joinOrCreate('draft', { draftId: victim.draft.id }));
    const attacker = await signUp(server.baseUrl, 'attacker');
    const own = (await attacker.client.post('/api/v1/leagues', { name: 'Own league', sport: 'football' })).body;
    const ownTeams = [
      (await attacker.client.post(`/api/v1/leagues/${own.id}/teams`, { name: 'Mine', ownerId: attacker.userId })).body.id,
      (await attacker.client.post(`/api/v1/leagues/${own.id}/teams`, { name: 'Other' })).body.id,
    ];
    const ownDraft = await createDraft(attacker, own.id, { type: 'snake', rounds: 1, pickSeconds: 60, order: ownTeams });
    assert.equal(await joinRefusal(sdk(attacker.token).joinById(room.roomId, { draftId: ownDraft.id })), BAD_JOIN);
    assert.equal(await joinRefusal(sdk(attacker.token).joinById(room.roomId, {})), BAD_JOIN);
    assert.equal(await joinRefusal(sdk().joinById(room.roomId, { draftId: ownDraft.id })), AUTH_FAILED, 'token first');
    const held = server.colyseus.getRoomById(room.roomId);
    assert.equal(held.clients.length, 1, 'only the manager is in the room');
    // Naming the room's own draft seats the attacker as what he is there: a spectator.
    const watching = await joined(sdk(attacker.token).joinById(room.roomId, { draftId: victim.draft.id }));
    assert.equal(await rejectionCode(watching.request('start', {})), 'NOT_AUTHORIZED');
  });

  it('limits chat per user: two connections of one user share the 5 messages', async () => {
    const { draft, managers, commish } = await draftLeague();
    const [a, b] = [await joined(sdk(managers[0].token).joinOrCreate('draft', { draftId: draft.id })),
      await joined(sdk(managers[0].token).joinOrCreate('draft', { draftId: draft.id }))];
    const other = await joined(sdk(commish.token).joinOrCreate('draft', { draftId: draft.id }));
    let heard = 0;
    other.onMessage('chat', () => { heard++; });
    for (const own of [a, b]) own.onMessage('chat', () => undefined);
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const room = i % 2 === 0 ? a : b;
      outcomes.push(await room.request('chat', { text: `hello ${i}` }).then(() => 'ok', (e) => e.reason?.code));
    }
    assert.deepEqual(outcomes, ['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    // Another user's allowance is their own.
    assert.deepEqual(await other.request('chat', { text: 'hi' }), { ok: true });
    await delay(100);
    assert.equal(heard, 6);
  });

  it('round-trips a real 150-player queue and accepts the documented 500 ids', async () => {
    const { draft, managers, players } = await draftLeague();
    const room = await joined(sdk(managers[0].token).joinOrCreate('draft', { draftId: draft.id }));
    const queue = players.slice(0, 150).map((p) => p.id);
    assert.deepEqual(await room.request('queue', { playerIds: queue }), { ok: true, currentPick: 1 });
    const state = await waitForState(room, (s) => s.teams.find((t: { id: string }) => t.id === managers[0].teamId)?.queue?.length === 150);
    assert.deepEqual([...state.teams.find((t: { id: string }) => t.id === managers[0].teamId).queue], queue);
    // 500 uuids (~19 KB): past Colyseus's 4 KB default; the rules answer for the unknown ids.
    const longest = Array.from({ length: 500 }, () => randomUUID());
    assert.equal(await rejectionCode(room.request('queue', { playerIds: longest })), 'UNKNOWN_PLAYER');
    assert.equal(await rejectionCode(room.request('queue', { playerIds: [...longest, randomUUID()] })), 'QUEUE_TOO_LONG');
    // The largest queue the rules allow (500 ids of 64 three-byte characters, ~97 KB) still fits.
    const widest = Array.from({ length: MAX_QUEUE_LENGTH }, (_, i) => `${i}`.padEnd(64, '€'));
    assert.ok(draftMessages.queue.safeParse({ playerIds: widest }).success);
    assert.equal(await rejectionCode(room.request('queue', { playerIds: widest })), 'UNKNOWN_PLAYER');
    assert.equal(room.connection.isOpen, true);
    // Past the documented byte limit the transport closes the connection (1009: message too big).
    const closed = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    room.reconnection.enabled = false;
    room.send('chat', { text: 'y'.repeat(MAX_MESSAGE_BYTES) });
    assert.equal(await closed, 1009);
  });
});
