import assert from 'node:assert/strict';
import { matchMaker } from '@colyseus/core';
import { createDraft, leagueWithManagers, roomSuite, waitForState } from '../../helpers/league-rooms.ts';
import { sleep } from '../../helpers/process.ts';

describe('a stream room once disposed', function () {
  this.timeout(30_000);
  const { suite, join } = roomSuite('draft');

  it('never retries, nor writes, a clock action whose commit failed after the room was disposed', async () => {
    const league = await leagueWithManagers(suite.server, { teams: 2 });
    const draft = await createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 2, pickSeconds: 1, order: league.teamIds });
    const commishRoom = await join(league.commish.token, draft.id);
    await commishRoom.request('start', {});
    await waitForState(commishRoom, (s) => s.status === 'live');

    const held = matchMaker.getLocalRoomById(commishRoom.roomId) as any;
    let commits = 0;
    let disposing: Promise<void> | undefined;
    // The clock's autopick commits slowly and fails; the room is disposed while it is under way.
    held.services = {
      ...held.services,
      store: {
        ...held.services.store,
        commit: async () => {
          commits++;
          disposing ??= held.disconnect();
          await sleep(300);
          throw new Error('the database went away');
        },
      },
    };
    for (const deadline = Date.now() + 5000; commits === 0; await sleep(20)) {
      if (Date.now() > deadline) throw new Error('the clock never fired');
    }
    await disposing;
    // Its clients were closed with it: nothing to leave after the test.
    suite.rooms.splice(0);
    // A failed clock action is retried a second later (SYSTEM_RETRY_MS): a disposed room's never is.
    await sleep(2500);
    assert.equal(commits, 1, 'the disposed room tried again');
  });
});
