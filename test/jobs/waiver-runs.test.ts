import assert from 'node:assert/strict';
import { startTestServer, truncateAll, type TestServer } from '../helpers/server.ts';
import { JOB_MODES, useJobsServer, waitFor } from '../helpers/jobs.ts';
import { emOf, transactionLeague } from '../helpers/transactions.ts';
import { ON_ROSTER, RosterEntry, WaiverPlayer, WaiverRun } from '../../src/db/entities/index.ts';

/** The dropped receiver and a claim on him by the second manager; his waivers clear at `clearsAt`. */
async function claimed(server: TestServer) {
  const league = await transactionLeague(server, { teams: 2 });
  const [owner, claimer] = league.managers;
  const [wr] = league.byPosition('WR');
  await owner.client.post(`${league.team(owner.teamId)}/adds`, { playerId: wr });
  const drop = await owner.client.post(`${league.team(owner.teamId)}/drops`, { playerId: wr });
  const claim = await claimer.client.post(`${league.team(claimer.teamId)}/claims`, { playerId: wr });
  assert.equal(claim.status, 201, JSON.stringify(claim.body));
  return { ...league, wr, claimer, clearsAt: new Date(drop.body.waiverRunAt) };
}

const holderOf = async (server: TestServer, playerId: string) =>
  (await emOf(server).findOne(RosterEntry, { player: playerId, ...ON_ROSTER }))?.team;

describe('waiver runs and trade reviews as scheduled jobs', function () {
  this.timeout(60_000);

  for (const mode of JOB_MODES) {
    describe(mode.name, () => {
      const serverOf = useJobsServer(mode.env);

      it("settles the claims at the league's waiver time, with nobody asking", async () => {
        const server = serverOf();
        const { wr, claimer, leagueId } = await claimed(server);
        // The waiver time comes: the row's clearsAt is moved to just ahead, the sweep schedules the run.
        const soon = new Date(Date.now() + 1500);
        await emOf(server).nativeUpdate(WaiverPlayer, { league: leagueId, player: wr }, { clearsAt: soon });
        await server.app.jobs.add('waiver-sweep', {});
        const settledAt = await waitFor(async () => ((await holderOf(server, wr)) === claimer.teamId ? Date.now() : undefined), 15_000, 'claim settled');
        assert.ok(settledAt >= soon.getTime(), 'not before the waiver time');
        const runs = await emOf(server).find(WaiverRun, { league: leagueId });
        assert.deepEqual(runs.map((r) => r.runAt.getTime()), [soon.getTime()]);
      });

      it('executes a league-veto trade when its review window ends', async () => {
        const server = serverOf();
        const league = await transactionLeague(server, { teams: 2, settings: { trades: { review: 'league', reviewHours: 0 } } });
        const [a, b] = league.managers;
        const [wr] = league.byPosition('WR');
        await league.commish.client.post(`${league.team(a.teamId)}/players`, { playerIds: [wr] });
        const offer = (await a.client.post(`${league.base}/trades`, { teamId: b.teamId, gives: [wr] })).body;
        const accepted = (await b.client.post(`${league.base}/trades/${offer.id}/accept`, {})).body;
        assert.equal(accepted.status, 'review');
        await waitFor(async () => ((await holderOf(server, wr)) === b.teamId ? true : undefined), 15_000, 'trade executed by its review job');
      });
    });
  }

  it('re-derives a waiver run missed while no server ran, at the next boot (in-process runner)', async () => {
    let clock = Date.now();
    const now = () => clock;
    const first = await startTestServer({ now });
    await truncateAll(first.app);
    const { wr, claimer, clearsAt } = await claimed(first);
    assert.equal(await holderOf(first, wr), undefined, 'on waivers, nobody holds him');
    await first.close();

    clock = clearsAt.getTime() + 60_000; // the server was down through the waiver time
    const second = await startTestServer({ now });
    try {
      await waitFor(async () => ((await holderOf(second, wr)) === claimer.teamId ? true : undefined), 15_000, 'claim settled after the restart');
    } finally {
      await second.close();
    }
  });
});
