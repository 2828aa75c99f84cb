import { roundRobin } from '../season/schedule.ts';

/**
 * A baseball league's season: series between clubs, the fantasy season's balanced round robin
 * (src/season/schedule.ts) with every week a series. Each round every club plays one series of
 * `seriesLength` games on consecutive days against one opponent. Pure: days are counted from the
 * season's first day, the caller turns them into dates.
 *
 * Home and away: two clubs alternate hosting their series. A pair that meets an odd number of times
 * gives one of them an extra home series; which one is chosen so that every club hosts as many
 * extra series as it visits (give or take one), so a 162-game season of 8 clubs is 81 home and 81
 * away for everyone. (The round robin's own swap evens out only over pairs of cycles: 84-78.)
 */

export interface SeriesOptions {
  /** Games each club plays (an even club count; with an odd one each club rests a round per cycle). */
  gamesPerClub: number;
  seriesLength: number;
}

export interface ScheduledGame {
  /** The series round, from 0. */
  round: number;
  /** The game within its series, from 1. */
  game: number;
  /** Days from the season's first day: a series' games are on consecutive days. */
  day: number;
  home: string;
  away: string;
}

export function seriesSchedule(clubIds: readonly string[], { gamesPerClub, seriesLength }: SeriesOptions): ScheduledGame[] {
  if (!Number.isInteger(gamesPerClub) || gamesPerClub < 1) throw new Error('gamesPerClub must be a positive whole number');
  if (!Number.isInteger(seriesLength) || seriesLength < 1) throw new Error('seriesLength must be a positive whole number');
  const rounds = roundRobin(clubIds, Math.ceil(gamesPerClub / seriesLength));
  const meetings = new Map<string, number>();
  for (const pairing of rounds.flat()) if (pairing.away !== null) increment(meetings, pairKey(pairing.home, pairing.away));
  const firstHost = firstHosts(meetings);
  const met = new Map<string, number>();
  const games: ScheduledGame[] = [];
  rounds.forEach((pairings, round) => {
    // The last series is shorter when the season is not a whole number of series.
    const length = Math.min(seriesLength, gamesPerClub - round * seriesLength);
    for (const { home: a, away: b } of pairings) {
      if (b === null) continue;
      const key = pairKey(a, b);
      const first = firstHost.get(key)!;
      const home = (met.get(key) ?? 0) % 2 === 0 ? first : (first === a ? b : a);
      const away = home === a ? b : a;
      increment(met, key);
      for (let game = 1; game <= length; game++) games.push({ round, game, day: round * seriesLength + game - 1, home, away });
    }
  });
  return games;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Who hosts the first (and, for an odd number of meetings, the extra) series of each pair. The
 * odd pairs form a graph; walking it in trails, starting from clubs with an odd number of odd
 * pairs, and letting each club host the pair it leaves by, gives every club as many extra home
 * series as extra away ones, or one more of either (an Eulerian orientation).
 */
function firstHosts(meetings: ReadonlyMap<string, number>): Map<string, string> {
  const hosts = new Map<string, string>();
  const open = new Map<string, string[]>();
  for (const [key, count] of meetings) {
    const [a, b] = key.split('|');
    hosts.set(key, a);
    if (count % 2 === 0) continue;
    open.set(a, [...(open.get(a) ?? []), b]);
    open.set(b, [...(open.get(b) ?? []), a]);
  }
  const take = (from: string): string | undefined => {
    const to = open.get(from)?.pop();
    if (to !== undefined) open.set(to, open.get(to)!.filter((club) => club !== from));
    return to;
  };
  const starts = () => [...open.entries()].filter(([, left]) => left.length > 0).sort(([, x], [, y]) => (y.length % 2) - (x.length % 2));
  for (let start = starts()[0]; start; start = starts()[0]) {
    let at = start[0];
    for (let to = take(at); to !== undefined; to = take(at)) {
      hosts.set(pairKey(at, to), at);
      at = to;
    }
  }
  return hosts;
}
