import assert from 'node:assert/strict';
import { BatchLoader } from '../../src/db/batch-loader.ts';
import { batchedDraftRoomReads, draftRoomQueries, type DraftRoomQueries } from '../../src/draft/room-reads.ts';
import { loadDraftForRoom } from '../../src/draft/service.ts';
import { useTestServer } from '../helpers/server.ts';
import { createDraft, leagueWithManagers } from '../helpers/league-rooms.ts';

describe('batch loader (reads asked for together share one query)', () => {
  /** A loader over a table in memory, recording the keys of each query it makes. */
  function recording(table: Map<string, string>, options: { maxKeys?: number; fail?: () => boolean } = {}) {
    const queries: string[][] = [];
    const loader = new BatchLoader<string>(async (keys) => {
      queries.push(keys);
      if (options.fail?.()) throw new Error('database down');
      return new Map(keys.flatMap((key) => (table.has(key) ? [[key, table.get(key)!] as const] : [])));
    }, { maxKeys: options.maxKeys });
    return { loader, queries };
  }

  it('answers every load of one turn with one query, each caller its own row, a missing key alone with undefined', async () => {
    const { loader, queries } = recording(new Map([['a', 'A'], ['b', 'B'], ['c', 'C']]));
    const answers = await Promise.all(['a', 'b', 'missing', 'a', 'c'].map((key) => loader.load(key)));
    assert.deepEqual(answers, ['A', 'B', undefined, 'A', 'C']);
    assert.deepEqual(queries, [['a', 'b', 'missing', 'c']], 'one query, each key once');
    // A load on its own, later: a query of its own (nothing is kept between turns).
    assert.equal(await loader.load('b'), 'B');
    assert.deepEqual(queries.at(-1), ['b']);
  });

  it('splits a turn with more keys than maxKeys into bounded queries', async () => {
    const table = new Map(Array.from({ length: 7 }, (_, i) => [`k${i}`, `v${i}`] as const));
    const { loader, queries } = recording(table, { maxKeys: 3 });
    assert.deepEqual(await Promise.all([...table.keys()].map((key) => loader.load(key))), [...table.values()]);
    assert.deepEqual(queries.map((keys) => keys.length), [3, 3, 1]);
  });

  it('gathers the loads asked for while a query runs, over many turns, into the next query', async () => {
    const queries: string[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const loader = new BatchLoader<string>(async (keys) => {
      queries.push(keys);
      if (queries.length === 1) await held;
      return new Map(keys.map((key) => [key, key.toUpperCase()] as const));
    });
    const first = loader.load('a');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(queries, [['a']], 'a lone load goes at the next turn');
    // Three more turns, a load in each, while the first query runs: none is sent yet.
    const later: Promise<string | undefined>[] = [];
    for (const key of ['b', 'c', 'd']) {
      later.push(loader.load(key));
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(queries, [['a']]);
    release();
    assert.deepEqual(await Promise.all([first, ...later]), ['A', 'B', 'C', 'D']);
    assert.deepEqual(queries, [['a'], ['b', 'c', 'd']], 'one query for the loads of those turns');
  });

  it('under a burst, starts batches no closer than the gap, so the loads of one gap share a query', async () => {
    // Wide enough that the burst's loads, 5 ms apart, fit in it on a busy box.
    const gapMs = 100;
    const starts: number[] = [];
    const queries: string[][] = [];
    const loader = new BatchLoader<string>(async (keys) => {
      starts.push(performance.now());
      queries.push(keys);
      return new Map(keys.map((key) => [key, key.toUpperCase()] as const));
    }, { gapMs });
    const began = performance.now();
    // Two loads in one turn: a burst has begun.
    assert.deepEqual(await Promise.all([loader.load('a'), loader.load('a2')]), ['A', 'A2']);
    assert.ok(starts[0] - began < gapMs / 2, 'the first batch goes at the next turn, not after a gap');
    // The first query has answered; loads keep coming, a few milliseconds apart, within the gap.
    const burst: Promise<string | undefined>[] = [];
    for (const key of ['b', 'c', 'd']) {
      burst.push(loader.load(key));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.deepEqual(await Promise.all(burst), ['B', 'C', 'D']);
    assert.deepEqual(queries, [['a', 'a2'], ['b', 'c', 'd']], 'the burst went as one query');
    // A timer fires by the event loop's clock, cached to the millisecond at each turn: a little early by performance.now().
    assert.ok(starts[1] - starts[0] >= gapMs - 5, `the second batch started ${starts[1] - starts[0]} ms after the first`);
  });

  it('sends loads that come one at a time at once, with no gap', async () => {
    const gapMs = 1000;
    const queries: string[][] = [];
    const loader = new BatchLoader<string>(async (keys) => {
      queries.push(keys);
      return new Map(keys.map((key) => [key, key.toUpperCase()] as const));
    }, { gapMs });
    const began = performance.now();
    for (const key of ['a', 'b', 'c']) {
      assert.equal(await loader.load(key), key.toUpperCase());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.deepEqual(queries, [['a'], ['b'], ['c']]);
    assert.ok(performance.now() - began < gapMs, 'no load waited for the gap');
  });

  it('fails every load of a failing query, and the next loads work again', async () => {
    let fail = true;
    const { loader } = recording(new Map([['a', 'A']]), { fail: () => fail });
    const failed = await Promise.allSettled([loader.load('a'), loader.load('b')]);
    assert.deepEqual(failed.map((r) => r.status), ['rejected', 'rejected']);
    fail = false;
    assert.equal(await loader.load('a'), 'A');
  });
});

describe('draft room reads on PostgreSQL (rooms opening together)', function () {
  this.timeout(30_000);
  const server = useTestServer();

  it('reads the drafts and teams of rooms opening together with one query per table; a missing draft fails alone', async () => {
    const leagues = await Promise.all([0, 1, 2].map(() => leagueWithManagers(server, { teams: 2 })));
    const drafts = await Promise.all(leagues.map((league) =>
      createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 2, pickSeconds: 60, order: league.teamIds })));
    const real = draftRoomQueries(server.app.storage.orm);
    const asked = { drafts: [] as string[][], teams: [] as string[][] };
    const queries: DraftRoomQueries = {
      drafts: (ids) => { asked.drafts.push(ids); return real.drafts(ids); },
      teams: (ids) => { asked.teams.push(ids); return real.teams(ids); },
    };
    const reads = batchedDraftRoomReads(queries);
    const missing = crypto.randomUUID();
    const opened = await Promise.all([...drafts.map((d) => d.id), missing].map(async (id) => {
      const draft = await reads.draft(id);
      return draft ? { draft, teams: await reads.teams(draft.league) } : undefined;
    }));
    assert.equal(asked.drafts.length, 1, 'one drafts query for every room opening together');
    assert.equal(asked.teams.length, 1, 'one teams query for their leagues');
    leagues.forEach((league, i) => {
      assert.equal(opened[i]?.draft.id, drafts[i].id);
      assert.deepEqual(opened[i]?.teams.map((team) => team.id), league.teamIds, "each room gets its own league's teams, oldest first");
    });
    assert.equal(opened[3], undefined, 'the missing draft gets nothing, the others are unaffected');
  });

  it('loads rooms opening together, each its own draft, and answers null for a missing one among them', async () => {
    const leagues = await Promise.all([0, 1].map(() => leagueWithManagers(server, { teams: 2 })));
    const drafts = await Promise.all(leagues.map((league) =>
      createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 3, pickSeconds: 60, order: league.teamIds })));
    const orm = server.app.storage.orm;
    const [first, second, missing] = await Promise.all([drafts[0].id, drafts[1].id, crypto.randomUUID()].map((id) => loadDraftForRoom(orm, id)));
    assert.equal(first?.draft.id, drafts[0].id);
    assert.deepEqual(first?.teams.map((t) => t.id), leagues[0].teamIds);
    assert.equal(second?.config.rounds, 3);
    assert.deepEqual(second?.teams.map((t) => t.ownerId), leagues[1].managers.map((m) => m.userId));
    assert.equal(first?.pool, second?.pool, 'one shared pool');
    assert.equal(missing, null, 'the draft room answers 404 No such draft for it (rooms/DraftRoom.ts)');
  });
});
