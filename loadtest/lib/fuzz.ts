/**
 * The fuzzer behind `npm run fuzz` and test/rooms/fuzz.test.ts: random and malformed messages to
 * every room kind (draft, auction, baseball) from managers and spectators, then checks that the
 * server is alive and every room's invariants hold. Deterministic for a seed (the messages; the
 * server's timing is not).
 *
 * Message kinds: a known type with a random payload (wrong types, missing and extra fields, huge
 * numbers, long and odd strings, deep nesting), an unknown type (strings and numbers), raw bytes
 * outside the protocol, an oversize message (over the transport's MAX_MESSAGE_BYTES: the server drops that
 * client), and floods (bursts well over the per-client rate: the server drops the client). A
 * dropped client is replaced by a new one, so the fuzzing goes on.
 */
import { Client, type Room } from '@colyseus/sdk';
import { seededRng, type Rng } from '../../src/dice/rng.ts';
import { Api, newRunId, type User } from './rest.ts';
import { sleep } from './stats.ts';
import { MAX_MESSAGE_BYTES } from '../../rooms/base/limits.ts';

export interface FuzzOptions {
  baseUrl: string;
  /** Messages per room kind. */
  messages: number;
  seed: number;
  /** Messages per second per fuzzing client outside the floods (the server drops clients over 40). */
  ratePerClient?: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  sent: number;
  errorsReturned: number;
  accepted: number;
  clientsDropped: number;
  /** Server process deaths or /health failures seen: must be 0. */
  crashes: number;
  invariantViolations: string[];
  byRoom: Record<string, { sent: number; errors: number; accepted: number; dropped: number }>;
}

const KNOWN: Record<string, string[]> = {
  draft: ['pick', 'queue', 'autopick', 'chat', 'start', 'pause', 'resume', 'undo', 'pickFor', 'setAutopick'],
  auction: ['nominate', 'bid', 'proxy', 'queue', 'chat', 'start', 'pause', 'resume', 'undo'],
  baseball: ['defense', 'offense', 'chat'],
};
const FIELDS = ['playerId', 'pick', 'playerIds', 'enabled', 'text', 'teamId', 'bid', 'lot', 'amount', 'max', 'steal', 'bunt',
  'hitAndRun', 'pinchHitter', 'pinchRunner', 'base', 'infieldIn', 'holdRunners', 'intentionalWalk', 'pitcher', 'fielders', '__proto__', 'constructor'];
const ODD_STRINGS = ['', ' ', '\u0000', '💥'.repeat(50), '<script>alert(1)</script>', "'; drop table players; --", '../../etc/passwd', 'NaN', '-1', '1e309'];

function randomValue(rng: Rng, depth = 0, ids: string[] = []): unknown {
  switch (rng.int(0, depth > 3 ? 6 : 9)) {
    case 0: return rng.int(-1_000_000, 1_000_000);
    case 1: return [0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308][rng.int(0, 5)];
    case 2: return ODD_STRINGS[rng.int(0, ODD_STRINGS.length - 1)];
    case 3: return 'x'.repeat(rng.int(0, 3000));
    case 4: return rng.int(0, 1) === 1;
    case 5: return null;
    case 6: return ids.length > 0 ? ids[rng.int(0, ids.length - 1)] : crypto.randomUUID();
    case 7: return Array.from({ length: rng.int(0, 5) }, () => randomValue(rng, depth + 1, ids));
    default: return randomObject(rng, depth + 1, ids);
  }
}

function randomObject(rng: Rng, depth: number, ids: string[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = rng.int(0, 4); i > 0; i--) object[FIELDS[rng.int(0, FIELDS.length - 1)]] = randomValue(rng, depth, ids);
  return object;
}

interface Target { kind: string; join: { roomName: string; options: Record<string, unknown> }; users: User[]; ids: string[] }

/** Sets up one live draft, one live auction and one managed baseball game, each with two managers. */
async function setUp(api: Api, log: (line: string) => void): Promise<{ targets: Target[]; commish: User; check: () => Promise<string[]> }> {
  const runId = newRunId();
  const commish = await api.register(`${runId}c`);
  const managers = [await api.register(`${runId}m0`), await api.register(`${runId}m1`)];
  const football = await api.rest('POST', '/api/v1/leagues', commish.token, { name: `${runId} fuzz`, sport: 'football' });
  const teamIds: string[] = [];
  for (const [i, m] of managers.entries()) {
    teamIds.push((await api.rest('POST', `/api/v1/leagues/${football.id}/teams`, commish.token, { name: `Fuzz ${i}`, ownerId: m.userId })).id);
  }
  const players = (await api.players('football', commish.token)).slice(0, 60).map((p) => p.id);
  const draft = await api.rest('POST', `/api/v1/leagues/${football.id}/drafts`, commish.token, { type: 'snake', rounds: 3, pickSeconds: 3600, order: teamIds });
  const auction = await api.rest('POST', `/api/v1/leagues/${football.id}/drafts`, commish.token, {
    type: 'auction', budget: 50, rosterSlots: 3, nominationSeconds: 3600, bidSeconds: 3600, order: teamIds,
  });
  const baseball = await api.rest('POST', '/api/v1/leagues', commish.token, { name: `${runId} fuzz bb`, sport: 'baseball' });
  const pool: Array<{ id: string; team: string }> = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: Array<{ id: string; team: string }>; nextCursor: string | null } =
      await api.rest('GET', `/api/v1/players?sport=baseball&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, commish.token);
    pool.push(...page.items);
    cursor = page.nextCursor;
  }
  const clubs = [...new Set(pool.map((p) => p.team))].sort();
  const bbTeams: string[] = [];
  for (const [i, m] of managers.entries()) {
    const team = await api.rest('POST', `/api/v1/leagues/${baseball.id}/teams`, commish.token, { name: `Fuzz ${i}`, ownerId: m.userId });
    await api.rest('POST', `/api/v1/leagues/${baseball.id}/teams/${team.id}/players`, commish.token, { playerIds: pool.filter((p) => p.team === clubs[i]).map((p) => p.id) });
    bbTeams.push(team.id);
  }
  const game = await api.rest('POST', `/api/v1/leagues/${baseball.id}/games`, commish.token, { homeTeamId: bbTeams[0], awayTeamId: bbTeams[1], decisionSeconds: 600 });
  const bbIds = pool.filter((p) => p.team === clubs[0] || p.team === clubs[1]).map((p) => p.id);

  // The commissioner starts the draft and the auction, then leaves them to the fuzzers.
  const starter = new Client(api.baseUrl);
  starter.auth.token = commish.token;
  for (const [roomName, draftId] of [['draft', draft.id], ['auction', auction.id]]) {
    const room = await starter.joinOrCreate(roomName, { draftId });
    await room.request('start', {});
    await room.leave(true);
  }
  log(`fuzz setup: draft ${draft.id}, auction ${auction.id}, game ${game.id}`);
  const users = [...managers, commish];
  const targets: Target[] = [
    { kind: 'draft', join: { roomName: 'draft', options: { draftId: draft.id } }, users, ids: [...players, ...teamIds] },
    { kind: 'auction', join: { roomName: 'auction', options: { draftId: auction.id } }, users, ids: [...players, ...teamIds] },
    { kind: 'baseball', join: { roomName: 'baseball', options: { gameId: game.id } }, users, ids: bbIds },
  ];
  return { targets, commish, check: () => invariants(api, commish, draft.id, auction.id, game.id) };
}

/** What must hold whatever was sent: read back over REST (the stored truth). */
async function invariants(api: Api, commish: User, draftId: string, auctionId: string, gameId: string): Promise<string[]> {
  const problems: string[] = [];
  const draft = await api.rest('GET', `/api/v1/drafts/${draftId}`, commish.token);
  const overall = draft.picks.map((p: { overall: number }) => p.overall);
  if (overall.some((n: number, i: number) => n !== i + 1)) problems.push(`draft: picks not numbered 1..n: ${overall.join(',')}`);
  if (new Set(draft.picks.map((p: { playerId: string }) => p.playerId)).size !== draft.picks.length) problems.push('draft: a player picked twice');
  const auction = await api.rest('GET', `/api/v1/drafts/${auctionId}`, commish.token);
  const spent = new Map<string, number>();
  for (const lot of auction.lots ?? []) if (lot.status === 'sold') spent.set(lot.winner, (spent.get(lot.winner) ?? 0) + lot.price);
  for (const [team, total] of spent) if (total > auction.config.budget) problems.push(`auction: team ${team} spent ${total} > budget`);
  const game = await api.rest('GET', `/api/v1/games/${gameId}`, commish.token);
  const runs = (half: string) => game.plays.filter((p: { half: string }) => p.half === half).reduce((s: number, p: { runs: number }) => s + p.runs, 0);
  if (runs('top') !== game.away.score || runs('bottom') !== game.home.score) problems.push('baseball: score is not the sum of the plays');
  if (game.plays.some((p: { number: number }, i: number) => p.number !== i + 1)) problems.push('baseball: plays not numbered 1..n');
  return problems;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const api = new Api(options.baseUrl);
  const rng = seededRng(options.seed);
  const rate = options.ratePerClient ?? 25;
  const report: FuzzReport = { sent: 0, errorsReturned: 0, accepted: 0, clientsDropped: 0, crashes: 0, invariantViolations: [], byRoom: {} };
  const { targets, check } = await setUp(api, log);

  const alive = async () => {
    const ok = await fetch(`${options.baseUrl}/health`).then((r) => r.status === 200, () => false);
    if (!ok) report.crashes++;
    return ok;
  };

  await Promise.all(targets.map(async (target) => {
    const tally = { sent: 0, errors: 0, accepted: 0, dropped: 0 };
    report.byRoom[target.kind] = tally;
    const rooms = new Map<number, Room>();
    const open = async (i: number): Promise<Room> => {
      const existing = rooms.get(i);
      if (existing?.connection?.isOpen) return existing;
      if (existing) { tally.dropped++; report.clientsDropped++; }
      const client = new Client(options.baseUrl);
      const user = target.users[i % target.users.length];
      client.auth.token = user.token;
      const room = await client.joinOrCreate(target.join.roomName, { ...target.join.options, ...(i === target.users.length ? { spectate: true } : {}) });
      room.reconnection.enabled = false;
      room.onMessage('*', (type) => { if (type === 'error') { tally.errors++; report.errorsReturned++; } });
      rooms.set(i, room);
      return room;
    };
    for (let n = 0; n < options.messages;) {
      const i = rng.int(0, target.users.length);
      let room: Room;
      try {
        room = await open(i);
      } catch {
        if (!(await alive())) return;
        await sleep(200);
        continue;
      }
      const burst = rng.int(0, 49) === 0 ? 120 : 1;
      for (let b = 0; b < burst && n < options.messages; b++, n++) {
        tally.sent++;
        report.sent++;
        sendOne(room, target, rng, tally, report);
      }
      await sleep(burst > 1 ? 300 : 1000 / rate / 2);
    }
    await sleep(500);
    await Promise.all([...rooms.values()].map((r) => (r.connection?.isOpen ? r.leave(true).catch(() => undefined) : undefined)));
  }));

  await alive();
  report.invariantViolations = await check().catch((error: Error) => [`could not read the rooms back: ${error.message}`]);
  return report;
}

/** One message of a random kind; requests count their answers, sends count `error` messages. */
function sendOne(room: Room, target: Target, rng: Rng, tally: { errors: number; accepted: number }, report: FuzzReport): void {
  const known = KNOWN[target.kind];
  const payload = rng.int(0, 3) === 0 ? randomValue(rng, 0, target.ids) : randomObject(rng, 0, target.ids);
  const roll = rng.int(0, 99);
  try {
    if (roll < 55) {
      const type = known[rng.int(0, known.length - 1)];
      room.request(type, payload as never).then(
        () => { tally.accepted++; report.accepted++; },
        () => { tally.errors++; report.errorsReturned++; },
      );
    } else if (roll < 75) {
      room.send(known[rng.int(0, known.length - 1)], payload as never);
    } else if (roll < 88) {
      room.send(rng.int(0, 1) ? `x${rng.int(0, 1e6)}` : (rng.int(0, 255) as never), payload as never);
    } else if (roll < 97) {
      const raw = new Uint8Array(rng.int(1, 64)).map(() => rng.int(0, 255));
      (room.connection as unknown as { send(data: Uint8Array): void }).send(raw);
    } else {
      room.send('chat', { text: 'y'.repeat(MAX_MESSAGE_BYTES + 1) });
    }
  } catch {
    // The SDK refuses to send on a closed connection: that client was dropped, a new one follows.
  }
}
