import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';

describe('jobs configuration', () => {
  it('lets BACKGROUND_JOBS=false only with REDIS_URL (a worker must be able to take the jobs)', () => {
    assert.throws(() => loadConfig({ BACKGROUND_JOBS: 'false' }), /BACKGROUND_JOBS false needs REDIS_URL/);
    assert.equal(loadConfig({ BACKGROUND_JOBS: 'false', REDIS_URL: 'redis://cache:6379' }).backgroundJobs, false);
    assert.equal(loadConfig({}).backgroundJobs, true);
  });

  it('refuses ADMIN_USERNAMES at start: admin is a stored role now, granted with npm run admin', () => {
    assert.throws(() => loadConfig({ ADMIN_USERNAMES: 'feeds' }), /ADMIN_USERNAMES is no longer read: grant admins with `npm run admin -- grant <user>`/);
    assert.doesNotThrow(() => loadConfig({ ADMIN_USERNAMES: '' }));
  });
});
