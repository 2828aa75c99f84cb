import type { AuctionLot, ProxyBid } from './types.ts';

/**
 * Proxy bidding, as eBay does it: a team leaves a private maximum and the server bids for it, never more
 * than needed. Pure: it only says which bids the proxies place; the command turns them into events.
 */

/** A bid the server places for a team from its proxy. */
export interface ProxyRaise {
  teamId: string;
  amount: number;
}

interface Contender {
  teamId: string;
  max: number;
  /** When the maximum was set; -Infinity for a high bid with no proxy behind it. */
  placedAt: number;
  incumbent: boolean;
}

/** Highest maximum first; equal maximums go to the earlier proxy, then to the team already winning. */
function stronger(a: Contender, b: Contender): number {
  if (a.max !== b.max) return b.max - a.max;
  if (a.placedAt !== b.placedAt) return a.placedAt < b.placedAt ? -1 : 1;
  if (a.incumbent !== b.incumbent) return a.incumbent ? -1 : 1;
  return a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0;
}

/**
 * The bids proxies place against the lot as it stands (after the bid or proxy that triggered this).
 * - No other team's proxy can beat the high bid by an increment: nothing happens (exhausted proxies stay silent).
 * - Otherwise the strongest contender (the high bidder counts with its own proxy, if any) wins at the
 *   runner-up's maximum + increment, capped at its own maximum. A plain bid facing a proxy is the case
 *   where the runner-up's "maximum" is that bid: the proxy answers with bid + increment.
 * - The runner-up's proxy is shown bidding its maximum first when that is a real step between.
 * After these bids the lot is stable again: no proxy but the high bidder's can beat the high bid.
 */
export function resolveProxies(lot: AuctionLot, proxies: Readonly<Record<string, ProxyBid>>, increment: number): ProxyRaise[] {
  const { highBid, highBidder } = lot;
  const onLot = Object.entries(proxies).filter(([, proxy]) => proxy.lot === lot.number);
  const challengers: Contender[] = onLot
    .filter(([teamId, proxy]) => teamId !== highBidder && proxy.max >= highBid + increment)
    .map(([teamId, proxy]) => ({ teamId, max: proxy.max, placedAt: proxy.placedAt, incumbent: false }));
  if (challengers.length === 0) return [];

  const own = onLot.find(([teamId]) => teamId === highBidder)?.[1];
  const backed = own !== undefined && own.max > highBid;
  const incumbent: Contender = {
    teamId: highBidder,
    max: backed ? own.max : highBid,
    placedAt: backed ? own.placedAt : Number.NEGATIVE_INFINITY,
    incumbent: true,
  };
  const [winner, runnerUp] = [incumbent, ...challengers].sort(stronger);
  const price = Math.min(winner.max, runnerUp.max + increment);
  const raises: ProxyRaise[] = [];
  if (runnerUp.max > highBid && runnerUp.max < price) raises.push({ teamId: runnerUp.teamId, amount: runnerUp.max });
  raises.push({ teamId: winner.teamId, amount: price });
  return raises;
}
