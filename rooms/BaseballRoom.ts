import { ServerError, type AuthContext } from '@colyseus/core';
import type { GameConfig } from '../src/baseball/config.ts';
import * as live from '../src/baseball/live.ts';
import type { LiveContext, LiveEvent, LiveGame } from '../src/baseball/live.ts';
import { gameProjections } from '../src/baseball/projections.ts';
import { gameContextOf, loadGameForRoom } from '../src/baseball/service.ts';
import { isFarOff } from '../src/baseball/opening.ts';
import type { GameContext, Play, Side } from '../src/baseball/types.ts';
import type { Projection } from '../src/db/event-store.ts';
import { DiceStream } from '../src/dice/verifiable.ts';
import { ruleError } from '../src/rules/rule-error.ts';
import { enqueueStandings } from '../src/standings/snapshot.ts';
import { BaseballRoomState } from '../schema/BaseballRoomState.ts';
import { StreamRoom, type Scheduled } from './base/StreamRoom.ts';
import type { Seat } from './base/seat.ts';
import { admitToGame } from './base/streams.ts';
import { baseballMessages as m, toDefense, toOffense } from './baseball/messages.ts';
import { gameJoinOptions } from './base/messages.ts';
import { MEMBERS } from './base/roles.ts';
import { createBaseballState, syncBaseballState, type LastPlay } from './baseball/sync.ts';

/** Statuses whose game has a room; proposed and declined challenges have none. */
const PLAYABLE: string[] = ['scheduled', 'live', 'final'];

/**
 * A live baseball game (PROTOCOL.md "Baseball room"). Each plate appearance waits for the
 * fielding side's decision, then the batting side's, then rolls the game's verifiable dice; the
 * StreamRoom base stores the play (with its dice) before anyone sees it. AI sides and absent
 * managers are decided for by the room's clock, so a game plays to the end with nobody watching.
 */
export class BaseballRoom extends StreamRoom<BaseballRoomState, LiveGame, LiveEvent, LiveContext> {
  private config!: GameConfig;
  private game!: GameContext;
  private seed = '';
  private names = new Map<string, string>();
  private plays: Play[] = [];
  private last?: LastPlay;
  /** Whether the game was final at the last sync; undefined before the first (a restored final game is no news). */
  private wasFinal?: boolean;

  /** Seats a join at matchmaking, before a room is found or opened for it (rooms/base/admission.ts). */
  static override onAuth(token: string, options: unknown, _context: AuthContext): Promise<Seat> {
    return admitToGame(token, options);
  }

  override async onCreate(options: unknown): Promise<void> {
    const parsed = gameJoinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(400, 'gameId must be a game id');
    const loaded = await loadGameForRoom(this.services.orm.em.fork(), parsed.data.gameId);
    if (!loaded) throw new ServerError(404, 'No such game');
    // A challenge is played only once accepted: before that (or once declined) it has no room.
    if (!PLAYABLE.includes(loaded.game.status)) throw new ServerError(409, `This game is ${loaded.game.status}: it is not played`);
    this.config = loaded.config;
    this.seed = loaded.seed;
    this.game = gameContextOf(loaded.config);
    for (const side of ['away', 'home'] as const) for (const p of loaded.config[side].players) this.names.set(p.id, p.name);
    await this.restore(loaded.game.id, live.initialLive(loaded.config));
    this.setState(createBaseballState(loaded.config));
    this.setLeague(loaded.game.league, { gameId: loaded.game.id });
    this.registerActions();
    this.begin();
    this.sync(this.rules);
  }

  /**
   * A far-off game's room (opened by a join) closes with its last client; once the game is near
   * it stays open for its first pitch. Checked with every tick, as time alone makes a game near.
   */
  protected override periodic(): void {
    this.keepOpenWhenNear();
  }

  /** Final games and far-off ones close when their last client leaves; others play on with nobody in. */
  private keepOpenWhenNear(): void {
    const farOff = this.rules.status === 'scheduled' && isFarOff(this.config.startAt, this.services.now());
    this.autoDispose = this.rules.status === 'final' || farOff;
  }

  private registerActions(): void {
    this.teamAction('defense', m.defense, (input, teamId, seat) => this.run(seat, (ctx) => {
      const side = this.sideOf(teamId);
      return side ? live.decideDefense(this.rules, side, toDefense(input), ctx) : notPlaying();
    }));
    this.teamAction('offense', m.offense, (input, teamId, seat) => this.run(seat, (ctx) => {
      const side = this.sideOf(teamId);
      return side ? live.decideOffense(this.rules, side, toOffense(input), ctx) : notPlaying();
    }));
    this.action('chat', m.chat, MEMBERS, (input, seat) => this.chat(input.text, seat));
  }

  /** The side a team plays in this game, if any. */
  private sideOf(teamId: string): Side | null {
    if (teamId === this.config.away.teamId) return 'away';
    if (teamId === this.config.home.teamId) return 'home';
    return null;
  }

  protected fold(state: LiveGame, events: LiveEvent[]): LiveGame {
    return live.replayLive(state, events);
  }

  protected projections(events: LiveEvent[], before: LiveGame, after: LiveGame, at: Date): Projection[] {
    return gameProjections(before, after, [...this.plays, ...live.playsOf(events)], at);
  }

  protected override appended(events: LiveEvent[]): void {
    for (const event of events) {
      if (event.type !== 'turn') continue;
      const plays = live.playsOf([event]);
      this.plays.push(...plays);
      if (plays.length > 0) this.last = { play: plays[plays.length - 1], at: event.at };
    }
  }

  protected sync(state: LiveGame): void {
    syncBaseballState(this.state, state, this.names, this.last, this.seed);
    // A game in progress keeps its room open with nobody in it (its clock plays on); a final one
    // closes when the last watcher leaves.
    this.keepOpenWhenNear();
    if (state.status === 'final' && this.wasFinal === false) {
      // Committed final: the league's standings snapshot is recomputed in the background.
      enqueueStandings(this.services.jobs, this.leagueId).catch((error) => this.log.error({ err: error }, 'standings job not added'));
    }
    this.wasFinal = state.status === 'final';
  }

  /** A scheduled game starts at its time (or at once); a live one waits for the awaited side's clock. */
  /** The game's dice are positioned at the next roll: a retried turn rolls the same dice again. */
  protected context(now: number): LiveContext {
    return { now, dice: new DiceStream(this.seed, this.config.gameId, this.rules.rolls), game: this.game };
  }

  protected scheduled(): Scheduled<LiveEvent, LiveContext> | null {
    if (this.rules.status === 'scheduled') {
      return { type: 'start', at: this.config.startAt, decide: (ctx) => live.start(this.rules, ctx) };
    }
    if (this.rules.status !== 'live') return null;
    return { type: 'expire', at: this.rules.deadline, decide: (ctx) => live.expire(this.rules, ctx) };
  }

  protected syncedTeam(teamId: string) {
    return this.state.lineups.find((l) => l.id === teamId);
  }

  protected answer() {
    return { awaiting: this.rules.awaiting, play: this.plays.at(-1)?.number ?? 0 };
  }
}

function notPlaying() {
  return ruleError('NOT_IN_GAME', 'your team is not playing in this game');
}
