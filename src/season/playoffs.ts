/**
 * The playoff bracket: the top K seeds of the regular-season standings, one round per playoff
 * period. Pure: seeds and the final playoff matchups in, the bracket out.
 *
 * The bracket has 2^R places (R = ⌈log2 K⌉ rounds); the top 2^R − K seeds get a first-round bye.
 * Places follow the standard seeding (1 v 8, 4 v 5, 2 v 7, 3 v 6), so 1 and 2 can meet only in
 * the final; the bracket is fixed (no reseeding, as ESPN). The better seed is home; a tied game
 * goes to the better seed (ESPN's default).
 */

export interface BracketTeam {
  seed: number;
  teamId: string;
}

export interface BracketGame {
  round: number;
  /** 0-based place in its round, top to bottom. */
  slot: number;
  home: BracketTeam | null;
  away: BracketTeam | null;
  /** The better seed had no opponent: he goes through without playing. */
  bye: boolean;
  homePoints: number | null;
  awayPoints: number | null;
  winner: BracketTeam | null;
}

export interface Bracket {
  rounds: BracketGame[][];
  champion: BracketTeam | null;
}

/** A final playoff game's points, by round and home team id. */
export interface PlayedGame {
  round: number;
  home: string;
  away: string;
  homePoints: number;
  awayPoints: number;
}

export function playoffRounds(teams: number): number {
  return teams <= 1 ? 0 : Math.ceil(Math.log2(teams));
}

/** Seed numbers by bracket place for a bracket of `size` (a power of two): [1, 8, 4, 5, 2, 7, 3, 6]. */
export function seedOrder(size: number): number[] {
  let order = [1];
  while (order.length < size) {
    const n = order.length * 2;
    order = order.flatMap((seed) => [seed, n + 1 - seed]);
  }
  return order;
}

export function buildBracket(seeds: readonly string[], played: readonly PlayedGame[]): Bracket {
  const roundsCount = playoffRounds(seeds.length);
  if (roundsCount === 0) return { rounds: [], champion: seeds[0] ? { seed: 1, teamId: seeds[0] } : null };
  const teamOf = (seed: number): BracketTeam | null => (seed <= seeds.length ? { seed, teamId: seeds[seed - 1] } : null);
  let entrants: Array<BracketTeam | null> = seedOrder(2 ** roundsCount).map(teamOf);
  const rounds: BracketGame[][] = [];
  for (let round = 1; round <= roundsCount; round++) {
    const games = Array.from({ length: entrants.length / 2 }, (_, slot) => game(round, slot, entrants[2 * slot], entrants[2 * slot + 1], played));
    rounds.push(games);
    entrants = games.map((g) => g.winner);
  }
  return { rounds, champion: entrants[0] };
}

function game(round: number, slot: number, a: BracketTeam | null, b: BracketTeam | null, played: readonly PlayedGame[]): BracketGame {
  const [home, away] = a && b && b.seed < a.seed ? [b, a] : [a, b];
  const bye = round === 1 && home !== null && away === null;
  const base = { round, slot, home, away, bye, homePoints: null, awayPoints: null };
  if (bye) return { ...base, winner: home };
  if (!home || !away) return { ...base, winner: null };
  const result = played.find((p) => p.round === round && p.home === home.teamId && p.away === away.teamId);
  if (!result) return { ...base, winner: null };
  // A tie goes to the better seed, who is home.
  const winner = result.awayPoints > result.homePoints ? away : home;
  return { ...base, homePoints: result.homePoints, awayPoints: result.awayPoints, winner };
}

/** The games of a round whose two teams are known and that must be played (no byes). */
export function gamesToPlay(bracket: Bracket, round: number): Array<{ slot: number; home: BracketTeam; away: BracketTeam }> {
  return (bracket.rounds[round - 1] ?? []).flatMap((g) => (g.home && g.away ? [{ slot: g.slot, home: g.home, away: g.away }] : []));
}
