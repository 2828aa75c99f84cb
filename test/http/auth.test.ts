import assert from 'node:assert/strict';
import { SignJWT, UnsecuredJWT } from 'jose';
import { useTestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';

describe('auth over REST', () => {
  const server = useTestServer({ env: { LOGIN_MAX_FAILURES: '3' } });

  it('registers a user and returns a token that opens the API', async () => {
    const reply = await api(server.baseUrl).post('/api/v1/auth/register', { username: 'Ann_1', password: 'long enough pw' });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.user.username, 'ann_1');
    assert.ok(reply.body.token);
    const me = await api(server.baseUrl, reply.body.token).get('/api/v1/leagues');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body.items, []);
  });

  it('logs in with the right password and refuses a wrong one with 401', async () => {
    await api(server.baseUrl).post('/api/v1/auth/register', { username: 'bob', password: 'long enough pw' });
    const ok = await api(server.baseUrl).post('/api/v1/auth/login', { username: 'BOB', password: 'long enough pw' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.user.username, 'bob');
    const wrong = await api(server.baseUrl).post('/api/v1/auth/login', { username: 'bob', password: 'not the password' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'UNAUTHENTICATED');
    const nobody = await api(server.baseUrl).post('/api/v1/auth/login', { username: 'nobody', password: 'whatever123' });
    assert.equal(nobody.status, 401);
  });

  it('refuses a taken username with 409 and bad fields with 400 naming them', async () => {
    await api(server.baseUrl).post('/api/v1/auth/register', { username: 'carol', password: 'long enough pw' });
    const taken = await api(server.baseUrl).post('/api/v1/auth/register', { username: 'Carol', password: 'long enough pw' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'CONFLICT');
    const bad = await api(server.baseUrl).post('/api/v1/auth/register', { username: 'x', password: 'short' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'INVALID_INPUT');
    assert.deepEqual(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort(), ['password', 'username']);
  });

  it('answers malformed JSON with 400 INVALID_INPUT', async () => {
    const reply = await api(server.baseUrl).raw('POST', '/api/v1/auth/login', '{"username": ', { 'content-type': 'application/json' });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error.code, 'INVALID_INPUT');
  });

  it('rate limits repeated failed logins with 429, even with the right password', async () => {
    await api(server.baseUrl).post('/api/v1/auth/register', { username: 'dave', password: 'long enough pw' });
    for (let i = 0; i < 3; i++) {
      assert.equal((await api(server.baseUrl).post('/api/v1/auth/login', { username: 'dave', password: 'wrong-password' })).status, 401);
    }
    const blocked = await api(server.baseUrl).post('/api/v1/auth/login', { username: 'dave', password: 'long enough pw' });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  });

  describe('tokens', () => {
    const secret = new TextEncoder().encode('test-secret-test-secret-test-secret-1234');
    const claims = { username: 'eve' };

    it('rejects a missing or garbage bearer token with 401', async () => {
      assert.equal((await api(server.baseUrl).get('/api/v1/leagues')).status, 401);
      assert.equal((await api(server.baseUrl, 'not.a.token').get('/api/v1/leagues')).status, 401);
    });

    it('rejects a token signed with another secret', async () => {
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(crypto.randomUUID())
        .setIssuer('clubhouse').setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-another-secret-12345'));
      const reply = await api(server.baseUrl, forged).get('/api/v1/leagues');
      assert.equal(reply.status, 401);
      assert.equal(reply.body.error.code, 'UNAUTHENTICATED');
    });

    it('rejects an expired token', async () => {
      const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(crypto.randomUUID())
        .setIssuer('clubhouse').setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(secret);
      assert.equal((await api(server.baseUrl, expired).get('/api/v1/leagues')).status, 401);
    });

    it('rejects an unsigned alg:none token', async () => {
      const unsigned = new UnsecuredJWT(claims).setSubject(crypto.randomUUID()).setIssuer('clubhouse').setExpirationTime('1h').encode();
      assert.equal((await api(server.baseUrl, unsigned).get('/api/v1/leagues')).status, 401);
    });

    it('accepts a token it issued', async () => {
      const user = await signUp(server.baseUrl, 'frank');
      assert.equal((await user.client.get('/api/v1/leagues')).status, 200);
    });
  });
});
