import assert from 'node:assert/strict';
import { Client, type Room } from '@colyseus/sdk';
import { freePort, seedSharedDatabase, ServerProcess, sleep } from '../helpers/process.ts';
import { waitForState } from '../helpers/league-rooms.ts';
import { ON_THE_CLOCK_GRACE_AT_OPEN_MS } from '../../rooms/draft/on-the-clock-grace.ts';
import { signUp } from '../helpers/http.ts';

/**
 * Crash recovery of the draft room against the REAL server process: picks are acknowledged only
 * after they are committed, so a `kill -9` right after an acknowledgement loses nothing, and the
 * restarted room resumes the clock from the persisted deadline. Uses fresh users and leagues on
 * the shared test database (never truncates: other files share it).
 */

interface Pick { overall: number; teamId: string; playerId: string }
type Signed = Awaited<ReturnType<typeof signUp>>;

const picksOf = (state: any): Pick[] =>
  Array.from(state.picks as Iterable<any>, (p) => ({ overall: p.overall, teamId: p.teamId, playerId: p.playerId }));

describe('draft room crash recovery (kill -9 of the real server)', function () {
  this.timeout(60_000);

  let port: number;
  let baseUrl: string;
  const processes: ServerProcess[] = [];
  const rooms: Room[] = [];
  let players: string[];

  async function startServer(): Promise<ServerProcess> {
    const server = new ServerProcess(port);
    processes.push(server);
    await server.ready();
    return server;
  }

  /** The clients of a dead process: nothing to leave (they never reconnect, see join). */
  function forgetRooms(): void {
    rooms.splice(0);
  }

  async function join(token: string, draftId: string): Promise<Room> {
    const client = new Client(baseUrl);
    client.auth.token = token;
    const room = await client.joinOrCreate('draft', { draftId });
    // A killed process's room is gone: the new process restores the draft in a new room, which
    // the test joins with new clients; the SDK's automatic reconnection would only retry in vain.
    room.reconnection.enabled = false;
    rooms.push(room);
    return room;
  }

  /** A football league of four teams, each managed by its own fresh user, and a 3-round snake draft. */
  async function draftSetup() {
    const commish = await signUp(baseUrl, 'reccom');
    const league = await commish.client.post('/api/v1/leagues', { name: `recovery ${crypto.randomUUID().slice(0, 8)}`, sport: 'football' });
    assert.equal(league.status, 201, JSON.stringify(league.body));
    const managers: Array<Signed & { teamId: string }> = [];
    for (let i = 0; i < 4; i++) {
      const manager = await signUp(baseUrl, `recmgr${i}`);
      const team = await commish.client.post(`/api/v1/leagues/${league.body.id}/teams`, { name: `Recovery ${i + 1}`, ownerId: manager.userId });
      assert.equal(team.status, 201, JSON.stringify(team.body));
      managers.push({ ...manager, teamId: team.body.id });
    }
    const order = managers.map((m) => m.teamId);
    const draft = await commish.client.post(`/api/v1/leagues/${league.body.id}/drafts`, { type: 'snake', rounds: 3, pickSeconds: 30, order });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    return { commish, managers, draftId: draft.body.id as string };
  }

  /** Joins every manager (and the commissioner), starts the draft; returns the managers' rooms by team. */
  async function joinAndStart(setup: Awaited<ReturnType<typeof draftSetup>>) {
    const byTeam = new Map<string, Room>();
    for (const manager of setup.managers) byTeam.set(manager.teamId, await join(manager.token, setup.draftId));
    const commish = await join(setup.commish.token, setup.draftId);
    await commish.request('start', {});
    for (const room of byTeam.values()) await waitForState(room, (s) => s.status === 'live' && s.onClock !== '');
    return byTeam;
  }

  /** Rejoins every manager after a restart (new SDK clients, so new sessions on the new process). */
  async function rejoin(setup: Awaited<ReturnType<typeof draftSetup>>) {
    const byTeam = new Map<string, Room>();
    for (const manager of setup.managers) byTeam.set(manager.teamId, await join(manager.token, setup.draftId));
    return byTeam;
  }

  const restPicks = async (commish: Signed, draftId: string) => {
    const reply = await commish.client.get(`/api/v1/drafts/${draftId}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body as { status: string; picks: Pick[] };
  };

  /** The next player nobody has taken yet (the pool's best by rank). */
  const nextFree = (taken: Set<string>) => {
    const id = players.find((p) => !taken.has(p));
    assert.ok(id, 'ran out of players');
    taken.add(id);
    return id;
  };

  before(async () => {
    await seedSharedDatabase();
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    await startServer();
    const someone = await signUp(baseUrl, 'recpool');
    const page = await someone.client.get('/api/v1/players?sport=football&limit=100');
    assert.equal(page.status, 200);
    players = page.body.items.map((p: { id: string }) => p.id);
    assert.ok(players.length >= 24, 'the seeded football pool is there');
  });

  afterEach(async () => {
    const open = rooms.splice(0);
    await Promise.all(open.map(async (room) => {
      if (room.connection.isOpen) await room.leave(true).catch(() => undefined);
    }));
  });

  after(async () => {
    for (const server of processes) await server.kill().catch(() => undefined);
  });

  it('keeps every acknowledged pick and the persisted deadline across a kill -9', async () => {
    const setup = await draftSetup();
    const before = await joinAndStart(setup);
    const taken = new Set<string>();
    const acknowledged: Pick[] = [];

    for (let overall = 1; overall <= 5; overall++) {
      const onClock = [...before.values()][0].state.onClock as string;
      const room = before.get(onClock)!;
      await waitForState(room, (s) => s.currentPick === overall);
      const playerId = nextFree(taken);
      const reply = await room.request('pick', { playerId, pick: overall });
      assert.deepEqual(reply, { ok: true, currentPick: overall + 1 });
      acknowledged.push({ overall, teamId: onClock, playerId });
      // Every client hears of the pick before the next one (so onClock above is current).
      for (const other of before.values()) await waitForState(other, (s) => s.picks.length === overall && s.currentPick === overall + 1);
    }
    const watcher = [...before.values()][0];
    const deadlineBefore = watcher.state.deadline as number;
    const onClockBefore = watcher.state.onClock as string;
    assert.ok(deadlineBefore > Date.now(), 'pick 6 has a running clock');
    assert.deepEqual(picksOf(watcher.state), acknowledged);

    await processes.at(-1)!.kill();
    forgetRooms();
    const restartedAt = Date.now();
    await startServer();

    const after = await rejoin(setup);
    for (const room of after.values()) {
      const state = await waitForState(room, (s) => s.picks.length >= 5);
      assert.deepEqual(picksOf(state), acknowledged, 'every acknowledged pick is in the room state');
      assert.equal(state.status, 'live');
      assert.equal(state.currentPick, 6);
      assert.equal(state.onClock, onClockBefore);
      assert.equal(state.deadline, deadlineBefore, 'the clock resumes from its persisted deadline, not a fresh 30 s');
    }
    assert.ok(deadlineBefore < restartedAt + 30_000, 'a fresh clock would have ended later than the persisted one');
    const rest = await restPicks(setup.commish, setup.draftId);
    assert.equal(rest.status, 'live');
    assert.deepEqual(rest.picks.map(({ overall, teamId, playerId }) => ({ overall, teamId, playerId })), acknowledged);

    // Still live: the team on the clock picks, and everyone sees it.
    const playerId = nextFree(taken);
    assert.deepEqual(await after.get(onClockBefore)!.request('pick', { playerId, pick: 6 }), { ok: true, currentPick: 7 });
    for (const room of after.values()) {
      const state = await waitForState(room, (s) => s.picks.length === 6);
      assert.deepEqual(picksOf(state).at(-1), { overall: 6, teamId: onClockBefore, playerId });
      assert.notEqual(state.deadline, deadlineBefore, 'pick 7 has its own clock');
    }
  });

  it('keeps every pick whose request resolved when two managers pick concurrently right before the kill', async () => {
    const setup = await draftSetup();
    const before = await joinAndStart(setup);
    const order = setup.managers.map((m) => m.teamId);
    const teamFor = (overall: number) => {
      const round = Math.ceil(overall / order.length);
      const index = (overall - 1) % order.length;
      return order[round % 2 === 0 ? order.length - 1 - index : index];
    };
    const taken = new Set<string>();
    const acknowledged: Pick[] = [];
    const unacknowledged: Pick[] = [];
    let killed = false;
    const ackedAfterKill: Pick[] = [];

    /**
     * The managers on the clock for picks N and N+1 send theirs at once (no waiting for N's ack:
     * the room's serial queue commits N, then N+1). Two sockets do not keep send order, so N+1 may
     * reach the room first and be refused as STALE: it is sent again once N is on the board.
     * Resolves when both requests have settled.
     */
    const burst = (first: number, onAck?: (pick: Pick) => void) => Promise.all([first, first + 1].map(async (overall) => {
      const pick = { overall, teamId: teamFor(overall), playerId: nextFree(taken) };
      const room = before.get(pick.teamId)!;
      for (let attempt = 1; ; attempt++) {
        try {
          await room.request('pick', { playerId: pick.playerId, pick: overall }, { timeout: 5000 });
          (killed ? ackedAfterKill : acknowledged).push(pick);
          onAck?.(pick);
          return;
        } catch (error) {
          const early = (error as { reason?: { code?: string } }).reason?.code === 'STALE';
          if (!early || killed || attempt > 1) {
            unacknowledged.push(pick);
            return;
          }
          await waitForState(room, (s) => s.currentPick >= overall).catch(() => undefined);
        }
      }
    }));

    await burst(1);
    await burst(3);
    assert.deepEqual(acknowledged.map((p) => p.overall).sort(), [1, 2, 3, 4], 'both managers of a burst are served in turn');
    for (const room of before.values()) await waitForState(room, (s) => s.currentPick === 5);

    // The third burst: SIGKILL as soon as the first acknowledgement arrives, with the other pick in flight.
    const server = processes.at(-1)!;
    let kill: Promise<void> | undefined;
    const settled = burst(5, () => {
      if (kill) return;
      kill = server.kill();
      killed = true;
    });
    await settled;
    if (!kill) await server.kill();
    await kill;
    forgetRooms();
    assert.ok(acknowledged.length >= 4);

    await startServer();
    const after = await rejoin(setup);
    const rest = await restPicks(setup.commish, setup.draftId);
    const restored = picksOf(await waitForState([...after.values()][0], (s) => s.picks.length >= acknowledged.length));
    for (const pick of [...acknowledged, ...ackedAfterKill]) {
      assert.deepEqual(restored.find((p) => p.overall === pick.overall), pick, `acknowledged pick ${pick.overall} survived in the room`);
      assert.deepEqual(rest.picks.map(({ overall, teamId, playerId }) => ({ overall, teamId, playerId })).find((p) => p.overall === pick.overall), pick,
        `acknowledged pick ${pick.overall} survived in the database`);
    }
    // Unacknowledged picks may or may not be there, but whatever is there is whole and in order.
    for (const pick of restored) {
      const sent = [...acknowledged, ...ackedAfterKill, ...unacknowledged].find((p) => p.overall === pick.overall);
      assert.deepEqual(pick, sent, `pick ${pick.overall} is one that was sent`);
    }
    assert.deepEqual(restored.map((p) => p.overall), restored.map((_, i) => i + 1), 'no gap in the restored picks');
    assert.deepEqual(rest.picks.map(({ overall, teamId, playerId }) => ({ overall, teamId, playerId })), restored, 'room and database agree');
    const state = [...after.values()][0].state;
    assert.equal(state.status, 'live');
    assert.equal(state.currentPick, restored.length + 1);

    // The room is live: the team on the clock picks.
    const next = restored.length + 1;
    const playerId = nextFree(taken);
    assert.deepEqual(await after.get(teamFor(next))!.request('pick', { playerId, pick: next }), { ok: true, currentPick: next + 1 });
  });

  it('tells the manager put on the clock by the last pick before a kill -9, once the room is back, once', async () => {
    const setup = await draftSetup();
    const [first, second] = setup.managers;
    // Everyone but the second manager is in the room: he is away when the first pick puts him on the clock.
    const firstRoom = await join(first.token, setup.draftId);
    const commish = await join(setup.commish.token, setup.draftId);
    await commish.request('start', {});
    await waitForState(firstRoom, (s) => s.status === 'live' && s.onClock === first.teamId);
    assert.deepEqual(await firstRoom.request('pick', { playerId: players[0], pick: 1 }), { ok: true, currentPick: 2 });
    // Killed within the grace: the process that committed the pick never told him.
    await processes.at(-1)!.kill();
    forgetRooms();
    await startServer();
    const notices = async () => ((await second.client.get('/api/v1/me/notifications')).body.items as any[]).filter((n) => n.kind === 'onTheClock');
    assert.deepEqual(await notices(), [], 'not told before the crash');

    const back = await join(first.token, setup.draftId);
    await waitForState(back, (s) => s.currentPick === 2 && s.onClock === second.teamId);
    const deadline = Date.now() + ON_THE_CLOCK_GRACE_AT_OPEN_MS + 5000;
    while ((await notices()).length === 0 && Date.now() < deadline) await sleep(200);
    const told = await notices();
    assert.deepEqual(told.map((n) => [n.payload.draftId, n.payload.teamId, n.payload.pick]), [[setup.draftId, second.teamId, 2]]);
    // The room opening again (its last client left) does not tell him twice.
    await back.leave(true);
    forgetRooms();
    const again = await join(setup.commish.token, setup.draftId);
    await waitForState(again, (s) => s.onClock === second.teamId);
    await sleep(ON_THE_CLOCK_GRACE_AT_OPEN_MS + 1000);
    assert.equal((await notices()).length, 1);
  });
});
