import { ServerError, type AuthContext } from '@colyseus/core';
import * as rules from '../src/draft/index.ts';
import type { DraftEvent, DraftState } from '../src/draft/index.ts';
import { loadDraftForRoom } from '../src/draft/service.ts';
import { projectionsFor } from '../src/draft/projections.ts';
import type { Projection } from '../src/db/event-store.ts';
import type { PoolContext } from '../src/rules/outcome.ts';
import type { Pool } from '../src/draft/types.ts';
import { DraftRoomState } from '../schema/DraftRoomState.ts';
import { StreamRoom, type Scheduled } from './base/StreamRoom.ts';
import type { Seat } from './base/seat.ts';
import { admitToDraft } from './base/streams.ts';
import { draftMessages as m } from './draft/messages.ts';
import { draftJoinOptions } from './base/messages.ts';
import { COMMISSIONER, MEMBERS } from './base/roles.ts';
import { createDraftState, syncDraftState } from './draft/sync.ts';

/**
 * A live draft (PROTOCOL.md "Draft room"). Translates messages into rule calls; the StreamRoom
 * base persists the events before applying them and runs the pick clock.
 */
export class DraftRoom extends StreamRoom<DraftRoomState, DraftState, DraftEvent, PoolContext> {
  /** Every player of the sport, by id: what the rules pick from. */
  private pool: Pool = new Map();
  /** Unowned teams of a mock draft (`bots: true`), picked for by the server. */
  private bots: string[] = [];
  /** When a scheduled draft starts by itself (epoch ms); 0 when only the commissioner starts it. */
  private scheduledAt = 0;

  /** Seats a join at matchmaking, before a room is found or opened for it (rooms/base/admission.ts). */
  static override onAuth(token: string, options: unknown, _context: AuthContext): Promise<Seat> {
    return admitToDraft(token, options);
  }

  override async onCreate(options: unknown): Promise<void> {
    const parsed = draftJoinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(400, 'draftId must be a draft id');
    const loaded = await loadDraftForRoom(this.services.orm.em.fork(), parsed.data.draftId);
    if (!loaded) throw new ServerError(404, 'No such draft');
    this.pool = loaded.pool;
    await this.restore(loaded.draft.id, rules.initialState(loaded.config));
    this.setState(createDraftState(this.rules, loaded.teams));
    this.setLeague(loaded.draft.league, { draftId: loaded.draft.id });
    this.bots = loaded.draft.bots ? loaded.teams.filter((t) => !t.ownerId).map((t) => t.id) : [];
    this.scheduledAt = loaded.draft.scheduledAt?.getTime() ?? 0;
    await this.setMetadata({ draftId: loaded.draft.id });
    this.registerActions();
    this.begin();
  }

  private registerActions(): void {
    this.teamAction('pick', m.pick, (input, teamId, seat) =>
      this.run(seat, (ctx) => rules.pick(this.rules, { teamId, playerId: input.playerId, pick: input.pick }, ctx)));
    this.teamAction('queue', m.queue, (input, teamId, seat) =>
      this.run(seat, (ctx) => rules.setQueue(this.rules, { teamId, playerIds: input.playerIds }, ctx)));
    this.teamAction('autopick', m.autopick, (input, teamId, seat) =>
      this.run(seat, () => rules.setAutopick(this.rules, { teamId, enabled: input.enabled })));
    this.action('chat', m.chat, MEMBERS, (input, seat) => this.chat(input.text, seat));
    this.action('start', m.start, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => this.startWithBots(ctx)));
    this.action('pause', m.pause, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.pause(this.rules, ctx)));
    this.action('resume', m.resume, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.resume(this.rules, ctx)));
    this.action('undo', m.undo, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.undo(this.rules, ctx)));
    this.action('pickFor', m.pickFor, COMMISSIONER, (input, seat) =>
      this.run(seat, (ctx) => rules.pick(this.rules, { teamId: input.teamId, playerId: input.playerId }, ctx)));
    this.action('setAutopick', m.setAutopick, COMMISSIONER, (input, seat) =>
      this.run(seat, () => rules.setAutopick(this.rules, input)));
  }

  private startWithBots(ctx: PoolContext): rules.Outcome {
    const started = rules.start(this.rules, ctx);
    if (rules.isRuleError(started)) return started;
    const botsOn: DraftEvent[] = this.bots
      .filter((teamId) => !this.rules.autopick.includes(teamId))
      .map((teamId) => ({ type: 'autopickSet', teamId, enabled: true }));
    return { events: [...botsOn, ...started.events] };
  }

  protected fold(state: DraftState, events: DraftEvent[]): DraftState {
    return rules.replay(state, events);
  }

  protected projections(events: DraftEvent[], before: DraftState, after: DraftState, at: Date): Projection[] {
    return projectionsFor(this.stream, events, before, after, at);
  }

  protected sync(state: DraftState): void {
    syncDraftState(this.state, state);
  }

  /**
   * A scheduled draft starts at its scheduledAt (src/jobs/scheduled-drafts.ts opens the room then).
   * A team on autopick is picked for at once; otherwise the clock runs out at the deadline.
   */
  protected context(now: number): PoolContext {
    return { now, pool: this.pool };
  }

  protected scheduled(): Scheduled<DraftEvent, PoolContext> | null {
    if (this.rules.status === 'scheduled' && this.scheduledAt > 0) {
      return { type: 'start', at: this.scheduledAt, decide: (ctx) => this.startWithBots(ctx) };
    }
    if (this.rules.status !== 'live') return null;
    // A log from before skips existed may leave a team on the clock with nothing to draft.
    if (rules.isStuck(this.rules, { pool: this.pool })) {
      return { type: 'skip', at: 0, decide: (ctx) => rules.skipIfStuck(this.rules, ctx) };
    }
    const onClock = rules.teamOnClock(this.rules);
    if (onClock && this.rules.autopick.includes(onClock)) {
      return { type: 'autopick', at: 0, decide: (ctx) => rules.autopickIfDue(this.rules, ctx) };
    }
    if (this.rules.deadline === 0) return null;
    return { type: 'expire', at: this.rules.deadline, decide: (ctx) => rules.expire(this.rules, ctx) };
  }

  protected syncedTeam(teamId: string) {
    return this.state.teams.find((t) => t.id === teamId);
  }

  protected answer() {
    return { currentPick: this.rules.currentPick };
  }
}
