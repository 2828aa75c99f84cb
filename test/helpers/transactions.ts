import type { EntityManager } from '@mikro-orm/postgresql';
import { League, LeagueTransaction, ON_ROSTER, RosterEntry, Team } from '../../src/db/entities/index.ts';
import { replayRosters } from '../../src/transactions/log.ts';
import * as rules from '../../src/draft/index.ts';
import type { DraftPick } from '../../src/draft/types.ts';
import { loadDraftForRoom } from '../../src/draft/service.ts';
import { projectionsFor } from '../../src/draft/projections.ts';
import { createDraft, leagueWithManagers, type Signed } from './league-rooms.ts';
import type { TestServer } from './server.ts';

/** A football league of managed teams with the transaction settings given (merged over the defaults). */
export async function transactionLeague(server: TestServer, options: { teams?: number; settings?: Record<string, unknown> } = {}) {
  const league = await leagueWithManagers(server, { sport: 'football', teams: options.teams ?? 2 });
  if (options.settings) await emOf(server).nativeUpdate(League, { id: league.leagueId }, { transactionSettings: options.settings });
  const byPosition = (position: string) => league.players.filter((p) => p.positions[0] === position).map((p) => p.id);
  const base = `/api/v1/leagues/${league.leagueId}`;
  const team = (teamId: string) => `${base}/teams/${teamId}`;
  return { ...league, byPosition, base, team };
}

export function emOf(server: TestServer): EntityManager {
  return server.app.storage.orm.em.fork() as EntityManager;
}

/** Team → current players, from the projection (roster_entries without releasedAt). */
export async function projectedRosters(em: EntityManager, leagueId: string): Promise<Map<string, Set<string>>> {
  const teams = await em.find(Team, { league: leagueId });
  const entries = await em.find(RosterEntry, { team: { $in: teams.map((t) => t.id) }, ...ON_ROSTER });
  const rosters = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (!rosters.has(entry.team)) rosters.set(entry.team, new Set());
    rosters.get(entry.team)!.add(entry.player);
  }
  return rosters;
}

/** Team → players, as the league's log replays. */
export async function replayedRosters(em: EntityManager, leagueId: string): Promise<Map<string, Set<string>>> {
  return replayRosters(await em.find(LeagueTransaction, { league: leagueId }, { orderBy: { id: 'asc' } }));
}

export const sorted = (rosters: Map<string, Set<string>>) => Object.fromEntries([...rosters].map(([team, players]) => [team, [...players].sort()]).sort());

/**
 * Creates a snake draft of the league and plays it to completion by the rules (every pick an
 * autopick), committing each step with the room's projections as the draft room would.
 */
export async function playDraftToCompletion(server: TestServer, commish: Signed, leagueId: string, rounds = 2): Promise<DraftPick[]> {
  const draft = await createDraft(commish, leagueId, { type: 'snake', rounds, pickSeconds: 0 });
  const loaded = (await loadDraftForRoom(server.app.storage.orm, draft.id))!;
  let state = rules.initialState(loaded.config);
  let seq = 0;
  const ctx = { now: Date.now(), pool: loaded.pool };
  const play = async (outcome: rules.Outcome) => {
    if (rules.isRuleError(outcome)) throw new Error(outcome.message);
    const after = rules.replay(state, outcome.events);
    await server.app.store.commit({
      stream: draft.id, events: outcome.events.map((e) => ({ seq: ++seq, type: e.type, payload: { ...e }, actor: null })),
      projections: projectionsFor(draft.id, outcome.events, state, after, new Date()),
    });
    state = after;
  };
  await play(rules.start(state, ctx));
  while (state.status === 'live') await play(rules.autopickIfDue({ ...state, autopick: loaded.config.order }, ctx));
  return state.picks;
}
