import assert from 'node:assert/strict';
import { Client, type Room } from '@colyseus/sdk';
import { TEST_REDIS_URL } from '../helpers/server.ts';
import { clusterProcess, flushRedis, freePort, seedSharedDatabase, sleep, type ServerProcess } from '../helpers/process.ts';
import { api, signUp } from '../helpers/http.ts';
import { waitForState } from '../helpers/league-rooms.ts';
import { baseballLeague } from '../../loadtest/lib/chaos-world.ts';
import { Api } from '../../loadtest/lib/rest.ts';

/** Redis of its own (matchmaking listings of other suites must not mix in); emptied first. */
const REDIS_URL = process.env.TEST_SHUTDOWN_REDIS_URL ?? TEST_REDIS_URL;
/** PROTOCOL.md "Reconnecting": the SDK's MAY_TRY_RECONNECT. */
const ROOM_MOVED = 4010;
const DRAFTS = 6;

type Signed = Awaited<ReturnType<typeof signUp>>;
interface Sent { overall: number; playerId: string }

/**
 * SIGTERM of a real server process while picks are in flight in several drafts: the process stops
 * taking connections, refuses new actions, finishes the ones under way (each answered), tells
 * every client the room moved (close code 4010), and exits 0. Every pick a client saw
 * acknowledged is stored; nothing is half-written; the drafts go on through the other process,
 * and a game it was playing with nobody watching plays on there by itself.
 */
describe('graceful shutdown on SIGTERM', function () {
  this.timeout(90_000);
  let a: ServerProcess;
  let b: ServerProcess;
  const rooms: Room[] = [];

  before(async () => {
    await seedSharedDatabase();
    await flushRedis(REDIS_URL);
    // Only A at first: every room opens there.
    a = clusterProcess(await freePort(), REDIS_URL);
    await a.ready();
  });

  after(async () => {
    await Promise.all(rooms.filter((room) => room.connection.isOpen).map((room) => room.leave(true).catch(() => undefined)));
    await a?.kill();
    await b?.kill();
  });

  async function join(baseUrl: string, token: string, draftId: string): Promise<Room> {
    const client = new Client(baseUrl);
    client.auth.token = token;
    const room = await client.joinOrCreate('draft', { draftId });
    room.reconnection.enabled = false;
    rooms.push(room);
    return room;
  }

  /** A league of two teams (one per manager) and its draft, long clocks: only the managers move it. */
  async function draft(commish: Signed, managers: Signed[]) {
    const league = (await commish.client.post('/api/v1/leagues', { name: `shutdown ${crypto.randomUUID().slice(0, 8)}`, sport: 'football' })).body;
    const teams: string[] = [];
    for (const [i, manager] of managers.entries()) {
      teams.push((await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: `T${i}`, ownerId: manager.userId })).body.id);
    }
    const created = await commish.client.post(`/api/v1/leagues/${league.id}/drafts`, { type: 'snake', rounds: 20, pickSeconds: 600, order: teams });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // Snake order of two teams: 1 2 2 1 1 2 ...
    const teamFor = (overall: number) => teams[[0, 1, 1, 0][(overall - 1) % 4]];
    return { id: created.body.id as string, teams, teamFor };
  }

  it('finishes the picks in flight, answers them, tells clients to reconnect and exits 0; nothing acknowledged is lost', async () => {
    const commish = await signUp(a.baseUrl, 'sdc');
    const managers = [await signUp(a.baseUrl, 'sdm0'), await signUp(a.baseUrl, 'sdm1')];
    const players: string[] = (await commish.client.get('/api/v1/players?sport=football&limit=100')).body.items.map((p: { id: string }) => p.id);
    const drafts: Array<Awaited<ReturnType<typeof draft>>> = [];
    for (let i = 0; i < DRAFTS; i++) drafts.push(await draft(commish, managers));
    const seats = new Map<string, Map<string, Room>>();
    const closeCodes: number[] = [];
    for (const d of drafts) {
      const byTeam = new Map<string, Room>();
      for (const [i, manager] of managers.entries()) {
        const room = await join(a.baseUrl, manager.token, d.id);
        room.onLeave((code) => closeCodes.push(code));
        byTeam.set(d.teams[i], room);
      }
      const starter = await join(a.baseUrl, commish.token, d.id);
      await starter.request('start', {});
      await starter.leave(true);
      seats.set(d.id, byTeam);
    }
    // An AI-vs-AI game A plays with nobody watching: it must go on elsewhere.
    const game = await aiGame(commish);

    b = clusterProcess(await freePort(), REDIS_URL);
    await b.ready();

    // The burst: in every draft the manager on the clock picks as soon as the previous pick is
    // answered, until the connection closes. SIGTERM once a few picks are through.
    const sent = new Map<string, Sent[]>();
    const acked = new Map<string, Sent[]>();
    const refused: string[] = [];
    let terminated: Promise<number | null> | undefined;
    let ackCount = 0;
    let ackedAfterSigterm = 0;
    await Promise.all(drafts.map(async (d) => {
      sent.set(d.id, []);
      acked.set(d.id, []);
      for (let overall = 1; overall <= 40; overall++) {
        const pick = { overall, playerId: players[(overall - 1 + drafts.indexOf(d) * 3) % players.length] };
        const room = seats.get(d.id)!.get(d.teamFor(overall))!;
        if (!room.connection.isOpen) return;
        sent.get(d.id)!.push(pick);
        try {
          await room.request('pick', { playerId: pick.playerId, pick: overall }, { timeout: 10_000 });
          acked.get(d.id)!.push(pick);
          if (terminated) ackedAfterSigterm++;
          if (++ackCount === DRAFTS * 2) terminated = a.terminate();
        } catch (error) {
          refused.push((error as { reason?: { code?: string } }).reason?.code ?? (error as Error).message);
          return;
        }
      }
    }));
    assert.ok(terminated, 'SIGTERM was sent during the burst');
    assert.equal(await terminated, 0, `exit code 0:\n${a.output}`);
    for (let i = 0; i < 40 && closeCodes.length < DRAFTS * 2; i++) await sleep(50);
    assert.equal(closeCodes.length, DRAFTS * 2, 'every manager was disconnected');
    assert.deepEqual([...new Set(closeCodes)], [ROOM_MOVED], 'with the reconnect close code');
    for (const reason of refused) assert.match(reason, /RETRY|closed/, `refused as "retry" or unanswered, not: ${reason}`);
    // The drain answers: what was under way at the signal was acknowledged, what came later refused.
    assert.ok(ackedAfterSigterm + refused.filter((r) => r === 'RETRY').length > 0, `answered after SIGTERM: ${ackedAfterSigterm} ok, ${refused.join(', ')}`);

    const viaB = api(b.baseUrl, commish.token);
    for (const d of drafts) {
      const stored = (await viaB.get(`/api/v1/drafts/${d.id}`)).body.picks.map((p: Sent) => ({ overall: p.overall, playerId: p.playerId }));
      assert.deepEqual(stored.map((p: Sent) => p.overall), stored.map((_: Sent, i: number) => i + 1), 'no gap, nothing twice');
      assert.deepEqual(stored, sent.get(d.id)!.slice(0, stored.length), 'every stored pick is whole and one that was sent');
      assert.ok(stored.length >= acked.get(d.id)!.length, `draft ${d.id}: all ${acked.get(d.id)!.length} acknowledged picks stored (${stored.length})`);
      // Rejoined through B, the room is rebuilt from the log and goes on.
      const next = stored.length + 1;
      const room = await join(b.baseUrl, managers[d.teams.indexOf(d.teamFor(next))].token, d.id);
      const state = await waitForState(room, (s) => s.currentPick === next);
      assert.equal(state.picks.length, stored.length);
      await room.request('pick', { playerId: players[99], pick: next });
    }
    await playsOnElsewhere(viaB, game);
  });

  async function aiGame(commish: Signed): Promise<string> {
    const league = await baseballLeague(new Api(a.baseUrl), commish.token, `shutdown bb ${crypto.randomUUID().slice(0, 8)}`);
    const game = await commish.client.post(`/api/v1/leagues/${league.id}/games`, { homeTeamId: league.teams[0], awayTeamId: league.teams[1], pace: 0.2 });
    assert.equal(game.status, 201, JSON.stringify(game.body));
    return game.body.id;
  }

  /** The game A was playing plays on (on B, reopened by B's orphan sweep) with nobody joining. */
  async function playsOnElsewhere(viaB: ReturnType<typeof api>, gameId: string): Promise<void> {
    const rest = () => viaB.get(`/api/v1/games/${gameId}`).then((r) => r.body);
    const at = (await rest()).plays.length;
    for (let i = 0; i < 100; i++) {
      const view = await rest();
      if (view.status === 'final' || view.plays.length > at + 2) return;
      await sleep(100);
    }
    assert.fail(`the game stopped at play ${at}`);
  }
});
