import { schema, t, type SchemaType } from '@colyseus/schema';

/** The synced state of a league room (`league`): data only. The numbers come from src/league-live/. */
export const LeaguePlayerPointsState = schema({
  playerId: t.string(),
  name: t.string(),
  position: t.string(),
  /** Points this player earned the team in the current period. */
  points: t.float64(),
}, 'LeaguePlayerPointsState');
export type LeaguePlayerPointsState = SchemaType<typeof LeaguePlayerPointsState>;

export const LeagueTeamState = schema({
  id: t.string(),
  name: t.string(),
  /** The team's live points in the current period. */
  points: t.float64(),
  players: t.array(LeaguePlayerPointsState),
  /** F1 race weekends only (else 0): the team's points in `race`, and over the season's scored races. */
  racePoints: t.float64(),
  seasonPoints: t.float64(),
}, 'LeagueTeamState');
export type LeagueTeamState = SchemaType<typeof LeagueTeamState>;

/** One matchup of the current period; `awayTeamId` '' when the home team has no opponent. */
export const LeagueMatchupState = schema({
  id: t.string(),
  period: t.string(),
  homeTeamId: t.string(),
  homePoints: t.float64(),
  awayTeamId: t.string(),
  awayPoints: t.float64(),
}, 'LeagueMatchupState');
export type LeagueMatchupState = SchemaType<typeof LeagueMatchupState>;

/**
 * An F1 league's current race weekend (src/league-live/race-board.ts): the latest race of its
 * season whose lock has passed or that has results; `id` '' for any other league, or before then.
 */
export const LeagueRaceState = schema({
  id: t.string(),
  round: t.uint16(),
  name: t.string(),
  /** The stat feeds' period of its results ('aurora-2026'). */
  period: t.string(),
  /** Its lock (start of qualifying) and start, epoch ms. */
  locksAt: t.float64(),
  startsAt: t.float64(),
  /** Whether any result of it has been scored in the league. */
  scored: t.boolean(),
}, 'LeagueRaceState');
export type LeagueRaceState = SchemaType<typeof LeagueRaceState>;

export const LeagueLiveRoomState = schema({
  leagueId: t.string(),
  name: t.string(),
  sport: t.string(),
  /** The scoring period shown ('2026-W01', 'monaco-2026'); '' before anything was scored. */
  period: t.string(),
  /** The scoring rules version of the points (0: the league has no fantasy scoring). */
  rulesVersion: t.uint16(),
  /** When the scores shown last changed (epoch ms, the score job's finish); 0 before any change was heard. */
  scoredAt: t.float64(),
  teams: t.array(LeagueTeamState),
  matchups: t.array(LeagueMatchupState),
  /** F1 race weekends: the current race (teams[i].racePoints are of it). */
  race: LeagueRaceState,
}, 'LeagueLiveState');
export type LeagueLiveRoomState = SchemaType<typeof LeagueLiveRoomState>;
