import { SignJWT, jwtVerify } from 'jose';

/** Only HS256 is ever accepted: a token claiming `alg: none` or another algorithm is rejected. */
const ALGORITHM = 'HS256';
const ISSUER = 'clubhouse';

export interface TokenClaims {
  userId: string;
  username: string;
}

export interface TokenService {
  issue(claims: TokenClaims): Promise<string>;
  /** The claims of a valid token, or null for anything forged, expired or malformed. */
  verify(token: string): Promise<TokenClaims | null>;
}

export function tokenService(secret: string, ttlSeconds: number): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    issue: ({ userId, username }) =>
      new SignJWT({ username })
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], issuer: ISSUER });
        if (typeof payload.sub !== 'string' || typeof payload.username !== 'string') return null;
        return { userId: payload.sub, username: payload.username };
      } catch {
        return null;
      }
    },
  };
}
