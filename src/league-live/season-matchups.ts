/**
 * The league room's matchups when the league has a season: the head-to-head matchups of the season
 * period being scored (the period of the latest scored stat line), with each side's starters'
 * points (src/season/period.ts, the same numbers GET /leagues/:id/matchups shows). Without a
 * season, or for a period no season covers, the live team scoreboard stands in.
 */
import { Season } from '../db/entities/index.ts';
import { scorePeriod } from '../season/period.ts';
import { loadSeason } from '../season/store.ts';
import { scoreboardMatchups, type LiveMatchupSource } from './matchups.ts';

/** `seasons`: whether the league has a season, when the caller has read it already. */
export const seasonMatchupSource = async (...[em, leagueId, scoreboard, seasons]: [...Parameters<LiveMatchupSource>, seasons?: boolean]): ReturnType<LiveMatchupSource> => {
  const hasSeason = scoreboard.period !== null && (seasons ?? (await em.count(Season, { league: leagueId })) > 0);
  if (!hasSeason) return scoreboardMatchups(scoreboard);
  const loaded = await loadSeason(em, leagueId);
  const period = loaded.periods.find((p) => p.key === scoreboard.period);
  if (!period) return scoreboardMatchups(scoreboard);
  const scored = await scorePeriod(em, leagueId, loaded, period);
  return scored.map(({ row, home, away }) => ({
    id: row.id,
    period: period.key,
    home: { teamId: home.teamId, points: home.points },
    away: away ? { teamId: away.teamId, points: away.points } : null,
  }));
};
