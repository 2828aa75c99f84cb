import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, notFound } from '../../errors.ts';
import { isRuleError } from '../../rules/rule-error.ts';
import { createSeason, listSeasons, regenerateSchedule, seasonOptions } from '../../season/service.ts';
import { newSeasonBody, MAX_PERIODS, lineupStarters } from '../../season/settings.ts';
import { changeLineup, lineupView } from '../../season/lineup-service.ts';
import { finalizeByCommissioner } from '../../season/finalize.ts';
import { matchupsView, playoffsView, scheduleView } from '../../season/views.ts';
import { seasonScheduled } from '../../season/jobs.ts';
import type { Scheduling } from '../../jobs/types.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { finalized, lineup, matchups, playoffs, schedule, season, seasonList, seasonOptionsReply } from '../openapi/replies-season.ts';

const number = z.coerce.number().int().min(1).max(9999);
const seasonQuery = z.object({ season: number.optional().meta({ description: 'A season number; default the current (latest) one.' }) });
const periodQuery = seasonQuery.extend({ period: z.coerce.number().int().min(1).max(MAX_PERIODS).optional().meta({ description: 'A period number; default the current one (the last started).' }) });
const lineupQuery = z.object({ period: periodQuery.shape.period });
const lineupBody = z.strictObject({
  starters: lineupStarters
    .meta({ description: "Player ids aligned with the season's lineup slots (`settings.lineup.slots`); null leaves a slot empty. Everyone else is on the bench." }),
});
const PERIOD = /^[1-9]\d{0,1}$/;
const teamParams = ids(['id', 'League'], ['teamId', 'Team']);
const periodParams = leagueParams.extend({ n: z.string().regex(PERIOD).meta({ description: 'The period number (1, 2, ...).' }) });

function periodParam(value: string | string[] | undefined): number {
  if (typeof value !== 'string' || !PERIOD.test(value)) throw notFound('Period');
  return Number(value);
}

const seasonsOnly = 'Football and F1 leagues (baseball: `400 NOT_SUPPORTED`); `404 NO_SEASON` before the first season.';

export const seasonDocs: RouteDocs = {
  tag: 'seasons',
  description: 'Fantasy seasons: head-to-head schedule, lineups, matchups, finalizing periods, playoffs (docs/PROTOCOL.md "Seasons").',
  routes: [
    {
      method: 'post', path: '/leagues/:id/seasons', summary: 'Create a season (commissioner)', params: leagueParams, body: newSeasonBody('football'),
      description: 'Periods (the stat feed\'s period keys, start and lock times, optional per-club kickoffs), regular-season length, playoff teams and weeks (one round a week: ⌈log2 teams⌉), tiebreakers, lineup slots. The schedule is drawn at once. Replaces the latest season while it has not started; `409 SEASON_IN_PROGRESS` once it has, until it is complete.',
      replies: { 201: { description: 'The season.', schema: season } }, errors: [403, 409],
    },
    {
      method: 'get', path: '/leagues/:id/season-options', summary: 'What a new season may hold', params: leagueParams,
      description: "For a season-creation form: the sport's player positions (the only ones a lineup slot's eligibility may name), its default lineup slots, the tiebreakers (all and the default order), the period key format, the limits (playoff teams at most the league's teams). Baseball: `400 NOT_SUPPORTED`.",
      replies: { 200: { description: 'The options.', schema: seasonOptionsReply } }, errors: [400],
    },
    {
      method: 'get', path: '/leagues/:id/seasons', summary: "A league's seasons", params: leagueParams, description: 'Newest first; past seasons stay readable.',
      replies: { 200: { description: 'Every season.', schema: seasonList } }, errors: [400],
    },
    {
      method: 'get', path: '/leagues/:id/schedule', summary: 'The schedule', params: leagueParams, query: seasonQuery, description: seasonsOnly,
      replies: { 200: { description: "Every period's matchups (byes: `away` null), with points and results once final.", schema: schedule } },
    },
    {
      method: 'post', path: '/leagues/:id/schedule', summary: 'Draw the schedule again (commissioner)', params: leagueParams,
      description: "From the league's teams now, in a new order; `409 SCHEDULE_LOCKED` once week 1 has locked.",
      replies: { 200: { description: 'The season.', schema: season } }, errors: [403, 409],
    },
    {
      method: 'get', path: '/leagues/:id/matchups', summary: "A period's matchups with live scores", params: leagueParams, query: periodQuery, description: seasonsOnly,
      replies: { 200: { description: "Each side's lineup, starters' points (the score) and bench points (shown).", schema: matchups } },
    },
    {
      method: 'get', path: '/leagues/:id/teams/:teamId/lineup', summary: "A team's lineup", params: teamParams, query: lineupQuery, description: seasonsOnly,
      replies: { 200: { description: 'The lineup of the period (the automatic one when the manager set none: `auto`).', schema: lineup } },
    },
    {
      method: 'put', path: '/leagues/:id/teams/:teamId/lineup', summary: "Set a team's lineup (its manager)", params: teamParams, query: lineupQuery, body: lineupBody,
      description: "The team's manager only. Refusals are `409` with the rule's code: `LINEUP_LOCKED` (a player whose game started would move), `INELIGIBLE_FOR_SLOT`, `NOT_ON_ROSTER`, `DUPLICATE_PLAYER`, `WRONG_SLOT_COUNT`, `PERIOD_FINAL`.",
      replies: { 200: { description: 'The lineup now.', schema: lineup } }, errors: [403, 409],
    },
    {
      method: 'post', path: '/leagues/:id/periods/:n/finalize', summary: 'Finalize a period (commissioner)', params: periodParams,
      description: 'After the period locked (`409 PERIOD_NOT_STARTED`), earlier ones final (`409 PREVIOUS_NOT_FINAL`). Again on a final period: recomputed, `refinalized` when a score changed. The job does it on its own after the last kickoff + the grace.',
      replies: { 200: { description: 'What it did.', schema: finalized } }, errors: [403, 409],
    },
    {
      method: 'get', path: '/leagues/:id/playoffs', summary: 'The playoff bracket', params: leagueParams, query: seasonQuery, description: seasonsOnly,
      replies: { 200: { description: 'Seeds once the regular season is final, each round with byes and results, the champion.', schema: playoffs } },
    },
  ],
};

/** Seasons, schedule, matchups, lineups, finalizing, playoffs (PROTOCOL "Seasons"). */
export function seasonRoutes(deps: { em: () => EntityManager; now: () => number; scheduling: Scheduling }): Router {
  const router = Router();

  router.post('/leagues/:id/seasons', async (req, res) => {
    const season = await createSeason(deps.em(), idParam(req.params.id, 'League'), userOf(req).userId, req.body, deps.now());
    // Its periods finalize on time: the first's job now, each next one's when the last is final.
    await seasonScheduled(deps.em(), deps.scheduling, season.id);
    res.status(201).json(season);
  });

  router.get('/leagues/:id/season-options', async (req, res) => {
    res.json(await seasonOptions(deps.em(), idParam(req.params.id, 'League')));
  });

  router.get('/leagues/:id/seasons', async (req, res) => {
    res.json(await listSeasons(deps.em(), idParam(req.params.id, 'League')));
  });

  router.get('/leagues/:id/schedule', async (req, res) => {
    res.json(await scheduleView(deps.em(), idParam(req.params.id, 'League'), parse(seasonQuery, req.query).season));
  });

  router.post('/leagues/:id/schedule', async (req, res) => {
    res.json(await regenerateSchedule(deps.em(), idParam(req.params.id, 'League'), userOf(req).userId, deps.now()));
  });

  router.get('/leagues/:id/matchups', async (req, res) => {
    res.json(await matchupsView(deps.em(), idParam(req.params.id, 'League'), deps.now(), parse(periodQuery, req.query)));
  });

  router.get('/leagues/:id/teams/:teamId/lineup', async (req, res) => {
    const { period } = parse(lineupQuery, req.query);
    res.json(await lineupView(deps.em(), idParam(req.params.id, 'League'), idParam(req.params.teamId, 'Team'), deps.now(), period));
  });

  router.put('/leagues/:id/teams/:teamId/lineup', async (req, res) => {
    const { period } = parse(lineupQuery, req.query);
    const { starters } = parse(lineupBody, req.body);
    const result = await changeLineup(deps.em(), {
      leagueId: idParam(req.params.id, 'League'), teamId: idParam(req.params.teamId, 'Team'), userId: userOf(req).userId, period, starters, now: deps.now(),
    });
    if (isRuleError(result)) throw new AppError(409, result.code, result.message);
    res.json(result);
  });

  router.post('/leagues/:id/periods/:n/finalize', async (req, res) => {
    res.json(await finalizeByCommissioner(deps.em(), idParam(req.params.id, 'League'), userOf(req).userId, periodParam(req.params.n), deps.now()));
  });

  router.get('/leagues/:id/playoffs', async (req, res) => {
    res.json(await playoffsView(deps.em(), idParam(req.params.id, 'League'), parse(seasonQuery, req.query).season));
  });

  return router;
}
