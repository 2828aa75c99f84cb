import { CloseCode, Room, ServerError, matchMaker, type AuthContext, type Client } from '@colyseus/core';
import type { MessageContext } from '@colyseus/shared-types';
import type { z } from 'zod';
import PQueue from 'p-queue';
import { isRuleError, ruleError, type RuleError } from '../../src/rules/rule-error.ts';
import { actionLatency, roomActions, roomsOpen } from '../../src/metrics.ts';
import { log } from '../../src/log.ts';
import { baseRoomServices } from './services.ts';
import { AUTH_FAILED, BAD_JOIN, SEAT_CHANGED, type Commissioner, type Manager, type Seat, type SeatRole } from './seat.ts';
import { MANAGERS, type ActionOptions } from './roles.ts';
import { leagueSeatsTopic, type SeatsChanged } from '../../src/live/publisher.ts';

export type SeatClient = Client<{ auth: Seat }>;

/** How long a seat change is kept for the joins under way: longer than a seat reservation lives. */
const SEAT_CHANGE_MEMORY_MS = 60_000;

/** Actions waiting in one room's queue beyond which new ones are refused (flood guard). */
const MAX_QUEUED_ACTIONS = 200;
/**
 * Actions of one user waiting in a room's queue beyond which his next are refused: his clients
 * together (a user may hold many sockets, each allowed 40 messages a second) cannot fill the
 * room's queue and leave every other manager BUSY.
 */
export const MAX_QUEUED_PER_USER = 50;
/** Messages per second per client before Colyseus drops the client. */
const MAX_MESSAGES_PER_SECOND = 40;

/**
 * The close code of a graceful shutdown: the SDK treats 4010 as "may try to reconnect" (onDrop,
 * not onLeave). The room has moved: the client joins again (PROTOCOL.md "Reconnecting"), and the
 * next join rebuilds it from its log on another process. Colyseus's own 4001 is final for the SDK.
 */
export const ROOM_MOVED = CloseCode.MAY_TRY_RECONNECT;

/** This process's rooms, so a shutdown can drain them all before the matchmaker closes them. */
const openRooms = new Set<LeagueRoom<object>>();
/** True while shutdownRooms drains: no room is created (restored) here any more. */
let draining = false;

/**
 * Graceful shutdown of this process's rooms. First every room refuses new actions (RETRY), stops
 * its clock and finishes the actions under way, whose answers reach their senders; the rooms stay
 * listed (not locked) meanwhile, so joins keep landing here rather than restoring a second copy
 * elsewhere from a log that is still being written. Only then does the matchmaker lock, unlist and
 * close them (onBeforeShutdown: ROOM_MOVED to every client) and wait until each is disposed.
 */
export async function shutdownRooms(): Promise<void> {
  draining = true;
  try {
    await Promise.all([...openRooms].map((room) => room.drain()));
    await matchMaker.gracefullyShutdown();
  } finally {
    draining = false;
  }
}

/** Refuses to create a room on a process that is shutting down (the client joins elsewhere). */
export function refuseIfClosing(): void {
  if (draining || matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) {
    throw new ServerError(503, 'This server is shutting down; join again');
  }
}

/**
 * The metrics of every action, bound to their labels once: prom-client otherwise validates and
 * hashes the label object on each observation (a few µs of every pick). Labels are room kinds,
 * action types and outcomes, all code constants, so these maps stay small.
 */
const latencyByRoom = new Map<string, ReturnType<typeof actionLatency.labels>>();
const countByLabels = new Map<string, ReturnType<typeof roomActions.labels>>();

function actionSeconds(room: string): ReturnType<typeof actionLatency.labels> {
  let child = latencyByRoom.get(room);
  if (!child) latencyByRoom.set(room, child = actionLatency.labels({ room }));
  return child;
}

function actionCount(room: string, action: string, outcome: 'ok' | 'rejected' | 'failed'): ReturnType<typeof roomActions.labels> {
  const key = `${room}\u0000${action}\u0000${outcome}`;
  let child = countByLabels.get(key);
  if (!child) countByLabels.set(key, child = roomActions.labels({ room, action, outcome }));
  return child;
}

/** The seat of a sender the action's roles admit. */
type SeatAs<R extends SeatRole> = Extract<Seat, { role: R }>;
type Handler<S extends z.ZodType, R extends SeatRole> = (input: z.infer<S>, seat: SeatAs<R>, client: SeatClient) => Promise<unknown> | unknown;

function seatedAs<R extends SeatRole>(seat: Seat | undefined, roles: readonly R[]): seat is SeatAs<R> {
  return seat !== undefined && (roles as readonly SeatRole[]).includes(seat.role);
}

/**
 * The shared base of every league room: turns a token into a Seat at join, parses each message
 * with zod, checks the role, and runs actions one at a time (validate, persist, apply never
 * interleave within a room). A rejected action answers its sender only and changes nothing.
 */
export abstract class LeagueRoom<State extends object> extends Room<{ state: State; client: SeatClient }> {
  protected leagueId = '';
  /** The join options that name this room's stream (its filterBy, e.g. {draftId}). */
  private streamKey: Record<string, string> = {};
  protected readonly services = baseRoomServices();
  protected readonly actions = new PQueue({ concurrency: 1 });
  /** The client whose action is running in the queue; null while the clock's or a bot's runs. */
  protected sender: SeatClient | null = null;
  protected readonly log = log.child({ room: this.constructor.name });
  /** Draining for a shutdown: new actions are refused, the queue runs dry. */
  protected closing = false;
  /** Clients closed because their seat changed: their seat is not held for a reconnection. */
  private readonly reseated = new Set<string>();
  /** Seat changes of the last SEAT_CHANGE_MEMORY_MS, oldest first (see rememberSeatChange). */
  private readonly recentSeatChanges: Array<{ at: number; named: (seat: Seat) => boolean }> = [];
  /** Actions waiting in the queue, by the user who sent them. */
  private readonly queuedBy = new Map<string, number>();
  /** Seats held for a dropped client's reconnection, by session: a seat change ends the wait. */
  private readonly held = new Map<string, { seat: Seat; end(): void }>();

  constructor() {
    super();
    this.maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;
  }

  /**
   * Subclasses name the league and the stream in onCreate (from the database, never from client
   * options): `stream` is what a join must name to be seated here, e.g. {draftId}.
   */
  protected setLeague(leagueId: string, stream: Record<string, string>): void {
    this.leagueId = leagueId;
    this.streamKey = stream;
    openRooms.add(this);
    roomsOpen.inc({ room: this.roomName });
    this.onMessage('*', (client, type) => {
      this.reply(client as SeatClient, undefined, String(type), { code: 'UNKNOWN_MESSAGE', message: `Unknown message "${String(type)}"` });
    });
    this.presence.subscribe(leagueSeatsTopic(leagueId), this.onSeatsChanged)
      .catch((error: unknown) => this.log.error({ err: error, roomId: this.roomId }, 'seat changes subscription failed'));
  }

  /**
   * A seat is decided once, at the join (role, team, the private view): when the league changes it
   * (src/leagues/admin.ts), the clients it named are closed with ROOM_MOVED and join again, seated
   * as they are now; a seat held for a reconnection is let go.
   */
  private readonly onSeatsChanged = (change: SeatsChanged) => {
    // From the presence (Redis: another process, maybe of another version): nothing else is trusted to be there.
    if (typeof change !== 'object' || change === null) return;
    const named = (seat: Seat) => ('nonMembers' in change ? !seat.member : Array.isArray(change.userIds) && change.userIds.includes(seat.userId));
    this.rememberSeatChange(named);
    for (const client of [...this.clients]) {
      if (!client.auth || !named(client.auth)) continue;
      this.reseated.add(client.sessionId);
      client.leave(ROOM_MOVED);
    }
    for (const hold of this.held.values()) if (named(hold.seat)) hold.end();
    this.seatsChanged();
  };

  /** Subclasses that keep who manages which team read it again here. */
  protected seatsChanged(): void {}

  /**
   * A seat change is kept a while for the joins under way: one seated at matchmaking before the
   * change reached this room is not in `clients` yet, so the change could not close it.
   */
  private rememberSeatChange(named: (seat: Seat) => boolean): void {
    const now = Date.now();
    while (this.recentSeatChanges.length > 0 && this.recentSeatChanges[0].at < now - SEAT_CHANGE_MEMORY_MS) this.recentSeatChanges.shift();
    this.recentSeatChanges.push({ at: now, named });
  }

  /**
   * Whether a seat change that names this seat reached the room after the seat was decided. (A
   * seat decided on another process compares that process's clock: kept in step by NTP; a client
   * closed by a change and joining again is decided after it, so it is let in.)
   */
  private seatChangedSince(seat: Seat): boolean {
    const decidedAt = seat.decidedAt ?? 0;
    return this.recentSeatChanges.some((change) => change.at > decidedAt && change.named(seat));
  }

  /**
   * Holds a dropped client's seat for `seconds`: resolves with the client that came back, or null
   * (it did not; or its seat changed, and it must join again).
   */
  protected async holdSeat(client: SeatClient, seconds: number): Promise<SeatClient | null> {
    if (this.reseated.delete(client.sessionId) || !client.auth) return null;
    const reconnection = this.allowReconnection(client, seconds);
    this.held.set(client.sessionId, { seat: client.auth, end: () => reconnection.reject(new Error('seat changed')) });
    try {
      return (await reconnection) as SeatClient;
    } catch {
      return null;
    } finally {
      this.held.delete(client.sessionId);
    }
  }

  /**
   * Seats a client at matchmaking, before any room exists for its join (rooms/base/matchmaking.ts).
   * Each kind answers with admit() for its stream (rooms/base/admission.ts); a kind that does not
   * is closed to everyone. Colyseus calls this unbound: it cannot look at `this`.
   */
  static override async onAuth(_token: string, _options: unknown, _context: AuthContext): Promise<Seat> {
    throw new ServerError(AUTH_FAILED, 'This room kind seats nobody');
  }

  /**
   * The seat was resolved at matchmaking for the stream the join options name; a joinById may
   * carry options naming another stream (another league, where the client has another role):
   * it is refused here, before the client is in the room.
   */
  override onJoin(client: SeatClient, options?: Record<string, unknown>): void | Promise<void> {
    if (!client.auth) throw new ServerError(AUTH_FAILED, 'A valid token is required to join');
    const other = Object.entries(this.streamKey).find(([key, value]) => options?.[key] !== value);
    if (other) throw new ServerError(BAD_JOIN, `This room is for ${other[0]} ${other[1]}: the join must name it`);
    // Refused before the client is in (and sees a private view): joining again seats it as it is now.
    if (this.seatChangedSince(client.auth)) throw new ServerError(SEAT_CHANGED, 'Your place in this league changed as you joined: join again');
  }

  /**
   * Registers an action: `handler` runs in the room's serial queue and returns a value for the
   * sender (the request's answer) or a RuleError (the sender's error; nothing changed).
   */
  protected action<S extends z.ZodType, R extends SeatRole>(type: string, schema: S, options: ActionOptions<R>, handler: Handler<S, R>): void {
    this.onMessage(type, (client: SeatClient, raw: unknown, ctx: MessageContext) =>
      this.handle(type, schema, options, handler, client, raw, ctx));
  }

  /**
   * An action for the sender's own team: managers, and the commissioner when he owns one. A
   * commissioner without a team is told so (NO_TEAM) rather than that it is not his turn.
   */
  protected teamAction<S extends z.ZodType>(
    type: string, schema: S, handler: (input: z.infer<S>, teamId: string, seat: Manager | Commissioner) => Promise<unknown> | unknown,
  ): void {
    this.action(type, schema, MANAGERS, (input, seat) => (seat.teamId === null
      ? ruleError('NO_TEAM', `You own no team in this league: nobody to ${type} for`)
      : handler(input, seat.teamId, seat)));
  }

  /** Runs a system action (clock expiry, bots) through the same queue as client actions. */
  protected system(type: string, run: () => Promise<unknown> | unknown): Promise<unknown> {
    // A draining room writes nothing new: the room that restores it runs its clock.
    if (this.closing) return Promise.resolve(undefined);
    return this.enqueue(type, run).catch((error) => {
      this.log.error({ err: error, roomId: this.roomId, type }, 'system action failed');
    });
  }

  private async handle<S extends z.ZodType, R extends SeatRole>(
    type: string, schema: S, options: ActionOptions<R>, handler: Handler<S, R>, client: SeatClient, raw: unknown, ctx: MessageContext,
  ): Promise<unknown> {
    const parsed = schema.safeParse(raw ?? {});
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`);
      return this.reply(client, ctx, type, { code: 'INVALID_PAYLOAD', message: `Invalid ${type}: ${fields.join('; ')}` });
    }
    const seat = client.auth;
    if (!seatedAs(seat, options.roles)) {
      return this.reply(client, ctx, type, { code: 'NOT_AUTHORIZED', message: `${seat?.role ?? 'Unknown client'} may not ${type}` });
    }
    if (options.membersOnly && !seat.member) {
      return this.reply(client, ctx, type, { code: 'NOT_AUTHORIZED', message: `Only members of this league may ${type}` });
    }
    if (this.closing) {
      return this.reply(client, ctx, type, { code: 'RETRY', message: 'This room is moving to another server; join again and retry' });
    }
    if (this.actions.size >= MAX_QUEUED_ACTIONS) {
      return this.reply(client, ctx, type, { code: 'BUSY', message: 'The room is busy; try again' });
    }
    const waiting = this.queuedBy.get(seat.userId) ?? 0;
    if (waiting >= MAX_QUEUED_PER_USER) {
      return this.reply(client, ctx, type, { code: 'BUSY', message: 'Your earlier actions are still being done; wait for their answers' });
    }
    this.queuedBy.set(seat.userId, waiting + 1);
    try {
      return await this.queued(type, handler, parsed.data, seat, client, ctx);
    } finally {
      const left = (this.queuedBy.get(seat.userId) ?? 1) - 1;
      if (left > 0) this.queuedBy.set(seat.userId, left);
      else this.queuedBy.delete(seat.userId);
    }
  }

  /** Runs an admitted action in the room's queue and answers its sender. */
  private async queued<S extends z.ZodType, R extends SeatRole>(
    type: string, handler: Handler<S, R>, input: z.infer<S>, seat: SeatAs<R>, client: SeatClient, ctx: MessageContext,
  ): Promise<unknown> {
    try {
      const result = await this.enqueue(type, async () => {
        this.sender = client;
        try {
          return await handler(input, seat, client);
        } finally {
          this.sender = null;
        }
      });
      return isRuleError(result) ? this.reply(client, ctx, type, result) : result;
    } catch (error) {
      // Persistence failed or a bug: nothing was applied, the client may retry.
      this.log.error({ err: error, roomId: this.roomId, type, userId: seat.userId }, 'action failed');
      actionCount(this.roomName, type, 'failed').inc();
      return this.reply(client, ctx, type, { code: 'RETRY', message: 'Could not complete that now; try again' });
    }
  }

  private async enqueue(type: string, run: () => Promise<unknown> | unknown): Promise<unknown> {
    const started = performance.now();
    const result = await this.actions.add(async () => run());
    actionSeconds(this.roomName).observe((performance.now() - started) / 1000);
    actionCount(this.roomName, type, isRuleError(result) ? 'rejected' : 'ok').inc();
    return result;
  }

  /** A refusal: rejects a request, or sends `error` to a plain message's sender. */
  protected reply(client: SeatClient, ctx: MessageContext | undefined, type: string, error: RuleError): undefined {
    if (ctx?.id !== undefined) {
      ctx.reject({ code: error.code, message: error.message });
      return undefined;
    }
    client.send('error', { code: error.code, message: error.message, type });
    return undefined;
  }

  /** Stops taking actions and resolves once those under way are committed and answered. */
  async drain(): Promise<void> {
    this.closing = true;
    this.stopClock();
    await this.actions.onIdle();
    // The last answers are sent a few microtasks after the queue settles: let them out first.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Subclasses with a clock stop it here (drain). */
  protected stopClock(): void {}

  /**
   * Closes this room for good: drain, then close every client with ROOM_MOVED, so they join again
   * and land in the room that carries on (elsewhere, or rebuilt from the log on their join).
   */
  protected moveClients(): void {
    void this.drain()
      .then(() => this.disconnect(ROOM_MOVED))
      .catch((error) => this.log.error({ err: error, roomId: this.roomId }, 'closing the room failed'));
  }

  /**
   * Called by the matchmaker's graceful shutdown (the room is locked by then; shutdownRooms has
   * drained it already): clients get ROOM_MOVED rather than Colyseus's 4001.
   */
  override onBeforeShutdown(): void {
    this.moveClients();
  }

  /** Any uncaught error in this room is logged and contained: other rooms keep serving. */
  override onUncaughtException(error: Error, method: string): void {
    this.log.error({ err: error, roomId: this.roomId, method }, 'uncaught exception in room');
  }

  override async onDispose(): Promise<void> {
    openRooms.delete(this);
    if (this.leagueId) this.presence.unsubscribe(leagueSeatsTopic(this.leagueId), this.onSeatsChanged);
    await this.actions.onIdle();
    if (this.leagueId) roomsOpen.dec({ room: this.roomName });
  }
}
