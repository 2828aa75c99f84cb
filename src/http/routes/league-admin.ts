import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { VISIBILITIES } from '../../db/entities/index.ts';
import { BALLPARKS } from '../../baseball/ballparks.ts';
import { archiveLeague, editLeague, editTeam, leagueSettings } from '../../leagues/admin.ts';
import { settingsPatch } from '../../transactions/settings.ts';
import type { Scheduling } from '../../jobs/types.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { archivedReply, editedReply, settingsReply, teamReply } from '../openapi/replies-transactions.ts';

const leagueEdit = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  settings: settingsPatch.optional().meta({ description: 'Any part of `roster`, `waivers`, `trades`; the rest is kept.' }),
}).strict();
const teamEdit = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  ownerId: z.uuid().transform((id) => id.toLowerCase()).nullable().optional().meta({ description: 'A user to manage the team; null: no manager (the team is open to be claimed).' }),
  park: z.enum(BALLPARKS.map((park) => park.id) as [string, ...string[]]).nullable().optional()
    .meta({ description: 'Baseball: the park the team plays its home games in (docs/baseball.md "Ballparks"); null: a neutral park. Games created from then on.' }),
}).strict();

const teamParams = ids(['id', 'League'], ['teamId', 'Team']);

export const leagueAdminDocs: RouteDocs = {
  tag: 'league administration',
  description: 'The commissioner edits the league, its teams and managers, or archives it; every change is an `admin` entry of the transaction log.',
  routes: [
    {
      method: 'get', path: '/leagues/:id/settings', summary: 'Roster limits, waiver and trade settings', params: leagueParams,
      replies: { 200: { description: 'The settings in force (the sport\'s defaults where none were set).', schema: settingsReply } },
    },
    {
      method: 'patch', path: '/leagues/:id', summary: 'Edit the league (commissioner)', params: leagueParams, body: leagueEdit,
      description: 'Name, visibility, settings. 409 `LEAGUE_ARCHIVED` once archived.',
      replies: { 200: { description: 'The league\'s name, visibility and settings now.', schema: editedReply } }, errors: [403, 409],
    },
    {
      method: 'patch', path: '/leagues/:id/teams/:teamId', summary: 'Rename a team, reassign or remove its manager, set its park (commissioner)', params: teamParams, body: teamEdit,
      description: 'A manager removed or replaced stops being a member of the league. 409 when the new manager already manages a team here, or the name is taken.',
      replies: { 200: { description: 'The team now.', schema: teamReply } }, errors: [403, 409],
    },
    {
      method: 'post', path: '/leagues/:id/archive', summary: 'Archive the league (commissioner)', params: leagueParams,
      description: 'Read-only from then on: every transaction and edit is refused with 409 `LEAGUE_ARCHIVED`; reads go on.',
      replies: { 200: { description: 'Archived.', schema: archivedReply } }, errors: [403, 409],
    },
  ],
};

/** League administration (PROTOCOL "League administration"). */
export function leagueAdminRoutes(deps: { em: () => EntityManager; scheduling: Scheduling }): Router {
  const router = Router();
  const now = () => deps.scheduling.now();

  router.get('/leagues/:id/settings', async (req, res) => {
    res.json(await leagueSettings(deps.em(), idParam(req.params.id, 'League')));
  });

  router.patch('/leagues/:id', async (req, res) => {
    const edit = parse(leagueEdit, req.body);
    res.json(await editLeague(deps.em(), idParam(req.params.id, 'League'), userOf(req).userId, edit, now()));
  });

  router.patch('/leagues/:id/teams/:teamId', async (req, res) => {
    const edit = parse(teamEdit, req.body);
    res.json(await editTeam(deps.em(), idParam(req.params.id, 'League'), idParam(req.params.teamId, 'Team'), userOf(req).userId, edit, now()));
  });

  router.post('/leagues/:id/archive', async (req, res) => {
    res.json(await archiveLeague(deps.em(), idParam(req.params.id, 'League'), userOf(req).userId, now()));
  });

  return router;
}
