/** Test leagues with managers, drafts and auctions over REST, and room clients (drafts, auctions, games). */
import { Client, type Room } from '@colyseus/sdk';
import { seed } from '../../src/db/seed.ts';
import { useTestServer, type TestServer } from './server.ts';
import { signUp } from './http.ts';
import { watchState } from '../../src/client/watch-state.ts';

export type Signed = Awaited<ReturnType<typeof signUp>>;

/** A league whose teams are each managed by their own user, with the sample player pool. */
export async function leagueWithManagers(server: TestServer, options: { sport?: string; teams?: number; owned?: number } = {}) {
  const sport = options.sport ?? 'football';
  const teamCount = options.teams ?? 4;
  const owned = options.owned ?? teamCount;
  await seed(server.app.storage.orm, { withLeagues: false });
  const commish = await signUp(server.baseUrl, 'commish');
  const league = (await commish.client.post('/api/v1/leagues', { name: `${sport} draft league`, sport })).body;
  const managers: Array<Signed & { teamId: string }> = [];
  const teamIds: string[] = [];
  for (let i = 0; i < teamCount; i++) {
    const manager = i < owned ? await signUp(server.baseUrl, `mgr${i}`) : undefined;
    const team = await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: `Team ${i + 1}`, ownerId: manager?.userId });
    teamIds.push(team.body.id);
    if (manager) managers.push({ ...manager, teamId: team.body.id });
  }
  const players = (await commish.client.get(`/api/v1/players?sport=${sport}&limit=200`)).body.items as Array<{ id: string; positions: string[] }>;
  return { commish, leagueId: league.id as string, managers, teamIds, players };
}

/** A league of `teamCount` teams nobody manages yet, run by a fresh commissioner. */
export async function leagueWithOpenTeams(baseUrl: string, sport = 'football', teamCount = 3) {
  const commish = await signUp(baseUrl, 'commish');
  const created = await commish.client.post('/api/v1/leagues', { name: `${sport} league`, sport });
  const teamIds: string[] = [];
  for (let i = 1; i <= teamCount; i++) {
    teamIds.push((await commish.client.post(`/api/v1/leagues/${created.body.id}/teams`, { name: `Team ${i}` })).body.id);
  }
  const drafts = `/api/v1/leagues/${created.body.id}/drafts`;
  return { commish, client: commish.client, leagueId: created.body.id as string, teamIds, drafts };
}

export async function createDraft(commish: Signed, leagueId: string, body: Record<string, unknown>) {
  const reply = await commish.client.post(`/api/v1/leagues/${leagueId}/drafts`, body);
  if (reply.status !== 201) throw new Error(`draft create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { id: string; order: Array<{ teamId: string }> };
}

/**
 * A test client's joinOrCreate as the user behind the token. A join whose WebSocket closed before
 * the room answered (code 1006, no reason: a transport failure, never a refusal, which always has
 * a code) is tried once more, as the web client does; it is logged, because it is an open defect:
 * about one full-suite run in eight saw one (a seat reserved, the upgrade's socket closed), not
 * reproduced alone. A refusal is never retried.
 */
export async function joinAs(baseUrl: string, token: string, roomName: string, options: Record<string, unknown>): Promise<Room> {
  const attempt = () => {
    const client = new Client(baseUrl);
    client.auth.token = token;
    return client.joinOrCreate(roomName, options);
  };
  try {
    return await attempt();
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: string };
    if (code !== undefined || message) throw error;
    console.warn(`join of ${roomName} ${JSON.stringify(options)} closed before the room answered: trying once more`);
    return attempt();
  }
}

/** Joins the draft (or auction) room as the user behind the token. */
export async function joinDraft(server: TestServer, token: string, draftId: string, extra: Record<string, unknown> = {}, roomName = 'draft') {
  return joinAs(server.baseUrl, token, roomName, { draftId, ...extra });
}

/** Resolves when the decoded state satisfies `test` (checked now and on every state change). */
export function waitForState(room: Room, test: (state: any) => boolean, timeoutMs = 5000): Promise<any> {
  // Right after joining, the first state may not be decoded yet: a test that throws is "not yet".
  const ready = (state: any) => { try { return Boolean(state) && test(state); } catch { return false; } };
  return new Promise((resolve, reject) => {
    if (ready(room.state)) return resolve(room.state);
    const timer = setTimeout(() => { stop(); reject(new Error('state never became ready')); }, timeoutMs);
    const stop = watchState(room, (state) => {
      if (!ready(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
}

/** The `{code}` a rejected request carries. */
export async function rejectionCode(request: Promise<unknown>): Promise<string> {
  try {
    await request;
  } catch (error) {
    return (error as { reason?: { code?: string } }).reason?.code ?? `threw ${(error as Error).message}`;
  }
  throw new Error('the request was accepted');
}

/**
 * The hooks of a room test file: one server for the file, empty tables per test, and a `join`
 * whose rooms are left after each test. `suite.server` is set once the file's `before` ran.
 */
export function roomSuite(roomName: string) {
  const suite = { server: useTestServer(), rooms: [] as Room[] };
  afterEach(async () => { await Promise.all(suite.rooms.splice(0).map((r) => r.leave().catch(() => undefined))); });
  const join = async (token: string, draftId: string, extra: Record<string, unknown> = {}) => {
    const room = await joinDraft(suite.server, token, draftId, extra, roomName);
    suite.rooms.push(room);
    return room;
  };
  return { suite, join };
}
