import { ServerError, type AuthContext } from '@colyseus/core';
import type { GameConfig } from '../src/baseball/config.ts';
import * as live from '../src/baseball/live.ts';
import * as lifecycle from '../src/baseball/lifecycle.ts';
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

/** Statuses whose game has a room; proposed and declined challenges and cancelled games have none. */
const PLAYABLE: string[] = ['scheduled', 'live', 'suspended', 'final'];
/** Statuses in which the room closes with its last client: nothing runs on its clock. */
const IDLE: string[] = ['final', 'cancelled', 'suspended'];

/** A command from REST (src/baseball/game-commands.ts), run by the room that holds the game's log. */
export type GameCommand = { kind: 'cancel' } | { kind: 'postpone'; startAt: number } | { kind: 'forfeit'; side: Side }
  | { kind: 'resume'; by: lifecycle.Resumer };
export type GameCommandReply = { ok: true; status: string } | { ok: false; code: string; message: string };

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
  /** Since when (epoch ms) no manager of the game has been in the room; null while one is. */
  private absentSince: number | null = null;

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
    this.absentSince = this.services.now();
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

  /** Final, cancelled, suspended, far-off and waiting games close when their last client leaves; others play on with nobody in. */
  private keepOpenWhenNear(statusChanged = false): void {
    const now = this.services.now();
    const scheduled = this.rules.status === 'scheduled';
    const farOff = scheduled && isFarOff(this.rules.startAt, now);
    // Waiting for its managers with no first pitch set: nothing runs on the clock until they join.
    const waiting = scheduled && lifecycle.startTime(this.rules, this.present(), now) === null;
    const idle = IDLE.includes(this.rules.status);
    // Just ended, cancelled or suspended: an empty room closes now (the setter re-arms Colyseus'
    // one-second dispose timer only when the flag changes).
    if (idle && statusChanged && this.autoDispose && this.clients.length === 0) this.autoDispose = false;
    this.autoDispose = idle || farOff || waiting;
  }

  /** The sides whose manager is in the room now (presence, kept by the base room). */
  private present(): Set<Side> {
    return new Set(this.state.lineups.filter((l) => l.connected).map((l) => l.side as Side));
  }

  /** A manager came or went: the game may start, resume, or start counting towards abandonment. */
  protected override presenceChanged(): void {
    // Any manager of the game counts, one whose side the AI plays for now too: he is back, not away.
    const anyIn = (['away', 'home'] as const).some((side) => !this.config[side].ai && this.present().has(side));
    if (anyIn) this.absentSince = null;
    else this.absentSince ??= this.services.now();
    this.afterChange();
  }

  /**
   * A lifecycle command from REST (cancel, postpone, forfeit, resume: src/baseball/game-commands.ts),
   * reached through matchMaker.remoteRoomCall on whichever process holds the room. Answers the
   * new status or the rule's refusal as plain data (it crosses processes as JSON).
   */
  async command(command: GameCommand): Promise<GameCommandReply> {
    const result = await this.system(command.kind, () => this.run(null, (ctx) => {
      switch (command.kind) {
        case 'cancel': return lifecycle.cancel(this.rules, ctx);
        case 'postpone': return lifecycle.postpone(this.rules, command.startAt, ctx);
        case 'forfeit': return lifecycle.forfeit(this.rules, command.side, ctx);
        // Presence is the room's: the sides whose managers are away go to the AI (named in the event).
        case 'resume': return lifecycle.resumeNow(this.rules, this.present(), command.by, ctx);
      }
    }));
    if (result && typeof result === 'object' && 'code' in result) {
      const refused = result as { code: string; message: string };
      return { ok: false, code: refused.code, message: refused.message };
    }
    if (!result) return { ok: false, code: 'RETRY', message: 'the game could not be stored just now; try again' };
    return { ok: true, status: this.rules.status };
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
    const statusBefore = this.state.status;
    syncBaseballState(this.state, state, this.names, this.last, this.seed);
    // A game in progress keeps its room open with nobody in it (its clock plays on); a final one
    // closes when the last watcher leaves.
    this.keepOpenWhenNear(statusBefore !== state.status);
    if (state.status === 'final' && this.wasFinal === false) {
      // Committed final: the league's standings snapshot is recomputed in the background.
      enqueueStandings(this.services.jobs, this.leagueId).catch((error) => this.log.error({ err: error }, 'standings job not added'));
    }
    this.wasFinal = state.status === 'final';
  }

  /** The game's dice are positioned at the next roll: a retried turn rolls the same dice again. */
  protected context(now: number): LiveContext {
    return { now, dice: new DiceStream(this.seed, this.config.gameId, this.rules.rolls), game: this.game };
  }

  /**
   * Pregame: the game starts when its managers are in (or at its first pitch; lifecycle.ts). A
   * suspended game resumes when they are back (or on command, `command`); a manager back in a game the AI plays for him takes
   * his side back. A live one waits for the awaited side's clock, or is abandoned first when every
   * manager has been away for its idle time.
   */
  protected scheduled(): Scheduled<LiveEvent, LiveContext> | null {
    const now = this.services.now();
    if (this.rules.status === 'scheduled') {
      const at = lifecycle.startTime(this.rules, this.present(), now);
      return at === null ? null : { type: 'start', at, decide: (ctx) => live.start(this.rules, ctx) };
    }
    if (this.rules.status === 'suspended') {
      const at = lifecycle.resumeTime(this.rules, this.present(), now);
      return at === null ? null : { type: 'resume', at, decide: (ctx) => lifecycle.resume(this.rules, this.present(), ctx) };
    }
    if (this.rules.status !== 'live') return null;
    // A manager back in a game the AI plays for him takes his side back at once.
    const back = lifecycle.reclaimingSide(this.rules, this.present());
    if (back) return { type: 'reclaim', at: now, decide: (ctx) => lifecycle.reclaim(this.rules, back, this.present(), ctx) };
    const abandonAt = this.absentSince === null ? null : lifecycle.abandonTime(this.rules, this.present(), this.absentSince);
    if (abandonAt !== null && abandonAt < this.rules.deadline) {
      return { type: 'abandon', at: abandonAt, decide: (ctx) => lifecycle.abandon(this.rules, this.present(), this.absentSince ?? ctx.now, ctx) };
    }
    const turn = live.turnOf(this.rules);
    return { type: 'expire', at: this.rules.deadline, decide: (ctx) => live.expire(this.rules, ctx, turn) };
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
