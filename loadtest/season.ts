/**
 * A baseball league season simulated end to end (`npm run sim -- --season`): the sample league's
 * clubs play the season schedule (src/baseball/schedule.ts: series of a balanced round robin,
 * 162 games each by default) with the AI managing every side, then the final standings
 * (src/baseball/standings.ts), the league leaders from the games' box scores, and the spread of
 * the clubs' winning percentages against MLB's.
 */
import { boxScore, simulateGame, type AiStyle, type Club, type LeagueRules, type Play } from '../src/baseball/index.ts';
import { seriesSchedule } from '../src/baseball/schedule.ts';
import { standings, type FinalGame } from '../src/baseball/standings.ts';
import type { BattingLine, PitchingLine } from '../src/baseball/stats.ts';
import { pitchingDecisions } from '../src/stats/decisions.ts';
import { seededRng } from '../src/dice/rng.ts';

export interface SeasonOptions {
  clubs: Club[];
  rules: LeagueRules;
  seed: number;
  style: AiStyle;
  gamesPerClub: number;
  seriesLength: number;
}

/** MLB's standard deviation of team winning percentage over a 162-game season (2000s-2010s: .065-.075). */
const MLB_WIN_PCT_SD = { min: 0.055, max: 0.085, text: '.055-.085 (MLB ≈ .070)' };
/** Qualifying for the rate leaders, per team game: 3.1 plate appearances, 1 inning (MLB's rules). */
const QUALIFYING_PA = 3.1;
const QUALIFYING_OUTS = 3;

type Batting = Omit<BattingLine, 'playerId'>;
type Pitching = Omit<PitchingLine, 'playerId'> & { w: number; l: number; sv: number };

export interface SeasonResult {
  standings: ReturnType<typeof standings>;
  batting: Map<string, Batting>;
  pitching: Map<string, Pitching>;
  games: number;
  seconds: number;
  winPctSd: number;
}

export function simulateSeason(options: SeasonOptions): SeasonResult {
  const started = performance.now();
  const byId = new Map(options.clubs.map((club) => [club.id, club]));
  const schedule = seriesSchedule(options.clubs.map((c) => c.id), { gamesPerClub: options.gamesPerClub, seriesLength: options.seriesLength });
  const rng = seededRng(options.seed);
  const played = new Map<string, number>();
  const finals: FinalGame[] = [];
  const batting = new Map<string, Batting>();
  const pitching = new Map<string, Pitching>();
  for (const game of schedule) {
    // Each club's own game count turns its rotation; the home club's picks the day's starters.
    const gameNumber = played.get(game.home) ?? 0;
    const result = simulateGame(byId.get(game.home)!, byId.get(game.away)!, options.rules, rng, { gameNumber, styles: { home: options.style, away: options.style } });
    for (const id of [game.home, game.away]) played.set(id, (played.get(id) ?? 0) + 1);
    finals.push({ homeTeamId: game.home, awayTeamId: game.away, homeScore: result.final.home.runs, awayScore: result.final.away.runs, at: game.day });
    addLines(result.plays, batting, pitching);
  }
  const table = standings(options.clubs.map((c) => ({ id: c.id, name: c.name ?? c.id })), finals);
  return {
    standings: table, batting, pitching, games: schedule.length, seconds: (performance.now() - started) / 1000,
    winPctSd: standardDeviation(table.map((row) => row.w / (row.w + row.l))),
  };
}

function addLines(plays: readonly Play[], batting: Map<string, Batting>, pitching: Map<string, Pitching>): void {
  const box = boxScore(plays);
  const { win, loss, save } = pitchingDecisions(plays);
  for (const side of ['away', 'home'] as const) {
    for (const { playerId, ...line } of box[side].batting) batting.set(playerId, add(batting.get(playerId), line));
    for (const { playerId, ...line } of box[side].pitching) {
      const decided = { w: playerId === win ? 1 : 0, l: playerId === loss ? 1 : 0, sv: playerId === save ? 1 : 0 };
      pitching.set(playerId, add(pitching.get(playerId), { ...line, ...decided }));
    }
  }
}

function add<T extends Record<string, number>>(total: T | undefined, line: T): T {
  if (!total) return { ...line };
  return Object.fromEntries(Object.entries(line).map(([k, v]) => [k, total[k] + v])) as T;
}

function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

const three = (x: number) => x.toFixed(3).replace(/^0\./, '.');
const two = (x: number) => x.toFixed(2);

/** The top `n` by `value` among those `qualifies` lets in, as [player id, shown value]. */
function leaders<L>(lines: Map<string, L>, n: number, value: (l: L) => number, show: (v: number) => string, order: 'high' | 'low', qualifies: (l: L) => boolean = () => true): Array<[string, string]> {
  return [...lines.entries()].filter(([, l]) => qualifies(l))
    .sort(([, a], [, b]) => (order === 'high' ? value(b) - value(a) : value(a) - value(b)))
    .slice(0, n).map(([id, l]) => [id, show(value(l))]);
}

export function printSeason(options: SeasonOptions, result: SeasonResult, names: ReadonlyMap<string, string>): void {
  const { standings: table, batting, pitching } = result;
  const { gamesPerClub } = options;
  console.log(`\n${options.clubs.length} clubs x ${gamesPerClub} games (series of ${options.seriesLength}), ${options.rules.id} rules, ${options.style} AI, seed ${options.seed}: ${result.games} games in ${result.seconds.toFixed(1)} s\n`);
  console.log('club                      W    L   PCT    GB    RS   RA  home    away    streak');
  for (const row of table) {
    console.log(`${row.name.padEnd(24)} ${String(row.w).padStart(3)}  ${String(row.l).padStart(3)}  ${row.pct.padStart(5)} ${(row.gb === 0 ? '-' : String(row.gb)).padStart(5)}  ${String(row.rs).padStart(4)} ${String(row.ra).padStart(4)}  ${row.home.padEnd(7)} ${row.away.padEnd(7)} ${row.streak}`);
  }
  const named = (entries: Array<[string, string]>) => entries.map(([id, shown]) => `${names.get(id) ?? id} ${shown}`).join(', ');
  const qualifiesBat = (l: Batting) => l.pa >= QUALIFYING_PA * gamesPerClub;
  const qualifiesPitch = (l: Pitching) => l.outs >= QUALIFYING_OUTS * gamesPerClub;
  console.log('\nleaders');
  console.log(`  AVG  ${named(leaders(batting, 3, (l) => l.h / Math.max(1, l.ab), three, 'high', qualifiesBat))}`);
  console.log(`  HR   ${named(leaders(batting, 3, (l) => l.hr, String, 'high'))}`);
  console.log(`  RBI  ${named(leaders(batting, 3, (l) => l.rbi, String, 'high'))}`);
  console.log(`  SB   ${named(leaders(batting, 3, (l) => l.sb, String, 'high'))}`);
  console.log(`  ERA  ${named(leaders(pitching, 3, (l) => (27 * l.er) / Math.max(1, l.outs), two, 'low', qualifiesPitch))}`);
  console.log(`  W    ${named(leaders(pitching, 3, (l) => l.w, String, 'high'))}`);
  console.log(`  SO   ${named(leaders(pitching, 3, (l) => l.so, String, 'high'))}`);
  console.log(`  SV   ${named(leaders(pitching, 3, (l) => l.sv, String, 'high'))}`);
  const sdIn = result.winPctSd >= MLB_WIN_PCT_SD.min && result.winPctSd <= MLB_WIN_PCT_SD.max;
  console.log(`\nspread of winning percentage (SD)  ${three(result.winPctSd)}   MLB ${MLB_WIN_PCT_SD.text}   ${sdIn ? 'IN' : 'OUT'}`);
}
