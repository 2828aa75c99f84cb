import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validate, compileErrors } from '@readme/openapi-parser';
import type { z } from 'zod';
import { useTestServer } from '../helpers/server.ts';
import { api, signUp } from '../helpers/http.ts';
import { registerAdmin, waitFor } from '../helpers/jobs.ts';
import { baseballLeague, playOutGame, storedGame } from '../helpers/baseball.ts';
import { leagueWithManagers } from '../helpers/league-rooms.ts';
import { seed } from '../../src/db/seed.ts';
import { parseFeed } from '../../src/ingest/feed.ts';
import * as replies from '../../src/http/openapi/replies.ts';
import * as gameReplies from '../../src/http/openapi/replies-games.ts';
import * as seasonReplies from '../../src/http/openapi/replies-season.ts';
import { seasonBody, seasonLeague } from '../helpers/season.ts';
import * as txReplies from '../../src/http/openapi/replies-transactions.ts';
import { processWaiverRun } from '../../src/transactions/waiver-service.ts';
import { RosterEntry } from '../../src/db/entities/index.ts';

/** An Express layer as router 2 (Express 5) keeps it: a route, or a router mounted at rawPath. */
interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route of a router stack as `METHOD /path/{param}`, mount points included. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/\/+$/, '').replace(/:(\w+)/g, '{$1}') || '/';
      return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${path}`);
    }
    if (layer.handle?.stack) return routesOf(layer.handle.stack, `${prefix}${layer.rawPath === '/' ? '' : layer.rawPath ?? ''}`);
    return [];
  });
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document walked by key
type Doc = any;

/** A reply fits its documented schema: every documented field there, and (zod strips unknown keys) nothing undocumented. */
function conforms(schema: z.ZodType, reply: { status: number; body: unknown }, status = 200): void {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  const parsed = schema.safeParse(reply.body);
  const at = (path: PropertyKey[]) => path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown>)?.[key], reply.body);
  assert.ok(parsed.success, parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message} (${JSON.stringify(at(i.path))})`).join('\n'));
  assert.deepEqual(parsed.data, reply.body, 'a field the schema does not document');
}

describe('OpenAPI document and docs page', () => {
  const server = useTestServer({ truncate: 'once' });
  let doc: Doc;
  before(async () => {
    const reply = await api(server.baseUrl).get('/api/v1/openapi.json');
    assert.equal(reply.status, 200, 'served without a token');
    doc = reply.body;
  });

  it('serves a valid OpenAPI 3.1 document at /api/v1/openapi.json, without a token', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await validate(structuredClone(doc));
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
    assert.deepEqual(result.warnings, []);
  });

  it('describes every route Express has (under /api/v1, plus /health and /metrics), and no other', async () => {
    const app = await server.app.server.transport.getExpressApp!();
    // The web client's pages (GET /.*, src/http/web.ts) are not API routes.
    const api = (route: string) => /^\w+ \/(api\/v1\/|health$|metrics$)/.test(route);
    const registered = routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack).filter(api).sort();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    assert.ok(registered.length > 30, `the walk found the routes (${registered.length})`);
    assert.deepEqual(documented, registered);
    for (const route of ['POST /api/v1/leagues', 'GET /api/v1/games/{id}/dice', 'DELETE /api/v1/leagues/{id}/teams/{teamId}/players/{playerId}', 'POST /api/v1/ingest']) {
      assert.ok(registered.includes(route), `${route} is registered`);
    }
  });

  it('describes every route docs/PROTOCOL.md and the README name', () => {
    const named = new Set([readFileSync('docs/PROTOCOL.md', 'utf8'), readFileSync('README.md', 'utf8')]
      .flatMap((text) => [...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/[^\s`?,]*)/g)])
      .map(([, method, path]) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`));
    assert.ok(named.size >= 30, `found the routes (${named.size})`);
    for (const route of named) {
      const [method, path] = route.split(' ');
      assert.ok(doc.paths[path]?.[method.toLowerCase()], `${route} is in the document`);
    }
  });

  it('names the schemes each route takes: bearer everywhere but the public ones, API keys on reads, none on public reads', () => {
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['apiKey', 'apiKeyBearer', 'bearer']);
    assert.deepEqual({ ...doc.components.securitySchemes.bearer, description: undefined }, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: undefined });
    assert.deepEqual({ ...doc.components.securitySchemes.apiKey, description: undefined }, { type: 'apiKey', in: 'header', name: 'X-API-Key', description: undefined });
    assert.deepEqual(doc.security, [{ bearer: [] }]);
    const publicRoutes = ['/health', '/metrics', '/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout', '/api/v1/openapi.json', '/api/v1/docs', '/api/v1/docs/{asset}'];
    const schemes = (op: Doc) => (op.security as Array<Record<string, unknown>>).map((s) => Object.keys(s)[0] ?? 'none');
    assert.deepEqual(schemes(doc.paths['/api/v1/leagues/{id}'].get), ['bearer', 'apiKey', 'apiKeyBearer', 'none']);
    assert.deepEqual(schemes(doc.paths['/api/v1/players'].get), ['bearer', 'apiKey', 'apiKeyBearer', 'none']);
    assert.deepEqual(schemes(doc.paths['/api/v1/leagues'].get), ['bearer', 'apiKey', 'apiKeyBearer']);
    assert.deepEqual(schemes(doc.paths['/api/v1/leagues'].post), ['bearer']);
    assert.deepEqual(schemes(doc.paths['/api/v1/me/api-keys'].get), ['bearer']);
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Doc>>)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        assert.equal(op.security.length === 0, publicRoutes.includes(path), `${method} ${path}: security`);
        if (!publicRoutes.includes(path)) assert.deepEqual(op.responses['401'], { $ref: '#/components/responses/Unauthenticated' }, `${method} ${path}`);
        for (const [status, response] of Object.entries(op.responses as Record<string, Doc>)) {
          if (status !== 'default' && Number(status) < 400) continue;
          if (path === '/health' && status === '503') continue; // degraded health is a health report
          const name = (response.$ref as string).split('/').pop()!;
          assert.deepEqual(doc.components.responses[name].content['application/json'].schema, { $ref: '#/components/schemas/Error' }, `${method} ${path} ${status}`);
        }
      }
    }
    const error = doc.components.schemas.Error;
    assert.deepEqual(error.required, ['error']);
    assert.deepEqual(error.properties.error.required, ['code', 'message']);
  });

  it('documents the inputs the routes parse: POST /leagues requires name, as the route does', async () => {
    const body = doc.paths['/api/v1/leagues'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(body.required, ['name', 'sport']);
    assert.deepEqual(body.properties.sport.enum, ['football', 'f1', 'baseball']);
    const { client } = await signUp(server.baseUrl, 'oapi');
    const rejected = await client.post('/api/v1/leagues', { sport: 'football' });
    assert.equal(rejected.status, 400);
    assert.deepEqual(rejected.body.error.details.fields.map((f: { path: string }) => f.path), ['name']);
    assert.equal((await client.post('/api/v1/leagues', { name: 'Named', sport: 'football' })).status, 201);

    // The input side of transforms and coercions: a uuid string, a number with its default.
    const game = doc.paths['/api/v1/leagues/{id}/games'].post.requestBody.content['application/json'].schema;
    assert.equal(game.properties.homeTeamId.format, 'uuid');
    assert.deepEqual(game.properties.pace.anyOf.map((s: Doc) => s.const ?? s.type), ['instant', 'number']);
    const query = doc.paths['/api/v1/leagues/{id}/games'].get.parameters as Doc[];
    assert.deepEqual(query.find((p) => p.name === 'limit').schema, { default: 25, type: 'integer', minimum: 1, maximum: 100 });
    assert.deepEqual(query.find((p) => p.name === 'id'), {
      in: 'path', name: 'id', required: true, description: 'League id', schema: query.find((p) => p.name === 'id').schema,
    });
    const drafts = doc.paths['/api/v1/leagues/{id}/drafts'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(drafts.oneOf.map((s: Doc) => s.properties.type.enum ?? [s.properties.type.const]), [['snake', 'linear', '3rr'], ['auction']]);
  });

  it('serves the docs page at /api/v1/docs, whose files all load from this server', async () => {
    const page = await api(server.baseUrl).get('/api/v1/docs');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = page.body as string;
    // The start-up script is a file of its own (the CSP allows scripts from this server only).
    const init = await (await fetch(`${server.baseUrl}/api/v1/docs/init.js`)).text();
    assert.match(init, /SwaggerUIBundle\(/);
    assert.match(init, /"\/api\/v1\/openapi\.json"/);
    const files = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(files.length, 5);
    for (const file of files) {
      assert.match(file, /^\/api\/v1\/docs\//, 'served here, not from a CDN');
      const asset = await fetch(`${server.baseUrl}${file}`);
      assert.equal(asset.status, 200, file);
      assert.ok((await asset.arrayBuffer()).byteLength > 100, file);
    }
    const script = await fetch(`${server.baseUrl}/api/v1/docs/swagger-ui-bundle.js`);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    const other = await api(server.baseUrl).get('/api/v1/docs/index.html');
    assert.equal(other.status, 404, 'only the files the page needs');
    assert.equal(other.body.error.code, 'NOT_FOUND');
  });

  describe('replies fit the schemas the document gives them', function () {
    this.timeout(60_000);
    before(async () => { await seed(server.app.storage.orm, { withLeagues: false }); });

    it('auth, leagues, teams, players, rosters and drafts', async () => {
      const anyone = api(server.baseUrl);
      conforms(replies.session, await anyone.post('/api/v1/auth/register', { username: 'oapi-owner', password: 'correct horse battery' }), 201);
      const login = await anyone.post('/api/v1/auth/login', { username: 'oapi-owner', password: 'correct horse battery' });
      conforms(replies.session, login);
      const owner = api(server.baseUrl, login.body.token);
      const created = await owner.post('/api/v1/leagues', { name: 'Documented', sport: 'football' });
      conforms(replies.myLeague, created, 201);
      const leagueId = created.body.id as string;
      conforms(replies.team, await owner.post(`/api/v1/leagues/${leagueId}/teams`, { name: 'Ones' }), 201);
      const twos = await owner.post(`/api/v1/leagues/${leagueId}/teams`, { name: 'Twos' });
      const joiner = await signUp(server.baseUrl, 'oapijoin');
      conforms(replies.joined, await joiner.client.post(`/api/v1/leagues/${leagueId}/join`, { inviteCode: created.body.inviteCode }));
      conforms(replies.leagueDetail, await joiner.client.get(`/api/v1/leagues/${leagueId}`));
      conforms(replies.leagueDetail, await owner.get(`/api/v1/leagues/${leagueId}`));

      const players = await owner.get('/api/v1/players?sport=football&limit=3');
      conforms(replies.playerPage, players);
      conforms(replies.player, await owner.get(`/api/v1/players/${players.body.items[0].id}`));
      const roster = `/api/v1/leagues/${leagueId}/teams/${twos.body.id}/players`;
      conforms(replies.rosterAdded, await owner.post(roster, { playerIds: players.body.items.map((p: { id: string }) => p.id) }), 201);
      assert.equal((await owner.raw('DELETE', `${roster}/${players.body.items[2].id}`)).status, 204);
      const leagues = await owner.get('/api/v1/leagues');
      for (const item of leagues.body.items) conforms(replies.myLeague, { status: leagues.status, body: item });
      const teams = await owner.get(`/api/v1/leagues/${leagueId}/teams`);
      for (const item of teams.body.items) conforms(replies.teamWithOwner, { status: teams.status, body: item });

      const draft = await owner.post(`/api/v1/leagues/${leagueId}/drafts`, { type: 'snake', rounds: 2 });
      conforms(replies.draftView, draft, 201);
      const auction = await owner.post(`/api/v1/leagues/${leagueId}/drafts`, { type: 'auction' });
      conforms(replies.draftView, auction, 201);
      conforms(replies.draftView, await owner.get(`/api/v1/drafts/${auction.body.id}`));
      const list = await owner.get(`/api/v1/leagues/${leagueId}/drafts`);
      for (const item of list.body.items) conforms(replies.draftSummary, { status: list.status, body: item });
      conforms(replies.health, await anyone.get('/health'));
    });

    it('transactions, waivers, trades and league administration', async () => {
      const { commish, leagueId, managers: [a, b], players } = await leagueWithManagers(server, { teams: 2 });
      const base = `/api/v1/leagues/${leagueId}`;
      const [p1, p2, p3] = players.map((p) => p.id);
      conforms(txReplies.settingsReply, await a.client.get(`${base}/settings`));
      conforms(txReplies.moveResult, await a.client.post(`${base}/teams/${a.teamId}/adds`, { playerId: p1 }), 201);
      conforms(txReplies.moveResult, await a.client.post(`${base}/teams/${a.teamId}/adds`, { playerId: p2 }), 201);
      conforms(txReplies.moveResult, await a.client.post(`${base}/teams/${a.teamId}/drops`, { playerId: p2 }), 201);
      conforms(txReplies.waiverPlayers, await b.client.get(`${base}/waivers`));
      conforms(txReplies.waiverOrder, await b.client.get(`${base}/waivers/order`));
      conforms(txReplies.claim, await b.client.post(`${base}/teams/${b.teamId}/claims`, { playerId: p2 }), 201);
      conforms(txReplies.claimList, await b.client.get(`${base}/teams/${b.teamId}/claims`));
      await processWaiverRun(server.app.storage.orm.em.fork(), leagueId, new Date(Date.UTC(2099, 0, 1)), Date.now());
      conforms(txReplies.waiverRuns, await b.client.get(`${base}/waivers/runs`));
      conforms(txReplies.transactionPage, await b.client.get(`${base}/transactions?limit=2`));
      await b.client.post(`${base}/teams/${b.teamId}/adds`, { playerId: p3 });
      const offer = await a.client.post(`${base}/trades`, { teamId: b.teamId, gives: [p1], gets: [p3] });
      conforms(txReplies.trade, offer, 201);
      conforms(txReplies.trade, await b.client.post(`${base}/trades/${offer.body.id}/accept`, {}));
      conforms(txReplies.trade, await commish.client.post(`${base}/trades/${offer.body.id}/approve`, {}));
      conforms(txReplies.tradeList, await a.client.get(`${base}/trades`));
      conforms(txReplies.editedReply, await commish.client.raw('PATCH', base, { name: 'Documented admin', settings: { trades: { review: 'league' } } }));
      conforms(txReplies.teamReply, await commish.client.raw('PATCH', `${base}/teams/${a.teamId}`, { name: 'Renamed' }));
      conforms(txReplies.archivedReply, await commish.client.post(`${base}/archive`));
    });

    it('baseball games, standings, dice and season stats', async () => {
      const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server);
      const gameId = await storedGame(server.app, leagueId, commish.userId, { homeTeamId: home, awayTeamId: away });
      await playOutGame(server.app, gameId);
      conforms(gameReplies.gameView, await commish.client.get(`/api/v1/games/${gameId}`));
      const dice = await commish.client.get(`/api/v1/games/${gameId}/dice`);
      conforms(gameReplies.diceReport, dice);
      assert.equal(dice.body.verification.ok, true);
      conforms(gameReplies.gamePage, await commish.client.get(`/api/v1/leagues/${leagueId}/games`));
      conforms(gameReplies.standings, await commish.client.get(`/api/v1/leagues/${leagueId}/standings`));
      const batting = await commish.client.get(`/api/v1/leagues/${leagueId}/stats/batting?limit=2`);
      conforms(gameReplies.battingLeaders, batting);
      conforms(gameReplies.pitchingLeaders, await commish.client.get(`/api/v1/leagues/${leagueId}/stats/pitching?limit=2`));
      conforms(gameReplies.playerSeason, await commish.client.get(`/api/v1/players/${batting.body.items[0].playerId}/stats`));
      const created = await commish.client.post(`/api/v1/leagues/${leagueId}/games`, { homeTeamId: away, awayTeamId: home, decisionSeconds: 600 });
      conforms(gameReplies.gameView, created, 201);
    });

    it('a baseball schedule: one game failed to create, retried by hand', async () => {
      const { commish, leagueId, teamIds } = await baseballLeague(server);
      const em = () => server.app.storage.orm.em.fork();
      await em().nativeUpdate(RosterEntry, { team: teamIds[1], releasedAt: null }, { releasedAt: new Date() });
      const path = `/api/v1/leagues/${leagueId}/baseball/schedule`;
      conforms(gameReplies.baseballSchedule, await commish.client.post(path, { startsAt: new Date(Date.now() + 3600_000).toISOString(), gamesPerClub: 1, seriesLength: 1 }), 201);
      const notCreated = await waitFor(async () => {
        const reply = await commish.client.get(path);
        return reply.body.games[0].status === 'not created' ? reply : undefined;
      }, 15_000, 'the first try');
      conforms(gameReplies.baseballSchedule, notCreated);
      await em().nativeUpdate(RosterEntry, { team: teamIds[1] }, { releasedAt: null });
      conforms(gameReplies.scheduledGame, await commish.client.post(`${path}/games/${notCreated.body.games[0].id}/retry`, {}), 201);
      conforms(gameReplies.baseballSchedule, await commish.client.get(path));
    });

    it('scoring rules, ingest jobs, scores and fantasy standings', async () => {
      const admin = api(server.baseUrl, await registerAdmin(server));
      const { commish, leagueId, teamIds } = await leagueWithManagers(server, { sport: 'football', teams: 2 });
      conforms(gameReplies.scoringRules, await commish.client.get(`/api/v1/leagues/${leagueId}/scoring-rules`));
      conforms(gameReplies.scoringVersion, await commish.client.get(`/api/v1/leagues/${leagueId}/scoring-rules/1`));
      conforms(gameReplies.newScoringVersion, await commish.client.post(`/api/v1/leagues/${leagueId}/scoring-rules`, { preset: 'standard' }), 201);

      const [line] = parseFeed(readFileSync('src/ingest/samples/football-week1.jsonl', 'utf8')).events;
      const [player] = (await commish.client.get('/api/v1/players?sport=football&limit=200')).body.items
        .filter((p: { externalId: string }) => p.externalId === line.playerExternalId);
      await commish.client.post(`/api/v1/leagues/${leagueId}/teams/${teamIds[0]}/players`, { playerIds: [player.id] });
      const accepted = await admin.post('/api/v1/ingest', { events: [{ ...line, key: 'oapi-1' }] });
      conforms(replies.ingestAccepted, accepted, 202);
      const settled = (id: string) => waitFor(async () => {
        const reply = await admin.get(`/api/v1/ingest/jobs/${id}`);
        return ['completed', 'failed'].includes(reply.body.state) ? reply : undefined;
      }, 15_000, `job ${id}`);
      const ingestJob = await settled(accepted.body.jobId);
      conforms(replies.job, ingestJob);
      conforms(replies.job, await settled(ingestJob.body.result.scoreJobId));
      const failed = await admin.get('/api/v1/ingest/failed');
      for (const item of failed.body.items) conforms(replies.failedJob, { status: failed.status, body: item });

      const scores = await commish.client.get(`/api/v1/leagues/${leagueId}/scores`);
      conforms(gameReplies.scoresPage, scores);
      assert.equal(scores.body.items.length, 1);
      conforms(gameReplies.fantasyStandings, await commish.client.get(`/api/v1/leagues/${leagueId}/fantasy-standings`));
    });

    it('seasons: season, schedule, matchups, lineups, finalize, standings, playoffs', async () => {
      const l = await seasonLeague(server, 4);
      // September 2026: every period is past, so it can be finalized now.
      conforms(seasonReplies.season, await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 1, playoffTeams: 2, playoffWeeks: 1 })), 201);
      conforms(seasonReplies.seasonList, await l.manager.client.get(`${l.base}/seasons`));
      conforms(seasonReplies.seasonOptionsReply, await l.manager.client.get(`${l.base}/season-options`));
      conforms(seasonReplies.matchups, await l.manager.client.get(`${l.base}/matchups?period=1`));
      const lineup = await l.manager.client.get(`${l.base}/teams/${l.teamIds[0]}/lineup?period=1`);
      conforms(seasonReplies.lineup, lineup);
      conforms(seasonReplies.finalized, await l.commish.client.post(`${l.base}/periods/1/finalize`));
      conforms(seasonReplies.schedule, await l.manager.client.get(`${l.base}/schedule`));
      conforms(gameReplies.fantasyStandings.extend({ season: seasonReplies.seasonStandings.nullable() }), await l.manager.client.get(`${l.base}/standings`));
      const bracket = await l.manager.client.get(`${l.base}/playoffs`);
      conforms(seasonReplies.playoffs, bracket);
      assert.equal(bracket.body.seeds.length, 2);
    });
  });
});
