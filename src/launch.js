/**
 * `npm start`: the server's entry. Plain JavaScript on purpose: Node strips the types of a .ts
 * entry before any of its code runs, so src/main.ts as the entry would always be stripped afresh,
 * loading Node's TypeScript stripper (a WebAssembly module, ~0.3-0.5 s of a restart's boot). From
 * here, with the compile cache on first, src/main.ts and every module after it come from the cache
 * (src/main.ts says more), and their imports from the resolution cache (src/resolve-cache.ts).
 * `node src/main.ts` still works, only slower to start.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { installResolveCache } = await import('./resolve-cache.ts');
installResolveCache(new URL('../', import.meta.url).href);
await import('./main.ts');
