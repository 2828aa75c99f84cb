import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addToRoster, removeFromRoster } from '../../rosters/service.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';

const MAX_PLAYERS_PER_MOVE = 60;
const addPlayers = z.object({
  playerIds: z.array(z.uuid().transform((id) => id.toLowerCase())).min(1).max(MAX_PLAYERS_PER_MOVE),
}).strict();

/** Commissioner roster moves (PROTOCOL additions "Rosters"). */
export function rosterRoutes(deps: { em: () => EntityManager }): Router {
  const router = Router();

  router.post('/leagues/:id/teams/:teamId/players', async (req, res) => {
    const { playerIds } = parse(addPlayers, req.body);
    const result = await addToRoster(deps.em(), idParam(req.params.id, 'League'), idParam(req.params.teamId, 'Team'), userOf(req).userId, playerIds);
    res.status(201).json(result);
  });

  router.delete('/leagues/:id/teams/:teamId/players/:playerId', async (req, res) => {
    await removeFromRoster(deps.em(), idParam(req.params.id, 'League'), idParam(req.params.teamId, 'Team'), userOf(req).userId, idParam(req.params.playerId, 'Player'));
    res.status(204).end();
  });

  return router;
}
