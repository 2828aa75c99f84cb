import assert from 'node:assert/strict';
import { z } from 'zod';
import type { Room } from '@colyseus/sdk';
import { useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { emOf } from '../helpers/scoring.ts';
import { notify } from '../../src/notifications/service.ts';
import { notificationReply } from '../../src/http/routes/notifications.ts';
import { joinLeague, liveLeague, seenAt } from '../league-live/helpers.ts';

const page = z.object({ items: z.array(notificationReply), unread: z.number(), nextCursor: z.string().nullable() }).strict();

describe('Notifications: stored per user, paged, marked read, pushed through the league room', function () {
  this.timeout(30_000);
  const server = useTestServer();
  const rooms: Room[] = [];
  afterEach(async () => { await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined))); });

  it('lists my own newest first, a page at a time, with the unread filter and count', async () => {
    const me = await signUp(server.baseUrl, 'reader');
    const other = await signUp(server.baseUrl, 'other');
    for (let pick = 1; pick <= 5; pick++) {
      await notify(emOf(server), me.userId, 'onTheClock', { draftId: crypto.randomUUID(), pick });
      await new Promise((resolve) => setTimeout(resolve, 3)); // distinct createdAt, so the order is the pick order
    }
    await notify(emOf(server), other.userId, 'onTheClock', { pick: 99 });

    const first = await me.client.get('/api/v1/me/notifications?limit=2');
    assert.equal(first.status, 200);
    assert.deepEqual(page.parse(first.body), first.body, 'the reply fits its documented schema');
    assert.deepEqual(first.body.items.map((n: any) => n.payload.pick), [5, 4]);
    assert.equal(first.body.unread, 5);
    const second = await me.client.get(`/api/v1/me/notifications?limit=2&cursor=${first.body.nextCursor}`);
    const third = await me.client.get(`/api/v1/me/notifications?limit=2&cursor=${second.body.nextCursor}`);
    assert.deepEqual([...second.body.items, ...third.body.items].map((n: any) => n.payload.pick), [3, 2, 1]);
    assert.equal(third.body.nextCursor, null);

    const marked = await me.client.post('/api/v1/me/notifications/read', { ids: [first.body.items[0].id, first.body.items[1].id] });
    assert.deepEqual(marked.body, { marked: 2, unread: 3 });
    const unread = await me.client.get('/api/v1/me/notifications?unread=true');
    assert.deepEqual(unread.body.items.map((n: any) => n.payload.pick), [3, 2, 1]);
    const all = await me.client.get('/api/v1/me/notifications');
    assert.ok(all.body.items[0].readAt, 'read ones stay listed, with when they were read');
    assert.deepEqual((await me.client.post('/api/v1/me/notifications/read', { all: true })).body, { marked: 3, unread: 0 });
    // The other user's notification was never mine to see or mark.
    assert.deepEqual((await other.client.get('/api/v1/me/notifications')).body.items.map((n: any) => [n.payload.pick, n.readAt]), [[99, null]]);
  });

  it('refuses what it does not understand with a 400 and marks nothing of anyone else', async () => {
    const me = await signUp(server.baseUrl, 'reader');
    const other = await signUp(server.baseUrl, 'other');
    const theirs = await notify(emOf(server), other.userId, 'draftStarting', { draftId: crypto.randomUUID() });
    for (const query of ['cursor=nope', 'limit=0', 'limit=101', 'unread=yes']) {
      assert.equal((await me.client.get(`/api/v1/me/notifications?${query}`)).status, 400, query);
    }
    for (const body of [{}, { ids: [] }, { ids: ['x'] }, { all: false }, { all: true, ids: [theirs!.id] }]) {
      assert.equal((await me.client.post('/api/v1/me/notifications/read', body)).status, 400, JSON.stringify(body));
    }
    assert.deepEqual((await me.client.post('/api/v1/me/notifications/read', { ids: [theirs!.id] })).body, { marked: 0, unread: 0 });
    assert.equal((await other.client.get('/api/v1/me/notifications')).body.unread, 1);
  });

  it('notifies once per key, however often it is asked (a retried job, a restored room)', async () => {
    const me = await signUp(server.baseUrl, 'reader');
    const key = 'draft:x:pick:3';
    assert.ok(await notify(emOf(server), me.userId, 'onTheClock', { pick: 3 }, { key }));
    assert.equal(await notify(emOf(server), me.userId, 'onTheClock', { pick: 3 }, { key }), null);
    assert.equal((await me.client.get('/api/v1/me/notifications')).body.items.length, 1);
  });

  it('pushes a new notification to its user\'s clients in the league room, to nobody else, and keeps it for later', async () => {
    const { managers, leagueId } = await liveLeague(server);
    const [mine, theirs] = await Promise.all([joinLeague(server.baseUrl, managers[0].token, leagueId), joinLeague(server.baseUrl, managers[1].token, leagueId)]);
    rooms.push(mine, theirs);
    await Promise.all([mine, theirs].map((room) => seenAt(room, (s) => s.teams.length === 2)));
    const heard: { mine: any[]; theirs: any[] } = { mine: [], theirs: [] };
    mine.onMessage('notification', (n) => heard.mine.push(n));
    theirs.onMessage('notification', (n) => heard.theirs.push(n));

    const sent = await notify(emOf(server), managers[0].userId, 'periodFinal', { leagueId, period: '2026-W01' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(heard.mine, [sent]);
    assert.deepEqual(heard.theirs, [], 'another member never hears it');
    // Not connected anywhere: stored, and read on return.
    rooms.splice(rooms.indexOf(mine), 1);
    await mine.leave();
    await notify(emOf(server), managers[0].userId, 'playoffResult', { leagueId, round: 1 });
    const stored = (await managers[0].client.get('/api/v1/me/notifications')).body;
    assert.deepEqual(stored.items.map((n: any) => [n.kind, n.leagueId]), [['playoffResult', leagueId], ['periodFinal', leagueId]]);
    assert.deepEqual(heard.mine, [sent], 'a client that left hears nothing more');
  });
});
