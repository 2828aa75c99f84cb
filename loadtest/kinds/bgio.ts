/**
 * The peer: the draft's load against boardgame.io 0.50.2 (loadtest/peer/bgio-server.ts, started
 * by `--peer bgio` or by hand with `npm run peer:bgio`). The same rooms × clients, rounds, think
 * time and pick choice (best-ranked player that fits the roster, from the same football pool) as
 * the draft kind; latency measured the same way: a picker's send → each OTHER client of the match
 * first seeing the pick. One boardgame.io client (its own socket.io WebSocket) per team.
 *
 * Setup: each match is created through boardgame.io's lobby API (`POST /games/snake-draft/create`)
 * and every team joins it (`.../join`, credentials checked on every move); a match starts at once,
 * so bots wait for the measured phase before the first pick. boardgame.io has no request/reply: a
 * refused move is dropped silently, so there is no ack latency, and a bot whose pick was not seen
 * within RETRY_MS picks again.
 */
import { Client, SocketIO } from '../peer/bgio.ts';
import { bestAvailable, GAME_NAME, SnakeDraft, type PeerDraft } from '../peer/bgio-game.ts';
import { Api, pool } from '../lib/rest.ts';
import { Recorder } from '../lib/part.ts';
import { closeAll } from '../lib/league-rooms.ts';
import { afterThinkTime, sleep } from '../lib/stats.ts';
import { draftKind, type DraftOptions } from './draft.ts';
import type { Kind, KindRun } from './kind.ts';

/** A pick not seen by its own client after this long is sent again. */
const RETRY_MS = 2000;
/** How long setup waits for every client's first sync. */
const SYNC_TIMEOUT_MS = 60_000;

type BgioClient = ReturnType<typeof Client<PeerDraft>>;
interface BgioState { G: PeerDraft; ctx: { currentPlayer: string; gameover?: unknown }; isConnected: boolean }

interface Match {
  id: string;
  bots: Bot[];
  /** performance.now() of the latest send for each overall pick, and who sent it. */
  sentAt: Map<number, { at: number; bot: Bot }>;
  picksSeen: number;
}

interface Shared { options: DraftOptions; recorder: Recorder; running: boolean }

class Bot {
  seen = 0;
  complete = false;
  synced = false;
  private trying = 0;
  private retryTimer?: NodeJS.Timeout;
  readonly client: BgioClient;
  private readonly match: Match;
  private readonly shared: Shared;
  private readonly seat: string;

  constructor(client: BgioClient, match: Match, shared: Shared, seat: string) {
    this.client = client;
    this.match = match;
    this.shared = shared;
    this.seat = seat;
    client.subscribe((state) => this.onState(state as unknown as BgioState | null));
  }

  /** Looks at the current state again (the measured phase just began). */
  poke(): void {
    this.onState(this.client.getState() as unknown as BgioState | null);
  }

  private onState(state: BgioState | null): void {
    if (!state) return;
    if (state.isConnected) this.synced = true;
    else if (this.synced && this.shared.running && !this.complete) this.shared.recorder.countError('DISCONNECTED');
    const now = performance.now();
    const picks = state.G.picks.length;
    while (this.seen < picks) {
      this.seen++;
      const sent = this.match.sentAt.get(this.seen);
      if (sent && sent.bot !== this) this.shared.recorder.seen(sent.at, now);
    }
    if (picks > this.match.picksSeen) this.match.picksSeen = picks;
    if (state.ctx.gameover) this.complete = true;
    this.maybePick(state);
  }

  private maybePick(state: BgioState): void {
    if (!this.shared.running || state.ctx.gameover || state.ctx.currentPlayer !== this.seat) return;
    const overall = state.G.picks.length + 1;
    if (this.trying === overall) return;
    this.trying = overall;
    afterThinkTime(this.shared.options.pickDelayMs, this.shared.options.pickJitterMs, () => this.pick(overall));
  }

  private pick(overall: number): void {
    const state = this.client.getState() as unknown as BgioState | null;
    if (!this.shared.running || !state || state.G.picks.length + 1 !== overall) return;
    const player = bestAvailable(state.G.picks, this.seat);
    if (!player) {
      this.shared.recorder.countError('NO_PLAYER_FITS');
      return;
    }
    this.match.sentAt.set(overall, { at: performance.now(), bot: this });
    this.client.moves.pick(player.id, overall);
    // A refused move is dropped without a word: if the board has not moved on, try again.
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.seen >= overall || !this.shared.running) return;
      this.shared.recorder.countError('NOT_SEEN_RETRIED');
      this.trying = 0;
      this.poke();
    }, RETRY_MS);
  }

  async close(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.client.stop();
  }
}

function run(baseUrl: string, rooms: number, options: DraftOptions): KindRun {
  const shared: Shared = { options, recorder: new Recorder(), running: false };
  const api = new Api(baseUrl);
  let matches: Match[] = [];
  const openMatch = async (): Promise<Match | null> => {
    try {
      const { matchID } = await api.rest<{ matchID: string }>('POST', `/games/${GAME_NAME}/create`, undefined, { numPlayers: options.teams, setupData: { rounds: options.rounds } });
      const match: Match = { id: matchID, bots: [], sentAt: new Map(), picksSeen: 0 };
      for (let seat = 0; seat < options.teams; seat++) {
        const playerID = String(seat);
        const { playerCredentials } = await api.rest<{ playerCredentials: string }>('POST', `/games/${GAME_NAME}/${matchID}/join`, undefined, { playerID, playerName: `Bot ${seat + 1}` });
        const client = Client<PeerDraft>({
          game: SnakeDraft, numPlayers: options.teams, matchID, playerID, credentials: playerCredentials, debug: false,
          // Its own WebSocket per client, as every Colyseus client has; no long-polling first.
          multiplayer: SocketIO({ server: baseUrl, socketOpts: { transports: ['websocket'], forceNew: true } }),
        });
        match.bots.push(new Bot(client, match, shared, playerID));
        client.start();
      }
      return match;
    } catch (error) {
      shared.recorder.countError(`SETUP:${(error as Error).message.slice(0, 60)}`);
      return null;
    }
  };
  const picksSeen = () => matches.reduce((total, m) => total + m.picksSeen, 0);
  return {
    recorder: shared.recorder,
    async setup() {
      const opened = await pool(Array.from({ length: rooms }), options.setupConcurrency, openMatch);
      const deadline = Date.now() + SYNC_TIMEOUT_MS;
      const all = opened.filter((m): m is Match => m !== null);
      while (Date.now() < deadline && !all.every((m) => m.bots.every((b) => b.synced))) await sleep(100);
      matches = all.filter((m) => m.bots.every((b) => b.synced));
      if (matches.length < all.length) shared.recorder.countError('NOT_SYNCED');
      return { rooms: matches.length, clients: matches.length * options.teams };
    },
    async start() {
      shared.running = true;
      const startedAt = Date.now();
      for (const match of matches) for (const bot of match.bots) bot.poke();
      return startedAt;
    },
    done: () => matches.every((m) => m.bots.every((b) => b.complete)),
    actionsSoFar: picksSeen,
    async finish() {
      shared.running = false;
      await closeAll(matches.flatMap((m) => m.bots));
      shared.recorder.count('picksExpected', matches.length * options.teams * options.rounds);
      return {
        roomsComplete: matches.filter((m) => m.bots.some((b) => b.complete)).length,
        actions: picksSeen(),
        roomIds: matches.map((m) => m.id),
      };
    },
  };
}

/** The draft's options and report; only the server and its clients differ. */
export const bgioKind: Kind<DraftOptions> = {
  room: 'bgio',
  action: 'picks',
  durationS: draftKind.durationS,
  warmup: true,
  options: draftKind.options,
  parse: draftKind.parse,
  run,
  report: draftKind.report,
};
