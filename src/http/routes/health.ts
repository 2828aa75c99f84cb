import { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { registry } from '../../metrics.ts';
import type { RouteDocs } from '../openapi/route-doc.ts';
import { health } from '../openapi/replies.ts';

export const healthDocs: RouteDocs = {
  tag: 'health',
  description: 'Liveness and metrics, outside /api/v1.',
  routes: [
    {
      method: 'get', path: '/health', auth: 'public', summary: "Dependencies' status",
      replies: {
        200: { description: 'Every dependency answers.', schema: health },
        503: { description: 'A dependency is down (`status: degraded`).', schema: health },
      },
    },
    {
      method: 'get', path: '/metrics', auth: 'public', summary: 'Prometheus metrics',
      description: 'With `LOAD_ECHO_ROOM=true` (load tests, never production), `?gc=1` first runs a full garbage collection and answers with `X-Heap-Collected: 1`, so the heap gauges are live objects.',
      replies: { 200: { description: 'Prometheus text exposition format.', type: 'text/plain' } },
    },
  ],
};

/** /health answers 200 when every dependency answers, 503 otherwise; /metrics is Prometheus text. */
export function healthRoutes(deps: { orm: MikroORM; redis?: Redis; embedded: boolean; collectGarbage?: () => void }): Router {
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
  router.get('/metrics', async (req, res) => {
    if (deps.collectGarbage && req.query.gc === '1') {
      deps.collectGarbage();
      res.setHeader('X-Heap-Collected', '1');
    }
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
