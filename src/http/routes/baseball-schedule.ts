import { Router } from 'express';
import { z } from 'zod';
import { isoTime } from '../../time-input.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CREATE_AHEAD_MS, drawSchedule, retryScheduledGame, scheduleView } from '../../baseball/league-schedule.ts';
import { baseballScheduleDrawn } from '../../jobs/baseball-schedule.ts';
import { scheduleGameOpen } from '../../jobs/scheduled-games.ts';
import { log } from '../../log.ts';
import type { Scheduling } from '../../jobs/types.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { baseballSchedule, scheduledGame } from '../openapi/replies-games.ts';
import { gamePlay } from './games.ts';

/** A full MLB season; a series of up to a week. */
const MAX_GAMES_PER_CLUB = 162;
const MAX_SERIES_LENGTH = 7;

const newSchedule = gamePlay.extend({
  startsAt: isoTime.meta({ description: "The first game day's first pitch; each next game day's is 24 h later." }),
  gamesPerClub: z.number().int().min(1).max(MAX_GAMES_PER_CLUB),
  seriesLength: z.number().int().min(1).max(MAX_SERIES_LENGTH).default(3).meta({ description: 'Games of a series, on consecutive days against one opponent (default 3).' }),
});

export const baseballScheduleDocs: RouteDocs = {
  tag: 'baseball schedule',
  description: "A baseball league's season: series between its teams, each game created on time (docs/PROTOCOL.md \"Baseball league schedule\").",
  routes: [
    {
      method: 'post', path: '/leagues/:id/baseball/schedule', summary: 'Draw the season schedule (commissioner)', params: leagueParams, body: newSchedule,
      description: `Series between the league's teams (round robin, home and away balanced), a game day every 24 h from \`startsAt\`. Each game is created ${CREATE_AHEAD_MS / 3600_000} h before its first pitch as a ranked game (as POST /leagues/{id}/games would create it: an owned team's manager plays his side, the AI an unowned team's) and counts in the standings once final. Draws again while none of its games has been created or tried; \`409 SCHEDULE_LOCKED\` after, \`409 TOO_FEW_TEAMS\` under two teams. Baseball leagues; other sports answer \`400 NOT_SUPPORTED\`.`,
      replies: { 201: { description: 'The schedule.', schema: baseballSchedule } }, errors: [403, 409],
    },
    {
      method: 'get', path: '/leagues/:id/baseball/schedule', summary: 'The season schedule', params: leagueParams,
      description: 'Every game of the schedule in order: `pending` until created, then its game (id, status, score); `not created` while a failed creation is tried again, `failed` once its first pitch passed without it (`problem`: the last error). `404 NO_SCHEDULE` before one is drawn.',
      replies: { 200: { description: 'The schedule.', schema: baseballSchedule } },
    },
    {
      method: 'post', path: '/leagues/:id/baseball/schedule/games/:gameId/retry', summary: 'Try creating a scheduled game again (commissioner)',
      params: ids(['id', 'League'], ['gameId', 'Scheduled game (its `id` in the schedule)']),
      description: 'Creates a scheduled game that `failed` (or is `not created`, or is due and not created yet) now, as the job would. `409 ALREADY_CREATED` when it has its game, `409 NOT_TRIED` before its creation time (6 h before its first pitch); a creation that fails again answers its own coded error (`409 ROSTER_INCOMPLETE`), kept as the game\'s `problem`.',
      replies: { 201: { description: 'The scheduled game, with its new `gameId`.', schema: scheduledGame } }, errors: [403, 409],
    },
  ],
};

/** A baseball league's season schedule (PROTOCOL "Baseball league schedule"). */
export function baseballScheduleRoutes(deps: { em: () => EntityManager; scheduling: Scheduling }): Router {
  const router = Router();

  router.post('/leagues/:id/baseball/schedule', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const body = parse(newSchedule, req.body);
    const schedule = await drawSchedule(deps.em(), leagueId, userOf(req).userId, body, deps.scheduling.now());
    // Its first games are created on time: the job now (delayed until due), the sweep if that fails.
    await baseballScheduleDrawn(deps.em(), deps.scheduling, leagueId);
    res.status(201).json(schedule);
  });

  router.get('/leagues/:id/baseball/schedule', async (req, res) => {
    res.json(await scheduleView(deps.em(), idParam(req.params.id, 'League')));
  });

  router.post('/leagues/:id/baseball/schedule/games/:gameId/retry', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const rowId = idParam(req.params.gameId, 'Scheduled game');
    const { game, created } = await retryScheduledGame(deps.em(), leagueId, rowId, userOf(req).userId, deps.scheduling.now());
    // Its room opens as the job's games' do (at once when its first pitch is near or past); else the game sweep opens it.
    await scheduleGameOpen(deps.scheduling.jobs, created.gameId, created.scheduledAt, deps.scheduling.now())
      .catch((error) => log.error({ err: error, gameId: created.gameId }, 'retried game created but its open job not added: the game sweep adds it'));
    res.status(201).json(game);
  });

  return router;
}
