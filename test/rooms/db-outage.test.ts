import assert from 'node:assert/strict';
import type { Room } from '@colyseus/sdk';
import { TEST_DATABASE_URL, startTestServer, truncateAll, type TestServer } from '../helpers/server.ts';
import { createDraft, joinDraft, leagueWithManagers, rejectionCode, waitForState } from '../helpers/league-rooms.ts';
import { freePort, sleep } from '../helpers/process.ts';
import { TcpProxy } from '../helpers/tcp-proxy.ts';

/**
 * PostgreSQL going away under a live draft (issue 7): the server reaches the database through a
 * proxy the test cuts. Actions during the outage are refused with RETRY (never acknowledged),
 * the room keeps serving, nothing is half-written, and work resumes when the database is back.
 */
describe('database outage during a live draft', function () {
  this.timeout(60_000);
  let server: TestServer;
  let proxy: TcpProxy;
  const rooms: Room[] = [];

  before(async () => {
    const target = new URL(TEST_DATABASE_URL);
    proxy = new TcpProxy(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    await proxy.restore();
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    server = await startTestServer({ env: { DATABASE_URL: viaProxy.toString() } });
  });
  after(async () => {
    await proxy.restore();
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    await server.close();
    await proxy.cut();
  });
  beforeEach(async () => { await truncateAll(server.app); });

  it('refuses picks with RETRY while the database is down, keeps the room serving, and takes them again once it is back', async () => {
    const league = await leagueWithManagers(server);
    const draft = await createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 2, pickSeconds: 120, order: league.teamIds });
    const commishRoom = await joinDraft(server, league.commish.token, draft.id);
    const managerRooms = await Promise.all(league.managers.map((m) => joinDraft(server, m.token, draft.id)));
    rooms.push(commishRoom, ...managerRooms);
    await commishRoom.request('start', {});
    await managerRooms[0].request('pick', { playerId: league.players[0].id });

    await proxy.cut();
    assert.equal(await rejectionCode(managerRooms[1].request('pick', { playerId: league.players[1].id })), 'RETRY');
    assert.equal(await rejectionCode(managerRooms[1].request('pick', { playerId: league.players[1].id })), 'RETRY');
    // The room still answers: rule checks need no database, and chat goes on.
    assert.equal(await rejectionCode(managerRooms[2].request('pick', { playerId: league.players[2].id })), 'NOT_YOUR_TURN');
    assert.deepEqual(await managerRooms[2].request('chat', { text: 'is the database down?' }), { ok: true });
    const during = await waitForState(managerRooms[3], (s) => s.currentPick === 2);
    assert.equal(during.picks.length, 1, 'a refused pick is never shown');

    await proxy.restore();
    let reply: unknown;
    for (let attempt = 0; attempt < 50 && !reply; attempt++) {
      reply = await managerRooms[1].request('pick', { playerId: league.players[1].id }).catch(() => undefined);
      if (!reply) await sleep(200);
    }
    assert.deepEqual(reply, { ok: true, currentPick: 3 });
    const stored = (await league.commish.client.get(`/api/v1/drafts/${draft.id}`)).body;
    assert.deepEqual(stored.picks.map((p: { playerId: string }) => p.playerId), [league.players[0].id, league.players[1].id], 'nothing half-written, nothing doubled');
    const events = await server.app.store.load(draft.id);
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1), 'the log has no gap and no duplicate');
    // No connection was lost to the outage (kysely#1990, patched): every pooled client is back.
    await server.app.store.idle();
    const pool = await (server.app.storage.orm.em.getConnection() as unknown as { getNativeClient(): Promise<{ totalCount: number; idleCount: number }> }).getNativeClient();
    assert.equal(pool.idleCount, pool.totalCount, 'every database connection is back in the pool');
  });
});
