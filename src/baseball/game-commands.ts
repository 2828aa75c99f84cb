import type { EntityManager } from '@mikro-orm/postgresql';
import { Team, type Game } from '../db/entities/index.ts';
import { AppError, badField, forbidden } from '../errors.ts';
import { roleIn } from '../leagues/access.ts';
import { SIDES } from './config.ts';
import type { Resumer } from './lifecycle.ts';
import type { Side } from './types.ts';

/**
 * Who may cancel, postpone or forfeit a game over REST (the room then applies the rule,
 * src/baseball/lifecycle.ts). Cancel and postpone: the commissioner any game; a team's manager
 * only a friendly or practice game his team plays (a ranked game's date is the league's).
 * Forfeit: a manager for his own team; the commissioner for either team, named by `teamId`.
 * Resume a suspended game: the commissioner any; a manager of either team his game, from its room
 * (the room checks that he is in: lifecycle.ts `resumeNow`).
 */

/** Games that have (or will have) a room: lifecycle commands reach them through it. */
const COMMANDABLE = ['scheduled', 'live', 'suspended'];

/** A game past commands: GAME_OVER once played (final), NOT_SCHEDULED otherwise (cancelled, declined, a challenge not accepted). */
const notCommandable = (game: Game) => (game.status === 'final'
  ? new AppError(409, 'GAME_OVER', 'This game is over', { status: game.status })
  : new AppError(409, 'NOT_SCHEDULED', `This game is ${game.status}`, { status: game.status }));

async function ownedSides(em: EntityManager, game: Game, userId: string): Promise<Side[]> {
  const teams = await em.find(Team, { id: { $in: SIDES.map((side) => game.config[side].teamId) } }, { fields: ['owner'] });
  const owner = new Map(teams.map((team) => [team.id, team.owner]));
  return SIDES.filter((side) => owner.get(game.config[side].teamId) === userId);
}

const isCommissioner = async (em: EntityManager, game: Game, userId: string) => (await roleIn(em, game.league, userId)) === 'commissioner';

/** 403 unless the user may cancel or postpone this game; 409 when it is past being scheduled. */
export async function authorizeReschedule(em: EntityManager, game: Game, userId: string, what: 'cancel' | 'postpone'): Promise<void> {
  const mayAct = await isCommissioner(em, game, userId)
    || (game.mode !== 'ranked' && (await ownedSides(em, game, userId)).length > 0);
  if (!mayAct) throw forbidden(`Only the commissioner may ${what} a ranked game; a manager a friendly or practice game of his team`);
  if (!COMMANDABLE.includes(game.status)) throw notCommandable(game);
}

/** The side that forfeits: the manager's own team, or the team the commissioner names. */
export async function forfeitingSide(em: EntityManager, game: Game, userId: string, teamId: string | undefined): Promise<Side> {
  const own = await ownedSides(em, game, userId);
  const named = teamId === undefined ? undefined : SIDES.find((side) => game.config[side].teamId === teamId);
  if (teamId !== undefined && !named) throw badField('teamId', 'not a team of this game');
  const commissioner = await isCommissioner(em, game, userId);
  const side = named ?? (own.length === 1 ? own[0] : undefined);
  if (!side) {
    if (!commissioner && own.length === 0) throw forbidden("Only a team's manager or the commissioner may forfeit a game");
    throw badField('teamId', 'name the team that forfeits');
  }
  if (!commissioner && !own.includes(side)) throw forbidden('A manager may forfeit only his own team');
  if (!COMMANDABLE.includes(game.status)) throw notCommandable(game);
  return side;
}

/**
 * Who resumes a suspended game: the commissioner (`null`: whoever is in the room) or a manager of
 * the game (his sides: he must be in the room). 403 for anyone else; 409 NOT_SUSPENDED when the
 * game is not suspended (the room's rule checks again, as the game may change meanwhile).
 */
export async function resumer(em: EntityManager, game: Game, userId: string): Promise<Resumer> {
  const commissioner = await isCommissioner(em, game, userId);
  const own = commissioner ? [] : await ownedSides(em, game, userId);
  if (!commissioner && own.length === 0) throw forbidden("Only the commissioner or a manager of one of the game's teams may resume it");
  if (game.status !== 'suspended') {
    throw new AppError(409, 'NOT_SUSPENDED', `This game is ${game.status}: only a suspended game can be resumed`, { status: game.status });
  }
  return commissioner ? null : own;
}
