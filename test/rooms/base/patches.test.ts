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
    this.timeout(TICK_PERIOD_MS * 8);
    const { commish, leagueId, managers } = await leagueWithManagers(suite.server, { teams: 2 });
    const draft = await createDraft(commish, leagueId, { type: 'snake', rounds: 1, order: managers.map((m) => m.teamId) });
    const watcher = await join(managers[0].token, draft.id);
    const first = await waitForState(watcher, (s) => s.serverTime > 0);
    const joinedTime = first.serverTime as number;

    // Every patch carries the room's serverTime, and a tick patches a room only when its last patch
    // is TICK_PERIOD_MS old. So a presence patch stamped less than a period after the patch before
    // it went out by itself, not with a tick: proven from the patch, not from wall time on a busy box.
    const connected = (state: any, connected: boolean) =>
      state.teams.find((t: { id: string }) => t.id === managers[1].teamId)?.connected === connected;
    const presencePatch = async <T>(isConnected: boolean, change: () => Promise<T>): Promise<T> => {
      const before = watcher.state.serverTime as number;
      let stamped = 0;
      const [changed] = await Promise.all([change(), waitForState(watcher, (s) => connected(s, isConnected) && (stamped = s.serverTime) > 0, TICK_PERIOD_MS * 2)]);
      assert.ok(stamped - before < TICK_PERIOD_MS, `presence without waiting for a tick (stamped ${stamped - before} ms after the last patch)`);
      return changed;
    };
    const other = await presencePatch(true, () => join(managers[1].token, draft.id));
    suite.rooms.splice(suite.rooms.indexOf(other), 1);
    await presencePatch(false, () => other.leave());

    // Nothing else happens in the room: serverTime still moves on, once a period. The room's tick comes
    // once a period at its own phase and refreshes a room whose last patch is a period old, so the
    // refresh after the leave's patch comes within two periods of it: the wait allows three.
    const later = await waitForState(watcher, (s) => s.serverTime >= joinedTime + TICK_PERIOD_MS - 100, TICK_PERIOD_MS * 3);
    assert.ok(later.serverTime <= Date.now());
  });
});
