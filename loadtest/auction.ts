/**
 * Auction load test: M concurrent auction drafts, each with one bidder client per team, against a
 * running server; prints bids sent / accepted / rejected by code, bid → everyone latency, lots
 * closed and the server's RSS/CPU, then checks the stored outcome in the database.
 *
 *   npm run loadtest:auction -- --url http://127.0.0.1:2567 --auctions 20 --slots 6 --bid-seconds 3 \
 *     --reset-floor-seconds 1 --duration-s 120 [--database-url postgres://...]
 *
 * Options (defaults): --url http://127.0.0.1:2567, --auctions 10, --teams 12, --slots 6 (players each
 * team buys), --budget 200, --min-bid 1, --increment 1, --nomination-seconds 10, --bid-seconds 3,
 * --reset-floor-seconds 1, --snipe-jitter-ms 300 (a bidder acts once the lot's clock has less than
 * floor + 0..jitter ms left), --react-ms 150 (after each new high bid a bidder answers within 0..react
 * ms), --proxy-percent 20 (share of bidder×lot pairs that leave a proxy maximum instead of bidding by
 * hand), --sniper-percent 10 (share that wait until the last 0..100 ms instead), --max-sends-per-s 20
 * (per client; the server drops a client sending more than 40 messages a second), --duration-s 120
 * (bidding phase; it stops earlier when every auction is complete), --setup-concurrency 16,
 * --database-url (default $DATABASE_URL; without one the check is skipped).
 *
 * What it does: registers 1 commissioner and `--teams` managers (fresh names per run; the same
 * managers own one team in every league), creates the leagues, teams and auctions over REST
 * (nomination order = manager order), joins one client per team to each auction, then the
 * commissioner starts every auction at once and leaves. The nominator on the clock nominates the
 * best-ranked player its roster can hold at minBid. For each lot every bidder draws a private
 * valuation (uniform from minBid up to min(maxBid, 2 × maxBid / open slots)) and a threshold
 * (reset floor + 0..jitter ms). Bidders fight near the deadline: once the lot's clock has less
 * than its threshold left, a bidder that is not winning bids highBid + increment (while that is
 * within its valuation) 0..react ms after it saw the current high bid, one request in flight at a
 * time. A late bid resets the clock to the floor, so the fight goes on until one bidder is left;
 * bids sent within one round trip of each other lose with BID_TOO_LOW, the snipers' late ones with
 * LOT_CLOSED / NOT_BIDDING / STALE. A proxy bidder sets its valuation as a proxy maximum at that
 * moment instead, and the server bids for it.
 *
 * Latency is from a bid's send to each OTHER client of that auction first seeing `lot.highBid >=
 * amount` with that bidder as `lot.highBidder` (one process, one clock), over every (accepted bid,
 * client) pair. An accepted bid that a proxy outbid in the same commit is never visible as the
 * high bid: it is counted ("overtaken by a proxy") but not sampled. The server pushes each commit
 * at once (no patch-tick wait), so this is queue + commit + fan-out time.
 *
 * Verification (with a database URL): in one snapshot, for this run's auctions only, replays the
 * event log (stream_events 'nominated' / 'bid' / 'lotClosed' / 'lotCancelled' / 'undone') and
 * checks: no player has two draft_picks rows in one draft nor was sold twice in the log; every bid
 * beats the previous high by the increment and lands on an open lot; every lotClosed names the
 * lot's last bid (team and price); every draft_picks row is a sold lot at its last accepted bid;
 * each team's spend <= budget and purchases <= slots; lotClosed events - undone = draft_picks rows;
 * and the bids this process saw accepted are in the log. Prints "verified: N lots, 0 double
 * winners" or the violations, and exits 1 on any.
 *
 * Headless; loopback servers only. 100 auctions × 12 = 1,200 sockets each side: if joins fail with
 * EMFILE, raise the open-file limit of this shell and the server's (`ulimit -n 8192`).
 */
import { parseArgs } from 'node:util';
import type { Room } from '@colyseus/sdk';
import pg from 'pg';
import { cli } from './lib/cli.ts';
import { Api, createLeagues, newRunId, registerUsers, type Player } from './lib/rest.ts';
import { MetricsSampler, serverLine } from './lib/metrics.ts';
import { joinGames, leaveRoom, sdkClient, startAndLeave } from './lib/clients.ts';
import { slotFor, type RosterRules } from './lib/roster.ts';
import { latencySummary, rejectionCode, round1, sleep, Tally } from './lib/stats.ts';

// ---------------------------------------------------------------------------------------- options

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:2567' },
    auctions: { type: 'string', default: '10' },
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
    'duration-s': { type: 'string', default: '120' },
    'setup-concurrency': { type: 'string', default: '16' },
    'database-url': { type: 'string' },
  },
  strict: true,
});

const { fail, int, loopbackUrl } = cli('loadtest:auction');
const intArg = (name: keyof typeof args, min: number, max: number) => int(args[name], name, min, max);

const AUCTIONS = intArg('auctions', 1, 1000);
const TEAMS = intArg('teams', 2, 32);
const SLOTS = intArg('slots', 1, 40);
const BUDGET = intArg('budget', 1, 1_000_000);
const MIN_BID = intArg('min-bid', 1, 1_000_000);
const INCREMENT = intArg('increment', 1, 1_000_000);
const NOMINATION_SECONDS = intArg('nomination-seconds', 1, 3600);
const BID_SECONDS = intArg('bid-seconds', 1, 3600);
const RESET_FLOOR_SECONDS = intArg('reset-floor-seconds', 0, 3600);
const SNIPE_JITTER_MS = intArg('snipe-jitter-ms', 0, 60_000);
const REACT_MS = intArg('react-ms', 0, 60_000);
const PROXY_PERCENT = intArg('proxy-percent', 0, 100);
const SNIPER_PERCENT = intArg('sniper-percent', 0, 100);
const MAX_SENDS_PER_S = intArg('max-sends-per-s', 1, 35);
const DURATION_S = intArg('duration-s', 1, 3600);
const SETUP_CONCURRENCY = intArg('setup-concurrency', 1, 200);
const baseUrl = loopbackUrl(args.url);
const DATABASE_URL = args['database-url'] ?? process.env.DATABASE_URL ?? '';
if (BUDGET < SLOTS * MIN_BID) fail(`--budget must be at least --slots × --min-bid (${SLOTS * MIN_BID})`);
/** A valuation's ceiling: this many "fair shares" (maxBid / open slots) of the team's money. */
const VALUE_SPREAD = 2;
/** A sniper acts with 0..this many ms left on the lot's clock. */
const SNIPER_WINDOW_MS = 100;
/** A refused nomination is tried again after this long (never in a tight loop). */
const RETRY_MS = 250;

const api = new Api(baseUrl);

// --------------------------------------------------------------------------------------- figures

/** Joins, disconnects, room errors, setup refusals: anything that is not a bid's rule answer. */
const errors = new Tally();
const countError = (code: string) => errors.add(code);
const bids = { sent: 0, accepted: 0, overtaken: 0, rejected: new Tally() };
const proxies = { sent: 0, accepted: 0, rejected: new Tally() };
const nominations = { sent: 0, accepted: 0, rejected: new Tally() };
/** accepted bid → other client latencies (ms), and the bidder's own request → reply time. */
const seenLatencies: number[] = [];
const ackLatencies: number[] = [];
/** (accepted bid, client) pairs the client had not seen when the run ended. */
let unseenPairs = 0;

// ------------------------------------------------------------------------------------------ bots

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
  bidders: Bidder[];
  /** Bids sent and not yet seen by every other client (or refused). */
  pending: Set<PendingBid>;
  lotsClosed: number;
  completeAt: number | null;
}

let players: Player[] = [];
let playerIndex = new Map<string, Player>();
let running = false;

/** A bid resolved: sampled once accepted and seen by every other client of its auction. */
function settle(bid: PendingBid): void {
  const auction = bid.from.auction;
  if (!bid.accepted || bid.seenBy.size < auction.bidders.length - 1) return;
  for (const ms of bid.seenBy.values()) seenLatencies.push(ms);
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
  /** performance.now() of this client's latest sends (at most MAX_SENDS_PER_S kept). */
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

  attach(room: Room): void {
    this.room = room;
    // A reconnect would blur the figures (and the server may be the cause): count it instead.
    room.reconnection.enabled = false;
    room.onStateChange((state) => this.onState(state));
    room.onLeave((code) => {
      if (running && !this.complete) countError(`LEFT_${code}`);
    });
    room.onError((code, message) => countError(`ROOM_ERROR_${code}${message ? `:${message}` : ''}`));
    room.onMessage('*', () => { /* chat and other broadcasts: not measured */ });
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
    if (!running || state.status !== 'live') return;
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
      this.reactAt = now + Math.random() * REACT_MS;
    }
    if (lot.highBidder === this.teamId || this.inFlight) return;
    const amount = lot.highBid + INCREMENT;
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
    if (open === 0 || maxBid < MIN_BID || !this.hasRoomFor(state, lot.playerId)) {
      this.value = 0;
    } else {
      const upper = Math.max(MIN_BID, Math.min(maxBid, Math.round((VALUE_SPREAD * maxBid) / open)));
      this.value = MIN_BID + Math.floor(Math.random() * (upper - MIN_BID + 1));
    }
    this.useProxy = Math.random() * 100 < PROXY_PERCENT;
    const sniper = !this.useProxy && Math.random() * 100 < SNIPER_PERCENT;
    this.threshold = sniper ? Math.random() * SNIPER_WINDOW_MS : RESET_FLOOR_SECONDS * 1000 + Math.random() * SNIPE_JITTER_MS;
  }

  /** ms until this client may send again without passing MAX_SENDS_PER_S (the server drops a client above 40/s). */
  private rateWait(now: number): number {
    return this.sends.length < MAX_SENDS_PER_S ? 0 : this.sends[0] + 1000 - now;
  }

  private recordSend(at: number): void {
    this.sends.push(at);
    if (this.sends.length > MAX_SENDS_PER_S) this.sends.shift();
  }

  private sendBid(lot: number, amount: number): void {
    const at = performance.now();
    this.inFlight = true;
    this.recordSend(at);
    const pending: PendingBid = { lot, teamId: this.teamId, amount, at, from: this, accepted: false, seenBy: new Map() };
    this.auction.pending.add(pending);
    bids.sent++;
    this.room.request('bid', { lot, amount }).then((reply: { lot?: number; highBidder?: string }) => {
      ackLatencies.push(performance.now() - at);
      bids.accepted++;
      if (reply?.lot === lot && reply.highBidder === this.teamId) {
        pending.accepted = true;
        settle(pending);
      } else {
        // A proxy answered it in the same commit: no client ever sees this bid on top.
        bids.overtaken++;
        this.auction.pending.delete(pending);
      }
    }, (error: unknown) => {
      this.auction.pending.delete(pending);
      bids.rejected.add(rejectionCode(error));
    }).finally(() => {
      this.inFlight = false;
      this.act(this.room.state);
    });
  }

  private sendProxy(lot: number, max: number): void {
    this.inFlight = true;
    this.proxySent = true;
    this.recordSend(performance.now());
    proxies.sent++;
    this.room.request('proxy', { lot, max }).then(() => {
      proxies.accepted++;
    }, (error: unknown) => {
      const code = rejectionCode(error);
      proxies.rejected.add(code);
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
      if (!this.noFitCounted) countError('NO_PLAYER_FITS');
      this.noFitCounted = true;
      return;
    }
    this.nominating = true;
    this.recordSend(performance.now());
    nominations.sent++;
    let retry = 0;
    this.room.request('nominate', { playerId, bid: MIN_BID }).then(() => {
      nominations.accepted++;
      this.noFitCounted = false;
    }, (error: unknown) => {
      const code = rejectionCode(error);
      nominations.rejected.add(code);
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
      const positions = playerIndex.get(won.playerId)?.positions ?? [];
      const slot = slotFor(rules, counts, positions) ?? positions[0];
      if (slot !== undefined) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    return counts;
  }

  private hasRoomFor(state: any, playerId: string, counts = this.slotCounts(state)): boolean {
    const rules = this.auction.rosterRules;
    return !rules || slotFor(rules, counts, playerIndex.get(playerId)?.positions ?? []) !== null;
  }

  /** The best-ranked player not sold (nor on the block) that this team's roster can hold. */
  private choose(state: any): string | undefined {
    const taken = new Set<string>(this.gone);
    for (const won of state.won as Iterable<any>) taken.add(won.playerId);
    if (state.lot?.playerId) taken.add(state.lot.playerId);
    const counts = this.slotCounts(state);
    return players.find((p) => !taken.has(p.id) && this.hasRoomFor(state, p.id, counts))?.id;
  }

  close(): Promise<unknown> {
    clearTimeout(this.timer);
    return leaveRoom(this.room);
  }
}

// ---------------------------------------------------------------------------------- verification

interface Verification {
  drafts: number;
  lots: number;
  doubleWinners: number;
  bidsInLog: number;
  proxyBidsInLog: number;
  lotsClosedInLog: number;
  undoneInLog: number;
  violations: string[];
}

interface LotLog { playerId: string; lastBidder: string; lastAmount: number; status: 'open' | 'sold' | 'cancelled' | 'undone' }

/**
 * Reads this run's auctions back in one snapshot and checks the outcome against the event log.
 * `acceptedByHand` is how many manual bids this process saw accepted; the log must hold at least
 * that many (more only by bids whose reply was lost: TIMEOUT / CLOSED).
 */
async function verify(databaseUrl: string, draftIds: string[], acceptedByHand: number, unanswered: number): Promise<Verification> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('begin isolation level repeatable read read only');
    const drafts = await db.query<{ id: string; config: { budget: number; rosterSlots: number; increment: number } }>(
      'select id, config from drafts where id = any($1::uuid[])', [draftIds]);
    const picks = await db.query<{ draft_id: string; overall: number; team_id: string; player_id: string; price: number | null }>(
      'select draft_id, overall, team_id, player_id, price from draft_picks where draft_id = any($1::uuid[]) order by draft_id, overall', [draftIds]);
    const doubles = await db.query<{ draft_id: string; player_id: string; n: number }>(
      'select draft_id, player_id, count(*)::int as n from draft_picks where draft_id = any($1::uuid[]) group by 1, 2 having count(*) > 1', [draftIds]);
    const events = await db.query<{ stream: string; seq: number; type: string; payload: any }>(
      `select stream, seq, type, payload from stream_events
        where stream = any($1::uuid[]) and type = any($2::text[]) order by stream, seq`,
      [draftIds, ['nominated', 'bid', 'lotClosed', 'lotCancelled', 'undone']]);
    await db.query('commit');

    const violations: string[] = [];
    const result: Verification = {
      drafts: drafts.rows.length, lots: picks.rows.length, doubleWinners: doubles.rows.length,
      bidsInLog: 0, proxyBidsInLog: 0, lotsClosedInLog: 0, undoneInLog: 0, violations,
    };
    for (const d of doubles.rows) violations.push(`draft ${d.draft_id}: player ${d.player_id} has ${d.n} draft_picks rows`);
    if (drafts.rows.length !== draftIds.length) violations.push(`${draftIds.length - drafts.rows.length} of this run's auctions are missing from drafts`);

    const eventsOf = Map.groupBy(events.rows, (e) => e.stream);
    const picksOf = Map.groupBy(picks.rows, (p) => p.draft_id);
    for (const draft of drafts.rows) {
      const { budget, rosterSlots, increment } = draft.config;
      const where = `draft ${draft.id}`;
      const lots = new Map<number, LotLog>();
      const owner = new Map<string, number>();
      let closed = 0;
      let undone = 0;
      for (const { seq, type, payload } of eventsOf.get(draft.id) ?? []) {
        const at = `${where} seq ${seq}`;
        if (type === 'nominated') {
          const lot = payload.lot;
          if (lots.has(lot.number)) violations.push(`${at}: lot ${lot.number} nominated twice`);
          if (owner.has(lot.playerId)) violations.push(`${at}: lot ${lot.number} nominates ${lot.playerId}, already sold in lot ${owner.get(lot.playerId)}`);
          lots.set(lot.number, { playerId: lot.playerId, lastBidder: lot.highBidder, lastAmount: lot.highBid, status: 'open' });
          continue;
        }
        const lot = lots.get(payload.lot);
        if (!lot) {
          violations.push(`${at}: ${type} for lot ${payload.lot}, which was never nominated`);
          continue;
        }
        switch (type) {
          case 'bid':
            result.bidsInLog++;
            if (payload.proxy) result.proxyBidsInLog++;
            if (lot.status !== 'open') violations.push(`${at}: bid ${payload.amount} on lot ${payload.lot} after it was ${lot.status}`);
            if (payload.amount < lot.lastAmount + increment) {
              violations.push(`${at}: bid ${payload.amount} on lot ${payload.lot} does not beat the high bid ${lot.lastAmount} by ${increment}`);
            }
            lot.lastBidder = payload.teamId;
            lot.lastAmount = payload.amount;
            break;
          case 'lotClosed':
            closed++;
            if (lot.status !== 'open') violations.push(`${at}: lot ${payload.lot} closed while ${lot.status}`);
            if (payload.price !== lot.lastAmount || payload.teamId !== lot.lastBidder || payload.playerId !== lot.playerId) {
              violations.push(`${at}: lot ${payload.lot} closed to ${payload.teamId} at ${payload.price}; its last bid was ${lot.lastBidder} at ${lot.lastAmount}`);
            }
            if (owner.has(lot.playerId)) {
              result.doubleWinners++;
              violations.push(`${at}: player ${lot.playerId} sold twice (lots ${owner.get(lot.playerId)} and ${payload.lot})`);
            }
            owner.set(lot.playerId, payload.lot);
            lot.status = 'sold';
            break;
          case 'lotCancelled':
            lot.status = 'cancelled';
            break;
          case 'undone':
            undone++;
            if (lot.status !== 'sold') violations.push(`${at}: undo of lot ${payload.lot}, which was ${lot.status}`);
            owner.delete(lot.playerId);
            lot.status = 'undone';
            break;
        }
      }
      result.lotsClosedInLog += closed;
      result.undoneInLog += undone;

      const rows = picksOf.get(draft.id) ?? [];
      const spend = new Map<string, { dollars: number; players: number }>();
      for (const row of rows) {
        const lot = lots.get(row.overall);
        if (!lot || lot.status !== 'sold') {
          violations.push(`${where}: draft_picks row for lot ${row.overall} (${row.player_id}), which the log has ${lot ? lot.status : 'never opened'}`);
        } else if (row.price !== lot.lastAmount || row.team_id !== lot.lastBidder || row.player_id !== lot.playerId) {
          violations.push(`${where}: draft_picks lot ${row.overall} = ${row.team_id} buys ${row.player_id} at ${row.price}; ` +
            `the log's last accepted bid is ${lot.lastBidder} at ${lot.lastAmount} for ${lot.playerId}`);
        }
        const team = spend.get(row.team_id) ?? { dollars: 0, players: 0 };
        team.dollars += row.price ?? 0;
        team.players++;
        spend.set(row.team_id, team);
      }
      for (const [teamId, team] of spend) {
        if (team.dollars > budget) violations.push(`${where}: team ${teamId} spent ${team.dollars} of a ${budget} budget`);
        if (team.players > rosterSlots) violations.push(`${where}: team ${teamId} bought ${team.players} players for ${rosterSlots} slots`);
      }
      if (closed - undone !== rows.length) {
        violations.push(`${where}: ${closed} lotClosed - ${undone} undone events but ${rows.length} draft_picks rows`);
      }
    }
    const byHand = result.bidsInLog - result.proxyBidsInLog;
    if (byHand < acceptedByHand) violations.push(`${acceptedByHand} bids were acknowledged as accepted but the log holds only ${byHand} hand bids`);
    if (byHand > acceptedByHand + unanswered) {
      violations.push(`the log holds ${byHand} hand bids but only ${acceptedByHand} were acknowledged (${unanswered} went unanswered)`);
    }
    return result;
  } finally {
    await db.end().catch(() => undefined);
  }
}

// ------------------------------------------------------------------------------------------- run

async function main(): Promise<number> {
  await api.checkHealth(fail);
  if (DATABASE_URL) {
    // Fail before the load, not after it, when the database cannot be read.
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect().catch((error: Error) => fail(`cannot connect to the database: ${error.message}`));
    await db.end();
  } else {
    console.log('verify:        skipped at the end (no --database-url and no DATABASE_URL)');
  }

  const setupStarted = performance.now();
  const runId = newRunId();
  const { commish, managers } = await registerUsers(api, runId, TEAMS, SETUP_CONCURRENCY);

  players = await api.players('football', commish.token);
  playerIndex = new Map(players.map((p) => [p.id, p]));
  if (players.length < TEAMS * SLOTS) fail(`the football pool has ${players.length} players; ${TEAMS}×${SLOTS} slots need more (seed the server: npm run seed)`);

  const leagues = { runId, label: 'auction', count: AUCTIONS, commish, managers, concurrency: SETUP_CONCURRENCY };
  const auctions: Auction[] = await createLeagues(api, leagues, async ({ index, leagueId, teamOf }) => {
    const created = await api.rest('POST', `/api/v1/leagues/${leagueId}/drafts`, commish.token, {
      type: 'auction', budget: BUDGET, minBid: MIN_BID, increment: INCREMENT, rosterSlots: SLOTS,
      nominationSeconds: NOMINATION_SECONDS, bidSeconds: BID_SECONDS, resetFloorSeconds: RESET_FLOOR_SECONDS, order: teamOf,
    });
    const auction: Auction = {
      index, id: created.id, leagueId, rosterRules: created.config?.rosterRules ?? null, teamOf, bidders: [],
      pending: new Set(), lotsClosed: 0, completeAt: null,
    };
    auction.bidders = teamOf.map((teamId) => new Bidder(auction, teamId));
    return auction;
  });
  const restDone = performance.now();

  const { commishRooms, joinFailures, splitRooms } = await joinGames(auctions, {
    roomName: 'auction',
    joinOptions: (auction) => ({ draftId: auction.id }),
    commishClient: sdkClient(baseUrl, commish),
    managerClients: managers.map((user) => sdkClient(baseUrl, user)),
    concurrency: Math.max(1, Math.floor(SETUP_CONCURRENCY / 4)),
    countError,
    attach: (auction, rooms) => rooms.forEach((room, i) => auction.bidders[i].attach(room)),
  });
  if (splitRooms > 0) countError('SPLIT_ROOM');
  const joined = auctions.filter((a) => commishRooms[a.index] && a.bidders.every((b) => b.room));
  const clients = joined.length * TEAMS;
  const joinDone = performance.now();
  console.log(`setup: ${AUCTIONS} leagues × ${TEAMS} teams over REST in ${((restDone - setupStarted) / 1000).toFixed(1)} s; ` +
    `${clients} clients joined ${joined.length} auctions in ${((joinDone - restDone) / 1000).toFixed(1)} s` +
    (joinFailures ? ` (${joinFailures} auctions failed to join)` : ''));

  const sampler = new MetricsSampler(baseUrl, 'auction');
  await sampler.start();
  const cpuBefore = process.cpuUsage();

  running = true;
  const started = performance.now();
  await startAndLeave(joined.map((auction) => commishRooms[auction.index]), countError);

  const deadline = started + DURATION_S * 1000;
  const allComplete = () => joined.every((a) => a.bidders.every((b) => b.complete));
  while (performance.now() < deadline && !allComplete()) await sleep(50);
  const ended = performance.now();
  running = false;
  sampler.stop();

  await sampler.finish();
  const cpuAfter = process.cpuUsage(cpuBefore);
  await Promise.race([Promise.all(joined.flatMap((a) => a.bidders.map((b) => b.close()))), sleep(10_000)]);

  // Accepted bids some client never saw (it left, or the run ended first): sample who did, count who did not.
  for (const auction of joined) {
    for (const bid of auction.pending) {
      if (!bid.accepted) continue;
      for (const ms of bid.seenBy.values()) seenLatencies.push(ms);
      unseenPairs += auction.bidders.length - 1 - bid.seenBy.size;
    }
    auction.pending.clear();
  }

  // ----------------------------------------------------------------------------------- report
  const elapsedS = (ended - started) / 1000;
  const lotsClosed = joined.reduce((total, a) => total + a.lotsClosed, 0);
  const completeAuctions = joined.filter((a) => a.completeAt !== null).length;
  const latency = latencySummary(seenLatencies);
  const { p50, p95, p99 } = latencySummary(ackLatencies);
  const server = sampler.figures(elapsedS);
  const rejected = bids.rejected.total();
  const unanswered = (bids.rejected.counts.get('TIMEOUT') ?? 0) + (bids.rejected.counts.get('CLOSED') ?? 0) +
    (bids.rejected.counts.get('REQUEST_FAILED') ?? 0);
  const summary = {
    auctions: joined.length,
    auctionsComplete: completeAuctions,
    clients,
    teams: TEAMS,
    slots: SLOTS,
    budget: BUDGET,
    bidSeconds: BID_SECONDS,
    resetFloorSeconds: RESET_FLOOR_SECONDS,
    reactMs: REACT_MS,
    proxyPercent: PROXY_PERCENT,
    sniperPercent: SNIPER_PERCENT,
    elapsedS: round1(elapsedS),
    bids: { sent: bids.sent, accepted: bids.accepted, overtakenByProxy: bids.overtaken, rejected, rejectedByCode: bids.rejected.toJSON() },
    bidsAcceptedPerSecond: round1(bids.accepted / elapsedS),
    bidsSentPerSecond: round1(bids.sent / elapsedS),
    proxies: { sent: proxies.sent, accepted: proxies.accepted, rejectedByCode: proxies.rejected.toJSON() },
    nominations: { sent: nominations.sent, accepted: nominations.accepted, rejectedByCode: nominations.rejected.toJSON() },
    lotsClosed,
    lotsExpected: joined.length * TEAMS * SLOTS,
    latencyMs: { ...latency, unseenPairs },
    ackMs: { p50, p95, p99 },
    errors: errors.toJSON(),
    server,
    loadgenCpuCores: round1((cpuAfter.user + cpuAfter.system) / 1e6 / elapsedS),
    verify: null as null | Omit<Verification, 'violations'> & { violations: number },
  };

  console.log(`auctions:      ${summary.auctions} (${completeAuctions} complete) × ${TEAMS} teams × ${SLOTS} slots, $${BUDGET}, ` +
    `bid clock ${BID_SECONDS} s, reset floor ${RESET_FLOOR_SECONDS} s, ` +
    `react 0..${REACT_MS} ms, ${PROXY_PERCENT}% proxies, ${SNIPER_PERCENT}% snipers`);
  console.log(`clients:       ${clients}`);
  console.log(`bids:          ${bids.sent} sent, ${bids.accepted} accepted (${bids.overtaken} overtaken by a proxy in the same commit), ${rejected} rejected ` +
    `in ${summary.elapsedS} s = ${summary.bidsAcceptedPerSecond} accepted/s (${summary.bidsSentPerSecond} sent/s)`);
  console.log(`rejected:      ${bids.rejected.line()}`);
  console.log(`proxies:       ${proxies.sent} sent, ${proxies.accepted} accepted, rejected: ${proxies.rejected.line()}`);
  console.log(`nominations:   ${nominations.sent} sent, ${nominations.accepted} accepted, rejected: ${nominations.rejected.line()}`);
  console.log(`lots closed:   ${lotsClosed} of ${summary.lotsExpected}`);
  console.log(`bid → others:  p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, max ${latency.max} ms ` +
    `(${latency.samples} bid×client pairs${unseenPairs ? `, ${unseenPairs} never seen` : ''})`);
  console.log(`bid → ack:     p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms (the bidder's own request)`);
  console.log(`errors:        ${errors.line()}`);
  console.log(serverLine(server));
  console.log(`load generator: ${summary.loadgenCpuCores} cores`);

  let exitCode = 0;
  if (DATABASE_URL) {
    const result = await verify(DATABASE_URL, auctions.map((a) => a.id), bids.accepted, unanswered);
    const { violations, ...figures } = result;
    summary.verify = { ...figures, violations: violations.length };
    console.log(`log:           ${result.lotsClosedInLog} lotClosed, ${result.undoneInLog} undone, ${result.bidsInLog} bids ` +
      `(${result.proxyBidsInLog} by proxy) in ${result.drafts} auctions`);
    if (violations.length === 0) {
      console.log(`verified: ${result.lots} lots, ${result.doubleWinners} double winners`);
    } else {
      exitCode = 1;
      console.log(`VIOLATIONS: ${violations.length} (${result.lots} lots, ${result.doubleWinners} double winners)`);
      for (const violation of violations.slice(0, 50)) console.log(`  ${violation}`);
      if (violations.length > 50) console.log(`  ... and ${violations.length - 50} more`);
    }
  }
  console.log(JSON.stringify(summary));
  return exitCode;
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(`loadtest:auction failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
