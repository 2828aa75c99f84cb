/** Fantasy F1 race weekends in tests: races on the global calendar, a racing league, its drafts. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { api } from './http.ts';
import { registerAdmin, waitFor } from './jobs.ts';
import { leagueWithManagers } from './league-rooms.ts';
import type { TestServer } from './server.ts';
import { Draft, Player } from '../../src/db/entities/index.ts';
import { statEventInput, type StatEventInput } from '../../src/scoring/ingest.ts';

export const MINUTE_MS = 60_000;

/** The calendar is not a league's, so truncateAll keeps it: each F1 test starts from an empty one. */
export async function clearCalendar(server: TestServer): Promise<void> {
  await server.app.storage.orm.em.fork().getConnection().execute('delete from f1_races');
}

/** An admin's client, for adding and moving races. */
export async function adminClient(server: TestServer) {
  return api(server.baseUrl, await registerAdmin(server));
}

let raceCounter = 0;
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** Adds a race through the API; `locksAt` as epoch ms, the start 23 h later. */
export async function addRace(admin: ReturnType<typeof api>, season: number, round: number, locksAt: number) {
  const word = `${WORDS[raceCounter++ % WORDS.length]}${raceCounter}`;
  const reply = await admin.post('/api/v1/f1/races', {
    season, round, name: `${word} Grand Prix`, circuit: `${word} Ring`, country: 'Testland',
    startsAt: new Date(locksAt + 23 * 60 * MINUTE_MS).toISOString(), locksAt: new Date(locksAt).toISOString(),
  });
  if (reply.status !== 201) throw new Error(`race add failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { id: string; round: number; period: string; locksAt: string };
}

/** An F1 league of `teams` teams (the first `owned` with a manager) playing `season`'s race weekends. */
export async function racingLeague(server: TestServer, options: { season: number; teams?: number; owned?: number; settings?: Record<string, unknown> }) {
  const league = await leagueWithManagers(server, { sport: 'f1', teams: options.teams ?? 4, owned: options.owned ?? 0 });
  const reply = await league.commish.client.raw('PUT', `/api/v1/leagues/${league.leagueId}/f1/settings`, { season: options.season, ...options.settings });
  if (reply.status !== 200) throw new Error(`settings failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { ...league, settings: reply.body };
}

/** The league's draft of a race once it reaches `status`. */
export function raceDraftWhen(em: () => EntityManager, leagueId: string, raceId: string, status: string, timeoutMs = 10_000) {
  return waitFor(async () => {
    const draft = await em().findOne(Draft, { league: leagueId, race: raceId }, { disableIdentityMap: true });
    return draft?.status === status ? draft : undefined;
  }, timeoutMs, `race draft ${status}`);
}

/** A race result line of a driver (by his sample externalId `f1:drv-07`). */
export function resultLine(period: string, externalId: string, stats: Record<string, unknown>, key?: string): StatEventInput {
  return statEventInput.parse({
    key: key ?? `test:${period}:${externalId}`, sport: 'f1', playerExternalId: externalId, period, occurredAt: '2026-06-07T13:00:00Z', stats,
  });
}

/** Sample externalIds of players by id. */
export async function externalIds(em: EntityManager): Promise<Map<string, string>> {
  return new Map((await em.find(Player, { sport: 'f1' })).map((p) => [p.id, p.externalId]));
}
