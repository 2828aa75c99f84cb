/**
 * Builds the web client (web/dist) when it is missing, so `npm install && npm start` is all a
 * newcomer runs. `npm install` calls it with --postinstall (always build, to pick up new sources);
 * `npm start` only when web/dist has no index.html. Without Vite (a production install without dev
 * dependencies) it says how to build instead of failing the install.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('./dist/index.html', import.meta.url));
const always = process.argv.includes('--postinstall');

if (always || !existsSync(dist)) {
  let vite: typeof import('vite') | undefined;
  try {
    vite = await import('vite');
  } catch {
    console.warn('web client not built (vite is not installed): `npm install` with dev dependencies, then `npm run build:web`');
  }
  if (vite) {
    console.log('building the web client (web/dist)…');
    await vite.build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
}
