/**
 * REST setup shared by the load tests: users, leagues with one team per manager, the player pool.
 * The same managers own one team in every league, so one SDK client per manager serves every room.
 */

export interface User { token: string; userId: string; username: string }

export interface Player { id: string; positions: string[]; rank: number; externalId: string }

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}

/** Fresh per run, short enough for usernames (`<runId>m11` fits the 32-character limit). */
export function newRunId(): string {
  return `lt${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

export class Api {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async rest<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Fails (exit 2 through `fail`) unless /health answers 200. */
  async checkHealth(fail: (message: string) => never): Promise<void> {
    const health = await fetch(`${this.baseUrl}/health`).catch((error: Error) => fail(`cannot reach ${this.baseUrl}: ${error.message}`));
    if (health.status !== 200) fail(`${this.baseUrl}/health answered ${health.status}`);
  }

  async register(username: string): Promise<User> {
    const reply = await this.rest('POST', '/api/v1/auth/register', undefined, { username, password: 'loadtest-password' });
    return { token: reply.token, userId: reply.user.id, username };
  }

  /** The whole pool of a sport, best rank first. */
  async players(sport: string, token: string): Promise<Player[]> {
    const players: Player[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { items: Player[]; nextCursor: string | null } =
        await this.rest('GET', `/api/v1/players?sport=${sport}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
      players.push(...page.items.map(({ id, positions, rank, externalId }) => ({ id, positions, rank, externalId })));
      cursor = page.nextCursor;
    }
    return players.sort((a, b) => a.rank - b.rank);
  }
}

/** 1 commissioner (`<runId>c`) and `teams` managers (`<runId>m<i>`). */
export async function registerUsers(api: Api, runId: string, teams: number, concurrency: number): Promise<{ commish: User; managers: User[] }> {
  const commish = await api.register(`${runId}c`);
  const managers = await pool(Array.from({ length: teams }, (_, i) => i), concurrency, (i) => api.register(`${runId}m${i}`));
  return { commish, managers };
}

export interface NewLeague {
  index: number;
  leagueId: string;
  /** teamId of each manager (by manager index). */
  teamOf: string[];
}

/**
 * `count` football leagues named `<runId> <label> <n>`, each with one team (`Bot <i>`) per manager,
 * then `create` (say the draft) for each; at most `concurrency` leagues are set up at once.
 */
export function createLeagues<T>(
  api: Api,
  options: { runId: string; label: string; count: number; commish: User; managers: User[]; concurrency: number },
  create: (league: NewLeague) => Promise<T>,
): Promise<T[]> {
  const { runId, label, count, commish, managers, concurrency } = options;
  return pool(Array.from({ length: count }, (_, i) => i), concurrency, async (index) => {
    const league = await api.rest('POST', '/api/v1/leagues', commish.token, { name: `${runId} ${label} ${index + 1}`, sport: 'football' });
    const teamOf: string[] = [];
    for (let i = 0; i < managers.length; i++) {
      const team = await api.rest('POST', `/api/v1/leagues/${league.id}/teams`, commish.token, { name: `Bot ${i + 1}`, ownerId: managers[i].userId });
      teamOf.push(team.id);
    }
    return create({ index, leagueId: league.id, teamOf });
  });
}
