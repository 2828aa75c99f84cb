/**
 * `npm run worker`: the background queues (ingest, score, rescore, standings) in a process of
 * their own, taking jobs from Redis that the server processes add (docker-compose `worker`; run
 * the servers with BACKGROUND_JOBS=false then). Room queues (scheduled draft starts) stay with the
 * servers, which hold the rooms. Needs REDIS_URL and DATABASE_URL: without Redis the server runs
 * every job itself, and the embedded database belongs to that one server process.
 */
import { loadConfigOrExit } from '../config.ts';
import { openStorage } from '../db/orm.ts';
import { log, setLogLevel } from '../log.ts';
import { RedisPresence } from '@colyseus/redis-presence';
import { setLivePublisher } from '../live/publisher.ts';
import { BACKGROUND_QUEUES, createJobs, queueDefinitions } from './index.ts';
import { stopOnSignals } from '../stop-signals.ts';
import { exitOnFatalErrors } from '../fatal-errors.ts';

exitOnFatalErrors();
const config = loadConfigOrExit();
if (!config.redisUrl || !config.database.url) {
  console.error('npm run worker needs REDIS_URL and DATABASE_URL (without Redis the server runs the jobs itself)');
  process.exit(1);
}
setLogLevel(config.logLevel);
const storage = await openStorage(config);
// The rooms live in the server processes: scores and notifications reach them over Redis presence.
const presence = new RedisPresence(config.redisUrl);
setLivePublisher(presence);
const jobs = await createJobs(config.redisUrl, storage.orm, queueDefinitions(storage.orm, Date.now, { baseballRetryMs: config.baseballScheduleRetrySeconds * 1000 }));
jobs.work(BACKGROUND_QUEUES);
log.info({ queues: BACKGROUND_QUEUES }, 'worker taking background jobs');

stopOnSignals('worker stopping: finishing running jobs', async () => {
  await jobs.close().catch((error) => log.error({ err: error }, 'jobs did not close'));
  await storage.close();
  presence.shutdown();
});
