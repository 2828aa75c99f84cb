/**
 * The phases the league room kinds (draft, auction) share: users, the football pool, one league
 * per room with a team per manager and its draft over REST, one client per team joined, the
 * commissioner's start, closing. The kind supplies what its draft is and what its bots do.
 */
import type { Room } from '@colyseus/sdk';
import type { KindOptions } from '../kinds/kind.ts';
import { joinGames, sdkClient, startAndLeave } from './clients.ts';
import { Recorder } from './part.ts';
import { Api, createLeagues, newRunId, registerUsers, type NewLeague, type Player, type User } from './rest.ts';
import { sleep } from './stats.ts';

/** What every bot of one generator shares. */
export interface BotShared<O> {
  options: O;
  recorder: Recorder;
  /** The football pool, best rank first, and by id. */
  players: Player[];
  playerIndex: Map<string, Player>;
  /** False before the start and after the end: bots then neither act nor count departures. */
  running: boolean;
}

interface Closable { close(): Promise<unknown> }
export interface LeagueRoom {
  index: number;
  id: string;
  /** `poke`: look at the room's state again (the measured phase began; the bot may act now). */
  bots: Array<Closable & { room?: Room; attach(room: Room): void; poke(): void }>;
}

/** How long the open phase waits for every client to see its room live. */
const OPEN_TIMEOUT_MS = 60_000;

export interface LeagueRoomSpec<O, R> {
  roomName: string;
  label: string;
  /** Players the pool must hold (teams × picks). */
  playersNeeded: number;
  /** The room of a new league: create its draft over REST and its bots. */
  create(league: NewLeague, commish: User, api: Api, shared: BotShared<O>): Promise<R>;
}

/** Closes every client, giving up on stragglers after 10 s (a dead server must not hang the run). */
export function closeAll(clients: Closable[]): Promise<unknown> {
  return Promise.race([Promise.all(clients.map((c) => c.close())), sleep(10_000)]);
}

export class LeagueRooms<O extends KindOptions & { teams: number }, R extends LeagueRoom> {
  readonly shared: BotShared<O>;
  /** The rooms whose every client joined. */
  joined: R[] = [];
  private commishRooms: Room[] = [];
  private readonly baseUrl: string;
  private readonly count: number;
  private readonly spec: LeagueRoomSpec<O, R>;

  constructor(baseUrl: string, count: number, options: O, spec: LeagueRoomSpec<O, R>) {
    this.baseUrl = baseUrl;
    this.count = count;
    this.spec = spec;
    this.shared = { options, recorder: new Recorder(), players: [], playerIndex: new Map(), running: false };
  }

  async setup(): Promise<{ rooms: number; clients: number }> {
    const { shared, spec, baseUrl } = this;
    const { teams, setupConcurrency } = shared.options;
    const api = new Api(baseUrl);
    const runId = newRunId();
    const { commish, managers } = await registerUsers(api, runId, teams, setupConcurrency);
    shared.players = await api.players('football', commish.token);
    shared.playerIndex = new Map(shared.players.map((p) => [p.id, p]));
    if (shared.players.length < spec.playersNeeded) {
      throw new Error(`the football pool has ${shared.players.length} players; ${spec.playersNeeded} needed (seed the server: npm run seed)`);
    }
    const leagues = { runId, label: spec.label, count: this.count, commish, managers, concurrency: setupConcurrency };
    const all = await createLeagues(api, leagues, (league) => spec.create(league, commish, api, shared));
    // One SDK client per user, reused across rooms (each join is its own room connection).
    const result = await joinGames(all, {
      roomName: spec.roomName,
      joinOptions: (room) => ({ draftId: room.id }),
      commishClient: sdkClient(baseUrl, commish),
      managerClients: managers.map((user) => sdkClient(baseUrl, user)),
      concurrency: Math.max(1, Math.floor(setupConcurrency / 4)),
      countError: shared.recorder.countError,
      attach: (room, joinedRooms) => joinedRooms.forEach((joinedRoom, i) => room.bots[i].attach(joinedRoom)),
    });
    if (result.splitRooms > 0) shared.recorder.countError('SPLIT_ROOM');
    this.commishRooms = result.commishRooms;
    this.joined = all.filter((r) => this.commishRooms[r.index] && r.bots.every((b) => b.room));
    return { rooms: this.joined.length, clients: this.joined.length * teams };
  }

  /**
   * Before the measured phase: the commissioner starts every room at once and leaves, and this
   * waits until every client sees its room live. Bots do not act yet (`running` is false), so the
   * start burst's transactions and full-state patches are outside what is measured, as a peer's
   * match setup is. Rooms some client never saw live are counted (NOT_LIVE) and left out.
   */
  async open(): Promise<void> {
    await startAndLeave(this.joined.map((r) => this.commishRooms[r.index]), this.shared.recorder.countError);
    const live = (r: R) => r.bots.every((b) => b.room?.state?.status === 'live');
    const deadline = Date.now() + OPEN_TIMEOUT_MS;
    while (Date.now() < deadline && !this.joined.every(live)) await sleep(50);
    const notLive = this.joined.filter((r) => !live(r));
    for (const _ of notLive) this.shared.recorder.countError('NOT_LIVE');
    this.joined = this.joined.filter(live);
    await closeAll(notLive.flatMap((r) => r.bots));
  }

  /** The measured phase: every bot looks at its (live) room and acts; resolves with when that began. */
  async start(): Promise<number> {
    this.shared.running = true;
    const startedAt = Date.now();
    for (const room of this.joined) for (const bot of room.bots) bot.poke();
    return startedAt;
  }

  async close(): Promise<void> {
    this.shared.running = false;
    await closeAll(this.joined.flatMap((r) => r.bots));
  }
}
