import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { resetPassword, setLocked } from '../../src/auth/admin.ts';
import { createHash } from 'node:crypto';
import { RefreshToken, User } from '../../src/db/entities/index.ts';
import type { AppError } from '../../src/errors.ts';
import { holdRows, itRace, lockWaiters } from '../helpers/row-locks.ts';
import { Sessions } from '../../src/auth/sessions.ts';
import { IngestClient } from '../../src/ingest/client.ts';
import { ADMIN, registerAdmin } from '../helpers/jobs.ts';

const PASSWORD = 'correct horse battery';
const ACCESS_TTL = 900;
const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
type Session = { accessToken: string; refreshToken: string };

/** Access + refresh tokens (OWASP session management): rotation, reuse, logout, password change, lock. */
describe('sessions: access and refresh tokens', () => {
  /** The server's clock (tokens and refresh expiry read it): tests move it past an expiry. */
  let clock = Date.now();
  beforeEach(() => { clock = Date.now(); });
  const server = useTestServer({ now: () => clock, env: { ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL), REFRESH_TOKEN_TTL_SECONDS: '86400' } });

  const anon = () => api(server.baseUrl);
  const refresh = (refreshToken: string) => anon().post('/api/v1/auth/refresh', { refreshToken });
  const me = (token: string) => api(server.baseUrl, token).get('/api/v1/me');
  async function login(username: string, password = PASSWORD) {
    const reply = await anon().post('/api/v1/auth/login', { username, password });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body as { accessToken: string; refreshToken: string; token: string; expiresIn: number };
  }

  it('answers a login with a short access token and a refresh token, and rotates the refresh token on use', async () => {
    const user = await signUp(server.baseUrl, 'rot');
    const session = await login(user.username);
    assert.equal(session.expiresIn, ACCESS_TTL);
    assert.equal(session.token, session.accessToken, 'token stays for older clients');
    const next = await refresh(session.refreshToken);
    assert.equal(next.status, 200);
    assert.notEqual(next.body.refreshToken, session.refreshToken);
    assert.equal(next.body.user.username, user.username);
    assert.equal((await me(next.body.accessToken)).status, 200);
    // The rotated one again (a thief's copy) is refused ...
    assert.equal((await refresh(session.refreshToken)).status, 401);
  });

  it('revokes the whole family when a used-up refresh token comes back: the new refresh and access tokens stop working', async () => {
    const user = await signUp(server.baseUrl, 'reuse');
    const session = await login(user.username);
    const rotated = (await refresh(session.refreshToken)).body;
    const other = await login(user.username); // another device: its own family, untouched
    assert.equal((await refresh(session.refreshToken)).status, 401, 'reuse refused');
    assert.equal((await refresh(rotated.refreshToken)).status, 401, 'the legitimate successor is revoked too');
    assert.equal((await me(rotated.accessToken)).status, 401, 'and its access token');
    assert.equal((await me(other.accessToken)).status, 200, 'another session of the user lives on');
    assert.equal((await refresh(other.refreshToken)).status, 200);
  });

  it('lets only one of two parallel refreshes with the same token win, and treats the other as a reuse', async () => {
    const user = await signUp(server.baseUrl, 'race');
    const session = await login(user.username);
    const replies = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 401]);
    const winner = replies.find((r) => r.status === 200)!.body;
    assert.equal((await refresh(winner.refreshToken)).status, 401, 'the family ended');
  });

  it('refuses an unknown, malformed or expired refresh token with 401 and a missing one with 400', async () => {
    const user = await signUp(server.baseUrl, 'exp');
    const session = await login(user.username);
    assert.equal((await refresh('x'.repeat(43))).status, 401);
    assert.equal((await anon().post('/api/v1/auth/refresh', {})).status, 400);
    clock += 86_400_000 + 1000;
    const expired = await refresh(session.refreshToken);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'UNAUTHENTICATED');
  });

  it('refuses an access token past ACCESS_TOKEN_TTL_SECONDS, and a refresh gives a working one', async () => {
    const user = await signUp(server.baseUrl, 'ttl');
    const session = await login(user.username);
    clock += (ACCESS_TTL + 1) * 1000;
    assert.equal((await me(session.accessToken)).status, 401);
    const next = await refresh(session.refreshToken);
    assert.equal((await me(next.body.accessToken)).status, 200);
  });

  it('ends a session at logout (by refresh token or by access token): both tokens stop working at once', async () => {
    const user = await signUp(server.baseUrl, 'out');
    const first = await login(user.username);
    assert.equal((await anon().post('/api/v1/auth/logout', { refreshToken: first.refreshToken })).status, 204);
    assert.equal((await me(first.accessToken)).status, 401);
    assert.equal((await refresh(first.refreshToken)).status, 401);

    const second = await login(user.username);
    assert.equal((await api(server.baseUrl, second.accessToken).post('/api/v1/auth/logout', {})).status, 204);
    assert.equal((await me(second.accessToken)).status, 401);
    assert.equal((await refresh(second.refreshToken)).status, 401);
    assert.equal((await anon().post('/api/v1/auth/logout', {})).status, 401, 'nothing to end');
  });

  it('checks sessions asked for together in one batch, each token its own verdict (a logged-out one among live ones)', async () => {
    const users = await Promise.all([0, 1, 2].map(() => signUp(server.baseUrl, 'batch')));
    const sessions = await Promise.all([...users, users[0]].map((user) => login(user.username)));
    assert.equal((await anon().post('/api/v1/auth/logout', { refreshToken: sessions[1].refreshToken })).status, 204);
    // A process that has cached nothing yet, like one just restarted: every check reads the database.
    const fresh = new Sessions(server.app.storage.orm, server.app.tokens, 86400, () => clock);
    const verdicts = await Promise.all([...sessions, sessions[2]].map((session) => fresh.verifyAccess(session.accessToken)));
    assert.deepEqual(verdicts.map((claims) => claims?.username ?? null),
      [users[0].username, null, users[2].username, users[0].username, users[2].username]);
  });

  it('changes a password only with the right current one, ending every session and answering a new one', async () => {
    const user = await signUp(server.baseUrl, 'pw');
    const a = await login(user.username);
    const b = await login(user.username);
    const wrong = await api(server.baseUrl, a.accessToken).post('/api/v1/me/password', { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, 'WRONG_PASSWORD');
    const weak = await api(server.baseUrl, a.accessToken).post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'password123' });
    assert.equal(weak.status, 400);
    assert.equal((await me(a.accessToken)).status, 200, 'refusals change nothing');

    const changed = await api(server.baseUrl, a.accessToken).post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    assert.equal(changed.status, 200);
    for (const old of [a, b]) {
      assert.equal((await me(old.accessToken)).status, 401);
      assert.equal((await refresh(old.refreshToken)).status, 401);
    }
    assert.equal((await me(changed.body.accessToken)).status, 200, 'the caller stays signed in');
    assert.equal((await anon().post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).status, 401);
    await login(user.username, 'a brand new passphrase');
  });

  it('locks an account (operator): no login or refresh, sessions ended; unlocking lets the user back in', async () => {
    const user = await signUp(server.baseUrl, 'lock');
    const session = await login(user.username);
    assert.equal(await setLocked(server.app.storage.orm.em.fork(), user.username, true), 'done');
    assert.equal((await me(session.accessToken)).status, 401);
    assert.equal((await refresh(session.refreshToken)).status, 401);
    const refused = await anon().post('/api/v1/auth/login', { username: user.username, password: PASSWORD });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'ACCOUNT_LOCKED');
    const wrongPassword = await anon().post('/api/v1/auth/login', { username: user.username, password: 'not the password' });
    assert.equal(wrongPassword.status, 401, 'the lock is only told to whoever knows the password');
    assert.equal(await setLocked(server.app.storage.orm.em.fork(), user.username, false), 'done');
    await login(user.username);
  });

  it("resets a password (operator): the old one fails, every session ends, the new one signs in", async () => {
    const user = await signUp(server.baseUrl, 'reset');
    const session = await login(user.username);
    assert.equal(await resetPassword(server.app.storage.orm.em.fork(), user.username, 'operator chosen secret'), 'done');
    assert.equal(await resetPassword(server.app.storage.orm.em.fork(), 'nobody-at-all', 'operator chosen secret'), 'no-such-user');
    assert.equal((await me(session.accessToken)).status, 401);
    assert.equal((await anon().post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).status, 401);
    await login(user.username, 'operator chosen secret');
  });

  for (const [ending, end] of [
    ['a logout', (session: Session) => anon().post('/api/v1/auth/logout', { refreshToken: session.refreshToken })],
    ['a password change', (session: Session) => api(server.baseUrl, session.accessToken).post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })],
  ] as const) {
    itRace(`ends a session by ${ending} even while a refresh of it is under way: the refreshed tokens are refused too`, async () => {
      const user = await signUp(server.baseUrl, 'mid');
      const session = await login(user.username);
      const em = server.app.storage.orm.em.fork();
      // The refresh stops at the presented token's row, as behind a slow commit, until the end is asked for.
      const hold = await holdRows(em, 'select id from refresh_tokens where token_hash = ?', [sha256(session.refreshToken)]);
      const refreshing = refresh(session.refreshToken);
      await lockWaiters(em, 1);
      const ended = end(session);
      await lockWaiters(em, 2);
      await hold.release();
      const [refreshed, endReply] = await Promise.all([refreshing, ended]);
      assert.equal(refreshed.status, 200, 'the refresh went first');
      assert.ok([200, 204].includes(endReply.status), JSON.stringify(endReply.body));
      assert.equal((await refresh(refreshed.body.refreshToken)).status, 401, 'the token the refresh made ended with its session');
      assert.equal((await me(refreshed.body.accessToken)).status, 401);
    });
  }

  it('starts no session for a login whose password check a password change or a lock has since overtaken', async () => {
    const user = await signUp(server.baseUrl, 'late');
    const orm = server.app.storage.orm;
    // What a login read and checked the password against, before the operator's change committed.
    const checked = await orm.em.fork().findOneOrFail(User, { username: user.username });
    assert.equal(await resetPassword(orm.em.fork(), user.username, 'operator chosen secret'), 'done');
    await assert.rejects(server.app.sessions.start(orm.em.fork(), checked), (error: AppError) => error.status === 401);
    const checkedAgain = await orm.em.fork().findOneOrFail(User, { username: user.username });
    assert.equal(await setLocked(orm.em.fork(), user.username, true), 'done');
    await assert.rejects(server.app.sessions.start(orm.em.fork(), checkedAgain), (error: AppError) => error.code === 'ACCOUNT_LOCKED');
    const live = await orm.em.fork().count(RefreshToken, { user: user.userId, revokedAt: null });
    assert.equal(live, 0, 'no session outlives the reset and the lock');
  });

  it('stores only hashes of refresh tokens, with the family, expiry and origin', async () => {
    const user = await signUp(server.baseUrl, 'hash');
    const session = await login(user.username);
    const rows = await server.app.storage.orm.em.fork().find(RefreshToken, { user: user.userId });
    assert.equal(rows.length, 2, 'one per login (sign-up and login)');
    for (const row of rows) {
      assert.notEqual(row.tokenHash, session.refreshToken);
      assert.match(row.tokenHash, /^[0-9a-f]{64}$/);
      assert.equal(row.ip?.includes('127.0.0.1'), true);
    }
  });

  it('lets the ingest CLI client outlive its access token: it refreshes once and goes on', async () => {
    await registerAdmin(server);
    const client = new IngestClient(server.baseUrl);
    await client.signIn(ADMIN);
    clock += (ACCESS_TTL + 1) * 1000;
    await assert.rejects(client.settle(crypto.randomUUID(), Date.now() + 5000), /404/, 'past authentication: the unknown job is a 404, not a 401');
  });

  it('answers GET /me with the profile, leagues and teams', async () => {
    const user = await signUp(server.baseUrl, 'prof');
    const league = await user.client.post('/api/v1/leagues', { name: 'Mine', sport: 'football' });
    await user.client.post(`/api/v1/leagues/${league.body.id}/teams`, { name: 'My team', ownerId: user.userId });
    const reply = await me(user.token);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.username, user.username);
    assert.deepEqual(reply.body.leagues.map((l: { id: string; role: string }) => [l.id, l.role]), [[league.body.id, 'commissioner']]);
    assert.deepEqual(reply.body.teams.map((t: { name: string; leagueId: string }) => [t.name, t.leagueId]), [['My team', league.body.id]]);
    assert.equal(reply.body.passwordHash, undefined);
  });
});
