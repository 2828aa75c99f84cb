/**
 * Baseball load test: N concurrent AI-vs-AI games at full speed (or a pace), each watched by
 * spectators, against a running server; prints plays persisted per second, play → spectator
 * latency and the server's RSS/CPU.
 *
 *   npm run loadtest:baseball -- --url http://127.0.0.1:2567 --games 100 --spectators 2 [--pace-ms 0]
 *
 * Options (defaults): --url http://127.0.0.1:2567, --games 20, --spectators 2 (per game),
 * --pace-ms 0 (ms between plays; 0 = as fast as plays are stored), --rules SBA|PD (SBA),
 * --lead-s 0 (extra seconds before the games start), --duration-s 300 (stops waiting then),
 * --setup-concurrency 16.
 *
 * What it does: registers a commissioner and the spectators (fresh names per run), creates one
 * baseball league with the 8 sample clubs as teams (each club's players put on its team by a
 * commissioner roster move), then `--games` games between those teams (both sides AI, balanced)
 * scheduled to start once every spectator has joined (scheduledAt; with a pace, the starts are
 * spread evenly over one pace interval so the games do not all play on the same tick), joins the spectators
 * (spectate: true) and waits until every game is final.
 *
 * Latency: each play's synced `lastPlay.at` is when the server decided it (before it was
 * committed); a spectator seeing that play number is a sample (one clock: same machine). So it is
 * commit + fan-out time, the "commit before broadcast" cost. A spectator that misses an
 * intermediate play (two plays in one patch) samples only the one it saw.
 *
 * Plays persisted: counted from the REST play-by-play of each game once final; plays/s = all
 * plays / (last game final − first start). Headless; loopback servers only. Needs a server with the
 * sample baseball players (any server seeds them on first start).
 */
import { parseArgs } from 'node:util';
import type { Room } from '@colyseus/sdk';
import { cli } from './lib/cli.ts';
import { Api, newRunId, pool, type User } from './lib/rest.ts';
import { MetricsSampler, serverLine } from './lib/metrics.ts';
import { joinWithRetry, leaveRoom, sdkClient } from './lib/clients.ts';
import { latencySummary, round1, sleep, Tally } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:2567' },
    games: { type: 'string', default: '20' },
    spectators: { type: 'string', default: '2' },
    'pace-ms': { type: 'string', default: '0' },
    rules: { type: 'string', default: 'SBA' },
    'lead-s': { type: 'string', default: '0' },
    'duration-s': { type: 'string', default: '300' },
    'setup-concurrency': { type: 'string', default: '16' },
  },
  strict: true,
});

const { fail, int, loopbackUrl } = cli('loadtest:baseball');
const baseUrl = loopbackUrl(args.url);
const GAMES = int(args.games, 'games', 1, 5000);
const SPECTATORS = int(args.spectators, 'spectators', 0, 50);
const PACE_MS = int(args['pace-ms'], 'pace-ms', 0, 60_000);
const LEAD_S = int(args['lead-s'], 'lead-s', 0, 600);
const DURATION_S = int(args['duration-s'], 'duration-s', 1, 3600);
const SETUP_CONCURRENCY = int(args['setup-concurrency'], 'setup-concurrency', 1, 256);
const RULES = String(args.rules).toUpperCase();
if (RULES !== 'SBA' && RULES !== 'PD') fail('--rules must be SBA or PD');

const api = new Api(baseUrl);
const errors = new Tally();
const latencies: number[] = [];

interface Game { index: number; id: string; rooms: Room[]; final: boolean; plays: number }

/** One league, the sample clubs as its teams: club i's players on team i. */
async function baseballLeague(commish: User, runId: string): Promise<{ leagueId: string; teamIds: string[] }> {
  const league = await api.rest('POST', '/api/v1/leagues', commish.token, { name: `${runId} baseball`, sport: 'baseball', baseballRules: RULES });
  const players: Array<{ id: string; team: string }> = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: Array<{ id: string; team: string }>; nextCursor: string | null } =
      await api.rest('GET', `/api/v1/players?sport=baseball&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, commish.token);
    players.push(...page.items);
    cursor = page.nextCursor;
  }
  const clubs = [...new Set(players.map((p) => p.team))].sort();
  if (clubs.length < 2) fail('the server has no sample baseball clubs (seed it: npm run seed)');
  const teamIds: string[] = [];
  for (const club of clubs) {
    const team = await api.rest('POST', `/api/v1/leagues/${league.id}/teams`, commish.token, { name: `Club ${club}` });
    const playerIds = players.filter((p) => p.team === club).map((p) => p.id);
    await api.rest('POST', `/api/v1/leagues/${league.id}/teams/${team.id}/players`, commish.token, { playerIds });
    teamIds.push(team.id);
  }
  return { leagueId: league.id, teamIds };
}

/** Samples play → spectator latency and notices the end of the game. */
function watch(game: Game, room: Room): void {
  let seen = 0;
  room.onStateChange((state: any) => {
    const play = state.lastPlay;
    if (play && play.number > seen) {
      seen = play.number;
      latencies.push(Date.now() - play.at);
    }
    if (state.status === 'final') game.final = true;
  });
  room.onError((code, message) => errors.add(`ROOM:${code}:${message ?? ''}`.slice(0, 60)));
}

async function main(): Promise<void> {
  await api.checkHealth(fail);
  const runId = newRunId();
  const setupStarted = performance.now();
  const commish = await api.register(`${runId}c`);
  const spectators = await pool(Array.from({ length: SPECTATORS }, (_, i) => i), SETUP_CONCURRENCY, (i) => api.register(`${runId}s${i}`));
  const { leagueId, teamIds } = await baseballLeague(commish, runId);

  // Everyone must be watching before the first pitch: the games start together after setup.
  const joinEstimateS = Math.ceil((GAMES * (SPECTATORS + 1)) / 150) + 3;
  const startAt = Date.now() + (GAMES * 15) + joinEstimateS * 1000 + LEAD_S * 1000;
  const games: Game[] = await pool(Array.from({ length: GAMES }, (_, i) => i), SETUP_CONCURRENCY, async (index) => {
    const home = teamIds[(2 * index) % teamIds.length];
    const away = teamIds[(2 * index + 1) % teamIds.length];
    const created = await api.rest('POST', `/api/v1/leagues/${leagueId}/games`, commish.token, {
      homeTeamId: home, awayTeamId: away, ai: { home: 'balanced', away: 'balanced' },
      // Spread over one pace interval: games that all play on the same tick would be a herd no real
      // league makes (at full speed there is no interval to spread over).
      pace: PACE_MS === 0 ? 'instant' : PACE_MS / 1000, scheduledAt: new Date(startAt + Math.floor((index * PACE_MS) / GAMES)).toISOString(),
    });
    return { index, id: created.id, rooms: [], final: false, plays: 0 };
  });
  const restDone = performance.now();

  const clients = spectators.map((user) => sdkClient(baseUrl, user));
  await pool(games, Math.max(1, Math.floor(SETUP_CONCURRENCY / 2)), async (game) => {
    for (const client of clients) {
      try {
        const room = await joinWithRetry(client, 'baseball', { gameId: game.id, spectate: true }, (code) => errors.add(code));
        room.reconnection.enabled = false;
        game.rooms.push(room);
        watch(game, room);
      } catch {
        errors.add('JOIN_FAILED');
      }
    }
  });
  const joinDone = performance.now();
  console.log(`setup: league + ${GAMES} games over REST in ${((restDone - setupStarted) / 1000).toFixed(1)} s; ` +
    `${GAMES * SPECTATORS} spectators joined in ${((joinDone - restDone) / 1000).toFixed(1)} s`);
  if (Date.now() > startAt) console.log(`warning: setup overran the start by ${Date.now() - startAt} ms; early plays were not watched (use --lead-s)`);

  const sampler = new MetricsSampler(baseUrl, 'baseball');
  await sampler.start();
  await sleep(Math.max(0, startAt - Date.now()));
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;
  // Without spectators the REST status is the only way to see the end.
  while (performance.now() < deadline && !games.every((g) => g.final)) {
    await sleep(SPECTATORS > 0 ? 100 : 1000);
    if (SPECTATORS === 0) await refreshStatus(games, commish);
  }
  const ended = performance.now();
  sampler.stop();
  await sampler.finish();

  await pool(games, SETUP_CONCURRENCY, async (game) => {
    const view = await api.rest('GET', `/api/v1/games/${game.id}`, commish.token);
    game.plays = view.plays.length;
    game.final = view.status === 'final';
  });
  await Promise.race([Promise.all(games.flatMap((g) => g.rooms.map((r) => leaveRoom(r)))), sleep(10_000)]);

  const elapsedS = (ended - started) / 1000;
  const plays = games.reduce((sum, g) => sum + g.plays, 0);
  const latency = latencySummary(latencies);
  const server = sampler.figures(elapsedS);
  const summary = {
    games: GAMES, final: games.filter((g) => g.final).length, spectators: GAMES * SPECTATORS, paceMs: PACE_MS, rules: RULES,
    elapsedS: round1(elapsedS), playsPersisted: plays, playsPerSecond: round1(plays / elapsedS),
    playToSpectatorMs: latency, errors: errors.toJSON(), server,
  };
  console.log(`games:          ${summary.final} of ${GAMES} final, ${RULES}, pace ${PACE_MS} ms, ${summary.spectators} spectators`);
  console.log(`plays:          ${plays} persisted in ${summary.elapsedS} s = ${summary.playsPerSecond} plays/s`);
  console.log(`play → watcher: p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, max ${latency.max} ms (${latency.samples} samples)`);
  console.log(`errors:         ${errors.line()}`);
  console.log(serverLine(server));
  console.log(JSON.stringify(summary));
}

async function refreshStatus(games: Game[], commish: User): Promise<void> {
  await pool(games.filter((g) => !g.final), SETUP_CONCURRENCY, async (game) => {
    const view = await api.rest('GET', `/api/v1/games/${game.id}`, commish.token);
    game.final = view.status === 'final';
  });
}

main().then(() => process.exit(0), (error: Error) => {
  console.error(`loadtest:baseball failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
