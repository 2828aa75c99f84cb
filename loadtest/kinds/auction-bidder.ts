/**
 * The auction bidder: one client per team, as auction.ts (the kind) describes it. It nominates the
 * best-ranked player its roster can hold, draws a private valuation per lot and bids (or leaves a
 * proxy maximum) once the lot's clock is below its threshold; every bid it sends is followed until
 * each other client of the auction has seen it on top (the latency sample).
 */
import type { Room } from '@colyseus/sdk';
import type { AuctionLotState, AuctionRoomState, AuctionTeamState } from '../../schema/AuctionRoomState.ts';
import type { AuctionRosterRules } from '../../src/auction/types.ts';
import { slotFor } from '../../src/draft/roster.ts';
import { leaveRoom, watchRoom } from '../lib/clients.ts';
import type { BotShared } from '../lib/league-rooms.ts';
import { rejectionCode } from '../lib/stats.ts';
import type { AuctionOptions } from './auction.ts';

/** A valuation's ceiling: this many "fair shares" (maxBid / open slots) of the team's money. */
const VALUE_SPREAD = 2;
/** A sniper acts with 0..this many ms left on the lot's clock. */
const SNIPER_WINDOW_MS = 100;
/** A refused nomination is tried again after this long (never in a tight loop). */
const RETRY_MS = 250;

interface PendingBid {
  lot: number;
  teamId: string;
  amount: number;
  /** performance.now() of the send. */
  at: number;
  from: Bidder;
  /** Set once the reply says the bid is the high bid after its commit. */
  accepted: boolean;
  /** Latency (ms) of each other client that has seen it. */
  seenBy: Map<Bidder, number>;
}

export interface Auction {
  index: number;
  id: string;
  leagueId: string;
  rosterRules: AuctionRosterRules | null;
  /** teamId of each manager (by manager index). */
  teamOf: string[];
  /** The bidders, one per team (by manager index). */
  bots: Bidder[];
  /** Bids sent and not yet seen by every other client (or refused). */
  pending: Set<PendingBid>;
  lotsClosed: number;
  completeAt: number | null;
  shared: Shared;
}

export type Shared = BotShared<AuctionOptions>;

/** A bid resolved: sampled once accepted and seen by every other client of its auction. */
function settle(bid: PendingBid): void {
  const auction = bid.from.auction;
  if (!bid.accepted || bid.seenBy.size < auction.bots.length - 1) return;
  for (const ms of bid.seenBy.values()) auction.shared.recorder.latency.push(ms);
  auction.pending.delete(bid);
}

export class Bidder {
  room!: Room;
  complete = false;
  readonly auction: Auction;
  readonly teamId: string;
  /** The lot the per-lot fields below were drawn for. */
  private lot = 0;
  private value = 0;
  private useProxy = false;
  private proxySent = false;
  /** ms left on the lot's clock below which this bidder acts. */
  private threshold = 0;
  /** The high bid (amount/team) this bidder last reacted to, and when its reaction is due (performance.now()). */
  private seenHigh = '';
  private reactAt = 0;
  private inFlight = false;
  /** performance.now() of this client's latest sends (at most --max-sends-per-s kept). */
  private readonly sends: number[] = [];
  private nominating = false;
  private noFitCounted = false;
  private timer?: NodeJS.Timeout;
  /** Players the server refused to let this team nominate (sold, or no room) before this client saw why. */
  private readonly gone = new Set<string>();

  constructor(auction: Auction, teamId: string) {
    this.auction = auction;
    this.teamId = teamId;
  }

  private get shared(): Shared {
    return this.auction.shared;
  }

  private get o(): AuctionOptions {
    return this.auction.shared.options;
  }

  attach(room: Room): void {
    this.room = room;
    watchRoom(room, { onState: (state) => this.onState(state), running: () => this.shared.running, finished: () => this.complete }, this.shared.recorder.countError);
  }

  poke(): void {
    this.act(this.room.state);
  }

  private onState(state: AuctionRoomState): void {
    const now = performance.now();
    const lot = state.lot;
    if (lot && lot.number > 0) {
      for (const bid of this.auction.pending) {
        if (bid.from === this || bid.seenBy.has(this)) continue;
        if (bid.lot === lot.number && lot.highBidder === bid.teamId && lot.highBid >= bid.amount) {
          bid.seenBy.set(this, now - bid.at);
          settle(bid);
        }
      }
    }
    const won = state.won?.length ?? 0;
    if (won > this.auction.lotsClosed) this.auction.lotsClosed = won;
    if (state.status === 'complete' && !this.complete) {
      this.complete = true;
      this.auction.completeAt ??= now;
    }
    this.act(state);
  }

  /** Decides what to do with the board as this client sees it; re-arms its timer. */
  private act(state: AuctionRoomState): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.shared.running || state.status !== 'live') return;
    if (state.phase === 'nominating') {
      if (state.nominator === this.teamId) this.nominate(state);
      return;
    }
    const lot = state.lot;
    if (state.phase !== 'bidding' || !lot || lot.number === 0) return;
    if (lot.number !== this.lot) this.drawFor(state, lot);
    const now = performance.now();
    const high = `${lot.highBid}/${lot.highBidder}`;
    if (high !== this.seenHigh) {
      // A new high bid: this bidder answers after its reaction time (the quickest one wins the race).
      this.seenHigh = high;
      this.reactAt = now + Math.random() * this.o.reactMs;
    }
    if (lot.highBidder === this.teamId || this.inFlight) return;
    const amount = lot.highBid + this.o.increment;
    if (amount > this.value) return;
    if (this.useProxy && this.proxySent) return;
    const wait = Math.max(lot.deadline - Date.now() - this.threshold, this.reactAt - now, this.rateWait(now));
    if (wait > 0) {
      this.timer = setTimeout(() => this.act(this.room.state), wait);
      return;
    }
    if (this.useProxy) this.sendProxy(lot.number, this.value);
    else this.sendBid(lot.number, amount);
  }

  /** A new lot: this bidder's private valuation, threshold and manner (proxy or by hand). */
  private drawFor(state: AuctionRoomState, lot: AuctionLotState): void {
    this.lot = lot.number;
    this.proxySent = false;
    const me = this.ownTeam(state);
    const maxBid = me?.maxBid ?? 0;
    const open = me?.openSlots ?? 0;
    if (open === 0 || maxBid < this.o.minBid || !this.hasRoomFor(state, lot.playerId)) {
      this.value = 0;
    } else {
      const upper = Math.max(this.o.minBid, Math.min(maxBid, Math.round((VALUE_SPREAD * maxBid) / open)));
      this.value = this.o.minBid + Math.floor(Math.random() * (upper - this.o.minBid + 1));
    }
    this.useProxy = Math.random() * 100 < this.o.proxyPercent;
    const sniper = !this.useProxy && Math.random() * 100 < this.o.sniperPercent;
    this.threshold = sniper ? Math.random() * SNIPER_WINDOW_MS : this.o.resetFloorSeconds * 1000 + Math.random() * this.o.snipeJitterMs;
  }

  /** ms until this client may send again without passing --max-sends-per-s (the server drops a client above 40/s). */
  private rateWait(now: number): number {
    return this.sends.length < this.o.maxSendsPerS ? 0 : this.sends[0] + 1000 - now;
  }

  private recordSend(at: number): void {
    this.sends.push(at);
    if (this.sends.length > this.o.maxSendsPerS) this.sends.shift();
  }

  private sendBid(lot: number, amount: number): void {
    const at = performance.now();
    this.inFlight = true;
    this.recordSend(at);
    const pending: PendingBid = { lot, teamId: this.teamId, amount, at, from: this, accepted: false, seenBy: new Map() };
    this.auction.pending.add(pending);
    this.shared.recorder.count('bidsSent');
    this.room.request('bid', { lot, amount }).then((reply: { lot?: number; highBidder?: string }) => {
      this.shared.recorder.ack.push(performance.now() - at);
      this.shared.recorder.count('bidsAccepted');
      if (reply?.lot === lot && reply.highBidder === this.teamId) {
        pending.accepted = true;
        settle(pending);
      } else {
        // A proxy answered it in the same commit: no client ever sees this bid on top.
        this.shared.recorder.count('bidsOvertakenByProxy');
        this.auction.pending.delete(pending);
      }
    }, (error: unknown) => {
      this.auction.pending.delete(pending);
      this.shared.recorder.tally('bidsRejected', rejectionCode(error));
    }).finally(() => {
      this.inFlight = false;
      this.act(this.room.state);
    });
  }

  private sendProxy(lot: number, max: number): void {
    this.inFlight = true;
    this.proxySent = true;
    this.recordSend(performance.now());
    this.shared.recorder.count('proxiesSent');
    this.room.request('proxy', { lot, max }).then(() => {
      this.shared.recorder.count('proxiesAccepted');
    }, (error: unknown) => {
      const code = rejectionCode(error);
      this.shared.recorder.tally('proxiesRejected', code);
      // The high bid moved past what this client saw: it may try again if its valuation allows.
      if (code === 'BID_TOO_LOW') this.proxySent = false;
    }).finally(() => {
      this.inFlight = false;
      this.act(this.room.state);
    });
  }

  private nominate(state: AuctionRoomState): void {
    if (this.nominating) return;
    const playerId = this.choose(state);
    if (!playerId) {
      if (!this.noFitCounted) this.shared.recorder.countError('NO_PLAYER_FITS');
      this.noFitCounted = true;
      return;
    }
    this.nominating = true;
    this.recordSend(performance.now());
    this.shared.recorder.count('nominationsSent');
    let retry = 0;
    this.room.request('nominate', { playerId, bid: this.o.minBid }).then(() => {
      this.shared.recorder.count('nominationsAccepted');
      this.noFitCounted = false;
    }, (error: unknown) => {
      const code = rejectionCode(error);
      this.shared.recorder.tally('nominationsRejected', code);
      if (code === 'PLAYER_TAKEN' || code === 'POSITION_FULL' || code === 'UNKNOWN_PLAYER') this.gone.add(playerId);
      retry = RETRY_MS;
    }).finally(() => {
      this.nominating = false;
      if (retry === 0) this.act(this.room.state);
      else this.timer = setTimeout(() => this.act(this.room.state), retry);
    });
  }

  private ownTeam(state: AuctionRoomState): AuctionTeamState | undefined {
    return state.teams.find((team) => team.id === this.teamId);
  }

  /** Players counted at each position, as the server counts them (first position with room, in buying order). */
  private slotCounts(state: AuctionRoomState): Map<string, number> {
    const counts = new Map<string, number>();
    const rules = this.auction.rosterRules;
    if (!rules) return counts;
    for (const won of state.won) {
      if (won.teamId !== this.teamId) continue;
      const positions = this.shared.playerIndex.get(won.playerId)?.positions ?? [];
      const slot = slotFor(rules, counts, positions) ?? positions[0];
      if (slot !== undefined) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    return counts;
  }

  private hasRoomFor(state: AuctionRoomState, playerId: string, counts = this.slotCounts(state)): boolean {
    const rules = this.auction.rosterRules;
    return !rules || slotFor(rules, counts, this.shared.playerIndex.get(playerId)?.positions ?? []) !== null;
  }

  /** The best-ranked player not sold (nor on the block) that this team's roster can hold. */
  private choose(state: AuctionRoomState): string | undefined {
    const taken = new Set<string>(this.gone);
    for (const won of state.won) taken.add(won.playerId);
    if (state.lot?.playerId) taken.add(state.lot.playerId);
    const counts = this.slotCounts(state);
    return this.shared.players.find((p) => !taken.has(p.id) && this.hasRoomFor(state, p.id, counts))?.id;
  }

  close(): Promise<unknown> {
    clearTimeout(this.timer);
    return leaveRoom(this.room);
  }
}
