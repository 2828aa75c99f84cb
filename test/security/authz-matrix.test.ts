import assert from 'node:assert/strict';
import { type TestServer, useTestServer } from '../helpers/server.ts';
import { api, signUp, type Reply } from '../helpers/http.ts';
import { registerAdmin } from '../helpers/jobs.ts';
import { baseballLeague, storedGame } from '../helpers/baseball.ts';
import { createDraft } from '../helpers/league-rooms.ts';
import { seed } from '../../src/db/seed.ts';
import { League, Player, RosterEntry, Trade, WaiverClaim, WaiverPlayer } from '../../src/db/entities/index.ts';

/**
 * The authorization matrix: every operation of the OpenAPI document, called as each kind of
 * caller, must answer the status its rule says. A route added without a row here fails the build,
 * so no route ships without someone deciding who may call it.
 *
 * `ok` means the call got past authorization: any status but 401, 403, 404 (and never a 500).
 * League routes run against a private league (outsiders: 404, existence not revealed; the
 * anonymous caller too on the public reads) and, for strangers and anonymous callers, against a
 * public one too (they may read it, never write).
 *
 * `apikey` is a read-only API key of the manager: his reads pass, every write is 403 (the key is
 * valid, it just may not write: 403 rather than 401, so a client does not take it for an expiry).
 */
type Caller = 'anonymous' | 'stranger' | 'admin' | 'manager' | 'commissioner' | 'apikey';
type Expect = 'ok' | 401 | 403 | 404;
const CALLERS: Caller[] = ['anonymous', 'stranger', 'admin', 'manager', 'commissioner', 'apikey'];

interface Fixture {
  football: string; footballTeamId: string; baseball: string; draftId: string; gameId: string; challengeId: string; teamId: string; otherTeamId: string;
  /** A game of the baseball league's schedule (not due: far ahead). */
  scheduledGameId: string;
  rosteredPlayer: string; freePlayer: string; footballPlayer: string; jobId: string;
  /** A race on the F1 calendar (admins move it). */
  raceId: string;
  /** An offer from the unowned team to the manager's (baseball league); a pending claim of the manager's team. */
  tradeId: string; claimId: string;
  /** This fixture's commissioner and manager (the other callers are the same for every fixture). */
  tokens: Pick<Record<Caller, string>, 'commissioner' | 'manager' | 'apikey'>;
}

interface Row {
  /** The concrete path (ids filled in) for one fixture. */
  path: (f: Fixture) => string;
  /** A valid body: authorization, not validation, must decide. */
  body?: (f: Fixture) => unknown;
  expect: Record<Caller, Expect>;
  /** League-scoped: also walked against the public league, where strangers may read but not write. */
  league?: 'read' | 'write';
}

const PUBLIC: Record<Caller, Expect> = { anonymous: 'ok', stranger: 'ok', admin: 'ok', manager: 'ok', commissioner: 'ok', apikey: 'ok' };
const NOBODY: Record<Caller, Expect> = { anonymous: 401, stranger: 401, admin: 401, manager: 401, commissioner: 401, apikey: 401 };
const SIGNED_IN_READ: Record<Caller, Expect> = { anonymous: 401, stranger: 'ok', admin: 'ok', manager: 'ok', commissioner: 'ok', apikey: 'ok' };
const SIGNED_IN_WRITE: Record<Caller, Expect> = { ...SIGNED_IN_READ, apikey: 403 };
/** Public reads (the player pool): anyone, with a token, a key or neither. */
const ANYONE_READ = PUBLIC;
const ADMIN_ONLY: Record<Caller, Expect> = { anonymous: 401, stranger: 403, admin: 'ok', manager: 403, commissioner: 403, apikey: 403 };
/** League reads: a private league answers every outsider, anonymous or not, as an unknown one. */
const MEMBERS_READ: Record<Caller, Expect> = { anonymous: 404, stranger: 404, admin: 404, manager: 'ok', commissioner: 'ok', apikey: 'ok' };
const COMMISSIONER_WRITE: Record<Caller, Expect> = { anonymous: 401, stranger: 404, admin: 404, manager: 403, commissioner: 'ok', apikey: 403 };
const MEMBERS_WRITE: Record<Caller, Expect> = { anonymous: 401, stranger: 404, admin: 404, manager: 'ok', commissioner: 'ok', apikey: 403 };
/** A team's own moves: its manager only (the commissioner has his own routes). */
const MANAGER_WRITE: Record<Caller, Expect> = { ...COMMISSIONER_WRITE, manager: 'ok', commissioner: 403 };

const read = (path: Row['path']): Row => ({ path, expect: MEMBERS_READ, league: 'read' });

const MATRIX: Record<string, Row> = {
  'POST /api/v1/auth/register': { path: () => '/api/v1/auth/register', body: () => ({ username: `u${Math.random().toString(36).slice(2, 10)}`, password: 'correct horse battery' }), expect: PUBLIC },
  'POST /api/v1/auth/login': { path: () => '/api/v1/auth/login', body: () => ({ username: 'nobody-here', password: 'correct horse battery' }), expect: NOBODY },
  // Refresh and logout go by the refresh token alone (a caller's own would end his session mid-walk): an unknown one is nobody's.
  'POST /api/v1/auth/refresh': { path: () => '/api/v1/auth/refresh', body: () => ({ refreshToken: 'not-a-refresh-token' }), expect: NOBODY },
  'POST /api/v1/auth/logout': { path: () => '/api/v1/auth/logout', body: () => ({ refreshToken: 'not-a-refresh-token' }), expect: NOBODY },

  'GET /api/v1/me': { path: () => '/api/v1/me', expect: SIGNED_IN_READ },
  // Each caller's own notifications only (the service filters by the caller): nobody reads another's.
  'GET /api/v1/me/notifications': { path: () => '/api/v1/me/notifications', expect: SIGNED_IN_READ },
  'POST /api/v1/me/notifications/read': { path: () => '/api/v1/me/notifications/read', body: () => ({ all: true }), expect: SIGNED_IN_WRITE },
  // A too-short new password: past authorization, the 400 changes nothing.
  'POST /api/v1/me/password': { path: () => '/api/v1/me/password', body: () => ({ currentPassword: 'whatever', newPassword: 'short' }), expect: SIGNED_IN_WRITE },
  'POST /api/v1/me/api-keys': { path: () => '/api/v1/me/api-keys', body: () => ({ name: 'matrix' }), expect: SIGNED_IN_WRITE },
  // Managing keys takes a session: a key may not even list them.
  'GET /api/v1/me/api-keys': { path: () => '/api/v1/me/api-keys', expect: { ...SIGNED_IN_READ, apikey: 403 } },
  // Nobody's key: everyone signed in gets the 404 of a key that is not his.
  'DELETE /api/v1/me/api-keys/{keyId}': {
    path: () => `/api/v1/me/api-keys/${crypto.randomUUID()}`,
    expect: { anonymous: 401, stranger: 404, admin: 404, manager: 404, commissioner: 404, apikey: 403 },
  },
  'GET /health': { path: () => '/health', expect: PUBLIC },
  'GET /metrics': { path: () => '/metrics', expect: PUBLIC },
  'GET /api/v1/openapi.json': { path: () => '/api/v1/openapi.json', expect: PUBLIC },
  'GET /api/v1/docs': { path: () => '/api/v1/docs', expect: PUBLIC },
  'GET /api/v1/docs/{asset}': { path: () => '/api/v1/docs/swagger-ui.css', expect: PUBLIC },

  'POST /api/v1/leagues': { path: () => '/api/v1/leagues', body: () => ({ name: 'Matrix league', sport: 'football' }), expect: SIGNED_IN_WRITE },
  // "My leagues": nobody's without a token.
  'GET /api/v1/leagues': { path: () => '/api/v1/leagues', expect: SIGNED_IN_READ },
  'GET /api/v1/leagues/{id}': read((f) => `/api/v1/leagues/${f.football}`),
  'POST /api/v1/leagues/{id}/teams': {
    path: (f) => `/api/v1/leagues/${f.football}/teams`, body: () => ({ name: `Team ${Math.random().toString(36).slice(2, 8)}` }),
    expect: COMMISSIONER_WRITE, league: 'write',
  },
  'GET /api/v1/leagues/{id}/teams': read((f) => `/api/v1/leagues/${f.football}/teams`),
  // Members need no invite code (and already have their team: 409); outsiders without one learn nothing of a private league.
  'POST /api/v1/leagues/{id}/join': {
    path: (f) => `/api/v1/leagues/${f.football}/join`, body: () => ({}),
    expect: { anonymous: 401, stranger: 404, admin: 404, manager: 'ok', commissioner: 'ok', apikey: 403 },
  },
  'POST /api/v1/leagues/{id}/teams/{teamId}/players': {
    path: (f) => `/api/v1/leagues/${f.baseball}/teams/${f.teamId}/players`, body: (f) => ({ playerIds: [f.freePlayer] }),
    expect: COMMISSIONER_WRITE, league: 'write',
  },
  'DELETE /api/v1/leagues/{id}/teams/{teamId}/players/{playerId}': {
    path: (f) => `/api/v1/leagues/${f.baseball}/teams/${f.teamId}/players/${f.rosteredPlayer}`,
    expect: COMMISSIONER_WRITE, league: 'write',
  },

  'POST /api/v1/leagues/{id}/drafts': {
    path: (f) => `/api/v1/leagues/${f.football}/drafts`, body: () => ({ type: 'snake', rounds: 2 }),
    expect: COMMISSIONER_WRITE, league: 'write',
  },
  'GET /api/v1/leagues/{id}/drafts': read((f) => `/api/v1/leagues/${f.football}/drafts`),
  'GET /api/v1/drafts/{id}': read((f) => `/api/v1/drafts/${f.draftId}`),

  // A manager may create a game for his own team; the matrix's manager plays the commissioner's team's opponent.
  'POST /api/v1/leagues/{id}/games': {
    path: (f) => `/api/v1/leagues/${f.baseball}/games`, body: (f) => ({ homeTeamId: f.teamId, awayTeamId: f.otherTeamId, scheduledAt: '2099-04-01T18:00:00Z' }),
    expect: MEMBERS_WRITE, league: 'write',
  },
  // A challenge (the manager's game against the commissioner's unowned team): only the challenged side (here the commissioner) accepts; either side declines.
  'POST /api/v1/games/{id}/accept': { path: (f) => `/api/v1/games/${f.challengeId}/accept`, body: () => ({}), expect: COMMISSIONER_WRITE, league: 'write' },
  'POST /api/v1/games/{id}/decline': { path: (f) => `/api/v1/games/${f.challengeId}/decline`, expect: MEMBERS_WRITE, league: 'write' },
  // A ranked game: only the commissioner cancels or postpones it (a manager only his friendlies); a manager forfeits his own team.
  'POST /api/v1/games/{id}/cancel': { path: (f) => `/api/v1/games/${f.gameId}/cancel`, expect: COMMISSIONER_WRITE, league: 'write' },
  'POST /api/v1/games/{id}/postpone': {
    path: (f) => `/api/v1/games/${f.gameId}/postpone`, body: () => ({ scheduledAt: '2099-05-01T18:00:00Z' }), expect: COMMISSIONER_WRITE, league: 'write',
  },
  'POST /api/v1/games/{id}/forfeit': { path: (f) => `/api/v1/games/${f.gameId}/forfeit`, body: () => ({}), expect: MEMBERS_WRITE, league: 'write' },
  // The commissioner or a manager of either team (the fixture's game is not suspended: both get past authorization to 409 NOT_SUSPENDED).
  'POST /api/v1/games/{id}/resume': { path: (f) => `/api/v1/games/${f.gameId}/resume`, expect: MEMBERS_WRITE, league: 'write' },
  // The schedule's games are far ahead: the commissioner gets past authorization to 409 NOT_TRIED.
  // Before the draw's row: the commissioner's draw draws the schedule again (new game ids).
  'POST /api/v1/leagues/{id}/baseball/schedule/games/{gameId}/retry': {
    path: (f) => `/api/v1/leagues/${f.baseball}/baseball/schedule/games/${f.scheduledGameId}/retry`, body: () => ({}), expect: COMMISSIONER_WRITE, league: 'write',
  },
  // Far ahead: nothing is created during the walk, so the commissioner's draws replace the fixture's.
  'POST /api/v1/leagues/{id}/baseball/schedule': {
    path: (f) => `/api/v1/leagues/${f.baseball}/baseball/schedule`, body: () => SCHEDULE_BODY, expect: COMMISSIONER_WRITE, league: 'write',
  },
  'GET /api/v1/leagues/{id}/baseball/schedule': read((f) => `/api/v1/leagues/${f.baseball}/baseball/schedule`),
  'GET /api/v1/leagues/{id}/games': read((f) => `/api/v1/leagues/${f.baseball}/games`),
  'GET /api/v1/leagues/{id}/standings': read((f) => `/api/v1/leagues/${f.baseball}/standings`),
  'GET /api/v1/games/{id}': read((f) => `/api/v1/games/${f.gameId}`),
  'GET /api/v1/games/{id}/plays': read((f) => `/api/v1/games/${f.gameId}/plays`),
  'GET /api/v1/games/{id}/dice': read((f) => `/api/v1/games/${f.gameId}/dice`),
  'GET /api/v1/leagues/{id}/stats/batting': read((f) => `/api/v1/leagues/${f.baseball}/stats/batting`),
  'GET /api/v1/leagues/{id}/stats/pitching': read((f) => `/api/v1/leagues/${f.baseball}/stats/pitching`),
  // A player's season across leagues is not a public read: a token or key is needed even for a public league.
  'GET /api/v1/players/{id}/stats': {
    path: (f) => `/api/v1/players/${f.rosteredPlayer}/stats?leagueId=${f.baseball}`, expect: { ...MEMBERS_READ, anonymous: 401 }, league: 'read',
  },

  'GET /api/v1/leagues/{id}/scoring-rules': read((f) => `/api/v1/leagues/${f.football}/scoring-rules`),
  'GET /api/v1/leagues/{id}/scoring-rules/{version}': read((f) => `/api/v1/leagues/${f.football}/scoring-rules/1`),
  'POST /api/v1/leagues/{id}/scoring-rules': {
    path: (f) => `/api/v1/leagues/${f.football}/scoring-rules`, body: () => ({ preset: 'standard' }),
    expect: COMMISSIONER_WRITE, league: 'write',
  },
  'GET /api/v1/leagues/{id}/fantasy-standings': read((f) => `/api/v1/leagues/${f.football}/fantasy-standings`),
  'GET /api/v1/leagues/{id}/scores': read((f) => `/api/v1/leagues/${f.football}/scores`),

  // Seasons: the commissioner runs them; a lineup is its team's manager's alone (the commissioner included gets 403).
  'POST /api/v1/leagues/{id}/seasons': { path: (f) => `/api/v1/leagues/${f.football}/seasons`, body: () => SEASON_BODY, expect: COMMISSIONER_WRITE, league: 'write' },
  'GET /api/v1/leagues/{id}/season-options': read((f) => `/api/v1/leagues/${f.football}/season-options`),
  'GET /api/v1/leagues/{id}/seasons': read((f) => `/api/v1/leagues/${f.football}/seasons`),
  'GET /api/v1/leagues/{id}/schedule': read((f) => `/api/v1/leagues/${f.football}/schedule`),
  'POST /api/v1/leagues/{id}/schedule': { path: (f) => `/api/v1/leagues/${f.football}/schedule`, expect: COMMISSIONER_WRITE, league: 'write' },
  'GET /api/v1/leagues/{id}/matchups': read((f) => `/api/v1/leagues/${f.football}/matchups?period=1`),
  'GET /api/v1/leagues/{id}/teams/{teamId}/lineup': read((f) => `/api/v1/leagues/${f.football}/teams/${f.footballTeamId}/lineup`),
  'PUT /api/v1/leagues/{id}/teams/{teamId}/lineup': {
    path: (f) => `/api/v1/leagues/${f.football}/teams/${f.footballTeamId}/lineup?period=1`, body: () => ({ starters: [] }),
    expect: { anonymous: 401, stranger: 404, admin: 404, manager: 'ok', commissioner: 403, apikey: 403 }, league: 'write',
  },
  'POST /api/v1/leagues/{id}/periods/{n}/finalize': { path: (f) => `/api/v1/leagues/${f.football}/periods/1/finalize`, expect: COMMISSIONER_WRITE, league: 'write' },
  'GET /api/v1/leagues/{id}/playoffs': read((f) => `/api/v1/leagues/${f.football}/playoffs`),

  // The player pool is not a league's: a public read, token or not.
  'GET /api/v1/players': { path: () => '/api/v1/players?sport=football&limit=5', expect: ANYONE_READ },
  'GET /api/v1/players/{id}': { path: (f) => `/api/v1/players/${f.footballPlayer}`, expect: ANYONE_READ },

  // Fantasy F1: the calendar is public, admins keep it; a league's race weekends are its own (a
  // football league answers 400 NOT_SUPPORTED past authorization, which the matrix counts as ok).
  'GET /api/v1/f1/races': { path: () => '/api/v1/f1/races', expect: ANYONE_READ },
  'POST /api/v1/f1/races': {
    path: () => '/api/v1/f1/races',
    body: () => ({ season: 2098, round: 1 + Math.floor(Math.random() * 40), name: 'Matrix Grand Prix', circuit: 'Matrix Ring', country: 'Nowhere', startsAt: '2098-06-07T14:00:00Z' }),
    expect: ADMIN_ONLY,
  },
  'PATCH /api/v1/f1/races/{raceId}': { path: (f) => `/api/v1/f1/races/${f.raceId}`, body: () => ({ startsAt: '2099-06-08T14:00:00Z' }), expect: ADMIN_ONLY },
  'PUT /api/v1/leagues/{id}/f1/settings': {
    path: (f) => `/api/v1/leagues/${f.football}/f1/settings`, body: () => ({ season: 2099 }), expect: COMMISSIONER_WRITE, league: 'write',
  },
  'GET /api/v1/leagues/{id}/f1/races': read((f) => `/api/v1/leagues/${f.football}/f1/races`),
  'GET /api/v1/leagues/{id}/f1/leaderboard': read((f) => `/api/v1/leagues/${f.football}/f1/leaderboard`),
  // Transactions: the log, free agents, waivers (claims private to their team), trades, league administration.
  'GET /api/v1/leagues/{id}/transactions': read((f) => `/api/v1/leagues/${f.baseball}/transactions?teamId=${f.teamId}`),
  'POST /api/v1/leagues/{id}/teams/{teamId}/adds': {
    path: (f) => `/api/v1/leagues/${f.baseball}/teams/${f.teamId}/adds`, body: (f) => ({ playerId: f.freePlayer }), expect: MANAGER_WRITE, league: 'write',
  },
  'POST /api/v1/leagues/{id}/teams/{teamId}/drops': {
    path: (f) => `/api/v1/leagues/${f.baseball}/teams/${f.teamId}/drops`, body: (f) => ({ playerId: f.rosteredPlayer }), expect: MANAGER_WRITE, league: 'write',
  },
  'GET /api/v1/leagues/{id}/waivers': read((f) => `/api/v1/leagues/${f.baseball}/waivers`),
  'GET /api/v1/leagues/{id}/waivers/order': read((f) => `/api/v1/leagues/${f.baseball}/waivers/order`),
  'GET /api/v1/leagues/{id}/waivers/runs': read((f) => `/api/v1/leagues/${f.baseball}/waivers/runs`),
  // A read, but of the team's private claims: its manager (and his key) only, even in a public league.
  'GET /api/v1/leagues/{id}/teams/{teamId}/claims': {
    path: (f) => `/api/v1/leagues/${f.baseball}/teams/${f.teamId}/claims`, expect: { ...MANAGER_WRITE, anonymous: 404, apikey: 'ok' }, league: 'write',
  },
  'POST /api/v1/leagues/{id}/teams/{teamId}/claims': {
    path: (f) => `/api/v1/leagues/${f.baseball}/teams/${f.teamId}/claims`, body: (f) => ({ playerId: f.freePlayer }), expect: MANAGER_WRITE, league: 'write',
  },
  'DELETE /api/v1/leagues/{id}/teams/{teamId}/claims/{claimId}': {
    path: (f) => `/api/v1/leagues/${f.baseball}/teams/${f.teamId}/claims/${f.claimId}`, expect: MANAGER_WRITE, league: 'write',
  },
  'POST /api/v1/leagues/{id}/trades': {
    path: (f) => `/api/v1/leagues/${f.baseball}/trades`, body: (f) => ({ teamId: f.otherTeamId, gives: [f.rosteredPlayer] }), expect: MANAGER_WRITE, league: 'write',
  },
  'GET /api/v1/leagues/{id}/trades': read((f) => `/api/v1/leagues/${f.baseball}/trades`),
  'GET /api/v1/leagues/{id}/picks': read((f) => `/api/v1/leagues/${f.baseball}/picks`),
  // The fixture's offer goes to the manager's team: he answers it; its proposer (an unowned team) has nobody to withdraw it.
  ...Object.fromEntries(['accept', 'reject', 'counter'].map((step) => [`POST /api/v1/leagues/{id}/trades/{tradeId}/${step}`, {
    path: (f: Fixture) => `/api/v1/leagues/${f.baseball}/trades/${f.tradeId}/${step}`, body: () => ({}), expect: MANAGER_WRITE, league: 'write' as const,
  }])),
  'POST /api/v1/leagues/{id}/trades/{tradeId}/cancel': {
    path: (f) => `/api/v1/leagues/${f.baseball}/trades/${f.tradeId}/cancel`, expect: { ...MANAGER_WRITE, manager: 403 }, league: 'write',
  },
  // Review: the commissioner's (managers vote only in league-veto leagues; the fixture's reviews by commissioner).
  ...Object.fromEntries(['approve', 'veto'].map((step) => [`POST /api/v1/leagues/{id}/trades/{tradeId}/${step}`, {
    path: (f: Fixture) => `/api/v1/leagues/${f.baseball}/trades/${f.tradeId}/${step}`, expect: COMMISSIONER_WRITE, league: 'write' as const,
  }])),
  'GET /api/v1/leagues/{id}/settings': read((f) => `/api/v1/leagues/${f.baseball}/settings`),
  'PATCH /api/v1/leagues/{id}': {
    path: (f) => `/api/v1/leagues/${f.baseball}`, body: () => ({ settings: { waivers: { periodDays: 3 } } }), expect: COMMISSIONER_WRITE, league: 'write',
  },
  'PATCH /api/v1/leagues/{id}/teams/{teamId}': {
    path: (f) => `/api/v1/leagues/${f.baseball}/teams/${f.otherTeamId}`, body: () => ({ name: 'Matrix renamed' }), expect: COMMISSIONER_WRITE, league: 'write',
  },
  // Last of the league rows: an archived league still answers every rule above as before (authorization first).
  'POST /api/v1/leagues/{id}/archive': { path: (f) => `/api/v1/leagues/${f.football}/archive`, expect: COMMISSIONER_WRITE, league: 'write' },

  'POST /api/v1/ingest': {
    path: () => '/api/v1/ingest',
    body: () => ({ events: [INGEST_EVENT] }),
    expect: ADMIN_ONLY,
  },
  'GET /api/v1/ingest/jobs/{id}': { path: (f) => `/api/v1/ingest/jobs/${f.jobId}`, expect: ADMIN_ONLY },
  'GET /api/v1/ingest/failed': { path: () => '/api/v1/ingest/failed', expect: ADMIN_ONLY },
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('authorization matrix: every route, every kind of caller', () => {
  // Six callers try the same unknown login: past the default failure limit (5), which is not under test here.
  const server = useTestServer({ env: { LOGIN_MAX_FAILURES: '100' }, truncate: 'once' });
  let operations: string[];
  const tokens: Partial<Record<Caller, string>> = {};
  let privateLeagues: Fixture;
  let publicLeagues: Fixture;

  before(async function () {
    this.timeout(60_000);
    await seed(server.app.storage.orm, { withLeagues: false });
    const doc = (await api(server.baseUrl).get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    tokens.admin = await registerAdmin(server);
    tokens.stranger = (await signUp(server.baseUrl, 'stranger')).token;
    privateLeagues = await leagues(server, 'private', tokens.admin);
    publicLeagues = await leagues(server, 'public', tokens.admin);
  });

  it('has a rule for every operation the OpenAPI document lists, and none for a route that is gone', () => {
    assert.ok(operations.length > 30, `the document lists the routes (${operations.length})`);
    assert.deepEqual(operations.filter((op) => !MATRIX[op]), [], 'routes without an authorization rule');
    assert.deepEqual(Object.keys(MATRIX).filter((op) => !operations.includes(op)), [], 'rules for routes that do not exist');
  });

  it('answers each caller of a private league what the rule says', async function () {
    this.timeout(90_000); // every route six times over
    const wrong = await walk(server, tokens, privateLeagues, CALLERS, (row) => row.expect);
    assert.deepEqual(wrong, []);
  });

  it("lets a stranger read a public league's routes but never write them", async () => {
    const wrong = await walk(server, tokens, publicLeagues, ['stranger'], (row) =>
      row.league === 'read' ? { ...row.expect, stranger: 'ok' } : row.league === 'write' ? { ...row.expect, stranger: 403 } : undefined);
    assert.deepEqual(wrong, []);
  });

  it("lets an anonymous caller read a public league's public reads without a token, never write them", async () => {
    const wrong = await walk(server, tokens, publicLeagues, ['anonymous'], (row) =>
      row.league === 'read' ? { ...row.expect, anonymous: row.expect.anonymous === 401 ? 401 : 'ok' }
        : row.league === 'write' ? { ...row.expect, anonymous: 401 } : undefined);
    assert.deepEqual(wrong, []);
  });
});

/** Calls every row as each caller; returns the calls that did not answer as their rule says. */
async function walk(
  server: TestServer, shared: Partial<Record<Caller, string>>, fixture: Fixture, callers: Caller[],
  expectOf: (row: Row) => Record<Caller, Expect> | undefined,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const [operation, row] of Object.entries(MATRIX)) {
    const expect = expectOf(row);
    if (!expect) continue;
    const method = operation.split(' ')[0];
    const tokens = { ...shared, ...fixture.tokens };
    for (const caller of callers) {
      const reply = await api(server.baseUrl, tokens[caller]).raw(method, row.path(fixture), row.body?.(fixture));
      if (!fits(reply, expect[caller])) wrong.push(`${operation} as ${caller}: ${reply.status} (want ${expect[caller]}) ${brief(reply)}`);
    }
  }
  return wrong;
}

function fits(reply: Reply, expect: Expect): boolean {
  if (reply.status >= 500) return false;
  return expect === 'ok' ? ![401, 403, 404].includes(reply.status) : reply.status === expect;
}

const brief = (reply: Reply) => JSON.stringify(reply.body).slice(0, 160);

async function apiKeyOf(client: ReturnType<typeof api>): Promise<string> {
  const created = await client.post('/api/v1/me/api-keys', { name: 'matrix reader' });
  assert.equal(created.status, 201, brief(created));
  return created.body.key;
}

/** A season far ahead (nothing locks during the walk): one regular week and a two-team final. */
const SEASON_BODY = {
  regularWeeks: 1, playoffTeams: 2, playoffWeeks: 1,
  periods: [
    { key: '2099-W01', startsAt: '2099-09-01T12:00:00Z', locksAt: '2099-09-06T17:00:00Z' },
    { key: '2099-W02', startsAt: '2099-09-08T12:00:00Z', locksAt: '2099-09-13T17:00:00Z' },
  ],
};

/** A baseball season far ahead: its games are created only hours before 2099. */
const SCHEDULE_BODY = { startsAt: '2099-04-01T18:00:00Z', gamesPerClub: 2, seriesLength: 1 };

const INGEST_EVENT = { key: 'matrix:2026-W01:qb-01', sport: 'football', playerExternalId: 'football:qb-01', period: '2026-W01', occurredAt: '2026-09-13T20:25:00Z', stats: { passYards: 10 } };

/**
 * A baseball and a football league of the given visibility, run by the matrix's commissioner, in
 * each of which the matrix's manager manages a team, with the objects the routes name.
 */
async function leagues(server: TestServer, visibility: 'public' | 'private', adminToken: string | undefined): Promise<Fixture> {
  const baseball = await baseballLeague(server, { teams: 2, owned: 1 });
  const commish = baseball.commish;
  const manager = baseball.managers[0];
  const created = await commish.client.post('/api/v1/leagues', { name: `Matrix ${visibility}`, sport: 'football', visibility });
  const football = created.body.id as string;
  const footballTeam = await commish.client.post(`/api/v1/leagues/${football}/teams`, { name: 'Manager team', ownerId: manager.userId });
  await commish.client.post(`/api/v1/leagues/${football}/teams`, { name: 'Open team' });
  const season = await commish.client.post(`/api/v1/leagues/${football}/seasons`, SEASON_BODY);
  assert.equal(season.status, 201, brief(season));
  await server.app.storage.orm.em.fork().nativeUpdate(League, { id: baseball.leagueId }, { visibility } as never);
  const draft = await createDraft(commish, football, { type: 'snake', rounds: 1 });
  const gameId = await storedGame(server.app, baseball.leagueId, commish.userId, {
    homeTeamId: baseball.teamIds[0], awayTeamId: baseball.teamIds[1], ai: ['home', 'away'],
  } as never);
  const challenge = await manager.client.post(`/api/v1/leagues/${baseball.leagueId}/games`, {
    homeTeamId: baseball.teamIds[0], awayTeamId: baseball.teamIds[1], scheduledAt: '2099-04-01T18:00:00Z',
  });
  assert.equal(challenge.body.status, 'proposed', brief(challenge));
  const schedule = await commish.client.post(`/api/v1/leagues/${baseball.leagueId}/baseball/schedule`, SCHEDULE_BODY);
  assert.equal(schedule.status, 201, brief(schedule));
  const em = server.app.storage.orm.em.fork();
  const rostered = await em.find(RosterEntry, { team: baseball.teamIds[0] }, { limit: 1 });
  const taken = new Set((await em.find(RosterEntry, {})).map((r) => r.player));
  const free = (await em.find(Player, { sport: 'baseball' })).find((p) => !taken.has(p.id));
  const footballPlayer = await em.findOneOrFail(Player, { externalId: INGEST_EVENT.playerExternalId });
  const { tradeId, claimId } = await transactionFixtures(server, baseball.leagueId, baseball.teamIds, manager.userId, free!.id);
  const ingest = await api(server.baseUrl, adminToken).post('/api/v1/ingest', { events: [INGEST_EVENT] });
  assert.equal(ingest.status, 202, brief(ingest));
  const race = await api(server.baseUrl, adminToken).post('/api/v1/f1/races', {
    season: 2099, round: visibility === 'public' ? 1 : 2, name: `${visibility} Matrix Grand Prix`, circuit: 'Matrix Ring', country: 'Nowhere', startsAt: '2099-06-07T14:00:00Z',
  });
  assert.equal(race.status, 201, brief(race));
  return {
    football, footballTeamId: footballTeam.body.id, baseball: baseball.leagueId, draftId: draft.id, gameId, challengeId: challenge.body.id,
    scheduledGameId: schedule.body.games[0].id,
    teamId: baseball.teamIds[0], otherTeamId: baseball.teamIds[1],
    tokens: { commissioner: commish.token, manager: manager.token, apikey: await apiKeyOf(manager.client) },
    rosteredPlayer: rostered[0].player, freePlayer: free!.id, footballPlayer: footballPlayer.id, jobId: ingest.body.jobId, raceId: race.body.id,
    tradeId, claimId,
  };
}

/** An offer from the unowned team to the manager's (one of its players for nothing), and a pending claim of the manager's team. */
async function transactionFixtures(server: TestServer, leagueId: string, [managed, open]: string[], managerId: string, playerId: string) {
  const em = server.app.storage.orm.em.fork();
  const [given] = await em.find(RosterEntry, { team: open }, { limit: 1 });
  const trade = em.create(Trade, {
    league: leagueId, fromTeam: open, toTeam: managed, gives: [given.player], gets: [], fromDrops: [], toDrops: [], vetoes: [], createdBy: managerId,
  });
  em.create(WaiverPlayer, { league: leagueId, player: playerId, fromTeam: open, clearsAt: new Date(Date.UTC(2099, 0, 1)) });
  const claim = em.create(WaiverClaim, { league: leagueId, team: managed, player: playerId, createdBy: managerId });
  await em.flush();
  return { tradeId: trade.id, claimId: claim.id };
}
