import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BATTING_SORT_NAMES, PITCHING_SORT_NAMES } from '../../stats/queries.ts';
import { leagueLeaders, playerSeason } from '../../stats/service.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { battingLeaders, pitchingLeaders, playerSeason as playerSeasonReply } from '../openapi/replies-games.ts';

const MAX_PAGE = 100;
const id = z.uuid().transform((value) => value.toLowerCase());
const season = z.coerce.number().int().min(1900).max(9999).optional();
const minimum = z.coerce.number().int().min(0).max(100_000).default(0);
const page = {
  season,
  teamId: id.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(25),
  cursor: z.string().max(300).optional(),
};

const battingQuery = z.object({ ...page, sort: z.enum(BATTING_SORT_NAMES).default('avg'), minPa: minimum });
const pitchingQuery = z.object({ ...page, sort: z.enum(PITCHING_SORT_NAMES).default('era'), minOuts: minimum });
const playerQuery = z.object({ season, leagueId: id.optional() });

export const statsDocs: RouteDocs = {
  tag: 'stats',
  description: 'Baseball season stats from final games.',
  routes: [
    {
      method: 'get', path: '/leagues/:id/stats/batting', summary: 'Batting leaders', params: leagueParams, query: battingQuery,
      description: 'Season totals and AVG/OBP/SLG/OPS, sorted by `sort` (ties by player id), paged stably. Other sports: `400 NOT_SUPPORTED`.',
      replies: { 200: { description: 'A page of batters.', schema: battingLeaders } },
    },
    {
      method: 'get', path: '/leagues/:id/stats/pitching', summary: 'Pitching leaders', params: leagueParams, query: pitchingQuery,
      description: 'Season totals and IP/ERA/WHIP, W/L/SV; ERA and WHIP lowest first, the rest most first. Other sports: `400 NOT_SUPPORTED`.',
      replies: { 200: { description: 'A page of pitchers.', schema: pitchingLeaders } },
    },
    {
      method: 'get', path: '/players/:id/stats', summary: "A player's season", params: ids(['id', 'Player']), query: playerQuery,
      description: 'Only leagues the caller may see count (public ones and his own); `leagueId` of any other league is a 404.',
      replies: { 200: { description: 'His totals per league and his game log, oldest first.', schema: playerSeasonReply } },
    },
  ],
};

/** Season stats: league leaderboards and a player's season (PROTOCOL "Season stats"). */
export function statsRoutes(deps: { em: () => EntityManager }): Router {
  const router = Router();

  router.get('/leagues/:id/stats/batting', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const { minPa, ...query } = parse(battingQuery, req.query);
    res.json(await leagueLeaders(deps.em(), leagueId, 'batting', { ...query, minimum: minPa }));
  });

  router.get('/leagues/:id/stats/pitching', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const { minOuts, ...query } = parse(pitchingQuery, req.query);
    res.json(await leagueLeaders(deps.em(), leagueId, 'pitching', { ...query, minimum: minOuts }));
  });

  router.get('/players/:id/stats', async (req, res) => {
    res.json(await playerSeason(deps.em(), idParam(req.params.id, 'Player'), userOf(req).userId, parse(playerQuery, req.query)));
  });

  return router;
}
