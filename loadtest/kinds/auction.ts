/**
 * Auction load: auction drafts, one bidder client per team, fighting near the deadline.
 *
 * Setup: 1 commissioner and `--teams` managers (fresh names per run; the same managers own one
 * team in every league), the leagues, teams and auctions over REST (nomination order = manager
 * order); one client per team joins each auction, the commissioner starts every auction at once
 * and leaves. The nominator on the clock nominates the best-ranked player its roster can hold at
 * minBid. For each lot every bidder draws a private valuation (uniform from minBid up to
 * min(maxBid, 2 × maxBid / open slots)) and a threshold (reset floor + 0..jitter ms). Once the
 * lot's clock has less than its threshold left, a bidder that is not winning bids highBid +
 * increment (while that is within its valuation) 0..react ms after it saw the current high bid,
 * one request in flight at a time. A late bid resets the clock to the floor, so the fight goes on
 * until one bidder is left; bids sent within one round trip of each other lose with BID_TOO_LOW,
 * the snipers' late ones with LOT_CLOSED / NOT_BIDDING / STALE. A proxy bidder sets its valuation
 * as a proxy maximum instead, and the server bids for it.
 *
 * Latency is from a bid's send to each OTHER client of that auction first seeing `lot.highBid >=
 * amount` with that bidder as `lot.highBidder` (one process, one clock), over every (accepted bid,
 * client) pair. An accepted bid that a proxy outbid in the same commit is never visible as the
 * high bid: it is counted ("overtaken by a proxy") but not sampled. Then, with a database URL,
 * auction-verify.ts checks the stored outcome (exit 1 on any violation).
 */
import type { Room } from '@colyseus/sdk';
import pg from 'pg';
import { leaveRoom, watchRoom } from '../lib/clients.ts';
import { LeagueRooms, type BotShared } from '../lib/league-rooms.ts';
import { slotFor, type RosterRules } from '../lib/roster.ts';
import type { Part } from '../lib/part.ts';
import { codesLine, latencySummary, rejectionCode, round1 } from '../lib/stats.ts';
import { verify } from './auction-verify.ts';
import type { Kind, KindOptions, KindReport, KindRun } from './kind.ts';

export interface AuctionOptions extends KindOptions {
  teams: number;
  slots: number;
  budget: number;
  minBid: number;
  increment: number;
  nominationSeconds: number;
  bidSeconds: number;
  resetFloorSeconds: number;
  /** A bidder acts once the lot's clock has less than floor + 0..jitter ms left. */
  snipeJitterMs: number;
  /** After each new high bid a bidder answers within 0..react ms. */
  reactMs: number;
  /** Share of bidder×lot pairs that leave a proxy maximum instead of bidding by hand. */
  proxyPercent: number;
  /** Share that wait until the last 0..100 ms instead. */
  sniperPercent: number;
  /** Per client; the server drops a client sending more than 40 messages a second. */
  maxSendsPerS: number;
  /** Where the outcome is verified ('' = skipped). */
  databaseUrl: string;
}

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

interface Auction {
  index: number;
  id: string;
  leagueId: string;
  rosterRules: RosterRules | null;
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

type Shared = BotShared<AuctionOptions>;

/** A bid resolved: sampled once accepted and seen by every other client of its auction. */
function settle(bid: PendingBid): void {
  const auction = bid.from.auction;
  if (!bid.accepted || bid.seenBy.size < auction.bots.length - 1) return;
  for (const ms of bid.seenBy.values()) auction.shared.recorder.latency.push(ms);
  auction.pending.delete(bid);
}

class Bidder {
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

  private onState(state: any): void {
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
  private act(state: any): void {
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
  private drawFor(state: any, lot: any): void {
    this.lot = lot.number;
    this.proxySent = false;
    const me = this.ownTeam(state);
    const maxBid: number = me?.maxBid ?? 0;
    const open: number = me?.openSlots ?? 0;
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

  private nominate(state: any): void {
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

  private ownTeam(state: any): any {
    for (const team of state.teams as Iterable<any>) if (team.id === this.teamId) return team;
    return undefined;
  }

  /** Players counted at each position, as the server counts them (first position with room, in buying order). */
  private slotCounts(state: any): Map<string, number> {
    const counts = new Map<string, number>();
    const rules = this.auction.rosterRules;
    if (!rules) return counts;
    for (const won of state.won as Iterable<any>) {
      if (won.teamId !== this.teamId) continue;
      const positions = this.shared.playerIndex.get(won.playerId)?.positions ?? [];
      const slot = slotFor(rules, counts, positions) ?? positions[0];
      if (slot !== undefined) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    return counts;
  }

  private hasRoomFor(state: any, playerId: string, counts = this.slotCounts(state)): boolean {
    const rules = this.auction.rosterRules;
    return !rules || slotFor(rules, counts, this.shared.playerIndex.get(playerId)?.positions ?? []) !== null;
  }

  /** The best-ranked player not sold (nor on the block) that this team's roster can hold. */
  private choose(state: any): string | undefined {
    const taken = new Set<string>(this.gone);
    for (const won of state.won as Iterable<any>) taken.add(won.playerId);
    if (state.lot?.playerId) taken.add(state.lot.playerId);
    const counts = this.slotCounts(state);
    return this.shared.players.find((p) => !taken.has(p.id) && this.hasRoomFor(state, p.id, counts))?.id;
  }

  close(): Promise<unknown> {
    clearTimeout(this.timer);
    return leaveRoom(this.room);
  }
}

function run(baseUrl: string, rooms: number, options: AuctionOptions): KindRun {
  const { teams, slots } = options;
  const set = new LeagueRooms<AuctionOptions, Auction>(baseUrl, rooms, options, {
    roomName: 'auction', label: 'auction', playersNeeded: teams * slots,
    async create({ index, leagueId, teamOf }, commish, api, shared) {
      const created = await api.rest('POST', `/api/v1/leagues/${leagueId}/drafts`, commish.token, {
        type: 'auction', budget: options.budget, minBid: options.minBid, increment: options.increment, rosterSlots: slots,
        nominationSeconds: options.nominationSeconds, bidSeconds: options.bidSeconds, resetFloorSeconds: options.resetFloorSeconds, order: teamOf,
      });
      const auction: Auction = {
        index, id: created.id, leagueId, rosterRules: created.config?.rosterRules ?? null, teamOf, bots: [],
        pending: new Set(), lotsClosed: 0, completeAt: null, shared,
      };
      auction.bots = teamOf.map((teamId) => new Bidder(auction, teamId));
      return auction;
    },
  });
  const recorder = set.shared.recorder;
  return {
    recorder,
    setup: () => set.setup(),
    start: () => set.start(),
    done: () => set.joined.every((a) => a.bots.every((b) => b.complete)),
    async finish() {
      await set.close();
      // Accepted bids some client never saw (it left, or the run ended first): sample who did, count who did not.
      for (const auction of set.joined) {
        for (const bid of auction.pending) {
          if (!bid.accepted) continue;
          for (const ms of bid.seenBy.values()) recorder.latency.push(ms);
          recorder.count('unseenPairs', auction.bots.length - 1 - bid.seenBy.size);
        }
        auction.pending.clear();
      }
      recorder.count('lotsClosed', set.joined.reduce((total, a) => total + a.lotsClosed, 0));
      recorder.count('lotsExpected', set.joined.length * teams * slots);
      return {
        roomsComplete: set.joined.filter((a) => a.completeAt !== null).length,
        actions: recorder.counts.bidsAccepted ?? 0,
        roomIds: set.joined.map((a) => a.id),
      };
    },
  };
}

async function report(merged: Part, o: AuctionOptions): Promise<KindReport> {
  const c = (name: string) => merged.counts[name] ?? 0;
  const t = (name: string) => merged.tallies[name] ?? {};
  const elapsedS = (merged.endedAt - merged.startedAt) / 1000;
  const rejected = Object.values(t('bidsRejected')).reduce((a, b) => a + b, 0);
  const ack = latencySummary(merged.ackMs);
  const lines = [
    `auctions:      ${merged.rooms} (${merged.roomsComplete} complete) × ${o.teams} teams × ${o.slots} slots, $${o.budget}, ` +
      `bid clock ${o.bidSeconds} s, reset floor ${o.resetFloorSeconds} s, react 0..${o.reactMs} ms, ${o.proxyPercent}% proxies, ${o.sniperPercent}% snipers`,
    `bids:          ${c('bidsSent')} sent, ${c('bidsAccepted')} accepted (${c('bidsOvertakenByProxy')} overtaken by a proxy in the same commit), ` +
      `${rejected} rejected = ${round1(c('bidsSent') / elapsedS)} sent/s`,
    `rejected:      ${codesLine(t('bidsRejected'))}`,
    `proxies:       ${c('proxiesSent')} sent, ${c('proxiesAccepted')} accepted, rejected: ${codesLine(t('proxiesRejected'))}`,
    `nominations:   ${c('nominationsSent')} sent, ${c('nominationsAccepted')} accepted, rejected: ${codesLine(t('nominationsRejected'))}`,
    `lots closed:   ${c('lotsClosed')} of ${c('lotsExpected')}${c('unseenPairs') ? `; ${c('unseenPairs')} bid×client pairs never seen` : ''}`,
    `bid → ack:     p50 ${ack.p50} ms, p95 ${ack.p95} ms, p99 ${ack.p99} ms (the bidder's own request)`,
  ];
  const json: Record<string, unknown> = {
    teams: o.teams, slots: o.slots, budget: o.budget, bidSeconds: o.bidSeconds, resetFloorSeconds: o.resetFloorSeconds,
    reactMs: o.reactMs, proxyPercent: o.proxyPercent, sniperPercent: o.sniperPercent,
    bids: { sent: c('bidsSent'), accepted: c('bidsAccepted'), overtakenByProxy: c('bidsOvertakenByProxy'), rejected, rejectedByCode: t('bidsRejected') },
    proxies: { sent: c('proxiesSent'), accepted: c('proxiesAccepted'), rejectedByCode: t('proxiesRejected') },
    nominations: { sent: c('nominationsSent'), accepted: c('nominationsAccepted'), rejectedByCode: t('nominationsRejected') },
    lotsClosed: c('lotsClosed'), lotsExpected: c('lotsExpected'), unseenPairs: c('unseenPairs'), verify: null,
  };
  if (!o.databaseUrl) {
    lines.push('verify:        skipped (no --database-url and no DATABASE_URL)');
    return { lines, json };
  }
  const unanswered = ['TIMEOUT', 'CLOSED', 'REQUEST_FAILED'].reduce((n, code) => n + (t('bidsRejected')[code] ?? 0), 0);
  const acceptedByHand = c('bidsAccepted');
  const { violations, ...figures } = await verify(o.databaseUrl, merged.roomIds, acceptedByHand, unanswered);
  json.verify = { ...figures, violations: violations.length };
  lines.push(`log:           ${figures.lotsClosedInLog} lotClosed, ${figures.undoneInLog} undone, ${figures.bidsInLog} bids ` +
    `(${figures.proxyBidsInLog} by proxy) in ${figures.drafts} auctions`);
  if (violations.length === 0) {
    lines.push(`verified: ${figures.lots} lots, ${figures.doubleWinners} double winners`);
    return { lines, json };
  }
  lines.push(`VIOLATIONS: ${violations.length} (${figures.lots} lots, ${figures.doubleWinners} double winners)`);
  lines.push(...violations.slice(0, 50).map((v) => `  ${v}`));
  if (violations.length > 50) lines.push(`  ... and ${violations.length - 50} more`);
  return { lines, json, failed: true };
}

export const auctionKind: Kind<AuctionOptions> = {
  room: 'auction',
  action: 'bids accepted',
  durationS: 120,
  options: {
    teams: { type: 'string', default: '12' },
    slots: { type: 'string', default: '6' },
    budget: { type: 'string', default: '200' },
    'min-bid': { type: 'string', default: '1' },
    increment: { type: 'string', default: '1' },
    'nomination-seconds': { type: 'string', default: '10' },
    'bid-seconds': { type: 'string', default: '3' },
    'reset-floor-seconds': { type: 'string', default: '1' },
    'snipe-jitter-ms': { type: 'string', default: '300' },
    'react-ms': { type: 'string', default: '150' },
    'proxy-percent': { type: 'string', default: '20' },
    'sniper-percent': { type: 'string', default: '10' },
    'max-sends-per-s': { type: 'string', default: '20' },
    'database-url': { type: 'string' },
  },
  parse(values, { int, fail }, common) {
    const o: AuctionOptions = {
      ...common,
      teams: int(values.teams, 'teams', 2, 32),
      slots: int(values.slots, 'slots', 1, 40),
      budget: int(values.budget, 'budget', 1, 1_000_000),
      minBid: int(values['min-bid'], 'min-bid', 1, 1_000_000),
      increment: int(values.increment, 'increment', 1, 1_000_000),
      nominationSeconds: int(values['nomination-seconds'], 'nomination-seconds', 1, 3600),
      bidSeconds: int(values['bid-seconds'], 'bid-seconds', 1, 3600),
      resetFloorSeconds: int(values['reset-floor-seconds'], 'reset-floor-seconds', 0, 3600),
      snipeJitterMs: int(values['snipe-jitter-ms'], 'snipe-jitter-ms', 0, 60_000),
      reactMs: int(values['react-ms'], 'react-ms', 0, 60_000),
      proxyPercent: int(values['proxy-percent'], 'proxy-percent', 0, 100),
      sniperPercent: int(values['sniper-percent'], 'sniper-percent', 0, 100),
      maxSendsPerS: int(values['max-sends-per-s'], 'max-sends-per-s', 1, 35),
      databaseUrl: values['database-url'] ?? process.env.DATABASE_URL ?? '',
    };
    if (o.budget < o.slots * o.minBid) fail(`--budget must be at least --slots × --min-bid (${o.slots * o.minBid})`);
    return o;
  },
  async preflight(o) {
    // Fail before the load, not after it, when the database cannot be read.
    if (!o.databaseUrl) return;
    const db = new pg.Client({ connectionString: o.databaseUrl });
    await db.connect().catch((error: Error) => { throw new Error(`cannot connect to the database: ${error.message}`); });
    await db.end();
  },
  run,
  report,
};
