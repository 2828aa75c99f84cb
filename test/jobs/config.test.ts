import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';

describe('jobs configuration', () => {
  it('lets BACKGROUND_JOBS=false only with REDIS_URL (a worker must be able to take the jobs)', () => {
    assert.throws(() => loadConfig({ BACKGROUND_JOBS: 'false' }), /BACKGROUND_JOBS false needs REDIS_URL/);
    assert.equal(loadConfig({ BACKGROUND_JOBS: 'false', REDIS_URL: 'redis://cache:6379' }).backgroundJobs, false);
    assert.equal(loadConfig({}).backgroundJobs, true);
  });

  it('admits the demo account to ingestion outside production only, unless ADMIN_USERNAMES says otherwise', () => {
    assert.deepEqual(loadConfig({}).adminUsernames, ['demo']);
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://db/clubhouse' };
    assert.deepEqual(loadConfig(production).adminUsernames, []);
    assert.deepEqual(loadConfig({ ...production, ADMIN_USERNAMES: 'Feeds,ops.bot' }).adminUsernames, ['feeds', 'ops.bot']);
    assert.throws(() => loadConfig({ ADMIN_USERNAMES: 'a, b' }), /ADMIN_USERNAMES/);
  });
});
