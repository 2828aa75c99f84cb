import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Player } from '../../db/entities/index.ts';
import { SPORTS } from '../../players/types.ts';
import { playerView, searchPlayers } from '../../players/search.ts';
import { notFound } from '../../errors.ts';
import { idParam, parse } from '../parse.ts';
import { ids, type RouteDocs } from '../openapi/route-doc.ts';
import { player, playerPage } from '../openapi/replies.ts';

const MAX_PAGE = 200;
const playerQuery = z.object({
  sport: z.enum(SPORTS).optional(),
  q: z.string().trim().min(1).max(80).optional(),
  position: z.string().trim().regex(/^[A-Za-z0-9]{1,4}$/, '1-4 letters or digits').optional(),
  team: z.string().trim().regex(/^[A-Za-z0-9]{1,8}$/, '1-8 letters or digits').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().max(200).optional(),
});

export const playerDocs: RouteDocs = {
  tag: 'players',
  description: 'The player pool of every sport.',
  routes: [
    {
      method: 'get', path: '/', summary: 'Search the player pool', query: playerQuery,
      description: 'Best rank first; `q` matches names, `position` any eligible position, `team` one club (the `team` code players carry). `nextCursor` pages on.',
      replies: { 200: { description: 'A page of players.', schema: playerPage } },
    },
    {
      method: 'get', path: '/:id', summary: 'One player', params: ids(['id', 'Player']),
      replies: { 200: { description: 'The player.', schema: player } },
    },
  ],
};

export function playerRoutes(deps: { em: () => EntityManager }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await searchPlayers(deps.em(), parse(playerQuery, req.query)));
  });
  router.get('/:id', async (req, res) => {
    const player = await deps.em().findOne(Player, { id: idParam(req.params.id, 'Player') });
    if (!player) throw notFound('Player');
    res.json(playerView(player));
  });
  return router;
}
