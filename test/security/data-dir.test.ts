import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../../src/config.ts';
import { resolveJwtSecret } from '../../src/auth/secret.ts';
import { startEmbeddedPostgres } from '../../src/db/embedded.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `dir`, with its permission bits. */
function modes(dir: string): Array<{ path: string; mode: number; folder: boolean }> {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return { path, mode: mode(path), folder: entry.isDirectory() };
  });
}

describe('security: DATA_DIR', () => {
  it('keeps the embedded database, the lock and the token secret private to the server user (0700 folders, 0600 files)', async function () {
    this.timeout(60_000);
    const dataDir = join(mkdtempSync(join(tmpdir(), 'clubhouse-perm-')), 'data');
    // What an older version left behind: a world-writable folder and file.
    mkdirSync(join(dataDir, 'old'), { recursive: true, mode: 0o777 });
    writeFileSync(join(dataDir, 'old', 'leftover'), 'x', { mode: 0o666 });
    const db = await startEmbeddedPostgres(dataDir);
    try {
      resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }));
      const entries = modes(dataDir);
      assert.ok(entries.some((e) => e.path.endsWith('jwt-secret')) && entries.some((e) => e.path.endsWith('clubhouse.lock')));
      assert.ok(entries.filter((e) => !e.folder).length > 50, 'PGlite wrote its files');
      assert.equal(mode(dataDir), 0o700);
      const open = entries.filter((e) => (e.folder ? e.mode !== 0o700 : e.mode & 0o077));
      assert.deepEqual(open.map((e) => `${e.path} ${e.mode.toString(8)}`), []);
    } finally {
      await db.stop();
    }
  });

  it('refuses to start with a hand-written jwt-secret file shorter than 32 characters', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clubhouse-secret-'));
    writeFileSync(join(dataDir, 'jwt-secret'), 'hunter2\n');
    assert.throws(() => resolveJwtSecret(loadConfig({ DATA_DIR: dataDir })),
      (error: unknown) => error instanceof ConfigError && /jwt-secret holds a secret of 7 characters; it must be at least 32/.test(error.message));
    writeFileSync(join(dataDir, 'jwt-secret'), 'k'.repeat(32));
    assert.equal(resolveJwtSecret(loadConfig({ DATA_DIR: dataDir })), 'k'.repeat(32));
  });
});
