import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { StreamEvent, auctionConfigOf } from '../db/entities/index.ts';
import type { Sport } from '../players/types.ts';
import {
  checkOrder, draftSummary, draftableLeague, findDraft, loadForRoom, orderOrShuffled, orderView, playersById, storeDraft, type ForRoom,
} from '../draft/service.ts';
import { badField } from '../errors.ts';
import { SPORT_DEFAULTS } from '../draft/config.ts';
import type { Scheduling } from '../jobs/types.ts';
import { auctionConfig, validateConfig } from './config.ts';
import { maxBid, openSlots } from './budget.ts';
import { initialState, replay } from './state.ts';
import type { AuctionConfig, AuctionEvent, AuctionRosterRules } from './types.ts';

/** An auction request as the route has parsed it; everything but the type has a per-sport default. */
export interface NewAuctionInput {
  type: 'auction';
  budget?: number;
  minBid?: number;
  increment?: number;
  rosterSlots?: number;
  nominationSeconds?: number;
  bidSeconds?: number;
  resetFloorSeconds?: number;
  order?: string[];
  rosterRules?: AuctionRosterRules;
  bots?: boolean;
  scheduledAt?: string;
}

/**
 * What differs by sport: the usual budgets ($260 is the common baseball figure) and one roster slot
 * per round the sport's snake draft has. Position limits are the snake draft's (without its total:
 * rosterSlots is the total). Everything else is the pure AUCTION_DEFAULTS.
 */
const SPORT_AUCTION_DEFAULTS: Record<Sport, { budget: number; rosterSlots: number }> = {
  football: { budget: 200, rosterSlots: SPORT_DEFAULTS.football.rounds },
  f1: { budget: 200, rosterSlots: SPORT_DEFAULTS.f1.rounds },
  baseball: { budget: 260, rosterSlots: SPORT_DEFAULTS.baseball.rounds },
};

function defaultRosterRules(sport: Sport): AuctionRosterRules | undefined {
  const { maxPerPosition } = SPORT_DEFAULTS[sport].rosterRules;
  return Object.keys(maxPerPosition).length > 0 ? { maxPerPosition } : undefined;
}

const SETTINGS = ['budget', 'minBid', 'increment', 'rosterSlots', 'nominationSeconds', 'bidSeconds', 'resetFloorSeconds'] as const;

/** The settings the commissioner gave (a missing one must not override its default with undefined). */
function givenSettings(input: NewAuctionInput): Partial<Pick<AuctionConfig, (typeof SETTINGS)[number]>> {
  return Object.fromEntries(SETTINGS.flatMap((key) => (input[key] === undefined ? [] : [[key, input[key]]])));
}

export async function createAuction(em: EntityManager, scheduling: Scheduling, leagueId: string, userId: string, input: NewAuctionInput) {
  const { league, teams } = await draftableLeague(em, leagueId, userId);
  const draftId = crypto.randomUUID();
  const rosterRules = input.rosterRules ?? defaultRosterRules(league.sport);
  const config = auctionConfig({
    draftId,
    order: orderOrShuffled(input.order, teams),
    ...SPORT_AUCTION_DEFAULTS[league.sport],
    ...givenSettings(input),
    ...(rosterRules ? { rosterRules } : {}),
  });
  checkOrder(config.order, teams);
  checkConfig(config);
  await storeDraft(em, scheduling, { id: draftId, league, kind: 'auction', config, userId, bots: input.bots, scheduledAt: input.scheduledAt });
  return getAuctionView(em, draftId);
}

/**
 * The budget check names the field at fault; the pure validateConfig (the one `start` runs) is the
 * net for everything else, its message saying what is wrong.
 */
function checkConfig(config: AuctionConfig): void {
  const least = config.rosterSlots * config.minBid;
  if (config.budget < least) {
    throw badField('budget', `budget must be at least rosterSlots * minBid (${config.rosterSlots} * ${config.minBid} = ${least}) so every team can fill its roster`);
  }
  const broken = validateConfig(config);
  if (broken) throw badField(broken.code === 'INVALID_ORDER' ? 'order' : fieldNamed(broken.message), broken.message);
}

/** The config field a rule message is about ('' when it names none). */
function fieldNamed(message: string): string {
  if (message.startsWith('the limit for')) return 'rosterRules';
  return [...SETTINGS].find((field) => message.includes(field)) ?? '';
}

/** Everything the auction room needs to rebuild its state (with the event log). */
export type AuctionForRoom = ForRoom<AuctionConfig>;

/** Null for an unknown draft or one that is not an auction. */
export function loadAuctionForRoom(orm: MikroORM, draftId: string): Promise<AuctionForRoom | null> {
  return loadForRoom(orm, draftId, (draft) => (draft.kind === 'auction' ? auctionConfigOf(draft) : null));
}

/** Every event type of an auction's log: anything else in the stream is not the reducer's to fold. */
const AUCTION_EVENT_TYPES: Record<AuctionEvent['type'], true> = {
  started: true, nominated: true, bid: true, proxySet: true, lotClosed: true, nominationSkipped: true,
  lotCancelled: true, undone: true, paused: true, resumed: true, queueSet: true, completed: true,
};

async function auctionEvents(em: EntityManager, draftId: string): Promise<AuctionEvent[]> {
  const rows = await em.find(StreamEvent, { stream: draftId }, { orderBy: { seq: 'asc' }, fields: ['type', 'payload'] });
  return rows
    .filter((row) => Object.hasOwn(AUCTION_EVENT_TYPES, row.type))
    .map((row) => ({ ...row.payload, type: row.type }) as AuctionEvent);
}

/** A lot as REST shows it. A sale taken back by undo stays listed as 'undone'; a cancelled lot as 'cancelled'. */
export interface LotView {
  number: number;
  playerId: string;
  playerName: string | null;
  nominator: string;
  status: 'open' | 'sold' | 'cancelled' | 'undone';
  /** Set only while sold. */
  winner: string | null;
  price: number | null;
  closedAt: string | null;
  /** Every bid placed, opening bid first; `proxy` = placed by the server from a proxy maximum (never the maximum itself). */
  bids: Array<{ teamId: string; amount: number; at: string; proxy: boolean }>;
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** The lots of the log, in the order they were opened. proxySet events (private maxima) are never read. */
function lotsOf(events: readonly AuctionEvent[]): Array<Omit<LotView, 'playerName'>> {
  const lots = new Map<number, Omit<LotView, 'playerName'>>();
  for (const event of events) {
    switch (event.type) {
      case 'nominated': {
        const { number, playerId, nominator, bids } = event.lot;
        lots.set(number, {
          number, playerId, nominator, status: 'open', winner: null, price: null, closedAt: null,
          bids: bids.map((b) => ({ teamId: b.teamId, amount: b.amount, at: iso(b.at), proxy: b.proxy })),
        });
        break;
      }
      case 'bid':
        lots.get(event.lot)?.bids.push({ teamId: event.teamId, amount: event.amount, at: iso(event.at), proxy: event.proxy });
        break;
      case 'lotClosed': {
        const lot = lots.get(event.lot);
        if (lot) Object.assign(lot, { status: 'sold', winner: event.teamId, price: event.price, closedAt: iso(event.at) });
        break;
      }
      case 'lotCancelled':
      case 'undone': {
        const lot = lots.get(event.lot);
        if (lot) Object.assign(lot, { status: event.type === 'undone' ? 'undone' : 'cancelled', winner: null, price: null, closedAt: null });
        break;
      }
      default:
        break;
    }
  }
  return [...lots.values()];
}

/**
 * GET /api/v1/drafts/:id for an auction: the summary every draft has, the nomination order, every
 * lot with its bids, each team's budget and purchases, and the rosters once complete. Built from
 * the event log with the pure reducer; private data (proxy maxima, queues) is left out.
 */
export async function getAuctionView(em: EntityManager, draftId: string) {
  const draft = await findDraft(em, draftId);
  const config = auctionConfigOf(draft);
  const events = await auctionEvents(em, draftId);
  const state = replay(initialState(config), events);
  const order = await orderView(em, draft);
  const lots = lotsOf(events);
  const players = await playersById(em, lots.map((lot) => lot.playerId));
  const playerName = (id: string) => players.get(id)?.name ?? null;

  const teams = order.map(({ teamId, name, ownerId }) => ({
    teamId, name, ownerId,
    budget: state.teams[teamId]?.budget ?? config.budget,
    openSlots: openSlots(state, teamId),
    maxBid: maxBid(state, teamId),
    won: (state.teams[teamId]?.won ?? []).map(({ lot, playerId, price }) => ({
      lot, playerId, name: playerName(playerId), positions: players.get(playerId)?.positions ?? [], price,
    })),
  }));
  const result = draft.status !== 'complete' ? null : teams.map(({ teamId, name, ownerId, budget, won }) => ({
    teamId, name, ownerId, spent: config.budget - budget, players: won,
  }));
  return {
    ...draftSummary(draft),
    order,
    lots: lots.map((lot) => ({ ...lot, playerName: playerName(lot.playerId) })),
    teams,
    result,
  };
}
