/**
 * A league's standings from its final games (pure: the service reads the games, this counts).
 * Baseball has no ties, so every final game is one win and one loss.
 */

export interface StandingsTeam { id: string; name: string }

/** A final game as standings need it; `at` orders games for streaks and the last ten. */
export interface FinalGame {
  homeTeamId: string;
  awayTeamId: string;
  homeScore: number;
  awayScore: number;
  at: number;
  /** The winner when the runs do not say it (a forfeit); else the side with more runs. */
  winnerId?: string | null;
}

export interface StandingsRow {
  teamId: string;
  name: string;
  w: number;
  l: number;
  /** Winning percentage as shown in a newspaper: ".583", "1.000"; ".000" before any game. */
  pct: string;
  /** Games behind the leader (the top row): 0 for the leader and teams tied with it, halves allowed. */
  gb: number;
  rs: number;
  ra: number;
  diff: number;
  /** "W3" / "L1": the current run of results; "" before any game. */
  streak: string;
  /** Record over the last ten games, "6-4". */
  last10: string;
  home: string;
  away: string;
}

const LAST_N = 10;

interface Tally {
  team: StandingsTeam;
  w: number; l: number; rs: number; ra: number;
  homeW: number; homeL: number; awayW: number; awayL: number;
  /** true = win, oldest first. */
  results: boolean[];
}

export function standings(teams: readonly StandingsTeam[], games: readonly FinalGame[]): StandingsRow[] {
  const tallies = new Map<string, Tally>(teams.map((team) => [team.id, {
    team, w: 0, l: 0, rs: 0, ra: 0, homeW: 0, homeL: 0, awayW: 0, awayL: 0, results: [],
  }]));
  for (const game of [...games].sort((a, b) => a.at - b.at)) {
    const homeWon = game.winnerId ? game.winnerId === game.homeTeamId : game.homeScore > game.awayScore;
    record(tallies.get(game.homeTeamId), 'home', homeWon, game.homeScore, game.awayScore);
    record(tallies.get(game.awayTeamId), 'away', !homeWon, game.awayScore, game.homeScore);
  }
  const sorted = [...tallies.values()].sort((a, b) =>
    winPct(b) - winPct(a) || (b.rs - b.ra) - (a.rs - a.ra) || a.team.name.localeCompare(b.team.name));
  const leader = sorted[0];
  return sorted.map((t) => ({
    teamId: t.team.id,
    name: t.team.name,
    w: t.w,
    l: t.l,
    pct: formatPct(t.w, t.l),
    gb: leader ? gamesBehind(leader, t) : 0,
    rs: t.rs,
    ra: t.ra,
    diff: t.rs - t.ra,
    streak: streakOf(t.results),
    last10: recordOf(t.results.slice(-LAST_N)),
    home: `${t.homeW}-${t.homeL}`,
    away: `${t.awayW}-${t.awayL}`,
  }));
}

/** A game against a team outside the list (say, since removed) counts for the other team only. */
function record(t: Tally | undefined, where: 'home' | 'away', won: boolean, scored: number, allowed: number): void {
  if (!t) return;
  if (won) t.w++; else t.l++;
  if (where === 'home') { if (won) t.homeW++; else t.homeL++; } else if (won) t.awayW++; else t.awayL++;
  t.rs += scored;
  t.ra += allowed;
  t.results.push(won);
}

function winPct(t: Pick<Tally, 'w' | 'l'>): number {
  return t.w + t.l === 0 ? 0 : t.w / (t.w + t.l);
}

/** ".583"; a perfect record is "1.000". */
export function formatPct(w: number, l: number): string {
  const pct = winPct({ w, l });
  return pct === 1 ? '1.000' : pct.toFixed(3).slice(1);
}

/** ((leaderW - W) + (L - leaderL)) / 2: half a game per win or loss of difference. */
export function gamesBehind(leader: Pick<Tally, 'w' | 'l'>, team: Pick<Tally, 'w' | 'l'>): number {
  return ((leader.w - team.w) + (team.l - leader.l)) / 2;
}

function streakOf(results: readonly boolean[]): string {
  const last = results.at(-1);
  if (last === undefined) return '';
  let n = 0;
  for (let i = results.length - 1; i >= 0 && results[i] === last; i--) n++;
  return `${last ? 'W' : 'L'}${n}`;
}

function recordOf(results: readonly boolean[]): string {
  const wins = results.filter(Boolean).length;
  return `${wins}-${results.length - wins}`;
}
