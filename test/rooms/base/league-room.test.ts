import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { CloseCode, defineRoom } from '@colyseus/core';
import { Client, type Room } from '@colyseus/sdk';
import { SignJWT } from 'jose';
import { AUTH_FAILED } from '../../../rooms/base/seat.ts';
import { tokenService } from '../../../src/auth/tokens.ts';
import { useTestServer } from '../../helpers/server.ts';
import { signUp } from '../../helpers/http.ts';
import { CounterRoom, UNLUCKY } from './CounterRoom.ts';
import { startMemoryServer, type MemoryServer } from '../../helpers/memory-rooms.ts';
import type { EventLog } from '../../../src/db/event-log.ts';

/** testConfig's JWT_SECRET (test/helpers/server.ts). */
const TEST_JWT_KEY = new TextEncoder().encode('test-secret-test-secret-test-secret-1234');

type Signed = Awaited<ReturnType<typeof signUp>>;
interface RoomError { code: string; message: string; type: string }

/** The `{code}` of a request's rejection. */
function codeOf(error: unknown): string {
  return (error as { reason?: { code?: string } }).reason?.code ?? `threw ${(error as Error).message}`;
}

/** The `{code}` a rejected request carries (fails the test if the request was accepted). */
async function rejectionCode(request: Promise<unknown>): Promise<string> {
  try {
    await request;
  } catch (error) {
    return codeOf(error);
  }
  throw new Error('the request was accepted');
}

/** Resolves once `ready()` holds, polling every few ms. */
async function eventually(ready: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
}

/** Collects the `error` messages a client receives. */
function errorsOf(room: Room): RoomError[] {
  const errors: RoomError[] = [];
  room.onMessage('error', (e: RoomError) => errors.push(e));
  return errors;
}

/** Who joins a counter room, by role: a signed-in user (PostgreSQL) or a token of MemorySeats. */
interface Identity { token: string; userId: string; username: string }

/** A server with the counter room, its event log and its three users, whatever stores them. */
interface CounterWorld {
  baseUrl: string;
  colyseus: { getRoomById<T>(id: string): T };
  store: EventLog;
  commish: Identity;
  manager: Identity;
  outsider: Identity;
  leagueId: string;
  teamId: string;
}

const COUNTER_ROOMS = { counter: defineRoom(CounterRoom).filterBy(['leagueId', 'counterId']) };

/** Joins, leaves and reads of counter rooms in `world`; rooms opened are left after each test. */
function counterRooms(world: () => CounterWorld) {
  const opened: Room[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((room) => room.connection?.isOpen ? room.leave().catch(() => undefined) : undefined));
  });

  function client(token?: string): Client {
    const c = new Client(world().baseUrl);
    if (token !== undefined) c.auth.token = token;
    return c;
  }

  /** The counterId of each room (a counter is its own stream): joins must name it. */
  const counters = new Map<string, string>();

  return {
    client,
    counters,
    /** A new counter room (a new stream), opened by `who`'s join. */
    async create(who: Identity = world().commish): Promise<Room> {
      const counterId = randomUUID();
      const room = await client(who.token).joinOrCreate('counter', { leagueId: world().leagueId, counterId });
      counters.set(room.roomId, counterId);
      opened.push(room);
      return room;
    },
    async join(roomId: string, who: Identity, options: Record<string, unknown> = {}): Promise<Room> {
      const room = await client(who.token).joinById(roomId, { leagueId: world().leagueId, counterId: counters.get(roomId), ...options });
      opened.push(room);
      return room;
    },
    /** The room as the server holds it (its state is the truth the clients' copies follow). */
    serverRoom(room: Room): CounterRoom {
      return world().colyseus.getRoomById<CounterRoom>(room.roomId);
    },
  };
}

/** What the room base does with actions, the same on PostgreSQL's event log and in memory. */
function actionCases(world: () => CounterWorld): void {
  const { create, join, serverRoom } = counterRooms(world);
  const commish = () => world().commish;
  const manager = () => world().manager;
  const outsider = () => world().outsider;

  it('runs actions one at a time: 50 concurrent adds from 3 clients total 50, each built on the one before', async () => {
    const first = await create();
    const clients = [first, await join(first.roomId, manager()), await join(first.roomId, manager())];
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      clients[i % clients.length].request('add', { amount: 1 }) as Promise<{ count: number }>));

    assert.deepEqual(replies.map((r) => r.count).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
    const held = serverRoom(first);
    assert.equal(held.state.count, 50);
    assert.equal(held.state.log.length, 50);
    for (const room of clients) await eventually(() => room.state?.count === 50, 'the count to reach every client');

    const events = await world().store.load(held.state.stream);
    assert.equal(events.length, 50);
    let total = 0;
    events.forEach((event, i) => {
      assert.equal(event.seq, i + 1);
      assert.equal(event.type, 'added');
      assert.deepEqual(event.payload, { amount: 1, before: total }, `event ${event.seq} was decided on a stale total`);
      assert.ok([commish().userId, manager().userId].includes(event.actor ?? ''));
      total += 1;
    });
  });

  it('refuses a malformed payload with INVALID_PAYLOAD, by request and by send, and keeps the client', async () => {
    const room = await create();
    const errors = errorsOf(room);
    let left = false;
    room.onLeave(() => { left = true; });
    const malformed: unknown[] = [{ amount: 'x' }, { amount: 1e9 }, 'string', { amount: 1.5 }, { amount: 0 }, { amount: 1, extra: true }];
    for (const payload of malformed) {
      assert.equal(await rejectionCode(room.request('add', payload)), 'INVALID_PAYLOAD', JSON.stringify(payload));
    }
    for (const payload of malformed) room.send('add', payload);
    await eventually(() => errors.length === malformed.length, 'an error message per malformed send');
    for (const error of errors) {
      assert.equal(error.code, 'INVALID_PAYLOAD');
      assert.equal(error.type, 'add');
      assert.match(error.message, /amount|message|extra/);
    }
    assert.equal(serverRoom(room).state.count, 0);
    assert.equal(left, false);
    assert.deepEqual(await room.request('add', { amount: 2 }), { count: 2 });
    assert.equal((await world().store.load(serverRoom(room).state.stream)).length, 1);
  });

  it("refuses a spectator's add with NOT_AUTHORIZED and changes nothing", async () => {
    const room = await create();
    const watcher = await join(room.roomId, outsider());
    const managerWatching = await join(room.roomId, manager(), { spectate: true });
    assert.equal(await rejectionCode(watcher.request('add', { amount: 1 })), 'NOT_AUTHORIZED');
    assert.equal(await rejectionCode(managerWatching.request('add', { amount: 1 })), 'NOT_AUTHORIZED');
    const errors = errorsOf(watcher);
    watcher.send('add', { amount: 1 });
    await eventually(() => errors.length === 1, 'the error message');
    assert.equal(errors[0].code, 'NOT_AUTHORIZED');
    assert.equal(errors[0].type, 'add');
    assert.equal(serverRoom(room).state.count, 0);
    assert.deepEqual(await world().store.load(serverRoom(room).state.stream), []);
  });

  it('sends a rule refusal to its sender only, and changes nothing', async () => {
    const room = await create();
    const sender = await join(room.roomId, manager());
    const bystander = errorsOf(room);
    const senderErrors = errorsOf(sender);
    assert.equal(await rejectionCode(sender.request('add', { amount: UNLUCKY })), 'UNLUCKY');
    sender.send('add', { amount: UNLUCKY });
    await eventually(() => senderErrors.length === 1, 'the sender to hear of its refusal');
    assert.deepEqual(senderErrors[0], { code: 'UNLUCKY', message: `${UNLUCKY} is not allowed`, type: 'add' });
    // A round-trip by the bystander after the refusal: anything sent its way would have arrived.
    assert.deepEqual(await room.request('whoami', {}), { userId: commish().userId, username: commish().username, role: 'commissioner', teamId: null, member: true });
    await delay(50);
    assert.deepEqual(bystander, []);
    assert.equal(serverRoom(room).state.count, 0);
    assert.deepEqual(await world().store.load(serverRoom(room).state.stream), []);
  });

  it('answers RETRY when the commit fails, and neither applies nor writes anything', async () => {
    const room = await create();
    assert.deepEqual(await room.request('add', { amount: 5 }), { count: 5 });
    assert.equal(await rejectionCode(room.request('fail', {})), 'RETRY');
    const errors = errorsOf(room);
    room.send('fail', {});
    await eventually(() => errors.length === 1, 'the error message');
    assert.deepEqual([errors[0].code, errors[0].type], ['RETRY', 'fail']);

    const held = serverRoom(room);
    assert.equal(held.state.count, 5);
    assert.deepEqual([...held.state.log], [`${commish().username}+5`]);
    assert.deepEqual((await world().store.load(held.state.stream)).map((e) => e.seq), [1]);
    // The room carries on from where it was: the next event takes the next seq.
    assert.deepEqual(await room.request('add', { amount: 1 }), { count: 6 });
    assert.deepEqual((await world().store.load(held.state.stream)).map((e) => [e.seq, e.payload.before]), [[1, 0], [2, 5]]);
  });

  it("does not fail one room's actions for another room's failing commit in the same batch", async () => {
    const failing = await create();
    const healthy = await create(manager());
    const [fails, adds] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => rejectionCode(failing.request('fail', {})))),
      Promise.all(Array.from({ length: 10 }, () => healthy.request('add', { amount: 2 }) as Promise<{ count: number }>)),
    ]);
    assert.deepEqual(fails, Array(10).fill('RETRY'));
    assert.deepEqual(adds.map((r) => r.count).sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => 2 * (i + 1)));
    assert.equal((await world().store.load(serverRoom(healthy).state.stream)).length, 10);
    assert.deepEqual(await world().store.load(serverRoom(failing).state.stream), []);
  });

  it('answers an unknown message type with UNKNOWN_MESSAGE', async () => {
    const room = await create();
    const errors = errorsOf(room);
    // Inherited property names must not resolve to handlers (colyseus/colyseus#951).
    const types = ['teleport', 'constructor', '__proto__', 'toString'];
    for (const type of types) room.send(type, { to: 'mars' });
    await eventually(() => errors.length === types.length, 'an error message per unknown type');
    assert.deepEqual(errors.map((e) => [e.code, e.type]), types.map((type) => ['UNKNOWN_MESSAGE', type]));
    // A request has no '*' fallback in Colyseus: it is refused by the framework (no code of ours).
    await assert.rejects(room.request('teleport', {}));
    assert.deepEqual(await room.request('add', { amount: 1 }), { count: 1 });
  });

  it('contains a throwing handler and a throwing timer: the process, other rooms and the room itself keep serving', async () => {
    const crashing = await create();
    const other = await create(manager());
    crashing.send('crash', {});
    crashing.send('crashLater', {});
    const held = serverRoom(crashing);
    await eventually(() => held.uncaught.length === 2, 'both errors to reach onUncaughtException');
    assert.deepEqual(held.uncaught.map((u) => u.message).sort(), ['boom', 'boom later']);
    assert.deepEqual(await other.request('add', { amount: 3 }), { count: 3 });
    assert.deepEqual(await crashing.request('add', { amount: 4 }), { count: 4 });
    assert.equal(crashing.connection.isOpen, true);
    assert.deepEqual(serverRoom(other).uncaught, []);
  });

  it('refuses actions past 200 waiting in the queue with BUSY, and serves every other one in order', async () => {
    const room = await create();
    const clients = [room];
    for (let i = 0; i < 5; i++) clients.push(await join(room.roomId, manager()));
    // 6 x 38 = 228 requests at once: each client stays under its 40 messages a second.
    const outcomes = await Promise.all(clients.flatMap((c) => Array.from({ length: 38 }, () =>
      (c.request('add', { amount: 1 }) as Promise<{ count: number }>).then((r) => r.count, codeOf))));
    const served = outcomes.filter((o): o is number => typeof o === 'number').sort((a, b) => a - b);
    const refused = outcomes.filter((o) => typeof o !== 'number');
    assert.ok(refused.length > 0, 'nothing was refused');
    assert.ok(refused.every((code) => code === 'BUSY'), `refusals: ${[...new Set(refused)].join(', ')}`);
    assert.deepEqual(served, Array.from({ length: served.length }, (_, i) => i + 1));
    assert.equal(serverRoom(room).state.count, served.length);
    assert.equal((await world().store.load(serverRoom(room).state.stream)).length, served.length);
  });

  it('refuses a user\'s actions past 50 of his waiting with BUSY, whatever his clients: the others are not crowded out', async () => {
    const room = await create();
    const flooders = [];
    for (let i = 0; i < 5; i++) flooders.push(await join(room.roomId, manager()));
    // One user, 5 sockets x 30 = 150 requests at once (each socket under its 40 a second); the commissioner's one among them.
    const flood = flooders.flatMap((c) => Array.from({ length: 30 }, () => (c.request('add', { amount: 1 }) as Promise<unknown>).then(() => 'ok', codeOf)));
    const theirs = (room.request('add', { amount: 1 }) as Promise<unknown>).then(() => 'ok', codeOf);
    const outcomes = await Promise.all(flood);
    assert.equal(await theirs, 'ok', 'the commissioner is served');
    const refused = outcomes.filter((o) => o !== 'ok');
    assert.ok(refused.length > 0 && outcomes.length - refused.length < 150, `his waiting actions are capped (${outcomes.length - refused.length} served)`);
    assert.ok(refused.every((code) => code === 'BUSY'), `refusals: ${[...new Set(refused)].join(', ')}`);
    assert.deepEqual(await flooders[0].request('add', { amount: 1 }), { count: serverRoom(room).state.count }, 'served again once his wait is over');
  });

  it('drops a client flooding far past 40 messages a second while the others in the room keep working', async () => {
    const room = await create();
    const flooder = await join(room.roomId, manager());
    const closed = new Promise<number>((resolve) => flooder.onLeave((code) => resolve(code)));
    for (let i = 0; i < 200; i++) flooder.send('add', { amount: 1 });
    assert.equal(await closed, CloseCode.WITH_ERROR);

    const reply = await room.request('add', { amount: 1 }) as { count: number };
    const held = serverRoom(room);
    await eventually(() => held.clients.length === 1, 'the flooder to be gone');
    const flooded = reply.count - 1;
    assert.ok(flooded > 0 && flooded <= 41, `${flooded} of the 200 flooded messages were served`);
    assert.equal((await world().store.load(held.state.stream)).length, reply.count);
    assert.deepEqual(await room.request('add', { amount: 1 }), { count: reply.count + 1 });
  });
}

describe('LeagueRoom base on PostgreSQL (through the counter fixture)', () => {
  const server = useTestServer({ rooms: COUNTER_ROOMS, truncate: 'once' });
  let commish: Signed;
  let manager: Signed;
  let outsider: Signed;
  let leagueId: string;
  let teamId: string;
  const world = (): CounterWorld => ({ baseUrl: server.baseUrl, colyseus: server.colyseus, store: server.app.store, commish, manager, outsider, leagueId, teamId });
  const { client, counters, create, join, serverRoom } = counterRooms(world);

  before(async () => {
    commish = await signUp(server.baseUrl, 'commish');
    manager = await signUp(server.baseUrl, 'mgr');
    outsider = await signUp(server.baseUrl, 'outsider');
    // Public, so a signed-in stranger may watch (a private league's rooms refuse him: test/security/visibility.test.ts).
    const league = await commish.client.post('/api/v1/leagues', { name: 'Counter League', sport: 'football', visibility: 'public' });
    assert.equal(league.status, 201);
    leagueId = league.body.id;
    const team = await commish.client.post(`/api/v1/leagues/${leagueId}/teams`, { name: 'Counters', ownerId: manager.userId });
    assert.equal(team.status, 201);
    teamId = team.body.id;
  });

  it('refuses to join without a token or with a forged, expired or unsigned one', async () => {
    const room = await create();
    const claims = { userId: manager.userId, username: manager.username, sessionId: crypto.randomUUID() };
    const forged = await tokenService('not-the-server-secret-not-the-server-secret', 3600).issue(claims);
    const now = Math.floor(Date.now() / 1000);
    const signed = (exp: number) => new SignJWT({ username: manager.username, sid: claims.sessionId }).setProtectedHeader({ alg: 'HS256' })
      .setSubject(manager.userId).setIssuer('clubhouse').setIssuedAt(now - 120).setExpirationTime(exp).sign(TEST_JWT_KEY);
    assert.ok(await server.app.tokens.verify(await signed(now + 60)), 'the test key is the server key');
    const expired = await signed(now - 60);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: manager.userId, username: manager.username, iss: 'clubhouse', exp: now + 60 })}.`;
    const options = { leagueId, counterId: counters.get(room.roomId) };
    for (const token of [undefined, forged, expired, unsigned, 'not.a.jwt', `${manager.token}x`]) {
      await assert.rejects(client(token).joinById(room.roomId, options), { code: AUTH_FAILED }, `joined with token ${String(token)}`);
    }
    await assert.rejects(client().joinOrCreate('counter', { leagueId, counterId: randomUUID() }), { code: AUTH_FAILED }, 'opened a room without a token');
    assert.equal(serverRoom(room).clients.length, 1, 'only the creator is in the room');
  });

  it('seats a signed-in non-member of a public league as a spectator, and {spectate: true} makes even a manager one', async () => {
    const room = await create();
    const asManager = await join(room.roomId, manager);
    const asOutsider = await join(room.roomId, outsider);
    const managerWatching = await join(room.roomId, manager, { spectate: true });
    assert.deepEqual(await room.request('whoami', {}),
      { userId: commish.userId, username: commish.username, role: 'commissioner', teamId: null, member: true });
    assert.deepEqual(await asManager.request('whoami', {}),
      { userId: manager.userId, username: manager.username, role: 'manager', teamId, member: true });
    assert.deepEqual(await asOutsider.request('whoami', {}),
      { userId: outsider.userId, username: outsider.username, role: 'spectator', teamId: null, member: false });
    assert.deepEqual(await managerWatching.request('whoami', {}),
      { userId: manager.userId, username: manager.username, role: 'spectator', teamId: null, member: true });
  });

  actionCases(world);
});

describe('LeagueRoom base in memory: MemoryEventLog and MemorySeats, no PostgreSQL', () => {
  let server: MemoryServer;
  let users: Pick<CounterWorld, 'commish' | 'manager' | 'outsider' | 'teamId'>;
  const leagueId = randomUUID();
  before(async () => {
    server = await startMemoryServer(COUNTER_ROOMS);
    const teamId = randomUUID();
    users = {
      teamId,
      commish: server.seats.add('commish', { role: 'commissioner', teamId: null, member: true }),
      manager: server.seats.add('mgr', { role: 'manager', teamId, member: true }),
      outsider: server.seats.add('outsider', { role: 'spectator', teamId: null, member: false }),
    };
  });
  after(async () => { await server.close(); });

  actionCases(() => ({ baseUrl: server.baseUrl, colyseus: server.colyseus, store: server.store, leagueId, ...users }));
});
