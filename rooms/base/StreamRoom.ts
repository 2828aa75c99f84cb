import { RateLimiterMemory } from 'rate-limiter-flexible';
import { StateView } from '@colyseus/schema';
import { SchemaSerializer } from '@colyseus/core';
import type { Projection } from '../../src/db/event-store.ts';
import { SEQ_TAKEN } from '../../src/db/event-log.ts';
import { isRuleError, ruleError } from '../../src/rules/rule-error.ts';
import type { Outcome, RuleContext } from '../../src/rules/outcome.ts';
import { LeagueRoom, refuseIfClosing, type SeatClient } from './LeagueRoom.ts';
import type { Seat } from './seat.ts';
import { startTicking, TICK_PERIOD_MS, type Ticking } from './ticker.ts';
import { roomServices } from './services.ts';
import { SharedPatchSerializer } from './shared-patch-serializer.ts';
import { sendTogetherThisTurn } from './one-write.ts';

/** What the room's clock does next: run `decide` as a system action at `at` (epoch ms). */
export interface Scheduled<E, C extends RuleContext> { type: string; at: number; decide: (ctx: C) => Outcome<E> }

/** A server action that could not be stored (database down) is tried again after this long. */
const SYSTEM_RETRY_MS = 1000;
/** The longest delay a Node timer takes (2^31 - 1 ms). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * Patches go out only when something changed: a commit and a presence change call broadcastPatch
 * themselves, the shared ticker (./ticker.ts) refreshes serverTime every few seconds. Colyseus has
 * no "off" for its per-room patch interval (0 starts a 60 Hz clock tick instead), so the interval
 * is set to the longest a timer allows; the room clock runs on plain timers (exact, not rounded
 * up to a tick). Profiled: idle patch ticks of 100 rooms at 100 ms were ~13 % of the server's CPU.
 */
export const PATCH_ONLY_ON_CHANGE = MAX_TIMER_MS;
/** How long a dropped manager's seat is held for reconnection. */
export const RECONNECT_SECONDS = 30;
/** Chat: messages per user per window (all of a user's connections share it), so one user cannot drown the room. */
const CHAT_LIMIT = { points: 5, duration: 10 };

interface SyncedTeam { id: string; connected: boolean }

/**
 * The event-sourced part every game room shares: rebuild from the log, commit events (with
 * their projections) before applying them, push the change at once, run the clock, track who is
 * connected, private per-team views and rate-limited chat. Subclasses supply the rules.
 */
export abstract class StreamRoom<
  State extends { serverTime: number }, Rules, E extends { type: string }, C extends RuleContext,
> extends LeagueRoom<State> implements Ticking {
  /** A stream room loads its stream's config from the database and may hand work to jobs. */
  protected override readonly services = roomServices();
  protected rules!: Rules;
  protected stream = '';
  private seq = 0;
  /** The armed clock timer, and when (services.now) it fires. */
  private clockTimer?: { at: number; clear(): void };
  /** What the clock does when its time comes (a timer armed for an earlier time looks again then). */
  private clockNext: Scheduled<E, C> | null = null;
  private stopTicking?: () => void;
  /** When the room last sent a patch (services.now()): a busy room's serverTime rides on its changes. */
  private patchedAt = 0;
  private readonly connections = new Map<string, Set<string>>();
  private readonly chatLimiter = new RateLimiterMemory(CHAT_LIMIT);
  private readonly serializer = new SharedPatchSerializer();
  /** Whether a private field may have changed since the last patch (see sync). */
  private privatePending = true;

  /** Folds events into the rules' state (the same reducer live and on replay). */
  protected abstract fold(rules: Rules, events: E[]): Rules;
  protected abstract projections(events: E[], before: Rules, after: Rules, at: Date): Projection[];
  /**
   * Copies the rules' state into the synced state. Returns false when no private (view-only) field
   * changed, so the next patch is encoded once for every client; anything else counts as private.
   */
  protected abstract sync(rules: Rules): boolean | void;
  /** What every rule of this kind is passed, made afresh for each action (the clock's `now`). */
  protected abstract context(now: number): C;
  /** The next thing the clock does, or null. */
  protected abstract scheduled(): Scheduled<E, C> | null;
  /** The synced team of an id, for presence and the private view. */
  protected abstract syncedTeam(teamId: string): (SyncedTeam & object) | undefined;
  /** What a successful request answers. */
  protected abstract answer(): Record<string, unknown>;
  /** Sees every event once it is part of the room's history: restored from the log or just committed. */
  protected appended(_events: E[]): void {}
  /** Sees the events of each commit once they are stored and sent (not those restored from the log). */
  protected committed(_events: E[]): void {}
  /** Runs every few seconds with the serverTime refresh (cheap checks only). */
  protected periodic(): void {}
  /** A team's manager came in (his first connection) or left (his last): presence may move the clock. */
  protected presenceChanged(): void {}

  /** Rebuilds the rules' state from the stored log and starts the clock. */
  protected async restore(stream: string, initial: Rules): Promise<void> {
    const history = await this.services.store.load(stream);
    this.stream = stream;
    const events = history.map((e) => e.payload as unknown as E);
    this.rules = this.fold(initial, events);
    this.seq = history.at(-1)?.seq ?? 0;
    this.appended(events);
  }

  /**
   * Setting the state makes Colyseus install a plain SchemaSerializer: this room's, which also knows
   * when a patch is the same for everyone, takes its place (and is reset with the state as usual).
   */
  override setSerializer(serializer: Parameters<LeagueRoom<State>['setSerializer']>[0]): void {
    super.setSerializer(serializer instanceof SchemaSerializer ? this.serializer as never : serializer);
  }

  /** Call at the end of onCreate, once the synced state exists. */
  protected begin(): void {
    // A room opening on a process that is shutting down would run its clock after the drain.
    refuseIfClosing();
    this.autoDispose = true;
    this.patchRate = PATCH_ONLY_ON_CHANGE;
    this.state.serverTime = this.services.now();
    this.stopTicking = startTicking(this);
    this.afterChange();
  }

  /**
   * The shared ticker's call: the room's periodic checks, and a fresh serverTime for countdowns
   * unless a change carried one lately (a serverTime patch costs a fan-out like a pick's).
   */
  tick(): void {
    try {
      if (this.services.now() - this.patchedAt >= TICK_PERIOD_MS) this.patchNow();
      this.periodic();
    } catch (error) {
      this.onUncaughtException(error as Error, 'tick');
    }
  }

  /** Sends what changed now, with the current serverTime. */
  private patchNow(): void {
    this.patchedAt = this.services.now();
    this.state.serverTime = this.patchedAt;
    this.serializer.publicOnly = !this.privatePending;
    // The sender's answer follows in a few promise callbacks: one write carries both.
    if (this.sender) sendTogetherThisTurn(this.sender);
    this.broadcastPatch();
    // A patch Colyseus sends by itself takes the per-view path, as it always did.
    this.serializer.publicOnly = false;
    this.privatePending = false;
  }

  /**
   * A plain timer for the room's clock, guarded like Colyseus guards its own callbacks. A closing or
   * disposed room arms none: a commit that fails after the room was disposed (its retry is armed in
   * the failure's handler) would otherwise keep a disposed room retrying, and writing, for good.
   */
  private later(run: () => void, ms: number): { clear(): void } {
    if (this.closing) return { clear: () => {} };
    const timer = setTimeout(() => {
      try {
        run();
      } catch (error) {
        this.onUncaughtException(error as Error, 'clock');
      }
    }, ms);
    return { clear: () => clearTimeout(timer) };
  }

  /**
   * Runs one rule inside the serial queue: a RuleError goes back to the sender; events are
   * committed (event log + projections, one transaction) and only then applied and synced.
   */
  protected async run(seat: Seat | null, decide: (ctx: C) => Outcome<E>): Promise<unknown> {
    const outcome = decide(this.context(this.services.now()));
    if (isRuleError(outcome)) return outcome;
    if (outcome.events.length > 0) {
      await this.commit(outcome.events, seat?.userId ?? null);
      this.afterChange();
    }
    return { ok: true, ...this.answer() };
  }

  private async commit(events: E[], actor: string | null): Promise<void> {
    const before = this.rules;
    const after = this.fold(before, events);
    try {
      await this.services.store.commit({
        stream: this.stream,
        events: events.map((event, i) => ({ seq: this.seq + i + 1, type: event.type, payload: { ...event }, actor })),
        projections: this.projections(events, before, after, new Date(this.services.now())),
      });
    } catch (error) {
      if ((error as { constraint?: string }).constraint === SEQ_TAKEN) this.superseded();
      throw error;
    }
    this.seq += events.length;
    this.rules = after;
    this.appended(events);
    if (this.sync(after) !== false) this.privatePending = true;
    // Committed: send it now (there is no patch tick).
    this.patchNow();
    this.committed(events);
  }

  /**
   * Points the clock at whatever the rules say comes next. A pick moves the deadline later: a timer
   * already armed for an earlier time is kept, and when it fires it finds the time not yet come and
   * arms itself again for the rest. So a pick costs no timer churn (a clear, a new timer, and the
   * list Node keeps for each new delay, visited again when it lapses), only a comparison; a room
   * re-arms about once per pick clock instead of once per pick. A time earlier than the armed one
   * (resume, undo, a race lock) re-arms at once.
   */
  protected afterChange(): void {
    if (this.closing) return this.stopClock();
    const next = this.scheduled();
    if (!next) return this.stopClock();
    const now = this.services.now();
    if (next.at - now <= 0) {
      this.stopClock();
      setImmediate(() => this.systemRun(next));
      return;
    }
    this.clockNext = next;
    if (this.clockTimer && this.clockTimer.at <= next.at) return;
    this.arm(next.at, now);
  }

  /** (Re-)arms the clock timer for `at`; timers cannot wait longer than ~24.8 days: it looks again then. */
  private arm(at: number, now = this.services.now()): void {
    this.clockTimer?.clear();
    const wait = Math.min(at - now, MAX_TIMER_MS);
    this.clockTimer = { at: now + wait, clear: this.later(() => this.clockDue(), wait).clear };
  }

  /** The clock timer fired: runs what is next when its time has come, else waits for the rest. */
  private clockDue(): void {
    this.clockTimer = undefined;
    const next = this.clockNext;
    if (!next || this.closing) return;
    if (next.at > this.services.now()) return this.arm(next.at);
    this.clockNext = null;
    this.systemRun(next);
  }

  /**
   * Another copy of this room wrote the stream's next event first: two processes restored it (a
   * join racing the orphan sweep, or a process given up for dead that was not). This copy is
   * behind for good and must not serve from stale state: it closes, and its clients join again.
   */
  private superseded(): void {
    if (this.closing) return;
    this.log.warn({ roomId: this.roomId, stream: this.stream }, 'another room wrote this stream first: closing this copy');
    this.moveClients();
  }

  protected override stopClock(): void {
    this.clockTimer?.clear();
    this.clockTimer = undefined;
    this.clockNext = null;
  }

  private systemRun(next: Scheduled<E, C>): void {
    void this.system(next.type, async () => {
      try {
        // The rule sees this time or a later one: compared with it, not with the time after the
        // rule ran (a millisecond later, the refusal would look like one for another reason).
        const asked = this.services.now();
        const result = await this.run(null, next.decide);
        // A timer can fire before `next.at` by the rules' clock (libuv's loop time lags Date.now,
        // by a millisecond or, after a long busy turn, more): a rule refusing because its time has
        // not come is armed again, or the room would wait for an event that never comes.
        if (isRuleError(result as Outcome<E>) && next.at > asked) this.afterChange();
        return result;
      } catch (error) {
        this.stopClock();
        this.clockTimer = { at: this.services.now() + SYSTEM_RETRY_MS, clear: this.later(() => this.retryClock(), SYSTEM_RETRY_MS).clear };
        throw error;
      }
    });
  }

  /** The retry after a system action could not be stored: the clock looks again. */
  private retryClock(): void {
    this.clockTimer = undefined;
    this.afterChange();
  }

  protected async chat(text: string, seat: Seat): Promise<unknown> {
    try {
      await this.chatLimiter.consume(seat.userId);
    } catch {
      return ruleError('RATE_LIMITED', 'Too many chat messages; slow down');
    }
    this.broadcast('chat', { from: seat.username, teamId: seat.teamId, text, at: this.services.now() });
    return { ok: true };
  }

  override onJoin(client: SeatClient, options?: Record<string, unknown>): void {
    super.onJoin(client, options);
    const teamId = client.auth?.teamId;
    if (!teamId) return;
    const team = this.syncedTeam(teamId);
    if (team) {
      // Hidden information: only this client's view holds its team, so only it decodes the private fields.
      client.view = new StateView();
      client.view.add(team as never);
    }
    this.setConnected(client, true);
  }

  override async onDrop(client: SeatClient): Promise<void> {
    this.setConnected(client, false);
    // Not back in time (or seated anew): the clock carries on without them.
    if (await this.holdSeat(client, RECONNECT_SECONDS)) this.setConnected(client, true);
  }

  override onLeave(client: SeatClient): void {
    this.setConnected(client, false);
  }

  /** A team is connected while any of its manager's clients is (sets make repeats harmless). */
  private setConnected(client: SeatClient, connected: boolean): void {
    const teamId = client.auth?.teamId;
    if (!teamId) return;
    const sessions = this.connections.get(teamId) ?? new Set<string>();
    if (connected) sessions.add(client.sessionId);
    else sessions.delete(client.sessionId);
    this.connections.set(teamId, sessions);
    const team = this.syncedTeam(teamId);
    if (!team || team.connected === sessions.size > 0) return;
    team.connected = sessions.size > 0;
    this.presenceChanged();
    // No patch tick: presence goes out now.
    this.patchNow();
  }

  override async onDispose(): Promise<void> {
    this.stopTicking?.();
    // Closing: the clock stops and is never armed again, whatever is still under way.
    this.closing = true;
    this.stopClock();
    await super.onDispose();
  }
}
