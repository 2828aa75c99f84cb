import type { Room } from '@colyseus/sdk';
import { api } from '../helpers/http.ts';
import { joinAs, leagueWithManagers } from '../helpers/league-rooms.ts';
import { registerAdmin, waitFor } from '../helpers/jobs.ts';
import { footballLine, playerIds } from '../helpers/scoring.ts';
import { watchState } from '../../src/client/watch-state.ts';
import type { TestServer } from '../helpers/server.ts';

/** A football league of two managed teams, a quarterback on the first and a running back on the second. */
export async function liveLeague(server: TestServer) {
  const league = await leagueWithManagers(server, { teams: 2 });
  const [qb, rb] = await playerIds(server, ['football:qb-01', 'football:rb-01']);
  for (const [teamId, playerId] of [[league.teamIds[0], qb], [league.teamIds[1], rb]]) {
    const reply = await league.commish.client.post(`/api/v1/leagues/${league.leagueId}/teams/${teamId}/players`, { playerIds: [playerId] });
    if (reply.status !== 201) throw new Error(`roster failed: ${reply.status}`);
  }
  const admin = api(server.baseUrl, await registerAdmin(server));
  return { ...league, qb, rb, admin };
}

/** Joins a league's room as the user behind `token`. */
export function joinLeague(baseUrl: string, token: string, leagueId: string, extra: Record<string, unknown> = {}): Promise<Room> {
  return joinAs(baseUrl, token, 'league', { leagueId, ...extra });
}

/** Sends stat lines through POST /api/v1/ingest; resolves with the ingest job's id. */
export async function ingest(admin: ReturnType<typeof api>, lines: ReturnType<typeof footballLine>[]): Promise<string> {
  const reply = await admin.post('/api/v1/ingest', { events: lines });
  if (reply.status !== 202) throw new Error(`ingest failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.jobId;
}

/** The ingest job and the score job it added, once both completed. */
export async function finishedJobs(admin: ReturnType<typeof api>, ingestJobId: string) {
  const completed = (id: string) => waitFor(async () => {
    const job = (await admin.get(`/api/v1/ingest/jobs/${id}`)).body;
    if (job?.state === 'failed') throw new Error(`job ${id} failed: ${job.failedReason}`);
    return job?.state === 'completed' ? job : undefined;
  }, 15_000, `job ${id}`);
  const ingestJob = await completed(ingestJobId);
  const scoreJob = await completed(ingestJob.result.scoreJobId);
  return { ingestJob, scoreJob };
}

/** Resolves with Date.now() at the first state change (or now) where `test` holds. */
export function seenAt(room: Room, test: (state: any) => boolean, timeoutMs = 10_000): Promise<number> {
  const ready = () => { try { return Boolean(room.state) && test(room.state); } catch { return false; } };
  return new Promise((resolve, reject) => {
    if (ready()) return resolve(Date.now());
    const timer = setTimeout(() => { stop(); reject(new Error('the state never got there')); }, timeoutMs);
    const stop = watchState(room, () => {
      if (!ready()) return;
      const at = Date.now();
      clearTimeout(timer);
      stop();
      resolve(at);
    });
  });
}

export const teamOf = (state: any, teamId: string) => state.teams.find((t: any) => t.id === teamId);
