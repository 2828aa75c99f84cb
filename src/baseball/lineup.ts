import type { BaseballRatings, BattingRatings } from '../players/types.ts';
import { buildBatterCard, buildPitcherCards } from './cards.ts';
import { hitsPerPa } from './norms.ts';
import type { TeamSetup } from './state.ts';
import type { FieldPosition, GamePlayer, LeagueRules, LineupSlot } from './types.ts';

/** A club's roster as a game needs it. Order matters: rotation and bullpen are taken in roster order. */
export interface ClubPlayer {
  id: string;
  name: string;
  positions: readonly string[];
  ratings: BaseballRatings;
}

export interface Club {
  id: string;
  name?: string;
  players: readonly ClubPlayer[];
}

export const ROTATION_SIZE = 5;

/** Filled scarcest first, so the shortstop is not spent at first base. */
const FILL_ORDER: readonly FieldPosition[] = ['C', 'SS', '2B', 'CF', '3B', 'RF', 'LF', '1B'];

/** wOBA-style linear weights per PA: how lineups and batting orders rank hitters. */
export function battingValue(b: BattingRatings): number {
  const hits = hitsPerPa(b);
  const singles = Math.max(0, hits - b.hrRate - b.doubleRate - b.tripleRate);
  return 0.69 * b.bbRate + 0.72 * b.hbpRate + 0.88 * singles + 1.25 * b.doubleRate + 1.6 * b.tripleRate + 2 * b.hrRate;
}

const isPitcher = (p: ClubPlayer) => p.ratings.pitching !== undefined;

/** Cards are built once per player object: a season of games reuses them. */
const cardCache = new WeakMap<ClubPlayer, GamePlayer>();

export function gamePlayer(p: ClubPlayer): GamePlayer {
  let built = cardCache.get(p);
  if (!built) {
    built = {
      id: p.id, name: p.name, ratings: p.ratings,
      battingCard: buildBatterCard(p.ratings.batting),
      pitchingCards: p.ratings.pitching ? buildPitcherCards(p.ratings.pitching) : [],
    };
    cardCache.set(p, built);
  }
  return built;
}

/**
 * The day's lineup: the best hitter (by batting value, a little for range) at each position, the
 * best remaining hitter as DH when the rules have one, batting order by value (the pitcher 9th
 * without the DH), starter by rotation turn (game number), the relievers in roster order, and
 * every other hitter on the bench in roster order (pitchers never pinch-hit or run).
 */
export function buildLineup(club: Club, rules: LeagueRules, gameNumber = 0): TeamSetup {
  // The same club, rules and rotation turn always give the same lineup: a season reuses it.
  const key = `${rules.id}:${rules.designatedHitter}:${gameNumber % ROTATION_SIZE}`;
  let byKey = lineupCache.get(club);
  if (!byKey) { byKey = new Map(); lineupCache.set(club, byKey); }
  const cached = byKey.get(key);
  if (cached) return cached;
  const setup = chooseLineup(club, rules, gameNumber);
  byKey.set(key, setup);
  return setup;
}

const lineupCache = new WeakMap<Club, Map<string, TeamSetup>>();

function chooseLineup(club: Club, rules: LeagueRules, gameNumber: number): TeamSetup {
  const hitters = club.players.filter((p) => !isPitcher(p));
  const starters = club.players.filter((p) => p.ratings.pitching?.role === 'SP').slice(0, ROTATION_SIZE);
  const relievers = club.players.filter((p) => p.ratings.pitching?.role === 'RP');
  if (hitters.length < (rules.designatedHitter ? 9 : 8)) throw new Error(`${club.id}: not enough hitters for a lineup`);
  if (starters.length === 0) throw new Error(`${club.id}: no starting pitcher`);
  const starter = starters[gameNumber % starters.length];
  const used = new Set<ClubPlayer>();
  const fielders: Partial<Record<FieldPosition, string>> = { P: starter.id };
  const slots: { player: ClubPlayer; position: LineupSlot['position'] }[] = [];
  for (const position of FILL_ORDER) {
    const eligible = hitters.filter((p) => !used.has(p) && p.ratings.fielding[position]);
    const pool = eligible.length > 0 ? eligible : hitters.filter((p) => !used.has(p));
    const best = maxBy(pool, (p) => battingValue(p.ratings.batting) + 0.005 * (3 - (p.ratings.fielding[position]?.range ?? 5)));
    used.add(best);
    fielders[position] = best.id;
    slots.push({ player: best, position });
  }
  if (rules.designatedHitter) {
    const dh = maxBy(hitters.filter((p) => !used.has(p)), (p) => battingValue(p.ratings.batting));
    used.add(dh);
    slots.push({ player: dh, position: 'DH' });
  }
  slots.sort((a, b) => battingValue(b.player.ratings.batting) - battingValue(a.player.ratings.batting));
  const lineup: LineupSlot[] = slots.map((s) => ({ playerId: s.player.id, position: s.position }));
  if (!rules.designatedHitter) lineup.push({ playerId: starter.id, position: 'P' });
  return {
    clubId: club.id,
    lineup,
    fielders: fielders as Record<FieldPosition, string>,
    bullpen: relievers.map((p) => p.id),
    bench: hitters.filter((p) => !used.has(p)).map((p) => p.id),
  };
}

function maxBy<T>(items: readonly T[], score: (item: T) => number): T {
  let best = items[0];
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) { best = item; bestScore = s; }
  }
  return best;
}
