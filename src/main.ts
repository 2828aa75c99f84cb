/**
 * `npm start`: config → storage → listen. The only module with side effects at import.
 */
import { loadConfig, ConfigError } from './config.ts';
import { buildServer } from './app.ts';
import { log } from './log.ts';
import { resumeGames } from '../rooms/baseball/launch.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const app = await buildServer(config);
await app.server.listen(config.port, config.host);
log.info({ port: config.port, storage: app.storage.embedded ? `embedded (${config.dataDir})` : 'postgresql', redis: Boolean(config.redisUrl) },
  `Clubhouse listening on http://localhost:${config.port}`);
const resumed = await resumeGames(app.storage.orm);
if (resumed > 0) log.info({ games: resumed }, 'resumed unfinished games');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new joins, finishing in-flight writes');
    try {
      await app.shutdown();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  });
}
