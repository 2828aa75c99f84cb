/**
 * A resolution cache for the server's start, next to Node's compile cache (src/launch.js). The
 * compile cache spares compiling the few thousand modules a start loads, not finding them: each
 * import specifier is still resolved afresh (package.json lookups, exports maps, realpath, stat),
 * about a quarter of a start's module loading. This keeps every resolution of a start (importing
 * module, specifier, conditions → URL and format) in a file in the compile cache directory and
 * answers from it on the next start: a restart (after a crash, say) finds its modules at once.
 *
 * Kept valid the way a lockfile is: the file is for one project directory and one Node version,
 * and is dropped whole when package.json or node_modules/.package-lock.json (which npm rewrites on
 * every install) changed since it was written. Our own modules import with explicit paths, so a
 * specifier from a given module always resolves the same; a renamed file changes its importers'
 * specifiers (a miss, resolved afresh). NODE_DISABLE_COMPILE_CACHE=1 turns this off with the
 * compile cache; deleting the file (its name is in the compile cache directory) clears it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { getCompileCacheDir, registerHooks } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Entry = [url: string, format: string | null];

interface CacheFile { stamp: string; entries: Array<[string, Entry]> }

interface Installed { file: string; stamp: string; entries: Map<string, Entry>; added: number }

let installed: Installed | undefined;

/** What the cache depends on besides our own files: the Node version, package.json and the installed packages. */
function stampOf(root: string): string {
  const mtime = (path: string) => {
    try {
      const stat = statSync(join(root, path));
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return 'none';
    }
  };
  return `${process.version}|${mtime('package.json')}|${mtime('node_modules/.package-lock.json')}`;
}

function readEntries(file: string, stamp: string): Map<string, Entry> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return parsed.stamp === stamp && Array.isArray(parsed.entries) ? new Map(parsed.entries) : new Map();
  } catch {
    return new Map();
  }
}

/**
 * Answers the resolutions of this process from the cache of `rootUrl` (the project directory, a
 * file: URL ending in /), recording the ones it lacks. Needs the compile cache on (its directory
 * holds the file); without it, does nothing. Once per process.
 */
export function installResolveCache(rootUrl: string): void {
  const dir = getCompileCacheDir();
  if (installed || !dir) return;
  const root = fileURLToPath(rootUrl);
  const stamp = stampOf(root);
  const file = join(dir, `resolve-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
  const state: Installed = { file, stamp, entries: readEntries(file, stamp), added: 0 };
  installed = state;
  registerHooks({
    resolve(specifier, context, next) {
      const key = `${context.parentURL ?? ''}\0${specifier}\0${context.conditions?.join(',') ?? ''}\0${context.importAttributes?.type ?? ''}`;
      const hit = state.entries.get(key);
      if (hit) return { url: hit[0], format: hit[1] ?? undefined, shortCircuit: true };
      const resolved = next(specifier, context);
      state.entries.set(key, [resolved.url, resolved.format ?? null]);
      state.added++;
      return resolved;
    },
  });
}

/** Writes what this process resolved anew (atomically: a start reading it meanwhile sees the old or the new file). */
export function flushResolveCache(): void {
  if (!installed || installed.added === 0) return;
  const { file, stamp, entries } = installed;
  installed.added = 0;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify({ stamp, entries: [...entries] } satisfies CacheFile));
    renameSync(temporary, file);
  } catch {
    // A cache: the next start resolves afresh.
  }
}
