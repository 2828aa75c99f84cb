import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { tokenService } from '../../src/auth/tokens.ts';

/** Access tokens (src/auth/tokens.ts, jose with our options): a forged, altered, expired or foreign token is refused. */
describe('access tokens (HS256)', () => {
  const secret = 'a-test-secret-that-is-long-enough-0123456789';
  const claims = { userId: 'u-1', username: 'ann', sessionId: 's-1' };
  const t0 = Date.UTC(2026, 0, 1);
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** A token signed by hand: any header and payload, HMAC-SHA256 (or `hash`) under `key`. */
  const forge = (header: unknown, payload: unknown, key = secret, hash = 'sha256') => {
    const signed = `${b64(header)}.${b64(payload)}`;
    return `${signed}.${createHmac(hash, key).update(signed).digest('base64url')}`;
  };
  const payload = (extra: Record<string, unknown> = {}) =>
    ({ sub: 'u-1', username: 'ann', sid: 's-1', iss: 'clubhouse', iat: t0 / 1000, exp: t0 / 1000 + 60, ...extra });

  it('accepts the tokens it issues until they expire, with the claims jose reads from them', async () => {
    let now = t0;
    const tokens = tokenService(secret, 60, () => now);
    const token = await tokens.issue(claims);
    assert.deepEqual(await tokens.verify(token), claims);
    const { payload: read } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], issuer: 'clubhouse', currentDate: new Date(now) });
    assert.deepEqual({ userId: read.sub, username: read.username, sessionId: read.sid }, claims);
    now = t0 + 59_999;
    assert.deepEqual(await tokens.verify(token), claims);
    now = t0 + 60_000;
    assert.equal(await tokens.verify(token), null, 'expired at exp');
  });

  it('refuses a token signed with another secret, altered, or cut short', async () => {
    const tokens = tokenService(secret, 60, () => t0);
    const other = await tokenService(`${secret}-other`, 60, () => t0).issue(claims);
    assert.equal(await tokens.verify(other), null);
    const token = await tokens.issue(claims);
    const [h, , s] = token.split('.');
    assert.equal(await tokens.verify(`${h}.${b64(payload({ sub: 'u-2' }))}.${s}`), null, 'payload swapped');
    assert.equal(await tokens.verify(token.slice(0, -2)), null);
    assert.equal(await tokens.verify(`${token}x`), null);
    assert.equal(await tokens.verify(`${h}.${token.split('.')[1]}`), null);
    assert.equal(await tokens.verify(''), null);
    assert.equal(await tokens.verify('not a token'), null);
  });

  it('refuses alg none, another algorithm, a crit header, and tokens jose would refuse for their claims', async () => {
    const tokens = tokenService(secret, 60, () => t0);
    assert.deepEqual(await tokens.verify(forge({ alg: 'HS256' }, payload())), claims, 'the forge signs like the server');
    assert.equal(await tokens.verify(`${b64({ alg: 'none' })}.${b64(payload())}.`), null);
    assert.equal(await tokens.verify(forge({ alg: 'none' }, payload())), null);
    assert.equal(await tokens.verify(forge({ alg: 'HS512' }, payload(), secret, 'sha512')), null);
    assert.equal(await tokens.verify(forge({ alg: 'HS256', crit: ['b64'], b64: false }, payload())), null);
    assert.equal(await tokens.verify(forge({ alg: 'HS256' }, payload({ iss: 'someone-else' }))), null, 'issuer');
    assert.equal(await tokens.verify(forge({ alg: 'HS256' }, payload({ exp: undefined }))), null, 'no expiry');
    assert.equal(await tokens.verify(forge({ alg: 'HS256' }, payload({ exp: String(t0 / 1000 + 60) }))), null, 'exp not a number');
    assert.equal(await tokens.verify(forge({ alg: 'HS256' }, payload({ nbf: t0 / 1000 + 10 }))), null, 'not before');
    assert.deepEqual(await tokens.verify(forge({ alg: 'HS256' }, payload({ nbf: t0 / 1000 }))), claims);
    assert.equal(await tokens.verify(forge({ alg: 'HS256' }, payload({ iat: 'yesterday' }))), null, 'iat not a number');
    assert.equal(await tokens.verify(forge({ alg: 'HS256' }, payload({ sid: undefined }))), null, 'no session');
    assert.equal(await tokens.verify(forge({ alg: 'HS256' }, [1, 2])), null, 'payload not an object');
    // jose, for comparison, on a token with a session it signed itself: accepted by both.
    const joseToken = await new SignJWT({ username: 'ann', sid: 's-1' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u-1')
      .setIssuer('clubhouse').setIssuedAt(t0 / 1000).setExpirationTime(t0 / 1000 + 60).sign(new TextEncoder().encode(secret));
    assert.deepEqual(await tokens.verify(joseToken), claims);
  });
});
