import { ServerError, type AuthContext } from '@colyseus/core';
import { z } from 'zod';
import { AppError } from '../src/errors.ts';
import { isRuleError, ruleError } from '../src/rules/rule-error.ts';
import { changeLineup } from '../src/season/lineup-service.ts';
import { MAX_PERIODS, lineupStarters } from '../src/season/settings.ts';
import { League } from '../src/db/entities/index.ts';
import { liveScoreboard, type LatestLine } from '../src/league-live/scoreboard.ts';
import { seasonMatchupSource } from '../src/league-live/season-matchups.ts';
import { liveRaceBoard } from '../src/league-live/race-board.ts';
import { liveReads } from '../src/league-live/live-reads.ts';
import { leagueTopic, type LeagueLiveEvent } from '../src/live/publisher.ts';
import { LeagueLiveRoomState, LeagueRaceState } from '../schema/LeagueLiveRoomState.ts';
import { LeagueRoom, refuseIfClosing, type SeatClient } from './base/LeagueRoom.ts';
import { MAX_TIMER_MS, PATCH_ONLY_ON_CHANGE, RECONNECT_SECONDS } from './base/StreamRoom.ts';
import type { Seat } from './base/seat.ts';
import { leagueJoinOptions } from './base/messages.ts';
import { admitToLeague } from './base/streams.ts';
import { roomServices } from './base/services.ts';
import { syncLeagueLive } from './league-live/sync.ts';
import { syncRaceBoard } from './league-live/race-sync.ts';
import { listenForNotifications, stopListeningForNotifications } from './league-live/notifications.ts';

/** A lineup over the room: the body of PUT …/lineup, and the period (default the current one). */
const lineupMessage = z.strictObject({
  period: z.number().int().min(1).max(MAX_PERIODS).optional(),
  starters: lineupStarters,
});

/**
 * A league's live room (PROTOCOL.md "League room"): the current period's matchups and every
 * team's live points, and the user's notifications as they happen. One per league cluster-wide
 * (joinOrCreate opens it through the matchmaking lock). It writes nothing: the database is the
 * truth, the state a cache reloaded whenever a job publishes that the league's scores changed,
 * from whichever process the job ran in (Redis presence).
 */
export class LeagueLiveRoom extends LeagueRoom<LeagueLiveRoomState> {
  /** The room reads the league's scores and matchups from the database. */
  protected override readonly services = roomServices();
  /** The latest scores change heard (epoch ms); the state shows it once reloaded. */
  private heardAt = 0;
  /** The latest scored stat line shown, or what a score job says is newer; null: look it up on the next reload. */
  private latest: LatestLine | null = null;
  /** The last reload looked the latest line up and the league had none: the first line a job announces is the latest. */
  private noneScored = false;
  /** A reload is running; `again` asks for one more after it (changes heard meanwhile). */
  private reloading?: Promise<void>;
  private again = false;
  /** F1 race weekends: a reload at the next race's lock, when the current race moves on by itself. */
  private raceTimer?: ReturnType<typeof setTimeout>;
  /** The lock the last timer fired for: a clock that has not passed it yet (a test's fixed clock) does not loop. */
  private firedForLock: number | null = null;
  /** The clients of this room, whose notifications subscriptions end with the room. */
  private readonly listening = new Set<SeatClient>();
  private readonly onLeagueEvent = (event: LeagueLiveEvent) => {
    if (event?.type === 'scores') this.scoresChanged(Number(event.at) || this.services.now(), event.latest ?? null);
    if (event?.type === 'transaction') {
      // Every client hears what the trade or waiver run did; the rosters shown change with it.
      this.broadcast('transaction', event.notice);
      this.scoresChanged(Number(event.at) || this.services.now(), this.latest);
    }
  };

  /** Seats a join at matchmaking (rooms/base/admission.ts): members, and anyone who may see a public league. */
  static override onAuth(token: string, options: unknown, _context: AuthContext): Promise<Seat> {
    return admitToLeague(token, options);
  }

  override async onCreate(options: unknown): Promise<void> {
    const parsed = leagueJoinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(400, 'leagueId must be a league id');
    const league = await this.services.orm.em.fork().findOne(League, { id: parsed.data.leagueId });
    if (!league) throw new ServerError(404, 'No such league');
    refuseIfClosing();
    this.setState(new LeagueLiveRoomState({ leagueId: league.id, name: league.name, sport: league.sport, period: '', rulesVersion: 0, scoredAt: 0, race: new LeagueRaceState() }));
    this.setLeague(league.id, { leagueId: league.id });
    await this.setMetadata({ leagueId: league.id });
    // Listening before the first load: a change committed while it runs is heard, not lost.
    await this.presence.subscribe(leagueTopic(league.id), this.onLeagueEvent);
    await this.reload();
    // The same rule and code path as PUT /leagues/:id/teams/:teamId/lineup (src/season/lineup-service.ts).
    this.teamAction('lineup', lineupMessage, (input, teamId, seat) => this.setLineup(input, teamId, seat.userId));
    this.autoDispose = true;
    // No patch tick: a reload sends its patch itself.
    this.patchRate = PATCH_ONLY_ON_CHANGE;
  }

  /**
   * Coalesces: however many changes arrive during a reload, one more reload follows it. The period
   * shown moves to a newer line's; a change that says nothing of its lines (a rescore) makes the
   * next reload look the period up.
   */
  private scoresChanged(at: number, latest: LatestLine | null): void {
    this.heardAt = Math.max(this.heardAt, at);
    if (!latest) {
      this.latest = null;
      this.noneScored = false;
    } else if (this.latest ? latest.occurredAt >= this.latest.occurredAt : this.noneScored) this.latest = latest;
    if (this.reloading) {
      this.again = true;
      return;
    }
    this.reloading = this.reloadWhileChanged().finally(() => { this.reloading = undefined; });
  }

  private async reloadWhileChanged(): Promise<void> {
    do {
      this.again = false;
      await this.system('reload', () => this.reload());
    } while (this.again && !this.closing);
  }

  /** Reads the scoreboard and the matchups afresh and sends what changed. */
  private async reload(): Promise<void> {
    const heard = this.heardAt;
    const em = this.services.orm.em.fork();
    const used = this.latest;
    // Read together with every other room of this process reloading now (src/league-live/live-reads.ts).
    const reads = liveReads(this.services.orm);
    const [scoreboard, facts] = await Promise.all([liveScoreboard(em, this.leagueId, used, reads), reads.facts(this.leagueId)]);
    // A change heard meanwhile (a newer line, or a rescore) stands: the reload it asked for uses it.
    if (this.latest === used) {
      this.latest = scoreboard.latest;
      this.noneScored = used === null && scoreboard.latest === null;
    }
    const matchups = await seasonMatchupSource(em, this.leagueId, scoreboard, facts?.hasSeason);
    const race = await liveRaceBoard(em, this.leagueId, this.services.now(), facts?.hasRaces);
    syncLeagueLive(this.state, scoreboard, matchups);
    syncRaceBoard(this.state, race);
    this.reloadAtLock(race?.nextLockAt ?? null);
    this.state.scoredAt = heard;
    this.broadcastPatch();
  }

  /** The next race's lock makes it the current race: reload then, as for a change heard (scoredAt stays). */
  private reloadAtLock(at: number | null): void {
    clearTimeout(this.raceTimer);
    this.raceTimer = undefined;
    if (at === null || at === this.firedForLock || this.closing) return;
    // A Node timer waits at most 2^31 - 1 ms (~24.8 days): a farther lock is looked at again then.
    const wait = Math.min(Math.max(0, at - this.services.now()), MAX_TIMER_MS);
    this.raceTimer = setTimeout(() => {
      if (wait < MAX_TIMER_MS) this.firedForLock = at;
      this.scoresChanged(this.heardAt, this.latest);
    }, wait);
  }

  /** A refusal the REST route would answer with a 4xx (no season, not his team) is the sender's coded error here. */
  private async setLineup(input: z.infer<typeof lineupMessage>, teamId: string, userId: string): Promise<unknown> {
    try {
      const result = await changeLineup(this.services.orm.em.fork(), { leagueId: this.leagueId, teamId, userId, period: input.period, starters: input.starters, now: this.services.now() });
      if (!isRuleError(result)) this.scoresChanged(this.services.now(), this.latest);
      return result;
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return ruleError(error.code, error.message);
      throw error;
    }
  }

  /** The user's new notifications reach his clients in this room, and only them (hidden from everyone else). */
  override onJoin(client: SeatClient, options?: Record<string, unknown>): void {
    super.onJoin(client, options);
    this.listen(client);
  }

  private listen(client: SeatClient): void {
    this.listening.add(client);
    listenForNotifications(this.presence, client)
      .catch((error) => this.log.error({ err: error, roomId: this.roomId, userId: client.auth?.userId }, 'notifications subscription failed'));
  }

  /**
   * A dropped client keeps its place (and its notifications subscription) while it may reconnect;
   * the client that comes back listens in its stead (Colyseus gives it a new Client object).
   */
  override async onDrop(client: SeatClient): Promise<void> {
    const back = await this.holdSeat(client, RECONNECT_SECONDS);
    if (back) this.listen(back);
    this.stopListening(client);
  }

  override onLeave(client: SeatClient): void {
    this.stopListening(client);
  }

  private stopListening(client: SeatClient): void {
    this.listening.delete(client);
    stopListeningForNotifications(this.presence, client);
  }

  override async onDispose(): Promise<void> {
    if (this.leagueId) this.presence.unsubscribe(leagueTopic(this.leagueId), this.onLeagueEvent);
    clearTimeout(this.raceTimer);
    for (const client of [...this.listening]) this.stopListening(client);
    await this.reloading;
    await super.onDispose();
  }
}
