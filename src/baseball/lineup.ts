import type { Ballpark } from './ballparks.ts';
import type { BaseballRatings, BattingRatings } from '../players/types.ts';
import { buildBatterCard, buildPitcherCards } from './cards.ts';
import { hitsPerPa } from './norms.ts';
import { errorPercent, fieldingAt, xHitMax } from './fielding.ts';
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
  /** Where it plays its home games (ballparks.ts); none: a neutral park. */
  park?: Ballpark;
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
    fieldTheBetterFielder(slots, fielders);
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

/** Expected bases a fielder gives away per chance at a position: X-hits his range allows plus his errors. */
export function fieldingCost(player: ClubPlayer, position: FieldPosition): number {
  const rating = fieldingAt(player.ratings, position);
  return xHitMax(position, rating.range) / 20 + errorPercent(rating) / 100;
}

/**
 * The nine hitters are chosen for their bats; who of them fields and who is the DH is a defensive
 * choice. While the DH would field a position better than the player there, they trade places:
 * the same nine bat, the field gets better. Each trade lowers the total cost, so this ends.
 */
function fieldTheBetterFielder(slots: { player: ClubPlayer; position: LineupSlot['position'] }[], fielders: Partial<Record<FieldPosition, string>>): void {
  const dhSlot = slots.find((s) => s.position === 'DH')!;
  for (let traded = true; traded;) {
    traded = false;
    for (const slot of slots) {
      if (slot.position === 'DH' || slot.position === 'P' || !dhSlot.player.ratings.fielding[slot.position]) continue;
      if (fieldingCost(dhSlot.player, slot.position) >= fieldingCost(slot.player, slot.position)) continue;
      [dhSlot.player, slot.player] = [slot.player, dhSlot.player];
      fielders[slot.position] = slot.player.id;
      traded = true;
    }
  }
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
