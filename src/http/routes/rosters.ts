import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addToRoster, removeFromRoster } from '../../rosters/service.ts';
import { waiversScheduled } from '../../jobs/waiver-runs.ts';
import type { Scheduling } from '../../jobs/types.ts';
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
      description: "Players of the league's sport, acquired via `commissioner` (a `commissioner` entry of the transaction log); those already on the team are not added twice, players on waivers come off them. "
        + '400 (`details.playerIds`) for unknown players or another sport\'s; 409 `CONFLICT` (`details.playerIds`) when one is on another team of the league, `ROSTER_FULL` / `POSITION_LIMIT` past the league\'s roster limits. Nothing changes then.',
      replies: { 201: { description: 'How many players were added.', schema: rosterAdded } }, errors: [403, 409],
    },
    {
      method: 'delete', path: '/leagues/:id/teams/:teamId/players/:playerId', summary: 'Take a player off a team (commissioner)',
      params: ids(['id', 'League'], ['teamId', 'Team'], ['playerId', 'Player']),
      description: 'A `commissioner` entry of the transaction log; the player goes on waivers like any dropped player.',
      replies: { 204: { description: 'Removed.' } }, errors: [403, 409],
    },
  ],
};

/** Commissioner roster moves (PROTOCOL additions "Rosters"). */
export function rosterRoutes(deps: { em: () => EntityManager; scheduling: Scheduling }): Router {
  const router = Router();

  router.post('/leagues/:id/teams/:teamId/players', async (req, res) => {
    const { playerIds } = parse(addPlayers, req.body);
    const result = await addToRoster(deps.em(), idParam(req.params.id, 'League'), idParam(req.params.teamId, 'Team'), userOf(req).userId, playerIds, deps.scheduling.now());
    res.status(201).json(result);
  });

  router.delete('/leagues/:id/teams/:teamId/players/:playerId', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const result = await removeFromRoster(deps.em(), leagueId, idParam(req.params.teamId, 'Team'), userOf(req).userId, idParam(req.params.playerId, 'Player'), deps.scheduling.now());
    await waiversScheduled(deps.scheduling, leagueId, result.waiverRunAt);
    res.status(204).end();
  });

  return router;
}
