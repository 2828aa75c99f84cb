import { ServerError, type AuthContext } from '@colyseus/core';
import * as rules from '../src/auction/index.ts';
import type { AuctionEvent, AuctionState } from '../src/auction/index.ts';
import { loadAuctionForRoom } from '../src/auction/service.ts';
import { auctionProjectionsFor } from '../src/auction/projections.ts';
import type { Projection } from '../src/db/event-store.ts';
import type { PoolContext } from '../src/rules/outcome.ts';
import type { Pool } from '../src/draft/types.ts';
import { AuctionRoomState } from '../schema/AuctionRoomState.ts';
import { StreamRoom, type Scheduled } from './base/StreamRoom.ts';
import type { Seat } from './base/seat.ts';
import { admitToAuction } from './base/streams.ts';
import { draftJoinOptions } from './base/messages.ts';
import { COMMISSIONER, MEMBERS } from './base/roles.ts';
import { auctionMessages as m } from './auction/messages.ts';
import { createAuctionState, syncAuctionState } from './auction/sync.ts';

/**
 * A live auction draft (PROTOCOL.md "Auction room"). The first bid to reach the room's queue wins
 * a race; every other gets BID_TOO_LOW against the new high bid. Proxy maxima and queues stay in
 * each team's private view.
 */
export class AuctionRoom extends StreamRoom<AuctionRoomState, AuctionState, AuctionEvent, PoolContext> {
  /** Every player of the sport, by id: what the rules pick from. */
  private pool: Pool = new Map();
  /** When a scheduled auction starts by itself (epoch ms); 0 when only the commissioner starts it. */
  private scheduledAt = 0;

  /** Seats a join at matchmaking, before a room is found or opened for it (rooms/base/admission.ts). */
  static override onAuth(token: string, options: unknown, _context: AuthContext): Promise<Seat> {
    return admitToAuction(token, options);
  }

  override async onCreate(options: unknown): Promise<void> {
    const parsed = draftJoinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(400, 'draftId must be an auction id');
    const loaded = await loadAuctionForRoom(this.services.orm, parsed.data.draftId);
    if (!loaded) throw new ServerError(404, 'No such auction');
    this.pool = loaded.pool;
    await this.restore(loaded.draft.id, rules.initialState(loaded.config));
    this.setState(createAuctionState(this.rules, loaded.teams));
    this.setLeague(loaded.draft.league, { draftId: loaded.draft.id });
    this.scheduledAt = loaded.draft.scheduledAt?.getTime() ?? 0;
    await this.setMetadata({ draftId: loaded.draft.id });
    this.registerActions();
    this.begin();
  }

  private registerActions(): void {
    this.teamAction('nominate', m.nominate, (input, teamId, seat) =>
      this.run(seat, (ctx) => rules.nominate(this.rules, { teamId, playerId: input.playerId, bid: input.bid }, ctx)));
    this.teamAction('bid', m.bid, (input, teamId, seat) =>
      this.run(seat, (ctx) => rules.bid(this.rules, { teamId, lot: input.lot, amount: input.amount }, ctx)));
    this.teamAction('proxy', m.proxy, (input, teamId, seat) =>
      this.run(seat, (ctx) => rules.setProxy(this.rules, { teamId, lot: input.lot, max: input.max }, ctx)));
    this.teamAction('queue', m.queue, (input, teamId, seat) =>
      this.run(seat, (ctx) => rules.setQueue(this.rules, { teamId, playerIds: input.playerIds }, ctx)));
    this.action('chat', m.chat, MEMBERS, (input, seat) => this.chat(input.text, seat));
    this.action('start', m.start, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.start(this.rules, ctx)));
    this.action('pause', m.pause, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.pause(this.rules, ctx)));
    this.action('resume', m.resume, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.resume(this.rules, ctx)));
    this.action('undo', m.undo, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.undo(this.rules, ctx)));
  }

  protected fold(state: AuctionState, events: AuctionEvent[]): AuctionState {
    return rules.replay(state, events);
  }

  protected projections(events: AuctionEvent[], before: AuctionState, after: AuctionState, at: Date): Projection[] {
    return auctionProjectionsFor(this.stream, events, before, after, at);
  }

  protected sync(state: AuctionState): void {
    syncAuctionState(this.state, state);
  }

  /** A scheduled auction starts at its scheduledAt; at the deadline the lot closes (bidding) or the nominator's turn is taken for it. */
  protected context(now: number): PoolContext {
    return { now, pool: this.pool };
  }

  protected scheduled(): Scheduled<AuctionEvent, PoolContext> | null {
    if (this.rules.status === 'scheduled' && this.scheduledAt > 0) {
      return { type: 'start', at: this.scheduledAt, decide: (ctx) => rules.start(this.rules, ctx) };
    }
    if (this.rules.status !== 'live' || this.rules.deadline === 0) return null;
    return this.rules.phase === 'bidding'
      ? { type: 'closeLot', at: this.rules.deadline, decide: (ctx) => rules.closeLot(this.rules, ctx) }
      : { type: 'autoNominate', at: this.rules.deadline, decide: (ctx) => rules.expireNomination(this.rules, ctx) };
  }

  protected syncedTeam(teamId: string) {
    return this.state.teams.find((t) => t.id === teamId);
  }

  /** A request learns the board it changed, e.g. a losing bid's sender sees the new high. */
  protected answer() {
    const lot = this.rules.phase === 'bidding' ? this.rules.lot : null;
    return { lot: lot?.number ?? 0, highBid: lot?.highBid ?? 0, highBidder: lot?.highBidder ?? '' };
  }
}
