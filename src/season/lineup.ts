/**
 * Lineups: which rostered players start in which slot for one period. Pure: the caller passes the
 * roster (with each player's kickoff) and the clock.
 *
 * A player locks at his game's kickoff (from the season's fixture times; without one, the period's
 * lock time). After that he may neither enter nor leave his slot (nor the bench), and no other
 * change may move him; players whose games have not started still move freely (Sleeper and ESPN
 * lock per game, not per week). A final period takes no change at all.
 */
import { ruleError, type RuleError } from '../rules/rule-error.ts';
import type { Outcome, RuleContext } from '../rules/outcome.ts';
import { BENCH, canPlay, type LineupSettings } from './lineup-slots.ts';

export type LineupCode =
  | 'PERIOD_FINAL' | 'WRONG_SLOT_COUNT' | 'NOT_ON_ROSTER' | 'DUPLICATE_PLAYER' | 'INELIGIBLE_FOR_SLOT' | 'LINEUP_LOCKED';

export interface RosterPlayer {
  id: string;
  positions: string[];
  /** 1 = best; the automatic lineup starts the best-ranked. */
  rank: number;
  /** Epoch ms when his game starts: he locks then. */
  kickoff: number;
}

/** One team's lineup of one period: starters aligned with the settings' slots (null = empty). */
export interface LineupState {
  settings: LineupSettings;
  roster: ReadonlyMap<string, RosterPlayer>;
  starters: ReadonlyArray<string | null>;
  /** True when the manager never set it: the server's automatic one. */
  auto: boolean;
  final: boolean;
}

export interface LineupSet {
  type: 'lineupSet';
  starters: Array<string | null>;
  auto: false;
}

export function isLocked(player: RosterPlayer | undefined, now: number): boolean {
  return player !== undefined && player.kickoff <= now;
}

/** Where a player is in a lineup: his slot's name, or the bench. */
function placeOf(settings: LineupSettings, starters: ReadonlyArray<string | null>, playerId: string): string {
  const index = starters.indexOf(playerId);
  return index < 0 ? BENCH : settings.slots[index];
}

export function setLineup(
  state: LineupState, command: { starters: ReadonlyArray<string | null> }, ctx: RuleContext,
): Outcome<LineupSet, LineupCode> {
  if (state.final) return ruleError('PERIOD_FINAL', 'this period is final: its lineups no longer change');
  const { settings, roster } = state;
  const starters = [...command.starters];
  if (starters.length !== settings.slots.length) {
    return ruleError('WRONG_SLOT_COUNT', `a lineup names ${settings.slots.length} slots (${settings.slots.join(', ')}), null for an empty one`);
  }
  const invalid = checkStarters(settings, roster, starters);
  if (invalid) return invalid;
  const moved = lockedMove(state, starters, ctx.now);
  if (moved) return ruleError('LINEUP_LOCKED', `${moved} is locked: his game has started`);
  return { events: [{ type: 'lineupSet', starters, auto: false }] };
}

function checkStarters(
  settings: LineupSettings, roster: ReadonlyMap<string, RosterPlayer>, starters: ReadonlyArray<string | null>,
): RuleError<LineupCode> | undefined {
  const seen = new Set<string>();
  for (const [index, playerId] of starters.entries()) {
    if (playerId === null) continue;
    const player = roster.get(playerId);
    if (!player) return ruleError('NOT_ON_ROSTER', `player ${playerId} is not on this team's roster`);
    if (seen.has(playerId)) return ruleError('DUPLICATE_PLAYER', `player ${playerId} is in two slots`);
    seen.add(playerId);
    const slot = settings.slots[index];
    if (!canPlay(settings, slot, player.positions)) {
      return ruleError('INELIGIBLE_FOR_SLOT', `a ${player.positions.join('/')} cannot start at ${slot} (slot ${index + 1})`);
    }
  }
  return undefined;
}

/** The first locked player the change would move (in, out, or to another slot), if any. */
function lockedMove(state: LineupState, next: ReadonlyArray<string | null>, now: number): string | undefined {
  const touched = new Set([...state.starters, ...next].filter((id): id is string => id !== null));
  for (const playerId of touched) {
    const player = state.roster.get(playerId);
    // A player no longer rostered (dropped) may leave his slot even if his game started.
    if (!player || !isLocked(player, now)) continue;
    if (placeOf(state.settings, state.starters, playerId) !== placeOf(state.settings, next, playerId)) return playerId;
  }
  return undefined;
}

/**
 * The automatic lineup: the most restrictive slots first (fewest eligible positions: QB before
 * FLEX), each taking the best-ranked eligible player not yet started. Deterministic.
 */
export function autoLineup(settings: LineupSettings, roster: Iterable<RosterPlayer>): Array<string | null> {
  const byRank = [...roster].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  const order = settings.slots.map((slot, index) => ({ slot, index }))
    .sort((a, b) => settings.eligibility[a.slot].length - settings.eligibility[b.slot].length || a.index - b.index);
  const starters: Array<string | null> = settings.slots.map(() => null);
  const used = new Set<string>();
  for (const { slot, index } of order) {
    const pick = byRank.find((p) => !used.has(p.id) && canPlay(settings, slot, p.positions));
    if (!pick) continue;
    starters[index] = pick.id;
    used.add(pick.id);
  }
  return starters;
}

/** Applies a lineup event (the same reducer REST and the league room use). */
export function applyLineup(state: LineupState, event: LineupSet): LineupState {
  return { ...state, starters: event.starters, auto: event.auto };
}
