import assert from 'node:assert/strict';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { makePublic, useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { leagueWithOpenTeams } from '../helpers/league-rooms.ts';
import { seed } from '../../src/db/seed.ts';
import { DraftPickRecord } from '../../src/db/entities/index.ts';
import * as rules from '../../src/draft/index.ts';
import { loadDraftForRoom } from '../../src/draft/service.ts';
import {
  clearRosters, projectionsFor, recordKeepers, recordPick, removePick, setDraftStatus, writeRosters,
} from '../../src/draft/projections.ts';
import type { Projection } from '../../src/db/event-store.ts';

describe('draft REST and projections', () => {
  const server = useTestServer();

  /** A league with the sample player pool: creation refuses a draft the pool cannot fill. */
  const league = async (sport = 'football', teamCount = 3) => {
    await seed(server.app.storage.orm, { withLeagues: false });
    return leagueWithOpenTeams(server.baseUrl, sport, teamCount);
  };

  /** Seeds the sample pool and returns the ids of the best players of a sport. */
  async function topPlayers(client: Awaited<ReturnType<typeof league>>['client'], sport: string, n: number) {
    await seed(server.app.storage.orm, { withLeagues: false });
    const page = await client.get(`/api/v1/players?sport=${sport}&limit=${n}`);
    return page.body.items.map((p: { id: string }) => p.id) as string[];
  }

  const fieldsOf = (body: { error: { details: { fields: Array<{ path: string }> } } }) =>
    body.error.details.fields.map((f) => f.path).sort();

  it('creates a football draft with the sport defaults and the league teams in some order', async () => {
    const { client, teamIds, drafts, leagueId } = await league();
    const created = await client.post(drafts, { type: 'snake' });
    assert.equal(created.status, 201);
    const draft = (await client.get(`/api/v1/drafts/${created.body.id}`)).body;
    assert.deepEqual(created.body, draft, 'the created view is the one GET serves');
    assert.equal(draft.leagueId, leagueId);
    assert.deepEqual([draft.type, draft.status, draft.sport, draft.bots, draft.completedAt, draft.result], ['snake', 'scheduled', 'football', false, null, null]);
    assert.equal(draft.config.rounds, 15);
    assert.equal(draft.config.pickSeconds, 90);
    assert.deepEqual(draft.config.rosterRules, { maxPerPosition: { QB: 3, RB: 6, WR: 6, TE: 3, K: 2, DEF: 2 } }, 'no total: rosters follow the picks held');
    assert.deepEqual(draft.order.map((t: { teamId: string }) => t.teamId).sort(), [...teamIds].sort());
    assert.ok(draft.order.every((t: { name: string }) => t.name.startsWith('Team ')));
    assert.deepEqual([draft.picks, draft.skips], [[], []]);
  });

  it('drafts another sport\'s pool when the request names it, with that sport\'s defaults', async () => {
    const { client, drafts } = await league('football', 2);
    const created = await client.post(drafts, { type: 'snake', sport: 'f1' });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.sport, created.body.config.rounds], ['f1', 2]);
    const bad = await client.post(drafts, { type: 'snake', sport: 'curling' });
    assert.deepEqual(fieldsOf(bad.body), ['sport']);
  });

  it('gives an f1 league two rounds by default', async () => {
    const { client, drafts } = await league('f1', 2);
    const created = await client.post(drafts, { type: 'linear' });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.config.rounds, created.body.config.pickSeconds], [2, 60]);
    assert.deepEqual(created.body.config.rosterRules, { maxPerPosition: { DRV: 2 } });
  });

  it('keeps an explicit order, keepers and traded picks as given', async () => {
    const { client, teamIds: [a, b, c], drafts } = await league();
    const [kept] = await topPlayers(client, 'football', 1);
    const body = {
      type: '3rr', rounds: 4, pickSeconds: 0, order: [c, a, b], bots: true, scheduledAt: '2030-09-01T18:00:00.000Z',
      keepers: [{ teamId: a, playerId: kept, round: 2 }], tradedPicks: [{ round: 3, fromTeamId: b, toTeamId: c }],
    };
    const created = await client.post(drafts, body);
    assert.equal(created.status, 201);
    const draft = (await client.get(`/api/v1/drafts/${created.body.id}`)).body;
    assert.deepEqual(draft.order.map((t: { teamId: string }) => t.teamId), [c, a, b]);
    assert.deepEqual(draft.config.keepers, body.keepers);
    assert.deepEqual(draft.config.tradedPicks, body.tradedPicks);
    assert.deepEqual([draft.type, draft.bots, draft.scheduledAt, draft.config.pickSeconds], ['3rr', true, body.scheduledAt, 0]);
  });

  it('lets only the commissioner create a draft', async () => {
    const { drafts, leagueId } = await league();
    await makePublic(server.app, leagueId); // a stranger to a private league gets 404 (test/security/visibility.test.ts)
    const other = await signUp(server.baseUrl, 'other');
    const refused = await other.client.post(drafts, { type: 'snake' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'FORBIDDEN');
  });

  it('refuses bad drafts with 400s that name the field', async () => {
    const { client, teamIds: [a, b, c], drafts } = await league();
    const [player] = await topPlayers(client, 'football', 1);
    const [driver] = await topPlayers(client, 'f1', 1);
    const cases: Array<[unknown, string[]]> = [
      [{ type: 'dutch', rounds: 0 }, ['type']],
      [{ type: 'snake', rounds: 0 }, ['rounds']],
      [{ type: 'snake', order: [a, b] }, ['order']],
      [{ type: 'snake', order: [a, b, crypto.randomUUID()] }, ['order']],
      [{ type: 'snake', order: [a, b, b] }, ['order']],
      [{ type: 'snake', keepers: [{ teamId: a, playerId: crypto.randomUUID(), round: 1 }] }, ['keepers.0.playerId']],
      [{ type: 'snake', keepers: [{ teamId: a, playerId: driver, round: 1 }] }, ['keepers.0.playerId']],
      [{ type: 'snake', keepers: [{ teamId: a, playerId: player, round: 16 }] }, ['keepers']],
      [{ type: 'snake', tradedPicks: [{ round: 1, fromTeamId: c, toTeamId: c }] }, ['tradedPicks']],
    ];
    for (const [body, fields] of cases) {
      const reply = await client.post(drafts, body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.error.code, 'INVALID_INPUT');
      assert.deepEqual(fieldsOf(reply.body), fields, JSON.stringify(reply.body));
    }
    const pastTheEnd = await client.post(drafts, { type: 'snake', keepers: [{ teamId: a, playerId: player, round: 16 }] });
    assert.match(pastTheEnd.body.error.message, /round 16 is not in the draft/);
    assert.deepEqual((await client.get(drafts)).body.items, []);
  });

  it('answers 409 for a league with fewer than two teams and 404 for unknown ids', async () => {
    const { client, drafts } = await league('football', 1);
    assert.equal((await client.post(drafts, { type: 'snake' })).status, 409);
    const nowhere = `/api/v1/leagues/${crypto.randomUUID()}/drafts`;
    assert.equal((await client.post(nowhere, { type: 'snake' })).status, 404);
    assert.equal((await client.get(nowhere)).status, 404);
    assert.equal((await client.get(`/api/v1/drafts/${crypto.randomUUID()}`)).status, 404);
    assert.equal((await client.get('/api/v1/drafts/not-an-id')).status, 404);
  });

  describe('refuses a draft that could never finish', () => {
    it('names tradedPicks when a traded pick gives a team more picks than the roster total', async () => {
      const { client, teamIds: [x, y, z], drafts } = await league();
      const [kept] = await topPlayers(client, 'football', 1);
      const body = {
        type: 'snake', rounds: 3, order: [x, y, z], keepers: [{ teamId: x, playerId: kept, round: 2 }],
        tradedPicks: [{ round: 1, fromTeamId: y, toTeamId: z }],
      };
      const refused = await client.post(drafts, { ...body, rosterRules: { maxPerPosition: {}, total: 3 } });
      assert.equal(refused.status, 400);
      assert.deepEqual(fieldsOf(refused.body), ['tradedPicks']);
      assert.match(refused.body.error.details.fields[0].message, /holds 4 picks but rosterRules.total is 3/);
      // Without a total the roster follows the picks held: Z drafts four players.
      const created = await client.post(drafts, body);
      assert.equal(created.status, 201);
      assert.equal((await client.get(drafts)).body.items.length, 1, 'the refused draft was not stored');
    });

    it('names rounds when the sport\'s position limits cannot take that many picks (3-round F1 at DRV 2)', async () => {
      const { client, drafts } = await league('f1', 2);
      const refused = await client.post(drafts, { type: 'snake', rounds: 3 });
      assert.equal(refused.status, 400);
      assert.deepEqual(fieldsOf(refused.body), ['rounds']);
      const explicit = await client.post(drafts, { type: 'snake', rounds: 3, rosterRules: { maxPerPosition: { DRV: 2 } } });
      assert.deepEqual(fieldsOf(explicit.body), ['rosterRules']);
    });

    it('names rounds when the pool has too few players for every pick', async () => {
      const { client, drafts } = await league('f1', 3);
      const refused = await client.post(drafts, { type: 'snake', rounds: 12, rosterRules: { maxPerPosition: {} } });
      assert.equal(refused.status, 400);
      assert.deepEqual(fieldsOf(refused.body), ['rounds']);
      assert.match(refused.body.error.message, /pool can fill only \d+ of the draft's 36 picks/);
    });
  });

  it('shows keepers on their picks before the start, as the room does', async () => {
    const { client, teamIds: [a, b], drafts } = await league('football', 2);
    const [kept] = await topPlayers(client, 'football', 1);
    const created = await client.post(drafts, { type: 'snake', rounds: 2, order: [a, b], keepers: [{ teamId: b, playerId: kept, round: 2 }] });
    assert.equal(created.status, 201);
    const loaded = (await loadDraftForRoom(server.app.storage.orm, created.body.id))!;
    const inRoom = rules.initialState(loaded.config).picks.map((p) => [p.overall, p.teamId, p.playerId, p.keeper]);
    const draft = (await client.get(`/api/v1/drafts/${created.body.id}`)).body;
    assert.deepEqual(draft.picks.map((p: { overall: number; teamId: string; playerId: string; keeper: boolean }) => [p.overall, p.teamId, p.playerId, p.keeper]), inRoom);
    assert.deepEqual(inRoom, [[3, b, kept, true]]);
    assert.equal(draft.picks[0].pickedAt, null, 'not stored until the start');
  });

  it('lists the picks the room skipped, with their reason', async () => {
    const { client, teamIds: [a, b], drafts } = await league('football', 2);
    const draftId = (await client.post(drafts, { type: 'linear', rounds: 1, order: [a, b] })).body.id;
    const skip: rules.DraftSkip = { overall: 1, round: 1, teamId: a, reason: 'NO_ELIGIBLE_PLAYER', message: `no player left fits a position ${a} has room at` };
    const events: rules.DraftEvent[] = [{ type: 'started', at: 1, deadline: 2 }, { type: 'skipped', skip, nextDeadline: 3 }];
    await server.app.store.commit({ stream: draftId, events: events.map((e, i) => ({ seq: i + 1, type: e.type, payload: { ...e }, actor: null })) });
    assert.deepEqual((await client.get(`/api/v1/drafts/${draftId}`)).body.skips, [skip]);
  });

  it('lists the drafts of a league, newest first', async () => {
    const { client, drafts } = await league();
    const first = await client.post(drafts, { type: 'snake' });
    const second = await client.post(drafts, { type: 'linear', rounds: 3 });
    const listed = await client.get(drafts);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items.map((d: { id: string }) => d.id), [second.body.id, first.body.id]);
    assert.equal(listed.body.items[0].config.rounds, 3);
    const elsewhere = await league();
    assert.deepEqual((await elsewhere.client.get(elsewhere.drafts)).body.items, []);
  });

  describe('projections', () => {
    const commit = (stream: string, seq: number, projections: Projection[]) =>
      server.app.store.commit({ stream, events: [{ seq, type: 'test', payload: { seq }, actor: null }], projections });
    const pickOf = (overall: number, teamId: string, playerId: string): rules.DraftPick =>
      ({ overall, round: 1, teamId, playerId, auto: false, keeper: false, slot: 'QB' });
    const picksIn = (draftId: string) => server.app.storage.orm.em.fork().count(DraftPickRecord, { draft: draftId });

    it('write picks, status and rosters in the event transaction; a double pick writes nothing', async () => {
      const { client, teamIds: [a, b], drafts, leagueId } = await league('football', 2);
      const [kept, first, second] = await topPlayers(client, 'football', 3);
      const draftId = (await client.post(drafts, { type: 'snake', order: [a, b], keepers: [{ teamId: b, playerId: kept, round: 2 }] })).body.id;
      const loaded = await loadDraftForRoom(server.app.storage.orm, draftId);
      assert.ok(loaded && loaded.pool.has(first) && loaded.teams.length === 2);
      const state = rules.initialState(loaded.config);
      const at = new Date('2030-09-01T18:00:00Z');

      await commit(draftId, 1, [recordKeepers(draftId, state, at), setDraftStatus(draftId, 'live', at)]);
      await commit(draftId, 2, [recordPick(draftId, pickOf(1, a, first), at)]);
      await assert.rejects(commit(draftId, 3, [recordPick(draftId, pickOf(2, b, first), at)]), UniqueConstraintViolationException);
      assert.deepEqual((await server.app.store.load(draftId)).map((e) => e.seq), [1, 2]);
      assert.equal(await picksIn(draftId), 2);

      let draft = (await client.get(`/api/v1/drafts/${draftId}`)).body;
      assert.equal(draft.status, 'live');
      assert.deepEqual(draft.picks.map((p: { overall: number; playerName: string | null; keeper: boolean }) => [p.overall, Boolean(p.playerName), p.keeper]),
        [[1, true, false], [3, true, true]]);

      await commit(draftId, 3, [removePick(draftId, 1)]);
      await commit(draftId, 4, [recordPick(draftId, pickOf(1, a, second), at)]);
      const done = { ...state, picks: [pickOf(1, a, second), ...state.picks] };
      await commit(draftId, 5, [setDraftStatus(draftId, 'complete', at), writeRosters(draftId, done.picks), writeRosters(draftId, done.picks)]);
      draft = (await client.get(`/api/v1/drafts/${draftId}`)).body;
      assert.equal(draft.status, 'complete');
      assert.equal(draft.completedAt, at.toISOString());
      assert.deepEqual(draft.result.map((t: { players: Array<{ playerId: string }> }) => t.players.map((p) => p.playerId)), [[second], [kept]]);
      const rosters = (await client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items;
      const via = (teamId: string) => rosters.find((t: { id: string }) => t.id === teamId).roster
        .map((r: { playerId: string; acquiredVia: string; sourceId: string }) => [r.playerId, r.acquiredVia, r.sourceId]);
      assert.deepEqual(via(a), [[second, 'draft', draftId]]);
      assert.deepEqual(via(b), [[kept, 'keeper', draftId]]);

      await commit(draftId, 6, [setDraftStatus(draftId, 'live', at), clearRosters(draftId)]);
      draft = (await client.get(`/api/v1/drafts/${draftId}`)).body;
      assert.deepEqual([draft.status, draft.completedAt, draft.result], ['live', null, null]);
      const cleared = (await client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items;
      assert.ok(cleared.every((t: { roster: unknown[] }) => t.roster.length === 0));
    });

    it('commits the picks of many drafts at once in one statement, no transaction, each unit with its own verdict', async () => {
      const { client, teamIds: [a, b], drafts } = await league('football', 2);
      const players = await topPlayers(client, 'football', 12);
      const draftIds: string[] = [];
      for (let i = 0; i < 10; i++) draftIds.push((await client.post(drafts, { type: 'snake', order: [a, b] })).body.id);
      const connection = server.app.storage.orm.em.getConnection();
      const calls = { execute: 0, begin: 0 };
      const { execute, begin } = connection;
      connection.execute = ((...args: Parameters<typeof execute>) => { calls.execute++; return execute.apply(connection, args); }) as typeof execute;
      connection.begin = ((...args: Parameters<typeof begin>) => { calls.begin++; return begin.apply(connection, args); }) as typeof begin;
      const at = new Date('2030-09-01T18:00:00Z');
      try {
        await Promise.all(draftIds.map((draftId, i) => commit(draftId, 1, [recordPick(draftId, pickOf(1, a, players[i]), at)])));
      } finally {
        Object.assign(connection, { execute, begin });
      }
      // Two pipelines: the first two units go out at once, alone; the eight others wait and go together.
      assert.equal(calls.begin, 0, 'a batch of picks opens no transaction');
      assert.ok(calls.execute <= 3, `${calls.execute} statements for 10 units`);
      const results = await Promise.allSettled([
        ...draftIds.slice(1).map((draftId, i) => commit(draftId, 2, [recordPick(draftId, pickOf(2, b, players[10 + (i % 2)]), at)])),
        // players[0] again in the first draft: the (draft, player) unique refuses this unit only.
        commit(draftIds[0], 2, [recordPick(draftIds[0], pickOf(2, b, players[0]), at)]),
      ]);
      assert.deepEqual(results.map((r) => r.status), [...draftIds.slice(1).map(() => 'fulfilled'), 'rejected']);
      assert.ok((results.at(-1) as PromiseRejectedResult).reason instanceof UniqueConstraintViolationException);
      assert.deepEqual((await server.app.store.load(draftIds[0])).map((e) => e.seq), [1], 'the refused unit wrote no event');
      assert.equal(await picksIn(draftIds[0]), 1);
      for (const draftId of draftIds.slice(1)) {
        assert.deepEqual((await server.app.store.load(draftId)).map((e) => e.seq), [1, 2]);
        assert.equal(await picksIn(draftId), 2);
      }
      // A stale copy of each room writes seq 2 again with its own pick 2: the log's unique must
      // be the one reported (StreamRoom closes a superseded copy on it), never draft_picks'.
      const stale = await Promise.allSettled(draftIds.slice(1).map((draftId) =>
        commit(draftId, 2, [recordPick(draftId, pickOf(2, b, players[0]), at)])));
      for (const result of stale) {
        assert.equal(result.status, 'rejected');
        assert.equal(((result as PromiseRejectedResult).reason as { constraint?: string }).constraint, 'stream_events_stream_seq_unique');
      }
    });

    it('projectionsFor keeps the tables in step with a whole draft played by the rules, undo included', async () => {
      const { client, teamIds, drafts, leagueId } = await league('f1', 2);
      await topPlayers(client, 'f1', 1);
      const draftId = (await client.post(drafts, { type: 'snake', pickSeconds: 0 })).body.id;
      const loaded = (await loadDraftForRoom(server.app.storage.orm, draftId))!;
      let state = rules.initialState(loaded.config);
      let seq = 0;
      const play = async (outcome: rules.Outcome) => {
        assert.ok(!rules.isRuleError(outcome), JSON.stringify(outcome));
        const after = rules.replay(state, outcome.events);
        const at = new Date();
        await server.app.store.commit({
          stream: draftId,
          events: outcome.events.map((e) => ({ seq: ++seq, type: e.type, payload: { ...e }, actor: null })),
          projections: projectionsFor(draftId, outcome.events, state, after, at),
        });
        state = after;
      };
      const ctx = { now: Date.now(), pool: loaded.pool };
      const autopick = async () => {
        const outcome = rules.autopickIfDue({ ...state, autopick: teamIds }, ctx);
        assert.ok(!rules.isRuleError(outcome) && outcome.events.length > 0, 'autopick must make progress');
        await play(outcome);
      };
      await play(rules.start(state, ctx));
      while (state.picks.length < 3) await autopick();
      await play(rules.undo(state, ctx));
      let draft = (await client.get(`/api/v1/drafts/${draftId}`)).body;
      assert.deepEqual([draft.status, draft.picks.length], ['live', 2]);

      while (state.status === 'live') await autopick();
      draft = (await client.get(`/api/v1/drafts/${draftId}`)).body;
      assert.deepEqual([draft.status, draft.picks.length], ['complete', 4]);
      const rostered = async () => (await client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items
        .reduce((n: number, t: { roster: unknown[] }) => n + t.roster.length, 0);
      assert.equal(await rostered(), 4);
      const refused = rules.undo(state, ctx);
      assert.ok(rules.isRuleError(refused) && refused.code === 'DRAFT_COMPLETE', 'a complete draft is final');
    });
  });
});
