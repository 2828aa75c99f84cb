import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { leagueWithOpenTeams } from '../helpers/league-rooms.ts';
import { setLocked } from '../../src/auth/admin.ts';
import { ApiKey } from '../../src/db/entities/index.ts';

/** Read-only API keys for REST consumers: shown once, stored hashed, scoped to what the user may see. */
describe('API keys', () => {
  const server = useTestServer({ env: { API_KEY_READS_PER_MINUTE: '25' } });

  async function ownerWithKey(name = 'scores script') {
    const owner = await signUp(server.baseUrl, 'keyowner');
    const created = await owner.client.post('/api/v1/me/api-keys', { name });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { owner, key: created.body.key as string, id: created.body.id as string, created: created.body };
  }
  const withHeader = (key: string) => ({ get: (path: string) => api(server.baseUrl).raw('GET', path, undefined, { 'x-api-key': key }) });

  it('creates a key shown once, stores only its hash and lists it without the secret, with its last use', async () => {
    const { owner, key, id, created } = await ownerWithKey();
    assert.match(key, /^ck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    assert.ok(key.startsWith(created.prefix));
    const row = await server.app.storage.orm.em.fork().findOneOrFail(ApiKey, { id });
    assert.ok(!row.hash.includes(key.slice(16)), 'the secret is not stored');
    const before = await owner.client.get('/api/v1/me/api-keys');
    assert.deepEqual(before.body.items.map((k: { id: string; lastUsedAt: string | null }) => [k.id, k.lastUsedAt]), [[id, null]]);
    assert.ok(!JSON.stringify(before.body).includes(key.slice(16)), 'the listing has no secret');
    assert.equal((await api(server.baseUrl, key).get('/api/v1/me')).status, 200);
    const after = await owner.client.get('/api/v1/me/api-keys');
    assert.ok(after.body.items[0].lastUsedAt, 'last use recorded');
  });

  it("reads what its owner may see, by Bearer ck_ or X-API-Key, and another user's private league is 404", async () => {
    const { owner, key } = await ownerWithKey();
    const mine = (await owner.client.post('/api/v1/leagues', { name: 'Mine', sport: 'football' })).body.id;
    const theirs = await leagueWithOpenTeams(server.baseUrl);
    assert.equal((await api(server.baseUrl, key).get(`/api/v1/leagues/${mine}`)).status, 200);
    assert.equal((await withHeader(key).get(`/api/v1/leagues/${mine}/teams`)).status, 200);
    assert.deepEqual((await api(server.baseUrl, key).get('/api/v1/leagues')).body.items.map((l: { id: string }) => l.id), [mine]);
    assert.equal((await api(server.baseUrl, key).get(`/api/v1/leagues/${theirs.leagueId}`)).status, 404);
  });

  it('refuses every write with 403 and changes nothing, and cannot list or make keys', async () => {
    const { owner, key } = await ownerWithKey();
    const mine = (await owner.client.post('/api/v1/leagues', { name: 'Mine', sport: 'football' })).body.id;
    const write = await api(server.baseUrl, key).post(`/api/v1/leagues/${mine}/teams`, { name: 'Via key' });
    assert.equal(write.status, 403);
    assert.equal(write.body.error.code, 'FORBIDDEN');
    assert.deepEqual((await owner.client.get(`/api/v1/leagues/${mine}/teams`)).body.items, []);
    assert.equal((await api(server.baseUrl, key).post('/api/v1/me/api-keys', { name: 'another' })).status, 403);
    assert.equal((await api(server.baseUrl, key).get('/api/v1/me/api-keys')).status, 403);
    // Routes match whatever the letter case (Express's default): the key is refused there too.
    for (const path of ['/api/v1/ME/API-KEYS', '/api/v1/me/Api-Keys', '/api/v1/me/api-keys/']) {
      assert.equal((await api(server.baseUrl, key).get(path)).status, 403, path);
    }
    assert.equal((await api(server.baseUrl, key).post('/api/v1/me/password', { currentPassword: 'x', newPassword: 'a brand new passphrase' })).status, 403);
  });

  it('stops working once revoked; a stranger cannot revoke it (404)', async () => {
    const { owner, key, id } = await ownerWithKey();
    const stranger = await signUp(server.baseUrl, 'stranger');
    assert.equal((await stranger.client.raw('DELETE', `/api/v1/me/api-keys/${id}`)).status, 404);
    assert.equal((await api(server.baseUrl, key).get('/api/v1/me')).status, 200);
    assert.equal((await owner.client.raw('DELETE', `/api/v1/me/api-keys/${id}`)).status, 204);
    assert.equal((await api(server.baseUrl, key).get('/api/v1/me')).status, 401);
    assert.equal((await withHeader(key).get('/api/v1/me')).status, 401);
    assert.deepEqual((await owner.client.get('/api/v1/me/api-keys')).body.items, []);
    assert.equal((await owner.client.raw('DELETE', `/api/v1/me/api-keys/${id}`)).status, 404, 'already revoked');
  });

  it('refuses a forged key (right prefix, wrong secret) and the keys of a locked user', async () => {
    const { owner, key } = await ownerWithKey();
    const forged = `${key.slice(0, 16)}${'A'.repeat(43)}`;
    assert.equal((await api(server.baseUrl, forged).get('/api/v1/me')).status, 401);
    await setLocked(server.app.storage.orm.em.fork(), owner.username, true);
    assert.equal((await api(server.baseUrl, key).get('/api/v1/me')).status, 401);
  });

  it('limits reads per key (API_KEY_READS_PER_MINUTE) with 429; another key of the same user has its own budget', async () => {
    const { owner, key } = await ownerWithKey();
    const other = (await owner.client.post('/api/v1/me/api-keys', { name: 'second' })).body.key as string;
    const statuses: number[] = [];
    for (let i = 0; i < 26; i++) statuses.push((await api(server.baseUrl, key).get('/api/v1/me')).status);
    assert.deepEqual([statuses.filter((s) => s === 200).length, statuses.at(-1)], [25, 429]);
    assert.equal((await api(server.baseUrl, other).get('/api/v1/me')).status, 200);
    assert.equal((await owner.client.get('/api/v1/me')).status, 200, 'the user signed in is not limited by his keys');
  });

  it('refuses a nameless key with 400', async () => {
    const owner = await signUp(server.baseUrl, 'noname');
    assert.equal((await owner.client.post('/api/v1/me/api-keys', { name: '  ' })).status, 400);
  });
});
