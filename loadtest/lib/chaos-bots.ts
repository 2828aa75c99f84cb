/**
 * The clients of `npm run chaos` and test/rooms/chaos.test.ts: a bot per seat that acts when the
 * room waits for it (picks on the clock, nominates and bids, baseball decisions) and records every
 * request the server answered ok (an acknowledged action: it must survive any crash), plus what
 * its room looked like (the position on the clock and its deadline) for the checks after a kill.
 */
import type { Room } from '@colyseus/sdk';
import { FailoverSeat, firstState } from './chaos-seat.ts';
import { sleep } from './stats.ts';
import type { Rng } from '../../src/dice/rng.ts';

export type Kind = 'draft' | 'auction' | 'game' | 'ai-game';

/** An action the server answered ok. */
export type Ack =
  | { kind: 'pick'; overall: number; teamId: string; playerId: string }
  | { kind: 'nominate'; lot: number; teamId: string; playerId: string }
  | { kind: 'bid'; lot: number; teamId: string; amount: number }
  /** A baseball decision: every play up to `play` is stored. */
  | { kind: 'decision'; play: number };

/** What a client saw of its room at one moment. */
export interface Snapshot {
  /** Who or what is on the clock: equal positions must have equal deadlines. */
  position: string;
  deadline: number;
  /** Picks / sales seen so far (drafts, auctions), each as one string: a rebuilt room starts with them. */
  entries: string[];
  /** Picks, sales or plays seen so far. */
  progress: number;
  done: boolean;
}

/** One draft, auction or game of the run, with its seats and what they saw. */
export interface Item {
  kind: Kind;
  /** The draft's or game's id. */
  id: string;
  roomName: 'draft' | 'auction' | 'baseball';
  seats: FailoverSeat[];
  acks: Ack[];
  /** Plays seen by any seat, by number. */
  plays: Map<number, { result: string; dice: number[] }>;
  /** The latest state the watcher (seat 0) decoded. */
  last?: Snapshot;
  /** The first state the watcher decoded after its latest failover: the rebuilt room. */
  rebuilt?: Snapshot;
}

export function snapshot(kind: Kind, s: any): Snapshot {
  if (kind === 'draft') {
    const entries = Array.from(s.picks as Iterable<any>, (p) => `${p.overall}:${p.teamId}:${p.playerId}`);
    return { position: `pick ${s.currentPick}`, deadline: s.deadline, entries, progress: entries.length, done: s.status === 'complete' };
  }
  if (kind === 'auction') {
    const entries = Array.from(s.won as Iterable<any>, (w) => `${w.lot}:${w.teamId}:${w.playerId}:${w.price}`);
    const position = `lot ${s.lot.number} ${s.phase} ${s.nominator} ${s.lot.highBid} ${s.lot.highBidder}`;
    return { position, deadline: s.deadline, entries, progress: entries.length, done: s.status === 'complete' };
  }
  return { position: `play ${s.lastPlay.number} ${s.status} ${s.awaiting}`, deadline: s.deadline, entries: [], progress: s.lastPlay.number, done: s.status === 'final' };
}

export interface BotContext {
  /** Football player ids, best first (drafts and auctions pick from them). */
  pool: string[];
  rng: Rng;
}

const between = (rng: Rng, min: number, max: number) => rng.int(min, max);
const codeOf = (error: unknown) => (error as { reason?: { code?: string } }).reason?.code ?? 'FAILED';

/** The acting part of a bot: given the room's state, the request to send now (or null). */
type Decide = (s: any) => { delayMs: number; still: (s: any) => boolean; send: (room: Room) => Promise<void> } | null;

/**
 * Wires a seat's rooms to the item: records snapshots (watcher only) and plays, and runs `decide`
 * on every state change, one request at a time; after each it looks again (nothing may change).
 */
export function botAttach(item: Item, index: number, decide: Decide): (room: Room) => void {
  let rejoin = false;
  return (room: Room) => {
    const isCurrent = () => item.seats[index]?.room === room;
    let busy = false;
    const tick = () => {
      if (busy || !isCurrent() || !room.state) return;
      const next = decide(room.state);
      if (!next) return;
      busy = true;
      void (async () => {
        await sleep(next.delayMs);
        if (isCurrent() && next.still(room.state)) await next.send(room).catch(() => undefined);
        busy = false;
        setTimeout(tick, 50);
      })();
    };
    const wasRejoin = rejoin;
    rejoin = true;
    if (index === 0 && wasRejoin) {
      void firstState(room).then(() => {
        // Left before any state arrived: the next rejoin tells what the room was rebuilt as.
        try { item.rebuilt = snapshot(item.kind, room.state); } catch { /* no state */ }
      });
    }
    room.onStateChange((s: any) => {
      if (!isCurrent()) return;
      if (index === 0) item.last = snapshot(item.kind, s);
      if (item.roomName === 'baseball' && s.lastPlay?.number > 0) item.plays.set(s.lastPlay.number, { result: s.lastPlay.result, dice: [...s.lastPlay.dice] });
      tick();
    });
  };
}

/** Picks the best free player when on the clock; a sleepy manager never picks, only turns autopick off again. */
export function draftBot(item: Item, teamId: string, sleepy: boolean, ctx: BotContext): Decide {
  const taken = new Set<string>();
  return (s) => {
    if (s.status !== 'live') return null;
    if (sleepy) {
      const team = Array.from(s.teams as Iterable<any>).find((t) => t.id === teamId);
      if (!team?.autopick) return null;
      return { delayMs: between(ctx.rng, 20, 200), still: () => true, send: (room) => room.request('autopick', { enabled: false }).then(() => undefined) };
    }
    if (s.onClock !== teamId) return null;
    const pick = s.currentPick as number;
    return {
      delayMs: between(ctx.rng, 30, 400),
      still: (now) => now.currentPick === pick && now.onClock === teamId,
      send: async (room) => {
        for (const p of room.state.picks as Iterable<any>) taken.add(p.playerId);
        const playerId = ctx.pool.find((id) => !taken.has(id))!;
        try {
          await room.request('pick', { playerId, pick }, { timeout: 10_000 });
          item.acks.push({ kind: 'pick', overall: pick, teamId, playerId });
        } catch (error) {
          if (codeOf(error) === 'PLAYER_TAKEN') taken.add(playerId);
        }
      },
    };
  };
}

/** Nominates the best free player when on the clock (sometimes too late); bids the increment up to a private value per lot. */
export function auctionBot(item: Item, teamId: string, ctx: BotContext): Decide {
  const values = new Map<number, number>();
  return (s) => {
    if (s.status !== 'live') return null;
    if (s.phase === 'nominating' && s.nominator === teamId) {
      return {
        delayMs: between(ctx.rng, 100, 7000),
        still: (now) => now.phase === 'nominating' && now.nominator === teamId,
        send: async (room) => {
          const won = new Set(Array.from(room.state.won as Iterable<any>, (w) => w.playerId));
          const playerId = ctx.pool.find((id) => !won.has(id))!;
          const answer = await room.request('nominate', { playerId, bid: room.state.minBid }, { timeout: 10_000 });
          item.acks.push({ kind: 'nominate', lot: answer.lot, teamId, playerId });
        },
      };
    }
    if (s.phase !== 'bidding' || s.lot.highBidder === teamId) return null;
    const lot = s.lot.number as number;
    if (!values.has(lot)) values.set(lot, between(ctx.rng, 1, 40));
    const amount = s.lot.highBid + s.increment;
    const me = Array.from(s.teams as Iterable<any>).find((t) => t.id === teamId);
    if (!me || amount > Math.min(values.get(lot)!, me.maxBid)) return null;
    return {
      delayMs: between(ctx.rng, 50, 900),
      still: (now) => now.phase === 'bidding' && now.lot.number === lot && now.lot.highBid + now.increment === amount,
      send: async (room) => {
        await room.request('bid', { lot, amount }, { timeout: 10_000 });
        item.acks.push({ kind: 'bid', lot, teamId, amount });
      },
    };
  };
}

/** Decides "play on" for its side, sometimes slower than the decision clock (6 s: the AI then decides). */
export function gameBot(item: Item, teamId: string, ctx: BotContext): Decide {
  return (s) => {
    if (s.status !== 'live' || !s.awaiting) return null;
    const mine = Array.from(s.lineups as Iterable<any>).findIndex((l) => l.id === teamId);
    const batting = s.half === 'top' ? 0 : 1;
    const type = s.awaiting === 'defense' && mine !== batting ? 'defense' : s.awaiting === 'offense' && mine === batting ? 'offense' : null;
    if (!type) return null;
    const position = snapshot('game', s).position;
    return {
      delayMs: between(ctx.rng, 50, 8000),
      still: (now) => snapshot('game', now).position === position,
      send: async (room) => {
        const answer = await room.request(type, {}, { timeout: 10_000 });
        item.acks.push({ kind: 'decision', play: answer.play });
      },
    };
  };
}
