import assert from 'node:assert/strict';
import { createDraft, leagueWithManagers, roomSuite, waitForState } from '../../helpers/league-rooms.ts';
import { TICK_PERIOD_MS } from '../../../rooms/base/ticker.ts';

/**
 * Rooms have no patch tick (rooms/base/ticker.ts): what changes goes out at once, and a quiet room
 * still refreshes serverTime through the one shared ticker.
 */
describe('room patches only on change', () => {
  const { suite, join } = roomSuite('draft');

  it('pushes presence at once and refreshes a quiet room\'s serverTime through the shared ticker', async function () {
    this.timeout(TICK_PERIOD_MS * 3);
    const { commish, leagueId, managers } = await leagueWithManagers(suite.server, { teams: 2 });
    const draft = await createDraft(commish, leagueId, { type: 'snake', rounds: 1, order: managers.map((m) => m.teamId) });
    const watcher = await join(managers[0].token, draft.id);
    const first = await waitForState(watcher, (s) => s.serverTime > 0);
    const joinedTime = first.serverTime as number;

    // A quiet room's next tick patch comes TICK_PERIOD_MS after its last patch (the join's): presence
    // seen within half of that came without a tick, with room to spare on a busy CI box (1 s was not).
    const withoutTick = TICK_PERIOD_MS / 2;
    const other = await join(managers[1].token, draft.id);
    const seenAt = Date.now();
    await waitForState(watcher, (s) => s.teams.find((t: { id: string }) => t.id === managers[1].teamId)?.connected === true, withoutTick);
    assert.ok(Date.now() - seenAt < withoutTick, 'presence without waiting for a tick');
    suite.rooms.splice(suite.rooms.indexOf(other), 1);
    await other.leave();
    await waitForState(watcher, (s) => s.teams.find((t: { id: string }) => t.id === managers[1].teamId)?.connected === false, withoutTick);

    // Nothing else happens in the room: serverTime still moves on, once a period.
    const later = await waitForState(watcher, (s) => s.serverTime >= joinedTime + TICK_PERIOD_MS - 100, TICK_PERIOD_MS * 2);
    assert.ok(later.serverTime <= Date.now());
  });
});
