import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PRESETS } from '../../scoring/presets.ts';
import { createRules, getRules, listRules } from '../../scoring/rules-service.ts';
import { fantasyStandings, listScores } from '../../scoring/views.ts';
import { notFound } from '../../errors.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { fantasyStandings as fantasyStandingsReply, newScoringVersion, scoresPage, scoringRules, scoringVersion } from '../openapi/replies-games.ts';

const MAX_PAGE = 1000;

/** The rules themselves are checked against the league's sport by the service (its fields under `rules.`). */
const newRules = z.strictObject({
  rules: z.record(z.string(), z.unknown()).optional(),
  preset: z.enum(PRESETS).optional(),
  activate: z.boolean().default(true),
  rescore: z.boolean().default(true),
}).refine((body) => (body.rules === undefined) !== (body.preset === undefined), {
  path: ['rules'], message: 'give either rules or a preset',
});

const scoresQuery = z.object({
  period: z.string().max(40).optional(),
  teamId: z.uuid().transform((id) => id.toLowerCase()).optional(),
  version: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(200),
  cursor: z.string().regex(/^\d{1,9}$/).optional(),
});

const VERSION = /^[1-9]\d{0,8}$/;

/** A version number in the path: anything else names no version. */
function versionParam(value: string | string[] | undefined): number {
  if (typeof value !== 'string' || !VERSION.test(value)) throw notFound('Scoring rules version');
  return Number(value);
}

const notForBaseball = 'Football and F1 leagues; baseball leagues answer `400 NOT_SUPPORTED`.';

export const scoringDocs: RouteDocs = {
  tag: 'scoring',
  description: 'Versioned fantasy scoring rules (football, F1), fantasy standings and scores.',
  routes: [
    {
      method: 'get', path: '/leagues/:id/scoring-rules', summary: "A league's scoring rules", params: leagueParams, description: notForBaseball,
      replies: { 200: { description: 'The active version with its rules, and every version.', schema: scoringRules } }, errors: [400],
    },
    {
      method: 'get', path: '/leagues/:id/scoring-rules/:version', summary: 'One version of the scoring rules',
      params: leagueParams.extend({ version: z.string().regex(VERSION).meta({ description: 'The version number (1, 2, ...).' }) }),
      description: notForBaseball, replies: { 200: { description: 'The version.', schema: scoringVersion } }, errors: [400],
    },
    {
      method: 'post', path: '/leagues/:id/scoring-rules', summary: 'Add a rules version (commissioner)', params: leagueParams, body: newRules,
      description: `Never an edit: a new version. Exactly one of \`rules\` (checked against the league's sport; a bad field is a 400 under \`rules.\`) and \`preset\`. \`rescore\` recomputes every score under it, \`activate\` makes it the one standings use, in one transaction. ${notForBaseball}`,
      replies: { 201: { description: 'The new version.', schema: newScoringVersion } }, errors: [403],
    },
    {
      method: 'get', path: '/leagues/:id/fantasy-standings', summary: 'Fantasy standings', params: leagueParams, description: notForBaseball,
      replies: { 200: { description: "Every team's total and points per period under the active version, best first.", schema: fantasyStandingsReply } }, errors: [400],
    },
    {
      method: 'get', path: '/leagues/:id/scores', summary: 'Score lines', params: leagueParams, query: scoresQuery, description: notForBaseball,
      replies: { 200: { description: "The active version's (or `version`'s) scores by period, best first.", schema: scoresPage } },
    },
  ],
};

/** Scoring rules versions, fantasy standings and scores (PROTOCOL additions "Scoring rules", "Fantasy scores and standings"). */
export function scoringRoutes(deps: { em: () => EntityManager; now: () => number }): Router {
  const router = Router();

  router.get('/leagues/:id/scoring-rules', async (req, res) => {
    res.json(await listRules(deps.em(), idParam(req.params.id, 'League')));
  });

  router.get('/leagues/:id/scoring-rules/:version', async (req, res) => {
    res.json(await getRules(deps.em(), idParam(req.params.id, 'League'), versionParam(req.params.version)));
  });

  router.post('/leagues/:id/scoring-rules', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const body = parse(newRules, req.body);
    res.status(201).json(await createRules(deps.em(), leagueId, userOf(req).userId, body, deps.now()));
  });

  router.get('/leagues/:id/fantasy-standings', async (req, res) => {
    res.json(await fantasyStandings(deps.em(), idParam(req.params.id, 'League')));
  });

  router.get('/leagues/:id/scores', async (req, res) => {
    res.json(await listScores(deps.em(), idParam(req.params.id, 'League'), parse(scoresQuery, req.query)));
  });

  return router;
}
