import assert from 'node:assert/strict';
import { openStorage } from '../../src/db/orm.ts';
import { F1Race } from '../../src/db/entities/index.ts';
import { testConfig } from '../helpers/server.ts';
import { freePort, processStarter, seedSharedDatabase, type ServerProcess } from '../helpers/process.ts';
import { leagueWithOpenTeams } from '../helpers/league-rooms.ts';
import { JOB_MODES, flushTestRedis, waitFor } from '../helpers/jobs.ts';
import { MINUTE_MS } from '../helpers/f1.ts';

/** A race draft's opening outlives its process: in Redis (BullMQ) or re-derived by the boot sweep (in-process). */
describe('F1 race drafts across a restart of the real server process', function () {
  this.timeout(60_000);
  const processes: ServerProcess[] = [];
  let storage: Awaited<ReturnType<typeof openStorage>>;
  before(async () => {
    await seedSharedDatabase();
    storage = await openStorage(testConfig());
  });
  after(async () => {
    for (const p of processes) await p.kill().catch(() => undefined);
    await storage.close();
  });

  JOB_MODES.forEach((mode, index) => {
    it(`opens a race draft scheduled before a kill -9, once the server is back (${mode.name})`, async () => {
      if (mode.env.REDIS_URL) await flushTestRedis(mode.env.REDIS_URL);
      const em = storage.orm.em.fork();
      await em.getConnection().execute('delete from f1_races');
      const season = 2040 + index;
      const start = processStarter(await freePort(), mode.env, processes);
      const first = await start();
      const { client, leagueId } = await leagueWithOpenTeams(first.baseUrl, 'f1', 2);
      const opensAt = Date.now() + 3000;
      // The calendar is the admins' (tested over REST elsewhere): here a race straight into the table.
      const race = em.create(F1Race, {
        season, round: 1, name: 'Restart Grand Prix', circuit: 'Restart Ring', country: 'Testland', period: `restart-${season}`,
        locksAt: new Date(opensAt + MINUTE_MS), startsAt: new Date(opensAt + MINUTE_MS + 23 * 60 * MINUTE_MS),
      });
      await em.flush();

      const put = await client.raw('PUT', `/api/v1/leagues/${leagueId}/f1/settings`, { season, draftLeadMinutes: 1 });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the sweep has scheduled the opening
      await first.kill();
      assert.ok(Date.now() < opensAt, 'killed before the draft was due');

      await start();
      const draft = await waitFor(async () => {
        const item = (await client.get(`/api/v1/leagues/${leagueId}/f1/races`)).body.items?.[0];
        return item?.draft?.status === 'complete' ? item.draft : undefined;
      }, 25_000, 'race draft drafted');
      const view = (await client.get(`/api/v1/drafts/${draft.id}`)).body;
      assert.equal(view.raceId, race.id);
      assert.equal(view.picks.length, 4, 'two drivers each, drafted by the server for the unmanaged teams');
      assert.ok(new Date(view.picks[0].pickedAt).getTime() >= opensAt, 'opened at its time, not before');
    });
  });
});
