import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DATABASE_URL, useTestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';

/** Runs `npm run admin`'s script under this Node (24) on the test database, with `input` piped (or none). */
function adminCli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/auth/admin-cli.ts', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, DATA_DIR: mkdtempSync(join(tmpdir(), 'clubhouse-admin-')), LOG_LEVEL: 'silent', SEED_ON_START: 'false' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('npm run admin: reset-password, lock, unlock', function () {
  this.timeout(60_000);
  const server = useTestServer({ truncate: 'once' });

  const login = (username: string, password: string) => api(server.baseUrl).post('/api/v1/auth/login', { username, password });

  it('resets a password to a generated one it prints once, or to one piped on stdin, ending every session', async () => {
    const user = await signUp(server.baseUrl, 'clireset');
    const generated = await adminCli(['reset-password', user.username]);
    assert.equal(generated.code, 0, generated.stderr);
    const password = /shown once\): (\S+)/.exec(generated.stdout)?.[1];
    assert.ok(password, generated.stdout);
    assert.equal((await user.client.get('/api/v1/me')).status, 401, 'the old session ended');
    assert.equal((await login(user.username, password)).status, 200);

    const piped = await adminCli(['reset-password', user.username], 'an operator chosen one\n');
    assert.equal(piped.code, 0, piped.stderr);
    assert.ok(!piped.stdout.includes('an operator chosen one'), 'a chosen password is not echoed');
    assert.equal((await login(user.username, 'an operator chosen one')).status, 200);
    const weak = await adminCli(['reset-password', user.username], 'short\n');
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /at least 10 characters/);
  });

  it('locks and unlocks an account, and exits 1 for an unknown user and 2 for bad usage', async () => {
    const user = await signUp(server.baseUrl, 'clilock');
    const locked = await adminCli(['lock', user.username]);
    assert.equal(locked.code, 0, locked.stderr);
    assert.equal((await user.client.get('/api/v1/me')).status, 401);
    assert.equal((await login(user.username, 'correct horse battery')).status, 403);
    assert.equal((await adminCli(['unlock', user.username])).code, 0);
    assert.equal((await login(user.username, 'correct horse battery')).status, 200);
    assert.equal((await adminCli(['lock', 'nobody-by-that-name'])).code, 1);
    assert.equal((await adminCli(['explode', user.username])).code, 2);
  });
});
