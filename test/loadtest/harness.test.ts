import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineRoom } from '@colyseus/core';
import { Client } from '@colyseus/sdk';
import { EchoRoom } from '../../rooms/EchoRoom.ts';
import { EchoState } from '../../schema/EchoRoomState.ts';
import { joinWithRetry } from '../../loadtest/lib/clients.ts';
import { seed } from '../../src/db/seed.ts';
import { runLoad, shares } from '../../loadtest/lib/harness.ts';
import { ratio, summarize, table, type Summary } from '../../loadtest/lib/report.ts';
import { startBgioPeer } from '../../loadtest/peer/bgio-peer.ts';
import { startTestServer, truncateAll, TEST_DATABASE_URL, type TestServer } from '../helpers/server.ts';

/** The load harness end to end: a couple of rooms per kind over 2 forked generators. */
describe('load harness', function () {
  // Each case runs real generator processes for a few seconds of load; a busy box needs more than 20 s.
  this.timeout(60_000);
  let server: TestServer;
  const common = { durationS: 15, warmupS: 0, setupConcurrency: 8 };

  before(async () => {
    // Load-test mode, as the benchmarks run the server: /metrics?gc=1 collects garbage first.
    server = await startTestServer({ rooms: { echo: defineRoom(EchoRoom) }, env: { LOAD_ECHO_ROOM: 'true' } });
    await truncateAll(server.app);
    await seed(server.app.storage.orm, { withLeagues: false });
  });
  after(() => server?.close());

  const run = async (kind: string, options: object): Promise<Summary> =>
    summarize(await runLoad({ kind, baseUrl: server.baseUrl, rooms: 2, generators: 2, options: { ...common, ...options } as never }));

  /** What every summary has, whatever the kind. */
  function assertShape(s: Summary, kind: string, clients: number): void {
    assert.equal(s.kind, kind);
    assert.equal(s.generators, 2);
    assert.equal(s.rooms, 2);
    assert.equal(s.clients, clients);
    assert.ok(s.actions > 0, `${kind}: no actions`);
    assert.ok(s.actionsPerSecond! > 0);
    assert.ok(s.latencyMs.samples > 0 && s.latencyMs.p50! >= 0 && s.latencyMs.p99! >= s.latencyMs.p50!);
    assert.ok(s.server && s.server.rssMbPeak > 0 && s.server.cpuSeconds !== null, 'server figures from /metrics');
    assert.ok(s.server.cpuMsPerAction! > 0, 'server CPU per action');
    assert.equal(typeof s.server.heapKbPerRoom, 'number', 'heap per room');
    assert.equal(s.server.heapCollected, true, 'heaps read after a garbage collection');
    assert.equal(typeof s.errors.total, 'number');
    // The generators' own GC pauses, printed beside the latencies they inflate.
    assert.ok(s.loadgenGc.pauses >= 0 && s.loadgenGc.maxMs! >= 0 && s.loadgenGc.pausedPct! >= 0 && s.loadgenGc.pausedPct! < 100);
    assert.doesNotThrow(() => JSON.stringify(s));
    if (s.latencyClearMs) assert.ok(s.latencyClearMs.samples <= s.latencyMs.samples, 'outside the GC pauses: some of the samples');
  }

  it('splits rooms over generators, never giving one none', () => {
    assert.deepEqual(shares(5, 2), [3, 2]);
    assert.deepEqual(shares(1, 4), [1]);
  });

  it("decodes every load client's state into the room kind's own schema classes, one set for all its joins", async () => {
    const errors: string[] = [];
    const first = await joinWithRetry(new Client(server.baseUrl), 'echo', {}, (code) => errors.push(code), 'create');
    const second = await joinWithRetry(new Client(server.baseUrl), first.roomId, {}, (code) => errors.push(code), 'joinById', 'echo');
    try {
      assert.deepEqual(errors, []);
      // Reflected from each join's handshake, the two states would be of two classes built apart.
      assert.ok(first.state instanceof EchoState && second.state instanceof EchoState);
      assert.equal((second.state as EchoState).status, 'waiting', 'decoded, not just constructed');
    } finally {
      await Promise.all([first.leave(true), second.leave(true)]);
    }
  });

  it('drafts over 2 generators, then the echo baseline with the same turns', async () => {
    const draft = await run('draft', { teams: 3, rounds: 2, pickDelayMs: 0, pickJitterMs: 0 });
    assertShape(draft, 'draft', 6);
    assert.equal(draft.roomsComplete, 2);
    assert.equal(draft.actions, 2 * 3 * 2);
    // Every pick is seen by the two other clients of its draft: the samples of both generators merged.
    assert.equal(draft.latencyMs.samples, draft.actions * 2);
    // The commissioner's starts ran before the measured phase: the server's window holds the picks alone.
    assert.equal(draft.server!.roomActions, draft.actions);
    // The server's figures end with the phase, before any client left (a room closes with its last client).
    assert.equal(draft.server!.roomsOpenAtEnd, 2);
    const echo = await run('echo', { clients: 3, actions: 6, thinkMs: 0, jitterMs: 0 });
    assertShape(echo, 'echo', 6);
    assert.equal(echo.actions, 12);
    assert.equal(echo.latencyMs.samples, 24);
    assert.equal(echo.errors.total, 0);
    // Both kinds time when each sample was seen: the figures without the generators' own GC pauses.
    assert.ok(draft.latencyClearMs && echo.latencyClearMs, 'latencies outside the generators\' GC pauses');
    const q = ratio(draft, echo);
    assert.ok(q.throughput! > 0 && q.p50 !== undefined);
    assert.ok(q.cpuPerAction! > 0 && typeof q.heapKbPerRoomOver === 'number', 'draft / echo CPU per action and heap per room');
    assert.equal(table([draft, echo]).length, 4);
    assert.match(table([draft, echo])[0], /srv CPU ms\/action .*heap KB\/room.*gen GC max ms  gen GC %/);
  });

  it('measures only after the warm-up: its picks count neither in the generators\' figures nor in the server\'s', async () => {
    // 2 drafts × 3 teams × 10 rounds, a pick every 100 ms or more per draft: ~3 s each, 2 s of them warm-up.
    const draft = await run('draft', { warmupS: 2, teams: 3, rounds: 10, pickDelayMs: 100, pickJitterMs: 0 });
    assert.equal(draft.roomsComplete, 2);
    assert.equal(draft.errors.total, 0);
    const warmUpPicks = 2 * 3 * 10 - draft.actions;
    assert.ok(warmUpPicks >= 4 && draft.actions > 0, `${warmUpPicks} picks in the warm-up, ${draft.actions} measured`);
    // The server's window opens a moment before the generators' (its figures are read first): a pick
    // or two may fall between.
    assert.ok(Math.abs(draft.server!.roomActions - draft.actions) <= 2, `server ${draft.server!.roomActions} vs ${draft.actions} picks`);
    // Each measured pick is seen by the two other clients of its draft; a pick sent just before the
    // phase opened may be seen just after.
    assert.ok(Math.abs(draft.latencyMs.samples - draft.actions * 2) <= 4, `${draft.latencyMs.samples} samples for ${draft.actions} picks`);
  });

  it('lets each generator write the CPU profile asked for in LOAD_GENERATOR_NODE_ARGS before it is stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'generator-profiles-'));
    process.env.LOAD_GENERATOR_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir}`;
    try {
      const echo = await run('echo', { clients: 3, actions: 6, thinkMs: 0, jitterMs: 0 });
      assert.equal(echo.actions, 12);
    } finally {
      delete process.env.LOAD_GENERATOR_NODE_ARGS;
    }
    const profiles = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
    assert.equal(profiles.length, 2, 'one profile per generator');
    for (const name of profiles) assert.ok(Array.isArray(JSON.parse(readFileSync(join(dir, name), 'utf8')).samples), `${name} is a whole profile`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the same draft load against the boardgame.io peer, reported in the same columns', async () => {
    const peer = await startBgioPeer(0);
    try {
      const options = { ...common, teams: 3, rounds: 2, pickDelayMs: 0, pickJitterMs: 0 };
      const bgio = summarize(await runLoad({ kind: 'bgio', baseUrl: `http://127.0.0.1:${peer.port}`, rooms: 2, generators: 2, options }));
      assertShape(bgio, 'bgio', 6);
      assert.equal(bgio.roomsComplete, 2);
      assert.equal(bgio.actions, 2 * 3 * 2);
      assert.equal(bgio.latencyMs.samples, bgio.actions * 2);
      assert.equal(bgio.errors.total, 0);
      assert.match(table([bgio])[2], /^bgio /);
    } finally {
      peer.stop();
    }
  });

  it('auctions over 2 generators, verified in the database', async () => {
    const auction = await run('auction', {
      teams: 2, slots: 1, budget: 10, minBid: 1, increment: 1, nominationSeconds: 5, bidSeconds: 1, resetFloorSeconds: 1,
      snipeJitterMs: 100, reactMs: 50, proxyPercent: 0, sniperPercent: 0, maxSendsPerS: 20, databaseUrl: TEST_DATABASE_URL,
    });
    assertShape(auction, 'auction', 4);
    assert.equal((auction.verify as { violations: number }).violations, 0);
  });

  it('baseball games over 2 generators, watched by spectators', async () => {
    const games = await run('baseball', { spectators: 1, paceMs: 0, rules: 'SBA', leadS: 0 });
    assertShape(games, 'baseball', 2);
    assert.equal(games.roomsComplete, 2);
  });
});
