import { Counter } from 'prom-client';
import { registry } from '../metrics.ts';

/** Job attempts by queue and outcome, at /metrics beside the room and HTTP counters. */
export const jobOutcomes = new Counter({
  name: 'clubhouse_jobs_total', help: 'Job attempts by queue and outcome (completed, retried, failed)',
  labelNames: ['queue', 'outcome'] as const, registers: [registry],
});
