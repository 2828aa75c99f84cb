import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The web client: Preact through Vite's built-in JSX transform (no plugin), built to web/dist,
 * which the server serves at / (src/http/web.ts). Its sources import the server's schema/ and the
 * rooms' message schemas, so a renamed field fails `npm run typecheck`.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // Preact's JSX through Vite's built-in transform (oxc in Vite 8): no plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 800 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:2567', '/matchmake': { target: 'ws://localhost:2567', ws: true } } },
});
