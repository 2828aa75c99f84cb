import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';

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
  // Imported once: given raw bytes, jose imports the key again for every token it signs. Tokens are
  // checked without jose (verifyHs256).
  const secretBytes = Buffer.from(secret, 'utf8');
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
      return verifyHs256(token, secretBytes, Math.floor(now() / 1000));
    },
  };
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeJson(part: string): Record<string, unknown> | null {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null;
}

/**
 * Checks an HS256 token with node:crypto, synchronously. jose's verify goes through WebCrypto: an
 * async job on the thread pool per token, ~0.3 ms of the main thread each, which a restart's
 * thousand joins (each checks its token) paid at once. The rules are the ones jose applied with
 * our options: a compact JWS of three base64url parts; the header's alg exactly HS256 and no
 * `crit` (no extension we understand); the signature the HMAC-SHA256 of `header.payload` under the
 * secret; the payload an object whose iss is ours, exp (required: we always set it) in the future,
 * nbf (if any) not in the future and iat (if any) a number. Anything else: null.
 */
export function verifyHs256(token: string, secret: Buffer, nowSeconds: number): TokenClaims | null {
  try {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => part.length > 0 && BASE64URL.test(part))) return null;
    const [headerPart, payloadPart, signaturePart] = parts;
    const header = decodeJson(headerPart);
    if (!header || header.alg !== ALGORITHM || 'crit' in header) return null;
    const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
    const signature = Buffer.from(signaturePart, 'base64url');
    // A signature with bits past its last byte (two spellings of one value) is refused, as jose does.
    if (signature.length !== expected.length || signature.toString('base64url') !== signaturePart || !timingSafeEqual(signature, expected)) return null;
    const payload = decodeJson(payloadPart);
    if (!payload || payload.iss !== ISSUER) return null;
    const { exp, nbf, iat, sub, username, sid } = payload;
    if (typeof exp !== 'number' || exp <= nowSeconds) return null;
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) return null;
    if (iat !== undefined && typeof iat !== 'number') return null;
    // A token without a session (issued before sessions existed) cannot be revoked: refused.
    if (typeof sub !== 'string' || typeof username !== 'string' || typeof sid !== 'string') return null;
    return { userId: sub, username, sessionId: sid };
  } catch {
    return null;
  }
}
