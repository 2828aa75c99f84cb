/**
 * `npm start`. Turns on Node's module compile cache before anything else is loaded: the server's
 * few thousand modules (its TypeScript stripped of types, node_modules compiled) then load from
 * V8's code cache and the stripped sources kept on disk, so a restart (after a crash, say) spends
 * far less of its boot compiling. The cache is a directory under the OS's tmpdir
 * (`node-compile-cache`; NODE_COMPILE_CACHE=dir moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it
 * off); a changed file is compiled afresh. The start itself is src/start.ts.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./start.ts');
