import { Router } from 'express';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import packageJson from '../../package.json' with { type: 'json' };
import { notFound } from '../errors.ts';
import type { RouteDoc, RouteDocs } from './openapi/route-doc.ts';
import { errorReply } from './openapi/replies.ts';
import { ASSET_MAX_AGE, DOCS_ASSETS, DOCS_INIT_SCRIPT, SWAGGER_UI_DIR, docsInitScript, docsPage, type DocsAsset } from './openapi/page.ts';
import { healthDocs } from './routes/health.ts';
import { authDocs } from './routes/auth.ts';
import { meDocs } from './routes/me.ts';
import { notificationDocs } from './routes/notifications.ts';
import { isPublicRead, refusesApiKeys } from './guard.ts';
import { leagueDocs } from './routes/leagues.ts';
import { playerDocs } from './routes/players.ts';
import { draftDocs } from './routes/drafts.ts';
import { gameDocs } from './routes/games.ts';
import { rosterDocs } from './routes/rosters.ts';
import { scoringDocs } from './routes/scoring.ts';
import { statsDocs } from './routes/stats.ts';
import { ingestDocs } from './routes/ingest.ts';
import { f1Docs } from './routes/f1.ts';
import { seasonDocs } from './routes/seasons.ts';
import { baseballScheduleDocs } from './routes/baseball-schedule.ts';
import { transactionDocs } from './routes/transactions.ts';
import { tradeDocs } from './routes/trades.ts';
import { leagueAdminDocs } from './routes/league-admin.ts';

/**
 * The OpenAPI 3.1 document of the REST API, generated (zod-openapi, on zod's own JSON Schema) from
 * the route descriptions each route file exports next to its handlers, and the routes that serve
 * it: GET /api/v1/openapi.json and the Swagger UI page GET /api/v1/docs.
 */

const API = '/api/v1';

/** Where each route file's router is mounted, as src/http/api.ts and src/features.ts mount them (in the docs page's order). */
function mounted(): Array<[prefix: string, docs: RouteDocs]> {
  return [
    [`${API}/auth`, authDocs],
    [`${API}/me`, meDocs],
    [`${API}/me/notifications`, notificationDocs],
    [`${API}/leagues`, leagueDocs],
    [`${API}/players`, playerDocs],
    [API, rosterDocs],
    [API, draftDocs],
    [API, gameDocs],
    [API, baseballScheduleDocs],
    [API, statsDocs],
    [API, scoringDocs],
    [API, seasonDocs],
    [API, ingestDocs],
    [API, f1Docs],
    [API, transactionDocs],
    [API, tradeDocs],
    [API, leagueAdminDocs],
    ['', healthDocs],
    [API, openApiDocs],
  ];
}

/** The error replies, one component each; every one has the shape of `Error`. */
const ERRORS: Record<number, { id: string; description: string }> = {
  400: { id: 'BadRequest', description: '`INVALID_INPUT`, with `details.fields` naming each bad field (`NOT_SUPPORTED` for a league of a sport the route is not for).' },
  401: { id: 'Unauthenticated', description: '`UNAUTHENTICATED`: no token (or API key) where one is needed, or a forged, expired or revoked one (login: a wrong username or password; refresh: an unknown, used-up or expired refresh token).' },
  403: { id: 'Forbidden', description: '`FORBIDDEN`: the caller may not do that (not the commissioner, not an admin, ...).' },
  404: { id: 'NotFound', description: '`NOT_FOUND`: an id (or anything that is not an id) that names nothing, or a league (and its drafts, games, ...) the caller may not see.' },
  409: { id: 'Conflict', description: '`CONFLICT` (or a more precise code, e.g. `ROSTER_INCOMPLETE`): the request does not fit what is stored.' },
  413: { id: 'PayloadTooLarge', description: '`PAYLOAD_TOO_LARGE`: the body is over the limit (100 KB; 2 MB for ingest).' },
  429: { id: 'RateLimited', description: '`RATE_LIMITED`: too many failed logins; `QUOTA_EXCEEDED`: a per-user creation quota. `Retry-After`, when sent, says when to try again.' },
  503: { id: 'Unavailable', description: '`UNAVAILABLE`: the service the route needs is not running in this process.' },
};

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const headers = (described: Record<string, string>) =>
  Object.fromEntries(Object.entries(described).map(([name, description]) => [name, { description, schema: { type: 'string' as const } }]));

/** One object per component: zod-openapi turns each into a `$ref` to `components.responses`. */
const errorResponses = new Map(Object.entries(ERRORS).map(([status, { id, description }]): [number, ZodOpenApiResponseObject] =>
  [Number(status), { id, description, content: json(errorReply), ...(status === '429' ? { headers: headers({ 'Retry-After': 'Seconds to wait.' }) } : {}) }]));
const unexpected: ZodOpenApiResponseObject = {
  id: 'Unexpected', description: '`INTERNAL`: something went wrong on our side (500).', content: json(errorReply),
};

function errorResponse(status: number): ZodOpenApiResponseObject {
  const response = errorResponses.get(status);
  if (!response) throw new Error(`no error reply is described for status ${status}`);
  return response;
}

/** The error statuses a route answers: those its shape implies, and those it names. */
function errorStatuses(route: RouteDoc): number[] {
  const auth = route.auth ?? 'user';
  const implied = [
    ...(route.query || route.body ? [400] : []),
    ...(auth !== 'public' ? [401] : []),
    ...(auth === 'admin' ? [403] : []),
    ...(route.params ? [404] : []),
    ...(route.body ? [413] : []),
  ];
  return [...new Set([...implied, ...(route.errors ?? [])])].sort((a, b) => a - b);
}

/**
 * Which schemes an operation takes (src/http/guard.ts): an access token always; an API key on
 * reads (never on writes: 403); nothing at all on the public reads and the public routes.
 */
function securityOf(route: RouteDoc, path: string): Array<Record<string, string[]>> {
  if ((route.auth ?? 'user') === 'public') return [];
  const apiPath = path.startsWith(API) ? path.slice(API.length) : path;
  const keys = route.method === 'get' && route.apiKeys !== false && !refusesApiKeys(apiPath);
  return [
    { bearer: [] },
    ...(keys ? [{ apiKey: [] }, { apiKeyBearer: [] }] : []),
    ...(route.method === 'get' && isPublicRead(apiPath.replace(/\{\w+\}/g, 'x')) ? [{}] : []),
  ];
}

function operation(route: RouteDoc, tag: string, path: string): ZodOpenApiOperationObject {
  const auth = route.auth ?? 'user';
  const responses: ZodOpenApiOperationObject['responses'] = {};
  for (const [status, reply] of Object.entries(route.replies)) {
    const content = reply.schema ? json(reply.schema) : reply.type ? { [reply.type]: {} } : undefined;
    responses[status as `2${string}`] = {
      description: reply.description, ...(content ? { content } : {}), ...(reply.headers ? { headers: headers(reply.headers) } : {}),
    };
  }
  for (const status of errorStatuses(route)) responses[String(status) as `4${string}`] = errorResponse(status);
  responses.default = unexpected;
  const adminNote = auth === 'admin' ? 'Admins only (a stored role: `npm run admin -- grant <user>`). ' : '';
  const security = securityOf(route, path);
  const publicNote = security.some((s) => Object.keys(s).length === 0)
    ? 'Public read: no token needed for a public league (PUBLIC_READS_PER_MINUTE per address); a private one answers 404. ' : '';
  const description = `${adminNote}${publicNote}${route.description ?? ''}`.trim();
  return {
    summary: route.summary,
    ...(description ? { description } : {}),
    tags: [tag],
    security,
    ...(route.params || route.query ? {
      requestParams: { ...(route.params ? { path: route.params } : {}), ...(route.query ? { query: route.query } : {}) },
    } : {}),
    ...(route.body ? { requestBody: { required: true, content: json(route.body) } } : {}),
    responses,
  };
}

/** `/api/v1/leagues` + `/:id/teams` → `/api/v1/leagues/{id}/teams`. */
function openApiPath(prefix: string, path: string): string {
  const joined = `${prefix}${path}`.replace(/\/+$/, '') || '/';
  return joined.replace(/:(\w+)/g, '{$1}');
}

function buildOpenApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  const tags: Array<{ name: string; description: string }> = [];
  for (const [prefix, docs] of mounted()) {
    if (!tags.some((tag) => tag.name === docs.tag)) tags.push({ name: docs.tag, description: docs.description });
    for (const route of docs.routes) {
      const path = openApiPath(prefix, route.path);
      const item = (paths[path] ??= {});
      if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${path} is described twice`);
      item[route.method] = operation(route, docs.tag, path);
    }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Clubhouse API',
      version: packageJson.version,
      description: 'REST API of Clubhouse: leagues, teams, players, drafts and auctions, baseball games, fantasy scoring and stats. '
        + 'Rooms (WebSocket) and their messages are in docs/PROTOCOL.md. JSON in and out; `Authorization: Bearer <token>` from '
        + '`POST /api/v1/auth/login` (a short access token; `POST /api/v1/auth/refresh` renews it), or on GET routes a read-only '
        + 'API key (`X-API-Key: ck_...`). Reads of public leagues and the player pool need no token at all.',
    },
    tags,
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from login, register or refresh (ACCESS_TOKEN_TTL_SECONDS).' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A read-only API key (`ck_...`, POST /api/v1/me/api-keys): GET routes only, API_KEY_READS_PER_MINUTE per key.' },
        apiKeyBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'ck_ API key', description: 'The same API key as `Authorization: Bearer ck_...`.' },
      },
    },
    paths,
  });
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The document, built once: it depends on the code alone. */
export function openApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}

const docsAsset = z.object({ asset: z.enum([...DOCS_ASSETS, DOCS_INIT_SCRIPT]).meta({ description: 'A file of the page (Swagger UI and its start-up script).' }) });

const openApiDocs: RouteDocs = {
  tag: 'docs',
  description: 'This document and the page that browses it.',
  routes: [
    {
      method: 'get', path: '/openapi.json', auth: 'public', summary: 'This OpenAPI 3.1 document',
      replies: { 200: { description: 'The document, generated from the zod schemas the routes parse with.', type: 'application/json' } },
    },
    {
      method: 'get', path: '/docs', auth: 'public', summary: 'The browsable docs page (Swagger UI)',
      replies: { 200: { description: 'An HTML page that reads /api/v1/openapi.json.', type: 'text/html' } },
    },
    {
      method: 'get', path: '/docs/:asset', auth: 'public', summary: "A file of the docs page (from the swagger-ui-dist package)",
      params: docsAsset,
      replies: { 200: { description: 'The file (CSS, JavaScript or an icon).' } },
    },
  ],
};

/** GET /openapi.json, GET /docs and the page's files; mounted on /api/v1 before the token guard. */
export function openApiRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/docs', (req, res) => {
    res.type('html').send(docsPage(`${req.baseUrl}/docs`));
  });
  router.get('/docs/:asset', (req, res) => {
    const asset = String(req.params.asset);
    if (asset === DOCS_INIT_SCRIPT) return void res.type('js').send(docsInitScript(`${req.baseUrl}/openapi.json`));
    if (!DOCS_ASSETS.includes(asset as DocsAsset)) throw notFound('Asset');
    res.sendFile(asset, { root: SWAGGER_UI_DIR, maxAge: ASSET_MAX_AGE });
  });
  return router;
}
