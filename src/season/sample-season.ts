/**
 * The sample football league's season (seeded with the sample data, so `npm start` shows one):
 * 14 regular weeks and 3 playoff weeks (6 teams), keyed like the sample feeds (2026-W01 …), week 1
 * starting the Tuesday before the seeding so the season has just begun: week 1's lineups are still
 * open and `npm run ingest -- src/ingest/samples/football-week1.jsonl` scores its matchups live.
 * Each week carries the sample clubs' kickoffs (src/seed/football-feed.ts) as its fixtures.
 */
import { weekFixtures, weekKey, type FeedPlayer } from '../seed/football-feed.ts';

const DAY = 24 * 3600_000;
export const SAMPLE_SEASON = { year: 2026, regularWeeks: 14, playoffTeams: 6, playoffWeeks: 3 };

/** The Tuesday 12:00 UTC on or before `now`. */
function lastTuesdayNoon(now: number): number {
  const day = new Date(now);
  const noon = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12);
  const back = (day.getUTCDay() - 2 + 7) % 7;
  const tuesday = noon - back * DAY;
  return tuesday > now ? tuesday - 7 * DAY : tuesday;
}

export function sampleSeasonBody(players: readonly FeedPlayer[], now: number) {
  const first = lastTuesdayNoon(now);
  const weeks = SAMPLE_SEASON.regularWeeks + SAMPLE_SEASON.playoffWeeks;
  const periods = Array.from({ length: weeks }, (_, i) => {
    const start = first + i * 7 * DAY;
    const sunday = start + 4.5 * DAY; // Sunday 00:00 UTC
    return {
      key: weekKey(SAMPLE_SEASON.year, i + 1), startsAt: new Date(start).toISOString(),
      locksAt: new Date(sunday + 17 * 3600_000).toISOString(), fixtures: weekFixtures(players, i + 1, new Date(sunday)),
    };
  });
  const { regularWeeks, playoffTeams, playoffWeeks } = SAMPLE_SEASON;
  return { periods, regularWeeks, playoffTeams, playoffWeeks };
}
