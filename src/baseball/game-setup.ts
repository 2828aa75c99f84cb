import { ROTATION_SIZE, buildLineup, type Club, type ClubPlayer } from './lineup.ts';
import type { TeamSetup } from './state.ts';
import { FIELD_POSITIONS, type FieldPosition, type LeagueRules, type LineupPosition, type LineupSlot } from './types.ts';

/**
 * What one side takes into a game: the lineup a manager sent (checked here, before the game is
 * stored) or the default one of lineup.ts. Pure, so the REST layer only maps the errors.
 */

/** A manager's lineup: nine batters in order with their positions, and (with the DH) the starter. */
export interface LineupInput {
  order: Array<{ playerId: string; position: LineupPosition }>;
  pitcher?: string;
}

/** What is wrong with a lineup: the field (relative to the lineup) and why. */
export interface LineupProblem { path: string; message: string }

export const LINEUP_SIZE = 9;
const FIELDERS: readonly FieldPosition[] = FIELD_POSITIONS.filter((p) => p !== 'P');

const isPitcher = (p: ClubPlayer) => p.ratings.pitching !== undefined;
const hitters = (club: Club) => club.players.filter((p) => !isPitcher(p));
const starters = (club: Club) => club.players.filter((p) => p.ratings.pitching?.role === 'SP');

/** Why a roster cannot field a lineup under these rules, or null when it can. */
export function rosterProblem(club: Club, rules: LeagueRules): string | null {
  const needed = rules.designatedHitter ? LINEUP_SIZE : LINEUP_SIZE - 1;
  const problems: string[] = [];
  const have = hitters(club).length;
  if (have < needed) problems.push(`${have} position players (${needed} needed)`);
  if (starters(club).length === 0) problems.push('no starting pitcher');
  return problems.length === 0 ? null : problems.join(', ');
}

/** The side's setup: the given lineup (checked) or the default one; bench = the hitters not batting. */
export function teamSetup(club: Club, rules: LeagueRules, gameNumber: number, input?: LineupInput): TeamSetup | LineupProblem {
  if (!input) return withBench(club, buildLineup(club, rules, gameNumber));
  const byId = new Map(club.players.map((p) => [p.id, p]));
  const problem = checkOrder(input, byId, rules);
  if (problem) return problem;
  const starter = startingPitcher(club, gameNumber, input, byId);
  if ('path' in starter) return starter;
  const fielders = { P: starter.id } as Record<FieldPosition, string>;
  for (const slot of input.order) if (slot.position !== 'DH') fielders[slot.position] = slot.playerId;
  return withBench(club, {
    clubId: club.id,
    lineup: input.order.map((slot): LineupSlot => ({ playerId: slot.playerId, position: slot.position })),
    fielders,
    // As buildLineup: the relievers in roster order (a reliever who starts is not in his own bullpen).
    bullpen: club.players.filter((p) => p.ratings.pitching?.role === 'RP' && p.id !== starter.id).map((p) => p.id),
  });
}

function withBench(club: Club, setup: TeamSetup): TeamSetup {
  const batting = new Set(setup.lineup.map((slot) => slot.playerId));
  return { ...setup, bench: hitters(club).filter((p) => !batting.has(p.id)).map((p) => p.id) };
}

/** Roster players, each once; hitters in the field, a pitcher only at P; every fielding position once; DH iff the rules. */
function checkOrder(input: LineupInput, byId: Map<string, ClubPlayer>, rules: LeagueRules): LineupProblem | null {
  if (input.order.length !== LINEUP_SIZE) return { path: 'order', message: `a lineup has ${LINEUP_SIZE} batters` };
  const seen = new Set<string>();
  for (const [i, slot] of input.order.entries()) {
    const player = byId.get(slot.playerId);
    const at = `order.${i}`;
    if (!player) return { path: `${at}.playerId`, message: 'not on this team\'s roster' };
    if (seen.has(slot.playerId)) return { path: `${at}.playerId`, message: 'already in the lineup' };
    seen.add(slot.playerId);
    if (slot.position === 'P' && !isPitcher(player)) return { path: `${at}.playerId`, message: `${player.name} is not a pitcher` };
    if (slot.position !== 'P' && isPitcher(player)) return { path: `${at}.position`, message: `${player.name} is a pitcher: he bats only at P` };
  }
  const count = (position: LineupPosition) => input.order.filter((slot) => slot.position === position).length;
  const missing = FIELDERS.find((position) => count(position) !== 1);
  if (missing) return { path: 'order', message: `every fielding position is played once: ${missing} is played ${count(missing)} times` };
  const [withDh, without] = rules.designatedHitter ? ['DH', 'P'] as const : ['P', 'DH'] as const;
  if (count(without) > 0) return { path: 'order', message: `${rules.name} lineups have no ${without}` };
  if (count(withDh) !== 1) return { path: 'order', message: `${rules.name} lineups have one ${withDh}` };
  return null;
}

/**
 * Without the DH the pitcher is the one batting at P (`pitcher` may only repeat him). With the
 * DH it is `pitcher`, or the rotation's starter for this game (as the default lineup picks him).
 */
function startingPitcher(club: Club, gameNumber: number, input: LineupInput, byId: Map<string, ClubPlayer>): ClubPlayer | LineupProblem {
  const batting = input.order.find((slot) => slot.position === 'P');
  if (batting) {
    if (input.pitcher && input.pitcher !== batting.playerId) return { path: 'pitcher', message: 'the starting pitcher is the player batting at P' };
    return byId.get(batting.playerId)!;
  }
  if (!input.pitcher) {
    const rotation = starters(club).slice(0, ROTATION_SIZE);
    return rotation[gameNumber % rotation.length];
  }
  const pitcher = byId.get(input.pitcher);
  if (!pitcher) return { path: 'pitcher', message: 'not on this team\'s roster' };
  if (!isPitcher(pitcher)) return { path: 'pitcher', message: `${pitcher.name} is not a pitcher` };
  return pitcher;
}

/** The side's setup or its problem, told apart. */
export function isLineupProblem(value: TeamSetup | LineupProblem): value is LineupProblem {
  return 'path' in value;
}
