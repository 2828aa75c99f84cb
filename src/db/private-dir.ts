import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds the embedded database (password hashes) and the token secret: only the server's
 * own user may read it. The folder itself is 0700, so nobody else can even reach what is inside;
 * files are 0600 too. PGlite's file system ignores the umask (it creates files 0666), so the
 * embedded start tightens the tree again once PGlite is up, as it does what an older version left.
 */
export function makePrivate(dir: string): void {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir);
}

/** Folders 0700, files 0600, all the way down. */
export function tighten(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tighten(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
