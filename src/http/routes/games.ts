import { Router } from 'express';
import { z } from 'zod';
import { isoDay, isoTime } from '../../time-input.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GAME_STATUSES } from '../../db/entities/index.ts';
import type { AiStyle } from '../../baseball/types.ts';
import {
  createGame, diceReport, findGame, gamePlayRecord, getGameView, listGames, MIN_CHALLENGE_DECISION_SECONDS,
} from '../../baseball/service.ts';
import { acceptChallenge, declineChallenge } from '../../baseball/challenges.ts';
import { OPEN_AHEAD_MS } from '../../baseball/opening.ts';
import { openOrScheduleGame } from '../../jobs/scheduled-games.ts';
import type { Scheduling } from '../../jobs/types.ts';
import { AppError, badField } from '../../errors.ts';
import { authorizeReschedule, forfeitingSide, resumer } from '../../baseball/game-commands.ts';
import { GAME_MODES } from '../../baseball/config.ts';
import { commandGame } from '../../../rooms/baseball/launch.ts';
import type { GameCommand } from '../../../rooms/BaseballRoom.ts';
import { userOf, viewerOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { playRecord as playRecordReply, diceReport as diceReply, fantasyStandings as fantasyStandingsReply, gamePage, gameView, standings } from '../openapi/replies-games.ts';
import { fantasyStandings } from '../../scoring/views.ts';
import { findLeague, requireUnarchived, requireVisible } from '../../leagues/access.ts';
import type { Quotas } from '../../leagues/quotas.ts';
import { standingsSnapshot } from '../../standings/snapshot.ts';
import { currentSeasonStandings } from '../../season/views.ts';
import { seasonStandings } from '../openapi/replies-season.ts';

const MAX_PAGE = 100;
const MAX_PACE_SECONDS = 60;
/** Lower-cased like path ids, so a body and a path naming one team or player always agree. */
const id = z.uuid().transform((value) => value.toLowerCase());

const lineup = z.object({
  order: z.array(z.object({
    playerId: id,
    position: z.enum(['C', '1B', '2B', '3B', 'SS', 'LF', 'CF', 'RF', 'P', 'DH']),
  })).length(9),
  pitcher: id.optional(),
});

const aiStyle = z.enum(['safe', 'balanced', 'aggressive'] as const satisfies readonly AiStyle[]);

const newGame = z.object({
  homeTeamId: id,
  awayTeamId: id,
  homeLineup: lineup.optional(),
  awayLineup: lineup.optional(),
  ai: z.object({ home: aiStyle.optional(), away: aiStyle.optional() }).optional(),
  pace: z.union([z.literal('instant'), z.number().min(0).max(MAX_PACE_SECONDS)]).optional(),
  decisionSeconds: z.number().int().min(1).max(600).optional(),
  scheduledAt: isoTime.optional(),
  mode: z.enum(GAME_MODES).optional().meta({ description: 'ranked (default) counts in standings and season stats; friendly and practice do not.' }),
  abandon: z.object({
    afterSeconds: z.number().int().min(1).max(24 * 3600),
    then: z.enum(['ai', 'suspend']),
  }).optional().meta({ description: 'When every manager has been away this long while the game is live: the AI plays it out, or it is suspended until they are back. Default 600 s, ai.' }),
});

/** Fantasy leagues: whose head-to-head table (`season` of the reply); baseball ignores it. */
const standingsQuery = z.object({ season: z.coerce.number().int().min(1).max(9999).optional().meta({ description: 'Football and F1: the head-to-head table of that season (a past one stays readable); default the current season.' }) });
/** How a game is played, as a schedule sets it for all of its games (baseball-schedule.ts). */
export const gamePlay = newGame.pick({ pace: true, decisionSeconds: true, abandon: true });

const postponement = z.object({ scheduledAt: isoTime });
const forfeiture = z.object({ teamId: id.optional() });

/** A day (midnight UTC) or a time with its offset. */
const instant = z.union([isoDay, isoTime]).transform((value) => new Date(value));

/** The challenged manager's own side: his lineup, and an AI style if the AI is to play it. */
const acceptance = z.object({ lineup: lineup.optional(), ai: aiStyle.optional() });

const gameQuery = z.object({
  status: z.enum(GAME_STATUSES).optional(),
  teamId: id.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(25),
  cursor: z.string().max(200).optional(),
}).refine((q) => !q.from || !q.to || q.to > q.from, { path: ['to'], message: 'to must be after from' });

/** A game id in the path: unlike other resources, a malformed one is a 400 (the contract of games). */
function gameIdParam(value: string | string[] | undefined): string {
  const parsed = id.safeParse(value);
  if (!parsed.success) throw new AppError(400, 'INVALID_INPUT', 'Invalid input: id', { fields: [{ path: 'id', message: 'a game id is a uuid' }] });
  return parsed.data;
}

const gameParams = z.object({ id: id.meta({ description: 'Game id: anything but a uuid is a 400.' }) });
const baseballOnly = 'Baseball leagues; other sports answer `400 NOT_SUPPORTED`.';

export const gameDocs: RouteDocs = {
  tag: 'games',
  description: 'Baseball games (their rooms are in docs/PROTOCOL.md), standings and verifiable dice.',
  routes: [
    {
      method: 'post', path: '/leagues/:id/games', summary: 'Start a baseball game', params: leagueParams, body: newGame,
      description: `The commissioner (any game of the league) or a manager (a game his team plays, his side's lineup and AI only: \`403 NOT_YOUR_SIDE\` otherwise). A manager's game against a team he does not own (another manager's, or an unowned one) is a challenge: \`status: proposed\`, no room, until that team's manager or the commissioner accepts it (POST /games/{id}/accept); its \`decisionSeconds\` is at least ${MIN_CHALLENGE_DECISION_SECONDS}. Otherwise the game's room opens at once and plays it, or ${OPEN_AHEAD_MS / 60_000} minutes before a later \`scheduledAt\`. A bad lineup is a 400 naming the field; \`409 ROSTER_INCOMPLETE\` when a roster cannot field a lineup. \`429 QUOTA_EXCEEDED\` past MAX_OPEN_GAMES_PER_USER (no Retry-After) or MAX_CREATES_PER_HOUR (with Retry-After). ${baseballOnly}`,
      replies: { 201: { description: 'The game as GET /games/{id} shows it.', schema: gameView } }, errors: [403, 409, 429],
    },
    {
      method: 'post', path: '/games/:id/accept', summary: 'Accept a challenge', params: gameParams, body: acceptance,
      description: "The challenged team's manager (or the commissioner, for any challenge) accepts a proposed game and sets that side's lineup and AI (default: his roster's lineup, played by him; an unowned team by the balanced AI). The game is then scheduled and its room opens as a new game's does. `409 NOT_PROPOSED` when the game is not proposed (any more).",
      replies: { 200: { description: 'The game, now scheduled.', schema: gameView } }, errors: [400, 403, 404, 409],
    },
    {
      method: 'post', path: '/games/:id/decline', summary: 'Decline a challenge', params: gameParams,
      description: 'Either team\'s manager (the challenger withdraws it) or the commissioner. The game is kept as `declined` and never played. `409 NOT_PROPOSED` when the game is not proposed (any more).',
      replies: { 200: { description: 'The game, now declined.', schema: gameView } }, errors: [400, 403, 404, 409],
    },
    {
      method: 'post', path: '/games/:id/cancel', summary: 'Cancel a game before it starts', params: gameParams,
      description: 'The commissioner (any game) or a manager of either team (friendly and practice games only). The game is kept as `cancelled`, never played. `409 ALREADY_STARTED` once it has started; `409 NOT_SCHEDULED` for a challenge or a game already over.',
      replies: { 200: { description: 'The game, now cancelled.', schema: gameView } }, errors: [400, 403, 404, 409],
    },
    {
      method: 'post', path: '/games/:id/postpone', summary: 'Move the first pitch', params: gameParams, body: postponement,
      description: 'Who may cancel may postpone: a new `scheduledAt`, later than now. A game moved further than 5 minutes ahead gives up its room until then. `409 ALREADY_STARTED` once it has started.',
      replies: { 200: { description: 'The game with its new first pitch.', schema: gameView } }, errors: [400, 403, 404, 409],
    },
    {
      method: 'post', path: '/games/:id/forfeit', summary: 'Forfeit a game', params: gameParams, body: forfeiture,
      description: "A team's manager gives up his team's game (before or while it is played, or suspended); the commissioner forfeits either team, named by `teamId`. The game is final, the other team its winner; a ranked forfeit counts in the standings (runs as played), never in season stats. `409 GAME_OVER` when it is over.",
      replies: { 200: { description: 'The game, final.', schema: gameView } }, errors: [400, 403, 404, 409],
    },
    {
      method: 'post', path: '/games/:id/resume', summary: 'Resume a suspended game', params: gameParams,
      description: "A game suspended after its managers all left (`abandon.then: suspend`) resumes by itself when every manager is back; this resumes it now. The commissioner (any suspended game, from anywhere) or a manager of either team, who must be in the game's room (`409 NOT_PRESENT` otherwise). The AI plays every managed side whose manager is not in the room, until he joins and takes it back. `409 NOT_SUSPENDED` when the game is not suspended.",
      replies: { 200: { description: 'The game, live again.', schema: gameView } }, errors: [400, 403, 404, 409, 503],
    },
    {
      method: 'get', path: '/leagues/:id/games', summary: "A league's games", params: leagueParams, query: gameQuery,
      description: `Newest first; \`from\` (inclusive) and \`to\` (exclusive) bound the creation time: a day or an ISO time with its offset. ${baseballOnly}`,
      replies: { 200: { description: 'A page of games.', schema: gamePage } },
    },
    {
      method: 'get', path: '/leagues/:id/standings', summary: 'League standings', params: leagueParams, query: standingsQuery,
      description: 'Baseball leagues: from the final games. Football and F1 leagues: the fantasy standings (as /fantasy-standings) and `season`, the current (or `?season=`) season\'s head-to-head standings (W-L-T, PCT, points for/against, streak, games back, by its tiebreakers; null without a season; `404` for a season number that does not exist).',
      replies: {
        200: { description: 'Baseball: by PCT then run differential. Fantasy: total points, with points per period.', schema: z.union([standings, fantasyStandingsReply.extend({ season: seasonStandings.nullable() })]) },
      },
    },
    {
      method: 'get', path: '/games/:id', summary: 'One game', params: gameParams,
      description: 'Line score, box score and play-by-play with dice, replayed from its stored plays. `diceSeed` is null until final.',
      replies: { 200: { description: 'The game.', schema: gameView } }, errors: [400],
    },
    {
      method: 'get', path: '/games/:id/plays', summary: "A game's play record", params: gameParams,
      description: 'Every play as a flat row (batting order, runners before and after by id, on-base codes, WPA, RE24, situation flags, every stat) and every substitution (who, for whom, inning, after which play), from its stored plays. Fields: docs/PROTOCOL.md "The play record".',
      replies: { 200: { description: 'The rows.', schema: playRecordReply } }, errors: [400],
    },
    {
      method: 'get', path: '/games/:id/dice', summary: "A game's dice", params: gameParams,
      description: 'The commitment, the seed once final and the server\'s check of every roll (`npm run dice:verify` checks it on your machine).',
      replies: { 200: { description: 'The dice report.', schema: diceReply } }, errors: [400],
    },
  ],
};

/** A game to be played (not a challenge waiting for its answer) gets its room, now or in time. */
async function openIfScheduled({ jobs, now }: Scheduling, game: { id: string; status: string; scheduledAt?: Date | null }): Promise<void> {
  if (game.status !== 'scheduled') return;
  await openOrScheduleGame(jobs, game.id, game.scheduledAt ?? null, now());
}

/** A game of a league the user may not see answers as an unknown game (404). */
async function visibleGameId(em: EntityManager, value: string | string[] | undefined, userId: string | null): Promise<string> {
  return (await visibleGame(em, value, userId)).game.id;
}

async function visibleGame(em: EntityManager, value: string | string[] | undefined, userId: string | null) {
  const game = await findGame(em, gameIdParam(value));
  return { game, league: await requireVisible(em, game.league, userId, 'Game') };
}

/** A game to change (accept, cancel, postpone...): visible, and of a league not archived (409 LEAGUE_ARCHIVED). */
async function changeableGameId(em: EntityManager, value: string | string[] | undefined, userId: string): Promise<string> {
  const { game, league } = await visibleGame(em, value, userId);
  requireUnarchived(league);
  return game.id;
}

export function gameRoutes(deps: { em: () => EntityManager; quotas: Quotas; scheduling: Scheduling }): Router {
  const router = Router();

  router.post('/leagues/:id/games', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const body = parse(newGame, req.body);
    const { userId } = userOf(req);
    const gameId = await deps.quotas.create(deps.em(), userId, 'game', () => createGame(deps.em(), leagueId, userId, body));
    await openIfScheduled(deps.scheduling, await findGame(deps.em(), gameId));
    res.status(201).json(await getGameView(deps.em(), gameId));
  });

  router.post('/games/:id/accept', async (req, res) => {
    const { userId } = userOf(req);
    const gameId = await changeableGameId(deps.em(), req.params.id, userId);
    const game = await acceptChallenge(deps.em(), gameId, userId, parse(acceptance, req.body ?? {}));
    await openIfScheduled(deps.scheduling, game);
    res.json(await getGameView(deps.em(), gameId));
  });

  router.post('/games/:id/decline', async (req, res) => {
    const { userId } = userOf(req);
    const gameId = await changeableGameId(deps.em(), req.params.id, userId);
    await declineChallenge(deps.em(), gameId, userId);
    res.json(await getGameView(deps.em(), gameId));
  });

  /** Runs a command in the game's room: its refusal is a 409 with the rule's code. */
  async function commanded(gameId: string, command: GameCommand): Promise<void> {
    const reply = await commandGame(gameId, command);
    if (!reply.ok) throw new AppError(reply.code === 'RETRY' ? 503 : 409, reply.code, reply.message);
    // The room wrote the row: the request's identity map still holds it as it was read before.
    deps.em().clear();
  }

  router.post('/games/:id/cancel', async (req, res) => {
    const { userId } = userOf(req);
    const game = await findGame(deps.em(), await changeableGameId(deps.em(), req.params.id, userId));
    await authorizeReschedule(deps.em(), game, userId, 'cancel');
    await commanded(game.id, { kind: 'cancel' });
    res.json(await getGameView(deps.em(), game.id));
  });

  router.post('/games/:id/postpone', async (req, res) => {
    const { userId } = userOf(req);
    const game = await findGame(deps.em(), await changeableGameId(deps.em(), req.params.id, userId));
    await authorizeReschedule(deps.em(), game, userId, 'postpone');
    const startAt = Date.parse(parse(postponement, req.body ?? {}).scheduledAt);
    if (startAt <= deps.scheduling.now()) throw badField('scheduledAt', 'a postponed game needs a first pitch later than now');
    await commanded(game.id, { kind: 'postpone', startAt });
    // Moved far off: its room closes by itself, and the game-open job brings it back in time.
    await openOrScheduleGame(deps.scheduling.jobs, game.id, new Date(startAt), deps.scheduling.now());
    res.json(await getGameView(deps.em(), game.id));
  });

  router.post('/games/:id/forfeit', async (req, res) => {
    const { userId } = userOf(req);
    const game = await findGame(deps.em(), await changeableGameId(deps.em(), req.params.id, userId));
    const side = await forfeitingSide(deps.em(), game, userId, parse(forfeiture, req.body ?? {}).teamId);
    await commanded(game.id, { kind: 'forfeit', side });
    res.json(await getGameView(deps.em(), game.id));
  });

  router.post('/games/:id/resume', async (req, res) => {
    const { userId } = userOf(req);
    const game = await findGame(deps.em(), await changeableGameId(deps.em(), req.params.id, userId));
    await commanded(game.id, { kind: 'resume', by: await resumer(deps.em(), game, userId) });
    res.json(await getGameView(deps.em(), game.id));
  });

  router.get('/leagues/:id/games', async (req, res) => {
    res.json(await listGames(deps.em(), idParam(req.params.id, 'League'), parse(gameQuery, req.query)));
  });

  router.get('/leagues/:id/standings', async (req, res) => {
    // One address for every league's table: baseball from its games, fantasy from scored points.
    const league = await findLeague(deps.em(), idParam(req.params.id, 'League'));
    if (league.sport === 'baseball') return void res.json(await standingsSnapshot(deps.em(), league.id));
    // Fantasy: the points table as before, plus the head-to-head table once the league has a season.
    const { season } = parse(standingsQuery, req.query);
    res.json({ ...await fantasyStandings(deps.em(), league.id), season: await currentSeasonStandings(deps.em(), league.id, season) });
  });

  router.get('/games/:id', async (req, res) => {
    res.json(await getGameView(deps.em(), await visibleGameId(deps.em(), req.params.id, viewerOf(req))));
  });

  router.get('/games/:id/plays', async (req, res) => {
    res.json(await gamePlayRecord(deps.em(), await visibleGameId(deps.em(), req.params.id, viewerOf(req))));
  });

  router.get('/games/:id/dice', async (req, res) => {
    res.json(await diceReport(deps.em(), await visibleGameId(deps.em(), req.params.id, viewerOf(req))));
  });

  return router;
}
