/**
 * A sample football season as the stat feed would send it: per week, every club's kickoff (clubs
 * on their bye week have none) and one stat line per player whose club plays, drawn around his
 * projected points. Deterministic (`seededRng`), so a simulated season is the same on every run.
 *
 * The ingest feed carries stat lines only, not fixtures: these kickoffs are what a season's periods
 * take as `fixtures` (club → kickoff), so each player locks at his own game's start.
 */
import { seededRng, shuffled, type Rng } from '../dice/rng.ts';
import type { StatEventInput } from '../scoring/ingest.ts';
import { FOOTBALL_CLUBS, clamp, normal } from './names.ts';

/** What the feed needs of a player: the sample pool's fields. */
export interface FeedPlayer {
  externalId: string;
  positions: string[];
  team: string;
  attributes: Record<string, unknown>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Kickoffs of a week relative to its Sunday 00:00 UTC: early (17:00) and late (20:25) Sunday games, Sunday night (00:20), Monday night (00:15 Tuesday). */
const SLOTS = [{ at: 17 * HOUR, games: 9 }, { at: 20 * HOUR + 25 * MINUTE, games: 4 }, { at: 24 * HOUR + 20 * MINUTE, games: 1 }, { at: 48 * HOUR + 15 * MINUTE, games: 2 }];
const GAMES_PER_SEASON = 17;

export const weekKey = (year: number, week: number) => `${year}-W${String(week).padStart(2, '0')}`;

/** Clubs on bye in `week` (from the players' `byeWeek`). */
function byeClubs(players: readonly FeedPlayer[], week: number): Set<string> {
  return new Set(players.filter((p) => p.attributes.byeWeek === week).map((p) => p.team));
}

/** Club → kickoff (ISO) of one week whose Sunday is `sunday`; clubs on bye have none. */
export function weekFixtures(players: readonly FeedPlayer[], week: number, sunday: Date, seed = 1): Record<string, string> {
  const rng = seededRng(seed * 1000 + week);
  const resting = byeClubs(players, week);
  const clubs = shuffled(rng, FOOTBALL_CLUBS.map((c) => c.abbreviation).filter((c) => !resting.has(c)));
  const fixtures: Record<string, string> = {};
  let next = 0;
  for (const slot of SLOTS) {
    for (let game = 0; game < slot.games && next < clubs.length; game++) {
      // Two clubs per game: both kick off together.
      for (const club of clubs.slice(next, next + 2)) fixtures[club] = new Date(sunday.getTime() + slot.at).toISOString();
      next += 2;
    }
  }
  for (const club of clubs.slice(next)) fixtures[club] = new Date(sunday.getTime() + SLOTS[0].at).toISOString();
  return fixtures;
}

/** One week's stat lines: every player whose club plays, at his club's kickoff. */
export function weekFeed(players: readonly FeedPlayer[], year: number, week: number, fixtures: Record<string, string>, seed = 1): StatEventInput[] {
  const rng = seededRng(seed * 7919 + week);
  const period = weekKey(year, week);
  return players.flatMap((player): StatEventInput[] => {
    const kickoff = fixtures[player.team];
    if (!kickoff) return [];
    const mean = Number(player.attributes.projectedPoints ?? 60) / GAMES_PER_SEASON;
    const target = Math.max(0, mean * clamp(normal(rng, 1, 0.45), 0, 3));
    return [{
      key: `gen-football:${period}:${player.externalId.replace(/^football:/, '')}`, sport: 'football', playerExternalId: player.externalId,
      period, occurredAt: kickoff, stats: statsFor(rng, player.positions[0], target),
    }];
  });
}

/** A stat line worth about `target` standard points for the position. */
function statsFor(rng: Rng, position: string | undefined, target: number): Extract<StatEventInput, { sport: 'football' }>['stats'] {
  const touchdowns = (per: number) => Math.max(0, Math.round(target / per + normal(rng, 0, 0.4)));
  switch (position) {
    case 'QB': {
      const passTd = touchdowns(9);
      return { passYards: Math.max(0, Math.round((target - 4 * passTd) * 25 * 0.85)), passTd, passInt: rng.int(0, 2), rushYards: rng.int(0, 25) };
    }
    case 'RB': {
      const rushTd = touchdowns(14);
      return { rushYards: Math.max(0, Math.round((target - 6 * rushTd) * 7)), rushTd, receptions: rng.int(0, 5), recYards: rng.int(0, 35) };
    }
    case 'WR':
    case 'TE': {
      const recTd = touchdowns(14);
      return { receptions: rng.int(1, 9), recYards: Math.max(0, Math.round((target - 6 * recTd) * 10)), recTd };
    }
    case 'K':
      return { fg0to39: Math.max(0, Math.round(target / 5)), fg40to49: rng.int(0, 1), xpMade: rng.int(0, 5) };
    default: // DEF
      return { sacks: Math.max(0, Math.round(target / 2)), defInterceptions: rng.int(0, 2), pointsAllowed: rng.int(3, 38) };
  }
}
