/**
 * The head-to-head schedule: a balanced round robin by the circle method. Pure: no I/O, no clock.
 *
 * One team stays put while the others rotate one place a week, so over T − 1 weeks (T even) every
 * team meets every other exactly once; week w plays the cycle's round w mod (T − 1). Over N weeks
 * every pair therefore meets ⌊N/(T−1)⌋ or ⌈N/(T−1)⌉ times. An odd team count gets a bye slot (null):
 * the team drawn against it rests that week, each team once per cycle. Home and away swap between
 * cycles, so a team's home and away games differ by at most one per cycle.
 */

/** One game of a week: `away` null is a bye for `home`. */
export interface Pairing {
  home: string;
  away: string | null;
}

export function roundRobin(teamIds: readonly string[], weeks: number): Pairing[][] {
  if (teamIds.length < 2) throw new Error('a schedule needs at least two teams');
  const slots: Array<string | null> = teamIds.length % 2 === 0 ? [...teamIds] : [...teamIds, null];
  const rounds = slots.length - 1;
  const schedule: Pairing[][] = [];
  for (let week = 0; week < weeks; week++) {
    const round = week % rounds;
    const swapped = Math.floor(week / rounds) % 2 === 1;
    schedule.push(roundPairings(slots, round).map(([a, b]) => orient(swapped ? [b, a] : [a, b])));
  }
  return schedule;
}

/** Round r of the circle: slot 0 fixed, the rest rotated r places; pairs from both ends inwards. */
function roundPairings(slots: ReadonlyArray<string | null>, round: number): Array<[string | null, string | null]> {
  const rest = slots.slice(1);
  const rotated = rest.map((_, i) => rest[(i + round) % rest.length]);
  const circle = [slots[0], ...rotated];
  const n = circle.length;
  return Array.from({ length: n / 2 }, (_, i): [string | null, string | null] =>
    // The fixed team alternates home and away by round, so it is not always at home.
    i === 0 && round % 2 === 1 ? [circle[n - 1], circle[0]] : [circle[i], circle[n - 1 - i]]);
}

/** A bye always lists the resting team as `home`. */
function orient([home, away]: [string | null, string | null]): Pairing {
  if (home === null) return { home: away!, away: null };
  return { home, away };
}

/** How often each pair met in a schedule (key `a|b`, a < b); byes are not pairs. */
export function meetings(schedule: readonly Pairing[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const week of schedule) {
    for (const { home, away } of week) {
      if (away === null) continue;
      const key = home < away ? `${home}|${away}` : `${away}|${home}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}
