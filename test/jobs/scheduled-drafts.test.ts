import assert from 'node:assert/strict';
import { truncateAll, type TestServer } from '../helpers/server.ts';
import { createDraft, leagueWithManagers, leagueWithOpenTeams } from '../helpers/league-rooms.ts';
import { freePort, seedSharedDatabase, ServerProcess } from '../helpers/process.ts';
import type { api } from '../helpers/http.ts';
import { JOB_MODES, flushTestRedis, jobsServer, waitFor } from '../helpers/jobs.ts';

/** Resolves with the time a draft was first seen live through GET /drafts/:id. */
function seenLive(client: ReturnType<typeof api>, draftId: string, timeoutMs = 10_000): Promise<number> {
  return waitFor(async () => ((await client.get(`/api/v1/drafts/${draftId}`)).body.status === 'live' ? Date.now() : undefined),
    timeoutMs, `draft ${draftId} live`);
}

describe('scheduled drafts start by themselves', function () {
  this.timeout(60_000);

  for (const mode of JOB_MODES) {
    describe(mode.name, () => {
      let server: TestServer;
      before(async () => { ({ server } = await jobsServer(mode.env)); });
      after(async () => { await server.close(); });
      beforeEach(async () => { await truncateAll(server.app); });

      it('starts a scheduled draft and a scheduled auction at their time, with nobody in the room', async () => {
        const { commish, leagueId } = await leagueWithManagers(server, { teams: 2 });
        const at = Date.now() + 1500;
        const scheduledAt = new Date(at).toISOString();
        const draft = await createDraft(commish, leagueId, { type: 'snake', rounds: 2, pickSeconds: 60, scheduledAt });
        const auction = await createDraft(commish, leagueId, { type: 'auction', scheduledAt });
        assert.equal((await commish.client.get(`/api/v1/drafts/${draft.id}`)).body.status, 'scheduled');

        const [draftLive, auctionLive] = await Promise.all([seenLive(commish.client, draft.id), seenLive(commish.client, auction.id)]);
        assert.ok(draftLive >= at, 'not before its time');
        assert.ok(auctionLive >= at);
        assert.ok(draftLive < at + 3000, 'soon after its time');
      });

      it('leaves a draft without scheduledAt to its commissioner', async () => {
        const { commish, leagueId } = await leagueWithManagers(server, { teams: 2 });
        const draft = await createDraft(commish, leagueId, { type: 'snake', rounds: 2 });
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal((await commish.client.get(`/api/v1/drafts/${draft.id}`)).body.status, 'scheduled');
      });
    });
  }

  /** The start job of a draft outlives its process: in Redis (BullMQ) or re-added by the boot sweep (in-process). */
  describe('across a restart of the real server process', () => {
    const processes: ServerProcess[] = [];
    before(async () => { await seedSharedDatabase(); });
    after(async () => { for (const p of processes) await p.kill().catch(() => undefined); });

    for (const mode of JOB_MODES) {
      it(`starts a draft scheduled before a kill -9, once the server is back (${mode.name})`, async () => {
        if (mode.env.REDIS_URL) await flushTestRedis(mode.env.REDIS_URL);
        const port = await freePort();
        const start = async () => {
          const server = new ServerProcess(port, mode.env);
          processes.push(server);
          await server.ready();
          return server;
        };
        const first = await start();
        const { client, drafts } = await leagueWithOpenTeams(first.baseUrl, 'football', 2);
        const at = Date.now() + 5000;
        const draft = (await client.post(drafts, { type: 'snake', rounds: 1, scheduledAt: new Date(at).toISOString() })).body;
        await first.kill();
        assert.ok(Date.now() < at, 'killed before the draft was due');

        // Same port: the client reaches the new process (tokens survive, the secret is fixed).
        const second = await start();
        const live = await seenLive(client, draft.id, 20_000);
        assert.ok(live >= at, 'started at its time, not before');
        await second.kill();
      });
    }
  });
});
