import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SPORTS } from '../../players/types.ts';
import { BASEBALL_RULES } from '../../db/entities/index.ts';
import { addTeam, createLeague, getLeague, joinLeague, listMyLeagues, listTeams } from '../../leagues/service.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';

const newLeague = z.object({
  name: z.string().trim().min(1).max(80),
  sport: z.enum(SPORTS),
  /** Baseball leagues only: the rules their games play (default SBA). */
  baseballRules: z.enum(BASEBALL_RULES).optional(),
}).refine((league) => league.sport === 'baseball' || league.baseballRules === undefined, {
  path: ['baseballRules'], message: 'only baseball leagues have baseball rules',
});
const newTeam = z.object({ name: z.string().trim().min(1).max(60), ownerId: z.uuid().optional() });
const joinRequest = z.object({ inviteCode: z.string().trim().min(1).max(32).optional(), teamId: z.uuid().optional() });

export function leagueRoutes(deps: { em: () => EntityManager }): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    res.status(201).json(await createLeague(deps.em(), userOf(req).userId, parse(newLeague, req.body)));
  });

  router.get('/', async (req, res) => {
    res.json({ items: await listMyLeagues(deps.em(), userOf(req).userId) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getLeague(deps.em(), idParam(req.params.id, 'League'), userOf(req).userId));
  });

  router.post('/:id/teams', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    res.status(201).json(await addTeam(deps.em(), leagueId, userOf(req).userId, parse(newTeam, req.body)));
  });

  router.get('/:id/teams', async (req, res) => {
    res.json({ items: await listTeams(deps.em(), idParam(req.params.id, 'League')) });
  });

  router.post('/:id/join', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    res.json(await joinLeague(deps.em(), leagueId, userOf(req).userId, parse(joinRequest, req.body)));
  });

  return router;
}
