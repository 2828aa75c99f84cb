/**
 * Colyseus's stats module (@colyseus/core, Stats.reset at the matchmaker's setup) imports @pm2/io,
 * PM2's monitoring agent, to show its CCU and room count in PM2's dashboard. The agent starts itself
 * on import with its defaults, whether or not PM2 runs the process: it connects an inspector session
 * to the process with Profiler and HeapProfiler enabled, wraps http.Server's emit to time every
 * request, hooks require(), lists every active handle and request each second (12,000 sockets at
 * 1,000 drafts: ~3 ms of a blocked event loop each second), reads V8's heap statistics each second,
 * and listens for uncaught exceptions (src/fatal-errors.ts). Our figures are at /metrics
 * (prom-client), so a process not run by PM2 has no use for any of it.
 *
 * @pm2/io keeps its instance under a global symbol and, found there, uses it instead of starting
 * another: outside PM2 a no-op stands there before Colyseus imports the module. PM2 sets `pm_id` in
 * the environment of every process it runs; there the agent loads as it always did.
 */

/** @pm2/io's own key for its instance (node_modules/@pm2/io/build/main/index.js). */
const AGENT_KEY = Symbol.for('@pm2/io');

/** What Colyseus calls on the agent: `metric()`, whose result it ignores; a gauge's `set` for any other caller. */
const idleAgent = Object.freeze({
  metric: () => Object.freeze({ set: () => undefined, val: () => undefined }),
});

/**
 * Outside PM2, and unless an agent was loaded already (then it is left as it is), puts the no-op in
 * the agent's place. Call before the Colyseus server is set up. Returns whether it did.
 */
export function keepPm2AgentOut(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.pm_id !== undefined) return false;
  const global = globalThis as Record<symbol, unknown>;
  if (global[AGENT_KEY] !== undefined) return global[AGENT_KEY] === idleAgent;
  global[AGENT_KEY] = idleAgent;
  return true;
}
