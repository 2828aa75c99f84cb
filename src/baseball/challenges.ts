import type { EntityManager } from '@mikro-orm/postgresql';
import { Game, Team } from '../db/entities/index.ts';
import { AppError, forbidden } from '../errors.ts';
import { roleIn } from '../leagues/access.ts';
import { SIDES, type GameConfig } from './config.ts';
import { rosterProblem, type LineupInput } from './game-setup.ts';
import { clubOf, findGame, sideConfig } from './service.ts';
import type { AiStyle, Side } from './types.ts';

/**
 * A challenge is a game a manager created against a team he does not own (service.ts
 * `challengedSide`): stored `proposed`, with no room and no dice, counting nowhere. The challenged
 * team's manager accepts it, setting his own side (lineup, AI), and it becomes a scheduled game
 * like any other; or it is declined and kept as `declined`, never played. The commissioner may do
 * either for any challenge, and is the only one who can for a team nobody owns.
 */

/** What the accepting side sets: his lineup, and an AI style when he lets the AI play his side. */
export interface AcceptInput {
  lineup?: LineupInput;
  ai?: AiStyle;
}

const notProposed = (game: Game) =>
  new AppError(409, 'NOT_PROPOSED', `This game is ${game.status}: only a proposed game can be accepted or declined`, { status: game.status });

/** The side the challenge waits for. */
function challengedSideOf(game: Game): Side | null {
  return SIDES.find((side) => game.config[side].teamId === game.challengedTeam) ?? null;
}

const isCommissioner = async (em: EntityManager, game: Game, userId: string) => (await roleIn(em, game.league, userId)) === 'commissioner';

async function ownerOf(em: EntityManager, teamId: string): Promise<string | null> {
  return (await em.findOne(Team, { id: teamId }, { fields: ['owner'] }))?.owner ?? null;
}

/**
 * Accepts a challenge for its challenged side: that team's manager or the commissioner. The side's
 * setup is made now, from today's roster, as `input` asks. Returns the game, now scheduled; opening
 * its room is the caller's job. A concurrent accept or decline leaves exactly one winner (409 for the other).
 */
export async function acceptChallenge(em: EntityManager, gameId: string, userId: string, input: AcceptInput): Promise<Game> {
  const game = await findGame(em, gameId);
  const side = challengedSideOf(game);
  const mayAccept = (side && (await ownerOf(em, game.config[side].teamId)) === userId) || (await isCommissioner(em, game, userId));
  if (!mayAccept) throw forbidden("Only the challenged team's manager or the commissioner may accept this game");
  if (game.status !== 'proposed' || !side) throw notProposed(game);

  const team = await em.findOneOrFail(Team, { id: game.config[side].teamId });
  const club = await clubOf(em, team);
  const problem = rosterProblem(club, game.config.rules);
  if (problem) throw new AppError(409, 'ROSTER_INCOMPLETE', `${team.name} cannot field a lineup: ${problem}`, { teamId: team.id, side });
  const ownSide = await sideConfig(em, side, team, club, game.config.rules, { [`${side}Lineup`]: input.lineup, ai: { [side]: input.ai } });
  const config: GameConfig = { ...game.config, [side]: ownSide };

  const updated = await em.nativeUpdate(Game, { id: gameId, status: 'proposed' }, { status: 'scheduled', config });
  if (updated !== 1) throw notProposed(await reloaded(em, gameId));
  return reloaded(em, gameId);
}

/**
 * Declines a challenge: either side's manager (the challenger withdraws it) or the commissioner.
 * The game is kept as `declined` and never played.
 */
export async function declineChallenge(em: EntityManager, gameId: string, userId: string): Promise<Game> {
  const game = await findGame(em, gameId);
  const owners = await Promise.all(SIDES.map((side) => ownerOf(em, game.config[side].teamId)));
  if (!owners.includes(userId) && !(await isCommissioner(em, game, userId))) {
    throw forbidden("Only the two teams' managers or the commissioner may decline this game");
  }
  if (game.status !== 'proposed') throw notProposed(game);
  const updated = await em.nativeUpdate(Game, { id: gameId, status: 'proposed' }, { status: 'declined' });
  if (updated !== 1) throw notProposed(await reloaded(em, gameId));
  return reloaded(em, gameId);
}

/** The row as stored now (a nativeUpdate bypasses the identity map). */
function reloaded(em: EntityManager, gameId: string): Promise<Game> {
  return em.findOneOrFail(Game, { id: gameId }, { refresh: true });
}
