/** The shapes of the season replies (PROTOCOL.md "Seasons"; src/http/openapi/replies-season.ts). */
export interface Period {
  number: number; key: string; kind: 'regular' | 'playoff'; startsAt: string; locksAt: string;
  fixtures: Record<string, string>; final: boolean; finalizedAt: string | null; refinalized: number;
}
export interface LineupSettings { slots: string[]; eligibility: Record<string, string[]> }
export interface Season {
  id: string; number: number; status: 'regular' | 'playoffs' | 'complete'; championTeamId: string | null; seeds: string[] | null;
  settings: { lineup: LineupSettings; regularWeeks: number; playoffTeams: number; playoffWeeks: number; tiebreakers: string[] };
  periods: Period[];
}
export interface TeamRef { teamId: string; name: string | null }
export interface ScheduleGame { id: string; playoffRound: number | null; home: TeamRef; away: TeamRef | null; homePoints: number | null; awayPoints: number | null; result: 'home' | 'away' | 'tie' | null }
export interface Schedule { season: number; periods: Array<Period & { matchups: ScheduleGame[] }> }
export interface SlotPlayer { slot: string; playerId: string | null; name: string | null; position: string | null; club: string | null; points: number; locked: boolean }
export interface Side { teamId: string; name: string | null; points: number; benchPoints: number; auto: boolean; starters: SlotPlayer[]; bench: SlotPlayer[] }
export interface Matchups { season: number; period: Period; items: Array<{ id: string; playoffRound: number | null; result: 'home' | 'away' | 'tie' | null; home: Side; away: Side | null }> }
export interface Lineup extends Side { season: number; period: Period; slots: string[] }
export interface StandingRow { rank: number; teamId: string; name: string; wins: number; losses: number; ties: number; pct: number; pointsFor: number; pointsAgainst: number; streak: string; gamesBack: number }
export interface SeasonStandings { number: number; tiebreakers: string[]; items: StandingRow[] }
export interface BracketTeam { seed: number; teamId: string; name: string | null }
export interface Playoffs {
  season: number; status: string; playoffTeams: number; seeds: BracketTeam[] | null; champion: BracketTeam | null;
  rounds: Array<{ round: number; period: number | null; final: boolean; games: Array<{ slot: number; home: BracketTeam | null; away: BracketTeam | null; bye: boolean; homePoints: number | null; awayPoints: number | null; winner: BracketTeam | null }> }>;
}

/** Points as every season view shows them: two decimals. */
export const pts = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2));
/** A period's name: "Week 3", "Playoff round 1 (week 15)"; an F1 season's periods are races ("Race 3"). */
export function periodName(p: Pick<Period, 'number' | 'kind' | 'key'>, regularWeeks: number): string {
  const unit = /^\d{4}-W\d{2}$/.test(p.key) ? 'week' : 'race';
  if (p.kind === 'playoff') return `Playoff round ${p.number - regularWeeks} (${unit} ${p.number})`;
  return `${unit === 'week' ? 'Week' : 'Race'} ${p.number}`;
}
/** One side's result letter: W, L or T (null while nothing is decided). */
export function outcome(result: 'home' | 'away' | 'tie' | null, side: 'home' | 'away'): 'W' | 'L' | 'T' | null {
  if (!result) return null;
  if (result === 'tie') return 'T';
  return result === side ? 'W' : 'L';
}
export const when = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
