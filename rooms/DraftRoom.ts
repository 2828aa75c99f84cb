import { ServerError } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import * as rules from '../src/draft/index.ts';
import type { DraftEvent, DraftState as RulesState, Outcome, Pool } from '../src/draft/index.ts';
import { loadDraftForRoom } from '../src/draft/service.ts';
import { ruleError } from '../src/rules/rule-error.ts';
import { projectionsFor } from '../src/draft/projections.ts';
import { DraftState } from '../schema/DraftState.ts';
import { LeagueRoom, type SeatClient } from './base/LeagueRoom.ts';
import type { Seat } from './base/seat.ts';
import { draftJoinOptions, draftMessages as m } from './draft/messages.ts';
import { createDraftState, syncDraftState } from './draft/sync.ts';

/** How long a dropped manager's seat is held for reconnection. */
const RECONNECT_SECONDS = 30;
/** serverTime refresh, for client countdowns: clients interpolate between refreshes, and 500 rooms
 * at 1 s cost 6,000 patches a second for nothing else. */
const SERVER_TIME_INTERVAL_MS = 5000;
/** Committed actions are pushed at once (broadcastPatch); the patch tick only carries presence
 * and serverTime, and is the resolution of the pick clock: 100 ms is plenty for 30-90 s clocks. */
const PATCH_RATE_MS = 100;
/** A server pick that could not be stored is tried again after this long. */
const SYSTEM_RETRY_MS = 1000;
/** Chat: messages per client per window, so one client cannot drown the room. */
const CHAT_LIMIT = { points: 5, duration: 10 };

const MANAGERS = { roles: ['manager', 'commissioner'] as Seat['role'][] };
const COMMISSIONER = { roles: ['commissioner'] as Seat['role'][] };

/**
 * A live draft (PROTOCOL.md "Draft room"). Translates messages into rule calls, persists the
 * events before applying them, runs the pick clock, and autopicks for teams on autopick.
 */
export class DraftRoom extends LeagueRoom<DraftState> {
  private rules!: RulesState;
  private pool!: Pool;
  private seq = 0;
  private clockTimer?: { clear(): void };
  private readonly connections = new Map<string, Set<string>>();
  private readonly chatLimiter = new RateLimiterMemory(CHAT_LIMIT);
  /** Unowned teams of a mock draft (`bots: true`), picked for by the server. */
  private bots: string[] = [];

  override async onCreate(options: unknown): Promise<void> {
    const parsed = draftJoinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(400, 'draftId must be a draft id');
    const loaded = await loadDraftForRoom(this.services.orm.em.fork(), parsed.data.draftId);
    if (!loaded) throw new ServerError(404, 'No such draft');
    const history = await this.services.store.load(loaded.draft.id);
    this.pool = loaded.pool;
    this.rules = rules.replay(rules.initialState(loaded.config), history.map((e) => e.payload as unknown as DraftEvent));
    this.seq = history.at(-1)?.seq ?? 0;
    this.setState(createDraftState(this.rules, loaded.teams));
    this.setLeague(loaded.draft.league);
    this.bots = loaded.draft.bots ? loaded.teams.filter((t) => !t.ownerId).map((t) => t.id) : [];
    await this.setMetadata({ draftId: loaded.draft.id });
    this.autoDispose = true;
    this.setPatchRate(PATCH_RATE_MS);
    this.registerActions();
    this.clock.setInterval(() => { this.state.serverTime = this.services.now(); }, SERVER_TIME_INTERVAL_MS);
    this.state.serverTime = this.services.now();
    this.afterChange();
  }

  private registerActions(): void {
    this.action('pick', m.pick, MANAGERS, (input, seat) =>
      this.run(seat, (ctx) => rules.pick(this.rules, { teamId: this.ownTeam(seat), playerId: input.playerId, pick: input.pick }, ctx)));
    this.action('queue', m.queue, MANAGERS, (input, seat) =>
      this.run(seat, (ctx) => rules.setQueue(this.rules, { teamId: this.ownTeam(seat), playerIds: input.playerIds }, ctx)));
    this.action('autopick', m.autopick, MANAGERS, (input, seat) =>
      this.run(seat, () => rules.setAutopick(this.rules, { teamId: this.ownTeam(seat), enabled: input.enabled })));
    this.action('chat', m.chat, { roles: ['manager', 'commissioner', 'spectator'] }, (input, seat, client) => this.chat(input.text, seat, client));
    this.action('start', m.start, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => this.startWithBots(ctx)));
    this.action('pause', m.pause, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.pause(this.rules, ctx)));
    this.action('resume', m.resume, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.resume(this.rules, ctx)));
    this.action('undo', m.undo, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.undo(this.rules, ctx)));
    this.action('pickFor', m.pickFor, COMMISSIONER, (input, seat) =>
      this.run(seat, (ctx) => rules.pick(this.rules, { teamId: input.teamId, playerId: input.playerId }, ctx)));
    this.action('setAutopick', m.setAutopick, COMMISSIONER, (input, seat) =>
      this.run(seat, () => rules.setAutopick(this.rules, input)));
  }

  /** A seat acts only for its own team; a commissioner without a team has none to act for. */
  private ownTeam(seat: Seat): string {
    return seat.teamId ?? '';
  }

  private startWithBots(ctx: rules.RuleContext): Outcome {
    const started = rules.start(this.rules, ctx);
    if (rules.isRuleError(started)) return started;
    const botsOn: DraftEvent[] = this.bots
      .filter((teamId) => !this.rules.autopick.includes(teamId))
      .map((teamId) => ({ type: 'autopickSet', teamId, enabled: true }));
    return { events: [...botsOn, ...started.events] };
  }

  /**
   * Runs one rule inside the serial queue: a RuleError goes back to the sender; events are
   * committed (event log + projections, one transaction) and only then applied and synced.
   */
  private async run(seat: Seat | null, decide: (ctx: rules.RuleContext) => Outcome): Promise<unknown> {
    const outcome = decide({ now: this.services.now(), pool: this.pool });
    if (rules.isRuleError(outcome)) return outcome;
    if (outcome.events.length === 0) return { ok: true };
    await this.commit(outcome.events, seat?.userId ?? null);
    this.afterChange();
    return { ok: true, currentPick: this.rules.currentPick };
  }

  private async commit(events: DraftEvent[], actor: string | null): Promise<void> {
    const before = this.rules;
    const after = rules.replay(before, events);
    const at = new Date(this.services.now());
    await this.services.store.commit({
      stream: this.rules.config.draftId,
      events: events.map((event, i) => ({ seq: this.seq + i + 1, type: event.type, payload: { ...event }, actor })),
      projections: projectionsFor(this.rules.config.draftId, events, before, after, at),
    });
    this.seq += events.length;
    this.rules = after;
    syncDraftState(this.state, after);
    // Committed: send it now rather than at the next patch tick (up to patchRate ms later).
    this.broadcastPatch();
  }

  /** Re-arms the pick clock and lets the server pick for a team on autopick. */
  private afterChange(): void {
    this.clockTimer?.clear();
    this.clockTimer = undefined;
    if (this.rules.status !== 'live') return;
    const onClock = rules.teamOnClock(this.rules);
    if (onClock && this.rules.autopick.includes(onClock)) {
      setImmediate(() => this.systemPick('autopick', (ctx) => rules.autopickIfDue(this.rules, ctx)));
      return;
    }
    if (this.rules.deadline > 0) {
      const wait = Math.max(0, this.rules.deadline - this.services.now());
      this.clockTimer = this.clock.setTimeout(() => this.systemPick('expire', (ctx) => rules.expire(this.rules, ctx)), wait);
    }
  }

  /** A pick the server makes; if it cannot be stored (database down) it is tried again shortly. */
  private systemPick(type: string, decide: (ctx: rules.RuleContext) => Outcome): void {
    void this.system(type, async () => {
      try {
        return await this.run(null, decide);
      } catch (error) {
        this.clockTimer = this.clock.setTimeout(() => this.afterChange(), SYSTEM_RETRY_MS);
        throw error;
      }
    });
  }

  private async chat(text: string, seat: Seat, client: SeatClient): Promise<unknown> {
    try {
      await this.chatLimiter.consume(client.sessionId);
    } catch {
      return ruleError('RATE_LIMITED', 'Too many chat messages; slow down');
    }
    this.broadcast('chat', { from: seat.username, teamId: seat.teamId, text, at: this.services.now() });
    return { ok: true };
  }

  override onJoin(client: SeatClient): void {
    const teamId = client.auth?.teamId;
    if (!teamId) return;
    const team = this.state.teams.find((t) => t.id === teamId);
    if (team) {
      // Hidden information: only this client's view holds its team, so only it decodes the queue.
      client.view = new StateView();
      client.view.add(team);
    }
    this.setConnected(client, true);
  }

  override async onDrop(client: SeatClient): Promise<void> {
    this.setConnected(client, false);
    try {
      await this.allowReconnection(client, RECONNECT_SECONDS);
      this.setConnected(client, true);
    } catch {
      // Did not come back in time: the clock and autopick carry on without them.
    }
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
    const team = this.state.teams.find((t) => t.id === teamId);
    if (team) team.connected = sessions.size > 0;
  }

  override async onDispose(): Promise<void> {
    this.clockTimer?.clear();
    await super.onDispose();
  }
}
