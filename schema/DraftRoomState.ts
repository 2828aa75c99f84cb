import { schema, t, type SchemaType } from '@colyseus/schema';

/** The synced state of a draft room: data only. The rules' state lives in src/draft. */
export const DraftTeamState = schema({
  id: t.string(),
  name: t.string(),
  /** Draft slot, 1-based (position in the first round). */
  slot: t.uint8(),
  connected: t.boolean(),
  autopick: t.boolean(),
  /** The team's wish list: visible only to clients whose view holds this team (its manager). */
  queue: t.array('string').view(),
}, 'DraftTeamState');
export type DraftTeamState = SchemaType<typeof DraftTeamState>;

export const DraftPickState = schema({
  overall: t.uint16(),
  round: t.uint8(),
  teamId: t.string(),
  playerId: t.string(),
  auto: t.boolean(),
  keeper: t.boolean(),
}, 'DraftPickState');
export type DraftPickState = SchemaType<typeof DraftPickState>;

/** A pick the server passed over: its team had no legal player left (`reason` ROSTER_FULL or NO_ELIGIBLE_PLAYER). */
export const DraftSkipState = schema({
  overall: t.uint16(),
  round: t.uint8(),
  teamId: t.string(),
  reason: t.string(),
  message: t.string(),
}, 'DraftSkipState');
export type DraftSkipState = SchemaType<typeof DraftSkipState>;

/** A traded pick: `fromTeamId`'s pick in `round` (where that team's pick falls) is made by `toTeamId`. */
export const DraftTradedPickState = schema({
  round: t.uint8(),
  fromTeamId: t.string(),
  toTeamId: t.string(),
}, 'DraftTradedPickState');
export type DraftTradedPickState = SchemaType<typeof DraftTradedPickState>;

export const DraftRoomState = schema({
  draftId: t.string(),
  status: t.string().default('scheduled'),
  type: t.string(),
  rounds: t.uint8(),
  pickSeconds: t.uint16(),
  /** Overall number of the pick on the clock (1-based); totalPicks + 1 when complete. */
  currentPick: t.uint16(),
  totalPicks: t.uint16(),
  onClock: t.string(),
  /** Epoch ms when the clock runs out; 0 when there is none. */
  deadline: t.float64(),
  /** While paused: ms that were left on the clock. */
  remainingMs: t.float64(),
  /** The server clock (epoch ms), refreshed every 5 s (and with every change) so clients can show countdowns. */
  serverTime: t.float64(),
  teams: t.array(DraftTeamState),
  picks: t.array(DraftPickState),
  /** Picks passed over, by overall; like picks they are done and the draft moved on. */
  skips: t.array(DraftSkipState),
  /** The picks that changed hands before the draft (trades of the league, or the commissioner's): fixed once created. */
  tradedPicks: t.array(DraftTradedPickState),
}, 'DraftState'); // the registered name clients have always seen
export type DraftRoomState = SchemaType<typeof DraftRoomState>;
