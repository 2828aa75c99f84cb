import type { GameConfig } from '../baseball/config.ts';
import { SIDES } from '../baseball/config.ts';
import type { BattingLine, BoxScore, PitchingLine } from '../baseball/stats.ts';
import type { Play } from '../baseball/types.ts';
import { PlayerGameLine } from '../db/entities/index.ts';
import type { ProjectionWrite } from '../db/event-store.ts';
import { pitchingDecisions } from './decisions.ts';
import { BATTING_COUNTS, PITCHING_COUNTS, type LineCounts } from './rates.ts';

/** The columns of a player_game_lines row (a final game's line of one player). */
export type GameLineRow = Omit<PlayerGameLine, 'id'>;

/** Every column of the kind from a box line (a column the box has not, such as sf, starts at 0). */
function countsOf(line: BattingLine | PitchingLine, keys: readonly (keyof LineCounts)[]): LineCounts {
  const counts: LineCounts = {
    pa: 0, ab: 0, r: 0, h: 0, double: 0, triple: 0, hr: 0, rbi: 0, bb: 0, so: 0, hbp: 0, sac: 0, sf: 0, sb: 0,
    cs: 0, gidp: 0, outs: 0, bf: 0, er: 0, wp: 0, balk: 0, pitches: 0, gs: 0, w: 0, l: 0, sv: 0,
    bphr: 0, bpfo: 0, bp1b: 0, bplo: 0,
  };
  for (const key of keys) counts[key] = (line as unknown as Partial<LineCounts>)[key] ?? 0;
  return counts;
}

/** The season a game counts in: the calendar year (UTC) it finished in. */
export function seasonOf(finishedAt: Date): number {
  return finishedAt.getUTCFullYear();
}

/**
 * Every line of a final game (pure): the box score's batting and pitching lines, one row a player
 * and kind, with the sacrifice flies (counted from the plays: the box has them inside `sac`), who
 * started on the mound and the pitchers' decisions.
 */
export function gameLines(config: GameConfig, plays: readonly Play[], box: BoxScore, finishedAt: Date): GameLineRow[] {
  const sf = new Map<string, number>();
  for (const play of plays) if (play.kind === 'pa' && play.code === 'SF') sf.set(play.batterId, (sf.get(play.batterId) ?? 0) + 1);
  const { win, loss, save } = pitchingDecisions(plays);
  const common = { game: config.gameId, league: config.leagueId, season: seasonOf(finishedAt), finishedAt };
  return SIDES.flatMap((side) => {
    const team = config[side].teamId;
    const batting = box[side].batting.map((line): GameLineRow => ({
      ...common, ...countsOf(line, BATTING_COUNTS), team, player: line.playerId, kind: 'batting', sf: sf.get(line.playerId) ?? 0,
    }));
    const pitching = box[side].pitching.map((line, i): GameLineRow => ({
      ...common, ...countsOf(line, PITCHING_COUNTS), team, player: line.playerId, kind: 'pitching',
      gs: i === 0 ? 1 : 0, w: line.playerId === win ? 1 : 0, l: line.playerId === loss ? 1 : 0, sv: line.playerId === save ? 1 : 0,
    }));
    return [...batting, ...pitching];
  });
}

/**
 * Writes a final game's lines in the committing transaction. Idempotent: a row that exists for
 * (game, player, kind) is overwritten with the same numbers.
 */
export function gameLinesProjection(config: GameConfig, plays: readonly Play[], box: BoxScore, finishedAt: Date): ProjectionWrite {
  const rows = gameLines(config, plays, box, finishedAt);
  return async (em) => {
    if (rows.length === 0) return;
    await em.createQueryBuilder(PlayerGameLine).insert(rows).onConflict(['game', 'player', 'kind']).merge().execute();
  };
}
