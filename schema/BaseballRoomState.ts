import { schema, t, type SchemaType } from '@colyseus/schema';

/** The synced state of a baseball room: data only. The game's rules state lives in src/baseball. */
export const BaseballSlotState = schema({
  playerId: t.string(),
  name: t.string(),
  /** P, C, 1B, ..., DH. */
  position: t.string(),
}, 'BaseballSlotState');
export type BaseballSlotState = SchemaType<typeof BaseballSlotState>;

/** One side: its batting order, who pitches, who manages it, and its sealed decision. */
export const BaseballLineupState = schema({
  side: t.string(),
  /** The team's id (named `id` for the shared room base's presence and private views). */
  id: t.string(),
  name: t.string(),
  /** The AI style deciding for this side, '' when its manager decides. */
  ai: t.string(),
  connected: t.boolean(),
  players: t.array(BaseballSlotState),
  /** Index in `players` of the next batter. */
  next: t.uint8(),
  pitcher: t.string(),
  /** Private to this side's manager (StateView): its sealed defense decision as JSON, '' when none. */
  pending: t.string().view(),
  /** The AI plays this managed side since the game was abandoned, until its manager is back in the room. */
  autopilot: t.boolean(),
}, 'BaseballLineupState');
export type BaseballLineupState = SchemaType<typeof BaseballLineupState>;

/** The home club's park (src/baseball/ballparks.ts): how it multiplies each hit's rate for both clubs. */
export const BaseballParkState = schema({
  id: t.string(),
  name: t.string(),
  single: t.float32(),
  double: t.float32(),
  triple: t.float32(),
  hr: t.float32(),
  /** Ballpark ratings on the d20 (docs/baseball.md "Ballparks"); 0 for a game from before ballpark results. */
  bpHr: t.uint8(),
  bpSingle: t.uint8(),
}, 'BaseballParkState');
export type BaseballParkState = SchemaType<typeof BaseballParkState>;

export const BaseballScoreState = schema({
  away: t.uint16(),
  home: t.uint16(),
}, 'BaseballScoreState');
export type BaseballScoreState = SchemaType<typeof BaseballScoreState>;

export const BaseballLineScoreState = schema({
  /** Runs per inning. */
  away: t.array('uint8'),
  home: t.array('uint8'),
}, 'BaseballLineScoreState');
export type BaseballLineScoreState = SchemaType<typeof BaseballLineScoreState>;

/** The play just made, with the dice that decided it. */
export const BaseballPlayState = schema({
  number: t.uint16(),
  text: t.string(),
  /** Scoring code: 1B, HR, K, GIDP, SF, SB2, IBB, ... */
  result: t.string(),
  dice: t.array('uint8'),
  /** Sides of each die in `dice` (6, 20, 100). */
  sides: t.array('uint8'),
  tactics: t.array('string'),
  runs: t.uint8(),
  /** Epoch ms when the play was decided (it was stored before anyone saw it). */
  at: t.float64(),
}, 'BaseballPlayState');
export type BaseballPlayState = SchemaType<typeof BaseballPlayState>;

export const BaseballRoomState = schema({
  gameId: t.string(),
  rules: t.string(),
  status: t.string().default('scheduled'),
  inning: t.uint8(),
  half: t.string().default('top'),
  outs: t.uint8(),
  /** The runners on 1st, 2nd and 3rd ('' when empty). */
  bases: t.array('string'),
  score: BaseballScoreState,
  lineScore: BaseballLineScoreState,
  batter: t.string(),
  pitcher: t.string(),
  /** [away, home]. */
  lineups: t.array(BaseballLineupState),
  /** Whose decision the game waits for: 'defense', 'offense' or '' (not live). */
  awaiting: t.string(),
  /** Epoch ms when the awaited decision is due (0 when none). */
  deadline: t.float64(),
  lastPlay: BaseballPlayState,
  /** The home team's chance to win now, 0..1. */
  winProbability: t.float32(),
  diceCommitment: t.string(),
  /** Revealed when the game is final; '' until then. */
  diceSeed: t.string(),
  serverTime: t.float64(),
  /** ranked, friendly or practice (only ranked games count in standings and season stats). */
  mode: t.string(),
  /** Epoch ms of the first pitch (0: none set, the game starts when its managers are in). */
  startAt: t.float64(),
  /** The side that forfeited the game ('' when none). */
  forfeitedBy: t.string(),
  /** The AI plays a managed side since the managers abandoned the game (which: `lineups[i].autopilot`). */
  autopilot: t.boolean(),
  /** Where the game is played. */
  park: BaseballParkState,
}, 'BaseballState'); // the registered name clients have always seen
export type BaseballRoomState = SchemaType<typeof BaseballRoomState>;
