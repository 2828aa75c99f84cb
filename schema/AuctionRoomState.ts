import { schema, t, type SchemaType } from '@colyseus/schema';

/** The synced state of an auction room: data only. The rules' state lives in src/auction. */
export const AuctionTeamState = schema({
  id: t.string(),
  name: t.string(),
  connected: t.boolean(),
  budget: t.uint16(),
  openSlots: t.uint8(),
  /** budget - (openSlots - 1) * minBid: the most this team may bid now. */
  maxBid: t.uint16(),
  /** Private to the team's manager (StateView): its nomination wish list ... */
  queue: t.array('string').view(),
  /** ... and its proxy maximum on the current lot (0 = none). */
  proxy: t.uint16().view(),
}, 'AuctionTeamState');
export type AuctionTeamState = SchemaType<typeof AuctionTeamState>;

export const AuctionLotState = schema({
  number: t.uint16(),
  playerId: t.string(),
  nominator: t.string(),
  highBid: t.uint16(),
  highBidder: t.string(),
  deadline: t.float64(),
}, 'AuctionLotState');
export type AuctionLotState = SchemaType<typeof AuctionLotState>;

export const AuctionWonState = schema({
  lot: t.uint16(),
  playerId: t.string(),
  teamId: t.string(),
  price: t.uint16(),
}, 'AuctionWonState');
export type AuctionWonState = SchemaType<typeof AuctionWonState>;

export const AuctionRoomState = schema({
  draftId: t.string(),
  status: t.string().default('scheduled'),
  phase: t.string().default('nominating'),
  /** The team on the clock to nominate ('' while bidding or when none can). */
  nominator: t.string(),
  /** The open lot; its number is 0 when none is open. */
  lot: AuctionLotState,
  /** Epoch ms when the current clock (nomination or bidding) runs out; 0 when none. */
  deadline: t.float64(),
  remainingMs: t.float64(),
  serverTime: t.float64(),
  budget: t.uint16(),
  minBid: t.uint16(),
  increment: t.uint16(),
  rosterSlots: t.uint8(),
  teams: t.array(AuctionTeamState),
  won: t.array(AuctionWonState),
}, 'AuctionState'); // the registered name clients have always seen
export type AuctionRoomState = SchemaType<typeof AuctionRoomState>;
