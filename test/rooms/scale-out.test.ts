import assert from 'node:assert/strict';
import { Client, type Room } from '@colyseus/sdk';
import { Redis } from 'ioredis';
import { freePort, seedSharedDatabase, ServerProcess } from '../helpers/process.ts';
import { api, signUp } from '../helpers/http.ts';
import { waitForState } from '../helpers/league-rooms.ts';

/** A Redis database of its own, so matchmaking entries of other suites never mix in. */
const REDIS_URL = process.env.TEST_SCALE_REDIS_URL ?? 'redis://127.0.0.1:6379/14';

/**
 * Two real server processes sharing matchmaking through Redis (RedisPresence + RedisDriver, each
 * with its own PUBLIC_ADDRESS) and one PostgreSQL: clients entering through either process end
 * up in the one room of a draft and see each other's picks.
 */
describe('two server processes sharing matchmaking through Redis', function () {
  this.timeout(120_000); // two real processes boot (each up to BOOT_TIMEOUT_MS on a busy box)
  const processes: ServerProcess[] = [];
  const rooms: Room[] = [];

  before(async () => {
    await seedSharedDatabase();
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      processes.push(new ServerProcess(port, { REDIS_URL, PUBLIC_ADDRESS: `127.0.0.1:${port}` }));
    }
    await Promise.all(processes.map((p) => p.ready()));
  });

  after(async () => {
    // A room whose process is gone has nothing to leave (leave() would wait for an answer forever).
    await Promise.all(rooms.filter((room) => room.connection.isOpen).map((room) => room.leave(true).catch(() => undefined)));
    for (const server of processes) await server.kill().catch(() => undefined);
  });

  async function joinThrough(server: ServerProcess, token: string, draftId: string): Promise<Room> {
    const client = new Client(server.baseUrl);
    client.auth.token = token;
    const room = await client.joinOrCreate('draft', { draftId });
    rooms.push(room);
    return room;
  }

  it('puts clients of both processes into the one room of a draft', async () => {
    const [a, b] = processes;
    const commish = await signUp(a.baseUrl, 'scale');
    const league = (await commish.client.post('/api/v1/leagues', { name: 'Scale league', sport: 'football' })).body;
    const managers = [await signUp(b.baseUrl, 'scalea'), await signUp(a.baseUrl, 'scaleb')];
    const teamIds: string[] = [];
    for (const [i, manager] of managers.entries()) {
      teamIds.push((await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: `T${i}`, ownerId: manager.userId })).body.id);
    }
    const draft = (await commish.client.post(`/api/v1/leagues/${league.id}/drafts`, { type: 'snake', rounds: 2, order: teamIds })).body;
    const players = (await managers[0].client.get('/api/v1/players?sport=football&limit=5')).body.items;

    const viaA = await joinThrough(a, managers[0].token, draft.id);
    const viaB = await joinThrough(b, managers[1].token, draft.id);
    const commishViaB = await joinThrough(b, commish.token, draft.id);
    assert.equal(viaB.roomId, viaA.roomId, 'one room for the draft, whichever process the client asked');
    assert.equal(commishViaB.roomId, viaA.roomId);

    await commishViaB.request('start', {});
    await viaA.request('pick', { playerId: players[0].id, pick: 1 });
    const seenOnB = await waitForState(viaB, (s) => s.picks.length === 1);
    assert.equal(seenOnB.picks[0].playerId, players[0].id);
    await viaB.request('pick', { playerId: players[1].id, pick: 2 });
    await waitForState(viaA, (s) => s.picks.length === 2);
    const stored = await commish.client.get(`/api/v1/drafts/${draft.id}`);
    assert.equal(stored.body.picks.length, 2);
  });

  it('opens one room for a draft joined at once through both processes, and none for a token-less request', async () => {
    const [a, b] = processes;
    const commish = await signUp(a.baseUrl, 'race');
    const league = (await commish.client.post('/api/v1/leagues', { name: 'Race league', sport: 'football' })).body;
    const teamIds: string[] = [];
    for (let i = 0; i < 2; i++) teamIds.push((await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: `R${i}` })).body.id);
    const draft = (await commish.client.post(`/api/v1/leagues/${league.id}/drafts`, { type: 'snake', rounds: 2, order: teamIds })).body;
    for (const server of processes) {
      assert.equal((await api(server.baseUrl).post('/matchmake/create/draft', { draftId: draft.id })).status, 405);
      assert.equal((await api(server.baseUrl).post('/matchmake/joinOrCreate/draft', { draftId: draft.id })).status, 401);
    }
    const redisBefore = new Redis(REDIS_URL);
    assert.equal(Object.values(await redisBefore.hgetall('roomcaches')).filter((raw) => raw.includes(draft.id)).length, 0);
    redisBefore.disconnect();
    const joins = await Promise.all(Array.from({ length: 10 }, (_, i) => joinThrough(i % 2 ? b : a, commish.token, draft.id)));
    assert.equal(new Set(joins.map((room) => room.roomId)).size, 1, 'one room for the draft across both processes');
    const redis = new Redis(REDIS_URL);
    const listings = Object.values(await redis.hgetall('roomcaches')).filter((raw) => raw.includes(draft.id));
    redis.disconnect();
    assert.equal(listings.length, 1);
  });

  it('shuts a process down on SIGTERM with exit code 0, keeping what it acknowledged', async () => {
    const [a, b] = processes;
    const commish = await signUp(a.baseUrl, 'term');
    const manager = await signUp(a.baseUrl, 'termmgr');
    const league = (await commish.client.post('/api/v1/leagues', { name: 'Term league', sport: 'football' })).body;
    const teams = `/api/v1/leagues/${league.id}/teams`;
    const teamIds = [
      (await commish.client.post(teams, { name: 'Commish', ownerId: commish.userId })).body.id,
      (await commish.client.post(teams, { name: 'Manager', ownerId: manager.userId })).body.id,
    ];
    const draft = (await commish.client.post(`/api/v1/leagues/${league.id}/drafts`, { type: 'snake', rounds: 2, order: teamIds })).body;
    const players = (await commish.client.get('/api/v1/players?sport=football&limit=3')).body.items;
    const room = await joinThrough(a, commish.token, draft.id);
    await room.request('start', {});
    await room.request('pick', { playerId: players[0].id, pick: 1 });
    assert.equal(await a.terminate(), 0);
    const stored = await api(b.baseUrl, commish.token).get(`/api/v1/drafts/${draft.id}`);
    assert.deepEqual(stored.body.picks.map((p: { playerId: string }) => p.playerId), [players[0].id]);
  });
});
