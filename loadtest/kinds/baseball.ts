/**
 * Baseball load: AI-vs-AI games at full speed (or a pace), each watched by spectators.
 *
 * Setup: a commissioner and the spectators (fresh names per run), one baseball league with the 8
 * sample clubs as teams (each club's players put on its team by a commissioner roster move), then
 * the games between those teams (both sides AI, balanced), scheduled to start once every spectator
 * has joined (with a pace, the starts are spread over one pace interval so the games do not all
 * play on the same tick). The games start by their schedule, not by the harness's go: a
 * generator's phase begins when its games do.
 *
 * Latency: each play's synced `lastPlay.at` is when the server decided it (before it was
 * committed); a spectator seeing that play number is a sample (one clock: same machine). So it is
 * commit + fan-out time. Plays persisted: counted from the REST play-by-play once final.
 */
import type { Room } from '@colyseus/sdk';
import { Api, newRunId, pool, type User } from '../lib/rest.ts';
import { joinWithRetry, leaveRoom, sdkClient } from '../lib/clients.ts';
import { Recorder } from '../lib/part.ts';
import { sleep } from '../lib/stats.ts';
import type { Kind, KindOptions, KindRun } from './kind.ts';

export interface BaseballOptions extends KindOptions {
  spectators: number;
  /** ms between plays; 0 = as fast as plays are stored. */
  paceMs: number;
  rules: 'SBA' | 'PD';
  /** Extra seconds before the games start. */
  leadS: number;
}

interface Game { id: string; rooms: Room[]; final: boolean; plays: number }

/** One league, the sample clubs as its teams: club i's players on team i. */
async function baseballLeague(api: Api, commish: User, runId: string, rules: string): Promise<{ leagueId: string; teamIds: string[] }> {
  // Public: the spectators are not members, and only a public league's rooms admit strangers.
  const league = await api.rest('POST', '/api/v1/leagues', commish.token, { name: `${runId} baseball`, sport: 'baseball', baseballRules: rules, visibility: 'public' });
  const players: Array<{ id: string; team: string }> = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: Array<{ id: string; team: string }>; nextCursor: string | null } =
      await api.rest('GET', `/api/v1/players?sport=baseball&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, commish.token);
    players.push(...page.items);
    cursor = page.nextCursor;
  }
  const clubs = [...new Set(players.map((p) => p.team))].sort();
  if (clubs.length < 2) throw new Error('the server has no sample baseball clubs (seed it: npm run seed)');
  const teamIds: string[] = [];
  for (const club of clubs) {
    const team = await api.rest('POST', `/api/v1/leagues/${league.id}/teams`, commish.token, { name: `Club ${club}` });
    await api.rest('POST', `/api/v1/leagues/${league.id}/teams/${team.id}/players`, commish.token, { playerIds: players.filter((p) => p.team === club).map((p) => p.id) });
    teamIds.push(team.id);
  }
  return { leagueId: league.id, teamIds };
}

function run(baseUrl: string, rooms: number, o: BaseballOptions): KindRun {
  const api = new Api(baseUrl);
  const recorder = new Recorder();
  let games: Game[] = [];
  let commish: User;
  let startAt = 0;
  let lastPoll = 0;

  /** Samples play → spectator latency and notices the end of the game. */
  function watch(game: Game, room: Room): void {
    let seen = 0;
    room.onStateChange((state: any) => {
      const play = state.lastPlay;
      if (play && play.number > seen) {
        seen = play.number;
        recorder.latency.push(Date.now() - play.at);
      }
      if (state.status === 'final') game.final = true;
    });
    room.onError((code, message) => recorder.countError(`ROOM:${code}:${message ?? ''}`.slice(0, 60)));
  }

  /** The REST view of each game: final or not, and its plays. */
  const refresh = (which: Game[]) => pool(which, o.setupConcurrency, async (game) => {
    const view = await api.rest('GET', `/api/v1/games/${game.id}`, commish.token);
    game.plays = view.plays.length;
    game.final = view.status === 'final';
  });

  return {
    recorder,
    async setup() {
      const runId = newRunId();
      commish = await api.register(`${runId}c`);
      const spectators = await pool(Array.from({ length: o.spectators }, (_, i) => i), o.setupConcurrency, (i) => api.register(`${runId}s${i}`));
      const { leagueId, teamIds } = await baseballLeague(api, commish, runId, o.rules);
      // Everyone must be watching before the first pitch: the games start together after setup.
      const joinEstimateS = Math.ceil((rooms * (o.spectators + 1)) / 150) + 3;
      startAt = Date.now() + rooms * 15 + (joinEstimateS + o.leadS) * 1000;
      games = await pool(Array.from({ length: rooms }, (_, i) => i), o.setupConcurrency, async (index) => {
        const created = await api.rest('POST', `/api/v1/leagues/${leagueId}/games`, commish.token, {
          homeTeamId: teamIds[(2 * index) % teamIds.length], awayTeamId: teamIds[(2 * index + 1) % teamIds.length],
          ai: { home: 'balanced', away: 'balanced' },
          // Spread over one pace interval: games that all play on the same tick would be a herd no real
          // league makes (at full speed there is no interval to spread over).
          pace: o.paceMs === 0 ? 'instant' : o.paceMs / 1000, scheduledAt: new Date(startAt + Math.floor((index * o.paceMs) / rooms)).toISOString(),
        });
        return { id: created.id, rooms: [], final: false, plays: 0 };
      });
      const clients = spectators.map((user) => sdkClient(baseUrl, user));
      await pool(games, Math.max(1, Math.floor(o.setupConcurrency / 2)), async (game) => {
        for (const client of clients) {
          try {
            const room = await joinWithRetry(client, 'baseball', { gameId: game.id, spectate: true }, recorder.countError);
            room.reconnection.enabled = false;
            game.rooms.push(room);
            watch(game, room);
          } catch {
            recorder.countError('JOIN_FAILED');
          }
        }
      });
      if (Date.now() > startAt) recorder.countError('SETUP_OVERRAN_START');
      return { rooms: games.length, clients: games.length * o.spectators };
    },
    async start() {
      await sleep(Math.max(0, startAt - Date.now()));
      return Date.now();
    },
    async done() {
      // Without spectators the REST status is the only way to see the end (at most once a second).
      if (o.spectators === 0 && Date.now() - lastPoll >= 1000) {
        lastPoll = Date.now();
        await refresh(games.filter((g) => !g.final));
      }
      return games.every((g) => g.final);
    },
    async finish() {
      await refresh(games);
      await Promise.race([Promise.all(games.flatMap((g) => g.rooms.map((r) => leaveRoom(r)))), sleep(10_000)]);
      return { roomsComplete: games.filter((g) => g.final).length, actions: games.reduce((n, g) => n + g.plays, 0), roomIds: games.map((g) => g.id) };
    },
  };
}

export const baseballKind: Kind<BaseballOptions> = {
  room: 'baseball',
  action: 'plays',
  durationS: 300,
  options: {
    spectators: { type: 'string', default: '2' },
    'pace-ms': { type: 'string', default: '0' },
    rules: { type: 'string', default: 'SBA' },
    'lead-s': { type: 'string', default: '0' },
  },
  parse(values, { int, fail }, common) {
    const rules = String(values.rules).toUpperCase();
    if (rules !== 'SBA' && rules !== 'PD') return fail('--rules must be SBA or PD');
    return {
      ...common,
      spectators: int(values.spectators, 'spectators', 0, 50),
      paceMs: int(values['pace-ms'], 'pace-ms', 0, 60_000),
      rules,
      leadS: int(values['lead-s'], 'lead-s', 0, 600),
    };
  },
  run,
  report: (merged, o) => ({
    lines: [`games:         ${merged.roomsComplete} of ${merged.rooms} final, ${o.rules}, pace ${o.paceMs} ms, ${merged.clients} spectators (latency: play decided → spectator)`],
    json: { spectators: o.spectators, paceMs: o.paceMs, rules: o.rules },
  }),
};
