import { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { registry } from '../metrics.ts';

/** /health answers 200 when every dependency answers, 503 otherwise; /metrics is Prometheus text. */
export function healthRoutes(deps: { orm: MikroORM; redis?: Redis; embedded: boolean }): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const database = await probe(() => deps.orm.em.fork().getConnection().execute('select 1'));
    const redis = deps.redis ? await probe(() => deps.redis!.ping()) : 'disabled';
    const ok = database === 'up' && redis !== 'down';
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      database, redis, storage: deps.embedded ? 'embedded' : 'postgresql',
      uptimeSeconds: Math.round(process.uptime()),
    });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}

const PROBE_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS); });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
