import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * src/resolve-cache.ts, in real processes (its hooks are process-wide): a start records where each
 * import resolved; the next start is answered from that record; a changed package.json (or
 * installed packages) throws the record away.
 */
describe('the resolution cache of the server start (src/resolve-cache.ts)', function () {
  this.timeout(30_000);
  const cacheModule = pathToFileURL(join(import.meta.dirname, '../src/resolve-cache.ts')).href;

  /** A project with main.mjs importing ./answer.mjs (says "real") and a decoy.mjs (says "decoy"). */
  function project(): { root: string; cache: string } {
    const root = mkdtempSync(join(tmpdir(), 'resolve-cache-'));
    writeFileSync(join(root, 'package.json'), '{"type":"module"}');
    writeFileSync(join(root, 'answer.mjs'), 'export default "real";');
    writeFileSync(join(root, 'decoy.mjs'), 'export default "decoy";');
    writeFileSync(join(root, 'main.mjs'), 'import answer from "./answer.mjs"; console.log(answer);');
    return { root, cache: mkdtempSync(join(tmpdir(), 'resolve-cache-dir-')) };
  }

  /** Starts the project as src/launch.js starts the server: compile cache, resolution cache, main, flush. */
  function start(root: string, cache: string): string {
    const script = `
      import { enableCompileCache } from 'node:module';
      enableCompileCache();
      const { installResolveCache, flushResolveCache } = await import(${JSON.stringify(cacheModule)});
      installResolveCache(${JSON.stringify(pathToFileURL(`${root}/`).href)});
      await import(${JSON.stringify(pathToFileURL(join(root, 'main.mjs')).href)});
      flushResolveCache();`;
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: cache };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout.trim();
  }

  function cacheFile(cache: string): string {
    const found = readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((name) => /resolve-[0-9a-f]+\.json$/.test(name));
    assert.equal(found.length, 1, `one cache file in ${cache}: ${found.join(', ')}`);
    return join(cache, found[0]);
  }

  it('records each resolution of a start and answers the next start from the record', () => {
    const { root, cache } = project();
    assert.equal(start(root, cache), 'real');
    const file = cacheFile(cache);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(pathToFileURL(join(root, 'answer.mjs')).href), 'main.mjs → answer.mjs recorded');
    // Point the recorded resolution elsewhere: a start answered from the record loads the decoy.
    writeFileSync(file, text.replaceAll(pathToFileURL(join(root, 'answer.mjs')).href, pathToFileURL(join(root, 'decoy.mjs')).href));
    assert.equal(start(root, cache), 'decoy');
  });

  it('throws the record away when package.json changed since it was written', () => {
    const { root, cache } = project();
    assert.equal(start(root, cache), 'real');
    const file = cacheFile(cache);
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll(pathToFileURL(join(root, 'answer.mjs')).href, pathToFileURL(join(root, 'decoy.mjs')).href));
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'package.json'), later, later);
    assert.equal(start(root, cache), 'real');
  });
});
