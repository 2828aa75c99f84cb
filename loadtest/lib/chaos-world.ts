/**
 * What `npm run chaos` keeps running across the kills: live drafts (two managers picking, two
 * sleepy ones whose clocks run out), auctions (four bidders), managed baseball games (two managers
 * deciding, sometimes too slowly) and AI-vs-AI games nobody watches. Finished ones are replaced
 * each round, so every round has live rooms. Set up over REST; every seat is a FailoverSeat.
 */
import { Api, newRunId, type User } from './rest.ts';
import type { Rng } from '../../src/dice/rng.ts';
import { FailoverSeat } from './chaos-seat.ts';
import { auctionBot, botAttach, draftBot, gameBot, type BotContext, type Item, type Kind } from './chaos-bots.ts';

export interface Population { drafts: number; auctions: number; games: number; aiGames: number }

/** Position caps no bot reaches: the draft and auction bots pick by rank only. */
const OPEN_CAPS = { maxPerPosition: { QB: 40, RB: 40, WR: 40, TE: 40, K: 40, DEF: 40 } };
const MANAGERS = 4;
/**
 * Clocks of a few seconds (a failover takes about one; on a loaded box up to 4): a kill often lands
 * while one runs, and the rebuilt room either shows the same deadline or ran it out during the failover.
 * The bots are sometimes slower than the clock (chaos-bots.ts), so clocks run out every round.
 */
const DRAFT = { type: 'snake', rounds: 12, pickSeconds: 6, rosterRules: OPEN_CAPS };
const AUCTION = { type: 'auction', budget: 200, rosterSlots: 6, nominationSeconds: 5, bidSeconds: 5, resetFloorSeconds: 2, rosterRules: OPEN_CAPS };
const MANAGED_GAME = { decisionSeconds: 6, pace: 0.3 };
const AI_GAME = { pace: 0.25 };

export class World {
  readonly items: Item[] = [];
  /** Finished items, replaced by new ones: still checked at the end. */
  readonly retired: Item[] = [];
  private readonly api: () => Api;
  private readonly servers: () => string[];
  private readonly population: Population;
  private readonly ctx: BotContext;
  private runId = newRunId();
  private commish!: User;
  private managers: User[] = [];
  private managedLeague = { id: '', teams: [] as string[] };
  private aiLeague = { id: '', teams: [] as string[] };

  /** `api`: a REST client on a live process; `servers`: every process's base URL. */
  constructor(api: () => Api, servers: () => string[], population: Population, rng: Rng) {
    this.api = api;
    this.servers = servers;
    this.population = population;
    this.ctx = { pool: [], rng };
  }

  async setup(): Promise<void> {
    const api = this.api();
    this.commish = await api.register(`${this.runId}c`);
    for (let i = 0; i < MANAGERS; i++) this.managers.push(await api.register(`${this.runId}m${i}`));
    this.ctx.pool = (await api.players('football', this.commish.token)).map((p) => p.id);
    this.managedLeague = await baseballLeague(api, this.commish.token, `${this.runId} managed`, this.managers.slice(0, 2));
    this.aiLeague = await baseballLeague(api, this.commish.token, `${this.runId} ai`, []);
  }

  /** Drops finished items and creates new ones until the population is there, every seat joined. */
  async replenish(): Promise<void> {
    // Nobody watches the AI games: REST tells whether they are over.
    for (const item of this.items.filter((i) => i.kind === 'ai-game')) {
      const game = await this.api().rest('GET', `/api/v1/games/${item.id}`, this.commish.token);
      item.last = { position: '', deadline: 0, entries: [], progress: game.plays.length, done: game.status === 'final' };
    }
    for (const item of this.items.filter((i) => i.last?.done)) {
      this.items.splice(this.items.indexOf(item), 1);
      this.retired.push(item);
      await Promise.all(item.seats.map((seat) => seat.close()));
    }
    const wanted: Array<[Kind, number]> = [['draft', this.population.drafts], ['auction', this.population.auctions],
      ['game', this.population.games], ['ai-game', this.population.aiGames]];
    const creating: Promise<void>[] = [];
    for (const [kind, count] of wanted) {
      for (let n = this.items.filter((i) => i.kind === kind).length; n < count; n++) creating.push(this.create(kind));
    }
    await Promise.all(creating);
  }

  /** The commissioner's token: REST reads of every item. */
  get token(): string {
    return this.commish.token;
  }

  async close(): Promise<void> {
    await Promise.all(this.items.flatMap((item) => item.seats.map((seat) => seat.close())));
  }

  private async create(kind: Kind): Promise<void> {
    const api = this.api();
    const token = this.commish.token;
    if (kind === 'game' || kind === 'ai-game') {
      const league = kind === 'game' ? this.managedLeague : this.aiLeague;
      const body = { homeTeamId: league.teams[0], awayTeamId: league.teams[1], ...(kind === 'game' ? MANAGED_GAME : AI_GAME) };
      const game = await api.rest('POST', `/api/v1/leagues/${league.id}/games`, token, body);
      const item = newItem(kind, game.id, 'baseball');
      this.items.push(item);
      if (kind === 'game') await this.seat(item, this.managers.slice(0, 2), (i) => gameBot(item, league.teams[i], this.ctx), { gameId: game.id });
      return;
    }
    const league = await api.rest('POST', '/api/v1/leagues', token, { name: `${this.runId} ${kind} ${this.items.length}`, sport: 'football' });
    const teams: string[] = [];
    for (const [i, manager] of this.managers.entries()) {
      teams.push((await api.rest('POST', `/api/v1/leagues/${league.id}/teams`, token, { name: `Chaos ${i + 1}`, ownerId: manager.userId })).id);
    }
    const draft = await api.rest('POST', `/api/v1/leagues/${league.id}/drafts`, token, { ...(kind === 'draft' ? DRAFT : AUCTION), order: teams });
    const item = newItem(kind, draft.id, kind === 'draft' ? 'draft' : 'auction');
    this.items.push(item);
    await this.seat(item, this.managers, (i) => (kind === 'draft' ? draftBot(item, teams[i], i >= 2, this.ctx) : auctionBot(item, teams[i], this.ctx)), { draftId: draft.id });
    // The commissioner starts it and leaves; the managers' seats are in the room by then.
    const starter = new FailoverSeat({ servers: this.servers, token, roomName: item.roomName, joinOptions: { draftId: draft.id }, attach: () => undefined });
    await starter.join();
    await starter.room!.request('start', {});
    await starter.close();
  }

  private async seat(item: Item, users: User[], bot: (i: number) => ReturnType<typeof draftBot>, joinOptions: Record<string, unknown>): Promise<void> {
    users.forEach((user, i) => item.seats.push(new FailoverSeat({
      servers: this.servers, token: user.token, roomName: item.roomName, joinOptions, attach: botAttach(item, i, bot(i)),
    })));
    await Promise.all(item.seats.map((seat) => seat.join()));
  }
}

/** A baseball league of two teams rostered with the first two sample clubs; `owners` manage them (none: AI-vs-AI). */
export async function baseballLeague(api: Api, token: string, name: string, owners: User[] = []): Promise<{ id: string; teams: string[] }> {
  const pool: Array<{ id: string; team: string }> = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: Array<{ id: string; team: string }>; nextCursor: string | null } = await api.rest('GET',
      `/api/v1/players?sport=baseball&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    pool.push(...page.items);
    cursor = page.nextCursor;
  }
  const league = await api.rest('POST', '/api/v1/leagues', token, { name, sport: 'baseball' });
  const teams: string[] = [];
  for (const [i, club] of [...new Set(pool.map((p) => p.team))].sort().slice(0, 2).entries()) {
    const team = await api.rest('POST', `/api/v1/leagues/${league.id}/teams`, token, { name: `Club ${club}`, ownerId: owners[i]?.userId });
    await api.rest('POST', `/api/v1/leagues/${league.id}/teams/${team.id}/players`, token, { playerIds: pool.filter((p) => p.team === club).map((p) => p.id) });
    teams.push(team.id);
  }
  return { id: league.id, teams };
}

function newItem(kind: Kind, id: string, roomName: Item['roomName']): Item {
  return { kind, id, roomName, seats: [], acks: [], plays: new Map() };
}
