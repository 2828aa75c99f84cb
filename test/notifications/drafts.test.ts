import assert from 'node:assert/strict';
import type { Room } from '@colyseus/sdk';
import { useTestServer } from '../helpers/server.ts';
import { createDraft, joinDraft, leagueWithManagers, waitForState } from '../helpers/league-rooms.ts';
import { waitFor } from '../helpers/jobs.ts';
import type { api } from '../helpers/http.ts';
import { joinLeague, seenAt } from '../league-live/helpers.ts';
import { DRAFT_REMINDER_LEAD_MS } from '../../src/jobs/draft-reminders.ts';
import { ON_THE_CLOCK_GRACE_MS } from '../../rooms/draft/on-the-clock-grace.ts';

/** The caller's notifications of one kind, oldest first. */
async function notificationsOf(client: ReturnType<typeof api>, kind: string): Promise<any[]> {
  const reply = await client.get('/api/v1/me/notifications');
  return reply.body.items.filter((n: any) => n.kind === kind).reverse();
}

describe('Draft notifications: starting soon, and on the clock while away from the draft room', function () {
  this.timeout(40_000);
  const server = useTestServer();
  const rooms: Room[] = [];
  afterEach(async () => { await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined))); });

  it('tells every manager of a draft due within the lead time that it starts soon, once, live in the league room', async () => {
    const { commish, leagueId, managers } = await leagueWithManagers(server, { teams: 2 });
    const listening = await joinLeague(server.baseUrl, managers[0].token, leagueId);
    rooms.push(listening);
    await seenAt(listening, (s) => s.teams.length === 2);
    const heard: any[] = [];
    listening.onMessage('notification', (n) => heard.push(n));
    const scheduledAt = new Date(Date.now() + 60_000).toISOString();
    const draft = await createDraft(commish, leagueId, { type: 'snake', rounds: 2, pickSeconds: 60, scheduledAt });
    // A draft due later than the lead time is not announced yet.
    await createDraft(commish, leagueId, { type: 'snake', rounds: 2, scheduledAt: new Date(Date.now() + DRAFT_REMINDER_LEAD_MS + 3_600_000).toISOString() });

    for (const manager of managers) {
      const [reminder] = await waitFor(async () => {
        const found = await notificationsOf(manager.client, 'draftStarting');
        return found.length > 0 ? found : undefined;
      }, 10_000, 'a draftStarting notification');
      assert.deepEqual([reminder.leagueId, reminder.payload.draftId, reminder.payload.startsAt], [leagueId, draft.id, scheduledAt]);
    }
    await waitFor(async () => (heard.length > 0 ? true : undefined), 5000, 'the push in the league room');
    assert.deepEqual(heard.map((n) => [n.kind, n.payload.draftId]), [['draftStarting', draft.id]]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await notificationsOf(managers[0].client, 'draftStarting')).length, 1, 'once, and none for the later draft');
    assert.equal((await notificationsOf(commish.client, 'draftStarting')).length, 0, 'the commissioner owns no team here');
  });

  it('tells a manager he is on the clock only while none of his clients is in the draft room', async () => {
    const { commish, leagueId, managers, players } = await leagueWithManagers(server, { teams: 2 });
    const draft = await createDraft(commish, leagueId, { type: 'linear', rounds: 2, pickSeconds: 60 });
    const first = managers.find((m) => m.teamId === draft.order[0].teamId)!;
    const second = managers.find((m) => m.teamId === draft.order[1].teamId)!;
    const commishRoom = await joinDraft(server, commish.token, draft.id);
    const firstRoom = await joinDraft(server, first.token, draft.id);
    rooms.push(commishRoom, firstRoom);
    await waitForState(firstRoom, (s) => s.teams.find((t: any) => t.id === first.teamId)?.connected);
    await commishRoom.send('start', {});
    await waitForState(firstRoom, (s) => s.status === 'live');
    await firstRoom.request('pick', { playerId: players[0].id });
    await waitForState(firstRoom, (s) => s.onClock === second.teamId);

    const [clock] = await waitFor(async () => {
      const found = await notificationsOf(second.client, 'onTheClock');
      return found.length > 0 ? found : undefined;
    }, 5000, 'an onTheClock notification');
    assert.deepEqual([clock.leagueId, clock.payload.draftId, clock.payload.teamId, clock.payload.pick], [leagueId, draft.id, second.teamId, 2]);
    assert.ok(Date.parse(clock.payload.deadline) > Date.now(), 'with his deadline');
    assert.deepEqual(await notificationsOf(first.client, 'onTheClock'), [], 'the first manager was in the room when he was up');
  });

  it('spares a manager whose client drops and is back within the grace, and tells one who stays away', async () => {
    const { commish, leagueId, managers, players } = await leagueWithManagers(server, { teams: 3 });
    const draft = await createDraft(commish, leagueId, { type: 'linear', rounds: 2, pickSeconds: 60 });
    const [first, second, third] = draft.order.map((o: { teamId: string }) => managers.find((m) => m.teamId === o.teamId)!);
    const commishRoom = await joinDraft(server, commish.token, draft.id);
    const firstRoom = await joinDraft(server, first.token, draft.id);
    const secondRoom = await joinDraft(server, second.token, draft.id);
    rooms.push(commishRoom, firstRoom);
    await waitForState(firstRoom, (s) => s.teams.filter((t: any) => t.connected).length === 2);
    await commishRoom.send('start', {});
    await waitForState(firstRoom, (s) => s.status === 'live');

    // The second manager's client drops (a page reload) just as he goes on the clock, and is back at once.
    await secondRoom.leave();
    await firstRoom.request('pick', { playerId: players[0].id });
    const back = await joinDraft(server, second.token, draft.id);
    rooms.push(back);
    await waitForState(back, (s) => s.onClock === second.teamId);
    await new Promise((resolve) => setTimeout(resolve, ON_THE_CLOCK_GRACE_MS + 1000));
    assert.deepEqual(await notificationsOf(second.client, 'onTheClock'), [], 'back within the grace: no notice');

    // The third manager never came: he is told, once the grace is over.
    const picked = Date.now();
    await back.request('pick', { playerId: players[1].id });
    const [clock] = await waitFor(async () => {
      const found = await notificationsOf(third.client, 'onTheClock');
      return found.length > 0 ? found : undefined;
    }, 5000, 'an onTheClock notification');
    assert.deepEqual([clock.payload.teamId, clock.payload.pick], [third.teamId, 3]);
    assert.ok(Date.parse(clock.createdAt) - picked >= ON_THE_CLOCK_GRACE_MS - 50, 'not before the grace');
  });
});
