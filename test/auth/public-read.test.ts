import assert from 'node:assert/strict';
import type { Room } from '@colyseus/sdk';
import { makePublic, startTestServer, type TestServer, useTestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { createDraft, joinDraft, leagueWithManagers } from '../helpers/league-rooms.ts';

/** Reads without a token: public leagues and the player pool only, rate limited per address. */
describe('public reads without a token', () => {
  const server = useTestServer({ env: { PUBLIC_READS_PER_MINUTE: '40' }, truncate: 'once' });
  let publicLeague: string;
  let privateLeague: string;
  let publicDraft: string;
  let privateDraft: string;

  before(async function () {
    this.timeout(60_000);
    const open = await leagueWithManagers(server, { teams: 2 });
    publicLeague = open.leagueId;
    await makePublic(server.app, publicLeague);
    publicDraft = (await createDraft(open.commish, publicLeague, { type: 'snake', rounds: 1 })).id;
    const closed = await leagueWithManagers(server, { teams: 2 });
    privateLeague = closed.leagueId;
    privateDraft = (await createDraft(closed.commish, privateLeague, { type: 'snake', rounds: 1 })).id;
  });

  const anon = () => api(server.baseUrl);

  it("reads a public league's routes, its drafts and the player pool with no token", async () => {
    for (const path of [
      `/api/v1/leagues/${publicLeague}`, `/api/v1/leagues/${publicLeague}/teams`, `/api/v1/leagues/${publicLeague}/drafts`,
      `/api/v1/leagues/${publicLeague}/standings`, `/api/v1/drafts/${publicDraft}`,
      '/api/v1/players?sport=football&limit=3',
    ]) {
      const reply = await anon().get(path);
      assert.equal(reply.status, 200, `${path}: ${JSON.stringify(reply.body).slice(0, 120)}`);
    }
    const league = await anon().get(`/api/v1/leagues/${publicLeague}`);
    assert.equal(league.body.role, null);
    assert.equal(league.body.inviteCode, undefined, 'the invite code is the commissioner\'s alone');
  });

  it('answers a private league, its draft and an unknown id alike: 404, existence not revealed', async () => {
    for (const path of [`/api/v1/leagues/${privateLeague}`, `/api/v1/leagues/${privateLeague}/teams`, `/api/v1/drafts/${privateDraft}`, `/api/v1/leagues/${crypto.randomUUID()}`]) {
      const reply = await anon().get(path);
      assert.equal(reply.status, 404, path);
      assert.equal(reply.body.error.code, 'NOT_FOUND');
    }
  });

  it('keeps writes, my leagues, /me and everything else behind a token (401)', async () => {
    assert.equal((await anon().post(`/api/v1/leagues/${publicLeague}/teams`, { name: 'Sneaky' })).status, 401);
    assert.equal((await anon().post(`/api/v1/leagues/${publicLeague}/join`, {})).status, 401);
    assert.equal((await anon().get('/api/v1/leagues')).status, 401);
    assert.equal((await anon().get('/api/v1/me')).status, 401);
    assert.equal((await anon().get('/api/v1/ingest/failed')).status, 401);
  });

  it('answers a wrong or expired token with 401 even on a public read (never silently anonymous)', async () => {
    const reply = await api(server.baseUrl, 'not-a-token').get(`/api/v1/leagues/${publicLeague}`);
    assert.equal(reply.status, 401);
  });

  it('limits reads without a token per address (PUBLIC_READS_PER_MINUTE) with 429 and Retry-After; signed-in reads are not counted', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await anon().get(`/api/v1/leagues/${publicLeague}`)).status);
    const limited = await anon().get(`/api/v1/leagues/${publicLeague}`);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.ok(statuses.includes(429), 'the limit applied within the burst');
    const user = await signUp(server.baseUrl, 'reader');
    assert.equal((await user.client.get(`/api/v1/leagues/${publicLeague}`)).status, 200);
  });
});

/** A seat outlives its access token; joining again needs a valid one (docs/PROTOCOL.md). */
describe('rooms and access token expiry', () => {
  let server: TestServer;
  let clock = Date.now();
  const opened: Room[] = [];

  before(async () => {
    server = await startTestServer({ now: () => clock, env: { ACCESS_TOKEN_TTL_SECONDS: '60' } });
  });
  after(async () => {
    await Promise.all(opened.map((room) => room.leave().catch(() => undefined)));
    await server.close();
  });

  it('keeps a client whose access token expires in its seat; a rejoin with it is refused, with a refreshed one admitted', async () => {
    const league = await leagueWithManagers(server, { teams: 2 });
    const draft = await createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 1 });
    const manager = league.managers[0];
    const session = (await api(server.baseUrl).post('/api/v1/auth/login', { username: manager.username, password: 'correct horse battery' })).body;
    const room = await joinDraft(server, session.accessToken, draft.id);
    opened.push(room);
    clock += 61_000;
    assert.equal((await api(server.baseUrl, session.accessToken).get('/api/v1/me')).status, 401, 'the token expired');
    assert.deepEqual(await room.request('chat', { text: 'still here' }), { ok: true }, 'the seat survives');
    await assert.rejects(joinDraft(server, session.accessToken, draft.id), (error: { code?: number }) => error.code === 401);
    const refreshed = (await api(server.baseUrl).post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).body;
    const again = await joinDraft(server, refreshed.accessToken, draft.id);
    opened.push(again);
    assert.deepEqual(await again.request('chat', { text: 'back' }), { ok: true });
  });

  it('refuses a join with the access token of a session that logged out', async () => {
    const league = await leagueWithManagers(server, { teams: 2 });
    const draft = await createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 1 });
    const manager = league.managers[0];
    await api(server.baseUrl, manager.token).post('/api/v1/auth/logout', {});
    await assert.rejects(joinDraft(server, manager.token, draft.id), (error: { code?: number }) => error.code === 401);
  });
});
