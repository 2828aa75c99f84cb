import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { seed } from '../../src/db/seed.ts';
import { Player } from '../../src/db/entities/index.ts';
import { statEventInput, type StatEventInput } from '../../src/scoring/ingest.ts';
import type { TestServer } from './server.ts';
import { signUp } from './http.ts';

export const SAMPLES_DIR = join(import.meta.dirname, '../../src/ingest/samples');

/** The lines of a shipped sample feed, each parsed as the ingestion does. */
export function readSample(file: string): StatEventInput[] {
  return readFileSync(join(SAMPLES_DIR, file), 'utf8').split('\n').filter((l) => l.trim())
    .map((l) => statEventInput.parse(JSON.parse(l)));
}

/** A fresh EntityManager on the test server's database. */
export const emOf = (server: TestServer): EntityManager => server.app.storage.orm.em.fork() as EntityManager;

/** A league of the sample pool's sport with `teams` open teams, run by a fresh commissioner. */
export async function scoringLeague(server: TestServer, sport: 'football' | 'f1' | 'baseball' = 'football', teams = 2) {
  await seed(server.app.storage.orm, { withLeagues: false });
  const commish = await signUp(server.baseUrl, 'commish');
  const league = await commish.client.post('/api/v1/leagues', { name: `${sport} scoring league`, sport });
  if (league.status !== 201) throw new Error(`league create failed: ${league.status}`);
  const teamIds: string[] = [];
  for (let i = 1; i <= teams; i++) {
    teamIds.push((await commish.client.post(`/api/v1/leagues/${league.body.id}/teams`, { name: `Team ${i}` })).body.id);
  }
  const leagueId = league.body.id as string;
  /** Puts players (by externalId) on a team through the commissioner's roster move. */
  const roster = async (teamId: string, externalIds: string[]) => {
    const ids = await playerIds(server, externalIds);
    const reply = await commish.client.post(`/api/v1/leagues/${leagueId}/teams/${teamId}/players`, { playerIds: ids });
    if (reply.status !== 201) throw new Error(`roster failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  return { commish, leagueId, teamIds, roster, rules: `/api/v1/leagues/${leagueId}/scoring-rules` };
}

export async function playerIds(server: TestServer, externalIds: string[]): Promise<string[]> {
  const players = await emOf(server).find(Player, { externalId: { $in: externalIds } });
  const byExternal = new Map(players.map((p) => [p.externalId, p.id]));
  return externalIds.map((ext) => {
    const id = byExternal.get(ext);
    if (!id) throw new Error(`no sample player ${ext}`);
    return id;
  });
}

/** A football feed line; `key` defaults to one per player and period. */
export function footballLine(playerExternalId: string, stats: Record<string, number>, options: { period?: string; key?: string; occurredAt?: string } = {}): StatEventInput {
  const period = options.period ?? '2026-W01';
  return statEventInput.parse({
    key: options.key ?? `test:${period}:${playerExternalId}`, sport: 'football', playerExternalId, period,
    occurredAt: options.occurredAt ?? '2026-09-13T17:00:00Z', stats,
  });
}
