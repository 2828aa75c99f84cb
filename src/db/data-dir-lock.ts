import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lock files this process holds. */
const held = new Set<string>();

/**
 * One process per data directory: two processes opening one PGlite directory silently lose data.
 * The lock file holds the owner's pid; a lock left by a dead process (kill -9) is taken over at
 * once, which a time-based lock (proper-lockfile's stale mtime) would delay by its stale period.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'clubhouse.lock');
  // Our own pid in the file is stale (pid reuse, e.g. pid 1 in a restarted container) unless we hold it.
  if (held.has(file)) throw new Error(`Data directory ${dir} is in use by process ${process.pid}; stop it or choose another DATA_DIR`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      held.add(file);
      return () => { held.delete(file); rmSync(file, { force: true }); };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (isAlive(owner) && owner !== process.pid) {
        throw new Error(`Data directory ${dir} is in use by process ${owner}; stop it or choose another DATA_DIR`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock data directory ${dir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
