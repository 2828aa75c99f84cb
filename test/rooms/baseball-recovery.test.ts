import assert from 'node:assert/strict';
import { Client, type Room } from '@colyseus/sdk';
import { freePort, seedSharedDatabase, ServerProcess, sleep } from '../helpers/process.ts';
import { rejectionCode, waitForState } from '../helpers/league-rooms.ts';
import { signUp } from '../helpers/http.ts';

/**
 * Crash recovery of baseball games against the REAL server process: a play is broadcast only after
 * it is committed, so after a `kill -9` every play anyone saw is in the log, the restarted server
 * resumes unfinished games by itself (from the log, with the next dice), and a decision that was
 * acknowledged is still pending. Fresh users and leagues on the shared test database.
 */
type Signed = Awaited<ReturnType<typeof signUp>>;

describe('baseball game crash recovery (kill -9 of the real server)', function () {
  this.timeout(90_000);

  let port: number;
  let baseUrl: string;
  let server: ServerProcess | undefined;
  const rooms: Room[] = [];

  async function startServer(): Promise<void> {
    server = new ServerProcess(port);
    await server.ready();
  }

  async function join(token: string, gameId: string, options: Record<string, unknown> = {}): Promise<Room> {
    const client = new Client(baseUrl);
    client.auth.token = token;
    const room = await client.joinOrCreate('baseball', { gameId, ...options });
    room.reconnection.enabled = false;
    rooms.push(room);
    return room;
  }

  /** A baseball league of two teams rostered with two sample clubs; `owned` teams get managers. */
  async function league(owned: boolean) {
    const commish = await signUp(baseUrl, 'bbrec');
    const created = await commish.client.post('/api/v1/leagues', { name: `bb recovery ${crypto.randomUUID().slice(0, 8)}`, sport: 'baseball' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const leagueId = created.body.id as string;
    const players: Array<{ id: string; team: string }> = [];
    for (let cursor = ''; ;) {
      const page = (await commish.client.get(`/api/v1/players?sport=baseball&limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
      players.push(...page.items);
      if (!page.nextCursor) break;
      cursor = encodeURIComponent(page.nextCursor);
    }
    const clubs = [...new Set(players.map((p) => p.team))].sort().slice(0, 2);
    const managers: Array<Signed & { teamId: string }> = [];
    for (const club of clubs) {
      const manager = owned ? await signUp(baseUrl, 'bbmgr') : undefined;
      const team = await commish.client.post(`/api/v1/leagues/${leagueId}/teams`, { name: `Club ${club}`, ownerId: manager?.userId });
      const roster = await commish.client.post(`/api/v1/leagues/${leagueId}/teams/${team.body.id}/players`, {
        playerIds: players.filter((p) => p.team === club).map((p) => p.id),
      });
      assert.equal(roster.status, 201, JSON.stringify(roster.body));
      managers.push({ ...(manager ?? commish), teamId: team.body.id });
    }
    return { commish, leagueId, home: managers[0], away: managers[1] };
  }

  async function untilFinal(commish: Signed, gameId: string) {
    for (let i = 0; i < 600; i++) {
      const view = (await commish.client.get(`/api/v1/games/${gameId}`)).body;
      if (view.status === 'final') return view;
      await sleep(100);
    }
    throw new Error('the game never finished');
  }

  before(async () => {
    await seedSharedDatabase();
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    await startServer();
  });

  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((room) => (room.connection.isOpen ? room.leave(true).catch(() => undefined) : undefined)));
  });

  after(async () => {
    await server?.kill().catch(() => undefined);
  });

  it('resumes an AI-vs-AI game by itself after a kill -9, keeping every play anyone saw', async () => {
    const { commish, leagueId, home, away } = await league(false);
    const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, { homeTeamId: home.teamId, awayTeamId: away.teamId, pace: 0.05 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const gameId = created.body.id as string;
    const watcher = await join(commish.token, gameId, { spectate: true });
    const seen = new Map<number, { result: string; dice: number[] }>();
    watcher.onStateChange((s: any) => {
      if (s.lastPlay.number > 0) seen.set(s.lastPlay.number, { result: s.lastPlay.result, dice: [...s.lastPlay.dice] });
    });
    await waitForState(watcher, (s) => s.lastPlay.number >= 15, 20_000);

    await server!.kill();
    rooms.splice(0);
    await startServer();

    const view = await untilFinal(commish, gameId);
    assert.deepEqual(view.plays.map((p: any) => p.number), view.plays.map((_: unknown, i: number) => i + 1), 'no play lost or doubled');
    for (const [number, play] of seen) {
      const stored = view.plays[number - 1];
      assert.deepEqual({ result: stored.code, dice: stored.dice.map((d: any) => d.value) }, play, `play ${number} as it was seen`);
    }
    const dice = (await commish.client.get(`/api/v1/games/${gameId}/dice`)).body;
    assert.equal(dice.verification.ok, true, 'the resumed game rolled on from the right die');
  });

  it('keeps an acknowledged defense decision sealed and pending across a kill -9', async () => {
    const { commish, leagueId, home, away } = await league(true);
    const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, { homeTeamId: home.teamId, awayTeamId: away.teamId, decisionSeconds: 600 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const gameId = created.body.id as string;
    const homeRoom = await join(home.token, gameId);
    await join(away.token, gameId); // a managed game starts once both managers are in
    await waitForState(homeRoom, (s) => s.awaiting === 'defense');
    await homeRoom.request('defense', { intentionalWalk: true });

    await server!.kill();
    rooms.splice(0);
    await startServer();

    const homeAgain = await join(home.token, gameId);
    const restored = await waitForState(homeAgain, (s) => s.awaiting === 'offense');
    assert.deepEqual(JSON.parse(restored.lineups[1].pending), { intentionalWalk: true });
    assert.equal(await rejectionCode(homeAgain.request('defense', {})), 'NOT_AWAITING');
    const awayAgain = await join(away.token, gameId);
    await waitForState(awayAgain, (s) => s.awaiting === 'offense');
    assert.ok(!awayAgain.state.lineups[1].pending);
    await awayAgain.request('offense', {});
    const after = await waitForState(awayAgain, (s) => s.lastPlay.number === 1);
    assert.equal(after.lastPlay.result, 'IBB');
  });
});
