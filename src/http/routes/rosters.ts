import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addToRoster, removeFromRoster } from '../../rosters/service.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, type RouteDocs } from '../openapi/route-doc.ts';
import { rosterAdded } from '../openapi/replies.ts';

const MAX_PLAYERS_PER_MOVE = 60;
const addPlayers = z.object({
  playerIds: z.array(z.uuid().transform((id) => id.toLowerCase())).min(1).max(MAX_PLAYERS_PER_MOVE),
}).strict();

export const rosterDocs: RouteDocs = {
  tag: 'rosters',
  description: 'Commissioner roster moves outside any draft.',
  routes: [
    {
      method: 'post', path: '/leagues/:id/teams/:teamId/players', summary: 'Put players on a team (commissioner)',
      params: ids(['id', 'League'], ['teamId', 'Team']), body: addPlayers,
      description: "Players of the league's sport, acquired via `commissioner`; those already on the team are not added twice. "
        + '400 (`details.playerIds`) for unknown players or another sport\'s; 409 (`details.playerIds`) when one is on another team of the league. Nothing changes then.',
      replies: { 201: { description: 'How many players were added.', schema: rosterAdded } }, errors: [403, 409],
    },
    {
      method: 'delete', path: '/leagues/:id/teams/:teamId/players/:playerId', summary: 'Take a player off a team (commissioner)',
      params: ids(['id', 'League'], ['teamId', 'Team'], ['playerId', 'Player']),
      replies: { 204: { description: 'Removed.' } }, errors: [403, 409],
    },
  ],
};

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
