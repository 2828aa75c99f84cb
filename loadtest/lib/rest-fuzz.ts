/**
 * The REST half of `npm run fuzz` and test/security/rest-fuzz.test.ts: random and hostile requests
 * to every operation of /api/v1/openapi.json (plus /health and /metrics), as a stranger and as a
 * signed-in user who commissions a league (so some ids name real things). Path ids, query strings,
 * bodies and headers are drawn from a seeded generator: wrong types, huge numbers (1e400), NUL
 * characters, unicode, deep nesting, oversize bodies, forged cursors, bad Authorization and
 * Content-Type. Every reply must be a 4xx/2xx with our error shape: a 5xx is a bug, as is a
 * dropped connection (counted as a crash, then /health must still answer).
 */
import { seededRng, type Rng } from '../../src/dice/rng.ts';
import { newRunId } from './rest.ts';

export interface RestFuzzOptions {
  baseUrl: string;
  requests: number;
  seed: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface RestFuzzReport {
  sent: number;
  byStatusClass: Record<string, number>;
  /** Every 5xx: method, path and the reply (must be empty). */
  serverErrors: Array<{ method: string; path: string; status: number; body: string }>;
  /** Connections that failed without a reply, plus a /health that no longer answers. */
  crashes: number;
  operations: number;
}

interface Operation { method: string; path: string; query: string[] }

const ODD_STRINGS = ['', ' ', '\u0000', 'a\u0000b', '💥'.repeat(40), '\uD800', '<script>alert(1)</script>', "'; drop table users; --",
  '../../etc/passwd', 'NaN', '-1', '1e400', '-1e400', '0x10', '9'.repeat(40), 'true', 'null', '[]', '{}', '%00', 'x'.repeat(5000)];
const ODD_NUMBERS = [0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_VALUE];
const FIELDS = ['name', 'sport', 'username', 'password', 'teamId', 'playerId', 'ownerId', 'events', 'order', 'rounds', 'pickSeconds',
  'budget', 'cursor', 'limit', 'homeTeamId', 'awayTeamId', 'lineup', 'rules', 'inviteCode', 'scoring', 'baseballRules', '__proto__', 'constructor'];
const AUTH_HEADERS = (token: string) => [undefined, `Bearer ${token}`, `Bearer ${token}`, 'Bearer garbage.token.here', 'Bearer', 'Basic dXNlcjpwdw==',
  `Bearer ${'x'.repeat(8000)}`, `bearer ${token} extra`];
const CONTENT_TYPES = ['application/json', 'application/json', 'text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', undefined];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(0, items.length - 1)];

function cursorOf(parts: unknown): string {
  return Buffer.from(typeof parts === 'string' ? parts : JSON.stringify(parts)).toString('base64url');
}

/** Cursors that look like ours but carry what must never reach SQL. */
function hostileCursor(rng: Rng): string {
  const id = crypto.randomUUID();
  return pick(rng, [
    cursorOf('[1e400, "' + id + '"]'), cursorOf([1, '------------------------------------']), cursorOf([1.5, id]),
    cursorOf([2 ** 40, id]), cursorOf(['+275760-09-13T00:00:00.000Z', id]), cursorOf(['batting', 'avg', 1e300, id]),
    cursorOf('not json'), '!!!', '1e400', '-5', cursorOf({ rank: 1 }), 'x'.repeat(3000),
  ]);
}

function randomValue(rng: Rng, depth: number, ids: string[]): unknown {
  switch (rng.int(0, depth > 3 ? 5 : 8)) {
    case 0: return rng.int(-1_000_000, 1_000_000);
    case 1: return pick(rng, ODD_NUMBERS);
    case 2: return pick(rng, ODD_STRINGS);
    case 3: return rng.int(0, 1) === 1;
    case 4: return null;
    case 5: return ids.length > 0 && rng.int(0, 1) === 1 ? pick(rng, ids) : crypto.randomUUID();
    case 6: return Array.from({ length: rng.int(0, 4) }, () => randomValue(rng, depth + 1, ids));
    default: return randomObject(rng, depth + 1, ids);
  }
}

function randomObject(rng: Rng, depth: number, ids: string[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = rng.int(0, 5); i > 0; i--) object[pick(rng, FIELDS)] = randomValue(rng, depth, ids);
  return object;
}

/** A body as text: mostly JSON of random shapes, sometimes broken, deeply nested or oversize. */
function randomBody(rng: Rng, ids: string[]): string {
  switch (rng.int(0, 9)) {
    case 0: return '{"name": ';
    case 1: return '['.repeat(5000) + ']'.repeat(5000);
    case 2: return JSON.stringify({ name: 'x'.repeat(rng.int(1, 3) * 60_000) });
    case 3: return JSON.stringify({ name: `league\u0000${rng.int(0, 99)}`, sport: pick(rng, ['football', 'baseball', 'f1']) });
    case 4: return JSON.stringify(pick(rng, ODD_STRINGS));
    default: return JSON.stringify(randomObject(rng, 0, ids));
  }
}

function pathParam(rng: Rng, ids: string[]): string {
  const value = rng.int(0, 2) === 0 && ids.length > 0 ? pick(rng, ids)
    : pick(rng, [crypto.randomUUID(), 'not-a-uuid', '1e400', '%00', '..%2F..%2Fetc', '💥', 'x'.repeat(300), '------------------------------------', crypto.randomUUID().toUpperCase()]);
  return /%|^[\w-]+$/.test(value) ? value : encodeURIComponent(value);
}

function queryString(rng: Rng, op: Operation, ids: string[]): string {
  const names = [...op.query, 'cursor', 'limit'];
  const params = new URLSearchParams();
  for (let i = rng.int(0, 3); i > 0; i--) {
    const name = pick(rng, names);
    const value = name === 'cursor' && rng.int(0, 1) === 1 ? hostileCursor(rng) : String(randomValue(rng, 4, ids));
    params.append(name, value);
  }
  const text = params.toString();
  return text ? `?${text}${rng.int(0, 5) === 0 ? `&${names[0] ?? 'a'}[x]=1` : ''}` : '';
}

/** Every operation of the OpenAPI document, with its path template and query parameter names. */
async function operations(baseUrl: string): Promise<Operation[]> {
  const document = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json() as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({ method: method.toUpperCase(), path, query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name) });
    }
  }
  return ops;
}

/** A signed-in user commissioning a league with a team: their token and the ids that name real things. */
async function signedInUser(baseUrl: string): Promise<{ token: string; ids: string[] }> {
  const post = async (path: string, body: unknown, token?: string) => (await fetch(`${baseUrl}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })).json() as Promise<any>;
  const session = await post('/api/v1/auth/register', { username: `${newRunId()}fz`, password: 'fuzzing-password-1' });
  if (!session.token) throw new Error(`rest fuzz: could not register: ${JSON.stringify(session)}`);
  const league = await post('/api/v1/leagues', { name: 'Fuzz league', sport: 'football' }, session.token);
  const team = league.id ? await post(`/api/v1/leagues/${league.id}/teams`, { name: 'Fuzz team' }, session.token) : {};
  return { token: session.token, ids: [session.user.id, league.id, team.id].filter((id): id is string => typeof id === 'string') };
}

export async function runRestFuzz(options: RestFuzzOptions): Promise<RestFuzzReport> {
  const rng = seededRng(options.seed);
  const ops = [...await operations(options.baseUrl), { method: 'GET', path: '/health', query: [] }, { method: 'GET', path: '/metrics', query: [] }];
  const user = await signedInUser(options.baseUrl);
  const report: RestFuzzReport = { sent: 0, byStatusClass: {}, serverErrors: [], crashes: 0, operations: ops.length };

  const one = async () => {
    const op = pick(rng, ops);
    const method = rng.int(0, 20) === 0 ? pick(rng, ['PUT', 'PATCH', 'DELETE', 'OPTIONS']) : op.method;
    const path = op.path.replace(/\{[^}]+\}/g, () => pathParam(rng, user.ids)) + queryString(rng, op, user.ids);
    const headers: Record<string, string> = {};
    const auth = pick(rng, AUTH_HEADERS(user.token));
    if (auth) headers.authorization = auth;
    const withBody = method !== 'GET' && method !== 'OPTIONS';
    const contentType = withBody ? pick(rng, CONTENT_TYPES) : undefined;
    if (contentType) headers['content-type'] = contentType;
    if (rng.int(0, 10) === 0) headers['x-forwarded-for'] = pick(rng, ['1.2.3.4', 'garbage', '::1, 10.0.0.1']);
    const body = withBody ? randomBody(rng, user.ids) : undefined;
    report.sent++;
    try {
      const response = await fetch(`${options.baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      const statusClass = `${Math.floor(response.status / 100)}xx`;
      report.byStatusClass[statusClass] = (report.byStatusClass[statusClass] ?? 0) + 1;
      if (response.status >= 500) report.serverErrors.push({ method, path: path.slice(0, 200), status: response.status, body: text.slice(0, 300) });
    } catch {
      report.crashes++;
    }
  };

  const width = options.concurrency ?? 8;
  let issued = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (issued < options.requests) {
      issued++;
      await one();
    }
  }));
  const health = await fetch(`${options.baseUrl}/health`).catch(() => undefined);
  if (!health) report.crashes++;
  return report;
}
