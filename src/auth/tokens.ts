import { SignJWT, jwtVerify } from 'jose';

/** Only HS256 is ever accepted: a token claiming `alg: none` or another algorithm is rejected. */
const ALGORITHM = 'HS256';
const ISSUER = 'clubhouse';

export interface TokenClaims {
  userId: string;
  username: string;
  /** The session (refresh-token family) that issued the token: revoking it refuses the token (`sid`). */
  sessionId: string;
}

export interface TokenService {
  /** Seconds an access token lives. */
  readonly ttlSeconds: number;
  issue(claims: TokenClaims): Promise<string>;
  /** The claims of a valid token, or null for anything forged, expired or malformed. */
  verify(token: string): Promise<TokenClaims | null>;
}

/** `now` (epoch ms) lets tests move the clock past a token's expiry. */
export function tokenService(secret: string, ttlSeconds: number, now: () => number = Date.now): TokenService {
  // Imported once: given raw bytes, jose imports the key again for every token it signs or checks
  // (a restart's thousand joins each verify one).
  const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  return {
    ttlSeconds,
    issue: async ({ userId, username, sessionId }) => {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({ username, sid: sessionId })
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(await key);
    },
    async verify(token) {
      try {
        // Every token issued here expires: one without `exp` was not issued here and is refused.
        const { payload } = await jwtVerify(token, await key, { algorithms: [ALGORITHM], issuer: ISSUER, requiredClaims: ['exp'], currentDate: new Date(now()) });
        const { sub, username, sid } = payload;
        // A token without a session (issued before sessions existed) cannot be revoked: refused.
        if (typeof sub !== 'string' || typeof username !== 'string' || typeof sid !== 'string') return null;
        return { userId: sub, username, sessionId: sid };
      } catch {
        return null;
      }
    },
  };
}
