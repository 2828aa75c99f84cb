import assert from 'node:assert/strict';
import { useTestServer } from './helpers/server.ts';

/**
 * Outside PM2 a built server runs without PM2's monitoring agent (src/pm2-agent.ts): what Colyseus's
 * stats import as @pm2/io is the no-op, so nothing wraps http.Server, hooks exceptions or walks the
 * process's handles each second (what the agent would do started, checked here by its exception listener). (Under PM2 the agent loads: test/fatal-errors.test.ts.)
 */
describe('the PM2 agent outside PM2 (src/pm2-agent.ts)', () => {
  const server = useTestServer({ truncate: 'once' });

  it('gives Colyseus a no-op for @pm2/io, which starts nothing', async () => {
    assert.ok(server.baseUrl);
    const agent = (await import('@pm2/io')).default as unknown as Record<string, unknown>;
    assert.deepEqual(Object.keys(agent), ['metric']);
    assert.equal(typeof agent.init, 'undefined');
  });

  it('adds no exception listener of the agent', async () => {
    // The agent, started, listens with a bound method of its own (its catchExceptions default).
    const names = [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')].map((listener) => listener.name);
    assert.ok(!names.includes('bound onUncaughtException'), names.join(', '));
    const res = await fetch(`${server.baseUrl}/health`);
    assert.equal(res.status, 200);
  });
});
