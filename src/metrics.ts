import { Registry, collectDefaultMetrics, Counter, Histogram, Gauge } from 'prom-client';

/** Prometheus metrics served at /metrics: process defaults plus what rooms and requests do. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });
// prom-client's handle counts list every socket as an object on each scrape (~10-30 ms at 12,000
// clients, measured under the load harness); nodejs_active_resources_total counts the same far cheaper.
// process_open_fds lists /proc/self/fd, one entry per socket, in the scrape's turn: 7-14 ms at
// 12,000 clients (a CPU profile of the 1,000-draft phase), every room stalled meanwhile.
for (const name of ['nodejs_active_handles', 'nodejs_active_handles_total', 'process_open_fds']) registry.removeSingleMetric(name);

export const httpRequests = new Counter({
  name: 'clubhouse_http_requests_total', help: 'HTTP requests by method, route and status',
  labelNames: ['method', 'route', 'status'] as const, registers: [registry],
});
export const roomActions = new Counter({
  name: 'clubhouse_room_actions_total', help: 'Room actions by room kind, action and outcome (ok, rejected, failed)',
  labelNames: ['room', 'action', 'outcome'] as const, registers: [registry],
});
/** Fine below 50 ms, where a commit and its fan-out land: the load harness reads p50 and p99 from these. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
export const actionLatency = new Histogram({
  name: 'clubhouse_room_action_seconds', help: 'From an action entering the room queue to its result',
  labelNames: ['room'] as const, registers: [registry], buckets: LATENCY_BUCKETS,
});
/**
 * Where an action's time goes inside the event store (src/db/event-store.ts), so a slow action can
 * be told apart as a slow commit, and a slow commit as a slow statement or a wait for one:
 * `unit`: a unit handed in until its room is told it is committed (every wait included);
 * `statement`: a batch's statement (or transaction), sent until PostgreSQL answered.
 */
export const commitLatency = new Histogram({
  name: 'clubhouse_commit_seconds', help: 'Event-store commits: a unit handed in until its room is told (unit); a batch sent until answered (statement)',
  labelNames: ['stage'] as const, registers: [registry], buckets: LATENCY_BUCKETS,
});
export const roomsOpen = new Gauge({
  name: 'clubhouse_rooms_open', help: 'Rooms open in this process', labelNames: ['room'] as const, registers: [registry],
});
