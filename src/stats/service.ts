import { z } from 'zod';
import { decodeCursor as decodePageCursor, encodeCursor as encodePageCursor, cursorParts } from '../http/cursor.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Player, Team, type LineKind } from '../db/entities/index.ts';
import { baseballLeague } from '../baseball/service.ts';
import { badField, notFound } from '../errors.ts';
import { requireVisible } from '../leagues/access.ts';
import { gameLogRows, latestSeason, leaderRows, seasonsOf, type GameLogRow, type LeaderRow } from './queries.ts';
import {
  BATTING_COUNTS, PITCHING_COUNTS, battingRates, pitchingRates, sumCounts, type BattingCounts, type PitchingCounts,
} from './rates.ts';

/**
 * Season stats (PROTOCOL "Season stats"): league leaderboards and a player's season, read from
 * player_game_lines (the lines every final game wrote). A season is a calendar year (UTC); without
 * one a request reads the latest season that has lines (this year when none has).
 */

export interface LeaderInput {
  season?: number;
  teamId?: string;
  sort: string;
  /** minPa (batting) or minOuts (pitching). */
  minimum: number;
  limit: number;
  cursor?: string;
}

const currentSeason = () => new Date().getUTCFullYear();

function pick<K extends string>(row: Record<string, unknown>, keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, Number(row[k])])) as Record<K, number>;
}

const battingTotals = (c: BattingCounts) => ({ g: c.g, ...pick(c, BATTING_COUNTS), ...battingRates(c) });
const pitchingTotals = (c: PitchingCounts) => ({ g: c.g, ...pick(c, PITCHING_COUNTS), ...pitchingRates(c) });

/** A league's season leaders of one kind, sorted by `sort`, page by page. */
export async function leagueLeaders(em: EntityManager, leagueId: string, kind: LineKind, input: LeaderInput) {
  await baseballLeague(em, leagueId);
  if (input.teamId && !(await em.count(Team, { id: input.teamId, league: leagueId }))) throw badField('teamId', 'no team of this league');
  const season = input.season ?? (await latestSeason(em, leagueId)) ?? currentSeason();
  const after = input.cursor ? decodeCursor(input.cursor, kind, input.sort) : undefined;
  const rows = await leaderRows(em, {
    leagueId, season, kind, sort: input.sort, teamId: input.teamId, minimum: input.minimum, limit: input.limit + 1, after,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    leagueId, season, sort: input.sort,
    items: items.map((row) => leaderView(row, kind)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(kind, input.sort, last.sort_key, last.player_id) : null,
  };
}

function leaderView(row: LeaderRow, kind: LineKind) {
  const who = { playerId: row.player_id, name: row.player_name, teamId: row.team_id, team: row.team_name };
  if (kind === 'batting') return { ...who, ...battingTotals({ g: row.g, ...pick(row, BATTING_COUNTS) }) };
  return { ...who, ...pitchingTotals({ g: row.g, ...pick(row, PITCHING_COUNTS) }) };
}

/** A player's season: his totals in each league he played in and his game log, oldest game first. */
/** A player's season as `viewerId` may see it: only the leagues he may see count (src/leagues/access.ts). */
export async function playerSeason(em: EntityManager, playerId: string, viewerId: string, input: { season?: number; leagueId?: string }) {
  const player = await em.findOne(Player, { id: playerId }, { fields: ['name'] });
  if (!player) throw notFound('Player');
  if (input.leagueId) await requireVisible(em, input.leagueId, viewerId);
  const seasons = await seasonsOf(em, playerId, viewerId, input.leagueId);
  const season = input.season ?? seasons.at(-1) ?? currentSeason();
  const rows = await gameLogRows(em, playerId, season, viewerId, input.leagueId);
  return { playerId, name: player.name, season, seasons, leagues: leagueTotals(rows), games: gameLog(rows) };
}

function leagueTotals(rows: readonly GameLogRow[]) {
  const byLeague = Map.groupBy(rows, (row) => row.league_id);
  return [...byLeague.values()].map((lines) => {
    const latest = lines.at(-1)!;
    const batting = lines.filter((l) => l.kind === 'batting');
    const pitching = lines.filter((l) => l.kind === 'pitching');
    return {
      leagueId: latest.league_id, league: latest.league_name, teamId: latest.team_id, team: latest.team_name,
      batting: batting.length > 0 ? battingTotals(sumCounts(BATTING_COUNTS, batting)) : null,
      pitching: pitching.length > 0 ? pitchingTotals(sumCounts(PITCHING_COUNTS, pitching)) : null,
    };
  });
}

function gameLog(rows: readonly GameLogRow[]) {
  return [...Map.groupBy(rows, (row) => row.game_id).values()].map((lines) => {
    const [game] = lines;
    const home = game.home_team_id === game.team_id;
    const [runs, allowed] = home ? [game.home_score, game.away_score] : [game.away_score, game.home_score];
    const batting = lines.find((l) => l.kind === 'batting');
    const pitching = lines.find((l) => l.kind === 'pitching');
    const pitched = pitching && pick(pitching, PITCHING_COUNTS);
    return {
      gameId: game.game_id, leagueId: game.league_id, finishedAt: new Date(game.finished_at).toISOString(),
      teamId: game.team_id, team: game.team_name, opponentId: game.opponent_id, opponent: game.opponent_name, home,
      result: `${runs > allowed ? 'W' : 'L'} ${runs}-${allowed}`,
      batting: batting ? pick(batting, BATTING_COUNTS) : null,
      pitching: pitched ? { ...pitched, ip: pitchingRates({ ...pitched, g: 1 }).ip } : null,
    };
  });
}

// -------------------------------------------------------------------------------------- cursors

/** A page's last player: its kind and sort (a cursor only continues the list it came from), sort key and id. */
function encodeCursor(kind: LineKind, sort: string, key: number, playerId: string): string {
  return encodePageCursor([kind, sort, key, playerId]);
}

function decodeCursor(raw: string, kind: LineKind, sort: string): { key: number; playerId: string } {
  const shape = z.tuple([z.literal(kind), z.literal(sort), cursorParts.key, cursorParts.id]);
  const [, , key, playerId] = decodePageCursor(raw, shape, 'not a cursor of this list (same kind and sort)');
  return { key, playerId };
}
