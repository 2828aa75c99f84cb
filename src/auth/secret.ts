import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Config } from '../config.ts';

const MIN_SECRET_LENGTH = 32;

/**
 * The token secret: JWT_SECRET when set (required in production); otherwise generated once and
 * kept in DATA_DIR, so tokens survive a restart of the embedded default.
 */
export function resolveJwtSecret(config: Config): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  let existing: string | undefined;
  try {
    existing = readFileSync(file, 'utf8').trim();
  } catch { /* none yet: generated below */ }
  if (existing !== undefined) {
    // A hand-written file gets the same rule as JWT_SECRET: a short HMAC key can be brute-forced.
    if (existing.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`${file} holds a secret of ${existing.length} characters; it must be at least ${MIN_SECRET_LENGTH} (delete it to have one generated)`);
    }
    return existing;
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
