import assert from 'node:assert/strict';
import { freePort, processEnv, seedSharedDatabase } from '../helpers/process.ts';
import { runRecovery } from '../../loadtest/lib/recovery.ts';
import { reportLines } from '../../loadtest/lib/recovery-cli.ts';

/**
 * `npm run load -- --kind recovery` in small: live drafts on a real server process, kill -9 while
 * their managers pick, the process started again on the same port; every room comes back from its
 * log on the clients' rejoin, serves a new pick, and no pick acknowledged before the kill is lost.
 */
describe('restart recovery benchmark (kill -9 and restart of the server hosting live drafts)', function () {
  this.timeout(240_000);

  before(async () => {
    await seedSharedDatabase();
  });

  it('restores every room, serving again, with no acknowledged pick lost, and reports the figures', async () => {
    const report = await runRecovery({
      // 40 picks a draft, ~250 ms apart: none can finish before the kill (then it would serve no new pick).
      port: await freePort(), env: processEnv(), rooms: 6, teams: 2, rounds: 20,
      pickDelayMs: 100, pickJitterMs: 200, activeMs: 2500, setupConcurrency: 8, timeoutMs: 90_000,
    });
    const printed = reportLines(report).join('\n');
    assert.equal(report.restored, 6, printed);
    assert.equal(report.serving, 6, printed);
    assert.ok(report.acknowledged > 6, `picks were acknowledged before the kill\n${printed}`);
    assert.deepEqual(report.lost, [], printed);
    assert.ok(report.restoredMs !== null && report.servingMs !== null && report.servingSinceKillMs! >= report.bootMs, printed);
    // Restarted as a supervisor would, as soon as the process is dead: not after the clients noticed.
    assert.ok(report.bootMs - report.execToHealthMs < 500, `kill → exec ${report.bootMs - report.execToHealthMs} ms\n${printed}`);
    assert.match(printed, /rooms restored: +6 of 6 live drafts/);
    assert.match(printed, /lost acknowledged: +0 of \d+ picks/);
    // Every client was back within the rooms' grace: nobody was told he is on the clock.
    assert.equal(report.onTheClockNotices, 0, printed);
    assert.match(printed, /on-the-clock notices: 0 sent after the kill/);
  });
});
