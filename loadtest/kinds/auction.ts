/**
 * Auction load: auction drafts, one bidder client per team, fighting near the deadline.
 *
 * Setup: 1 commissioner and `--teams` managers (fresh names per run; the same managers own one
 * team in every league), the leagues, teams and auctions over REST (nomination order = manager
 * order); one client per team joins each auction; before the measured phase the commissioner
 * starts every auction at once and leaves. The nominator on the clock nominates the best-ranked player its roster can hold at
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
import pg from 'pg';
import { LeagueRooms } from '../lib/league-rooms.ts';
import type { Part } from '../lib/part.ts';
import { codesLine, latencySummary, round1 } from '../lib/stats.ts';
import { Bidder, type Auction } from './auction-bidder.ts';
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
    open: () => set.open(),
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
  opens: 'every auction started (commissioner)',
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
