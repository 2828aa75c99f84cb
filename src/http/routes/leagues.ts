import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SPORTS } from '../../players/types.ts';
import { BASEBALL_RULES, VISIBILITIES } from '../../db/entities/index.ts';
import type { Quotas } from '../../leagues/quotas.ts';
import { addTeam, createLeague, getLeague, joinLeague, listMyLeagues, listTeams } from '../../leagues/service.ts';
import { userOf, viewerOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { joined, leagueDetail, myLeague, team, teamWithOwner } from '../openapi/replies.ts';

const newLeague = z.object({
  name: z.string().trim().min(1).max(80),
  sport: z.enum(SPORTS),
  /** Baseball leagues only: the rules their games play (default SBA). */
  baseballRules: z.enum(BASEBALL_RULES).optional(),
  /** public: any signed-in user may see it and watch its rooms; private (default): members only. */
  visibility: z.enum(VISIBILITIES).optional(),
}).refine((league) => league.sport === 'baseball' || league.baseballRules === undefined, {
  path: ['baseballRules'], message: 'only baseball leagues have baseball rules',
});
const newTeam = z.object({ name: z.string().trim().min(1).max(60), ownerId: z.uuid().optional() });
const joinRequest = z.object({ inviteCode: z.string().trim().min(1).max(32).optional(), teamId: z.uuid().optional() });

export const leagueDocs: RouteDocs = {
  tag: 'leagues',
  description: 'Leagues, their teams and joining them.',
  routes: [
    {
      method: 'post', path: '/', summary: 'Create a league', body: newLeague,
      description: 'The creator becomes its commissioner (and sees `inviteCode`). `baseballRules` (`SBA` by default, or `PD`) only for baseball leagues. '
        + '`visibility`: `private` (default: members only) or `public` (every signed-in user may see it and spectate). '
        + '`429 QUOTA_EXCEEDED` past MAX_LEAGUES_PER_USER (no Retry-After) or MAX_CREATES_PER_HOUR (with Retry-After).',
      replies: { 201: { description: 'The league.', schema: myLeague } }, errors: [429],
    },
    {
      method: 'get', path: '/', summary: 'My leagues',
      replies: { 200: { description: "The caller's leagues, oldest membership first.", schema: z.object({ items: z.array(myLeague) }) } },
    },
    {
      method: 'get', path: '/:id', summary: 'One league', params: leagueParams,
      description: 'Its members see it; a public league also every signed-in user. Anyone else gets 404, as for an unknown league (on every /leagues/{id}/... route).',
      replies: { 200: { description: 'The league, with its team and member counts.', schema: leagueDetail } },
    },
    {
      method: 'post', path: '/:id/teams', summary: 'Add a team (commissioner)', params: leagueParams, body: newTeam,
      description: '`ownerId` names its manager (a user who manages no team of the league yet); without it the team is open to be claimed.',
      replies: { 201: { description: 'The team.', schema: team } }, errors: [403, 409],
    },
    {
      method: 'get', path: '/:id/teams', summary: 'Teams with rosters', params: leagueParams,
      replies: { 200: { description: 'The teams, oldest first, each roster with how and when its players were acquired.', schema: z.object({ items: z.array(teamWithOwner) }) } },
    },
    {
      method: 'post', path: '/:id/join', summary: 'Join and claim an open team', params: leagueParams, body: joinRequest,
      description: 'With the invite code (members need none): claims the team named, else the first open one. One team per user and league (409 otherwise, also for parallel joins). A wrong code is a 403 on a public league, a 404 on a private one.',
      replies: { 200: { description: 'The league and the claimed team.', schema: joined } }, errors: [403, 409],
    },
  ],
};

export function leagueRoutes(deps: { em: () => EntityManager; quotas: Quotas }): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parse(newLeague, req.body);
    const { userId } = userOf(req);
    res.status(201).json(await deps.quotas.create(deps.em(), userId, 'league', () => createLeague(deps.em(), userId, input)));
  });

  router.get('/', async (req, res) => {
    res.json({ items: await listMyLeagues(deps.em(), userOf(req).userId) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getLeague(deps.em(), idParam(req.params.id, 'League'), viewerOf(req)));
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
