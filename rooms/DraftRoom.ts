import { ServerError, type AuthContext } from '@colyseus/core';
import * as rules from '../src/draft/index.ts';
import type { DraftEvent, DraftState } from '../src/draft/index.ts';
import { loadDraftForRoom } from '../src/draft/service.ts';
import { draftRoomReads } from '../src/draft/room-reads.ts';
import { projectionsFor } from '../src/draft/projections.ts';
import { racePicksWriter, racePool } from '../src/f1/race-picks.ts';
import { raceLockAt } from '../src/f1/calendar.ts';
import type { Projection } from '../src/db/event-store.ts';
import type { PoolContext } from '../src/rules/outcome.ts';
import type { Pool } from '../src/draft/types.ts';
import { DraftRoomState, type DraftTeamState } from '../schema/DraftRoomState.ts';
import { StreamRoom, type Scheduled } from './base/StreamRoom.ts';
import type { Seat } from './base/seat.ts';
import { admitToDraft } from './base/streams.ts';
import { draftMessages as m } from './draft/messages.ts';
import { draftJoinOptions } from './base/messages.ts';
import { COMMISSIONER, MEMBERS } from './base/roles.ts';
import { createDraftState, syncDraftState } from './draft/sync.ts';
import { notifyOnTheClock, type OnTheClock } from '../src/notifications/drafts.ts';
import { ON_THE_CLOCK_GRACE_AT_OPEN_MS, ON_THE_CLOCK_GRACE_MS } from './draft/on-the-clock-grace.ts';

/**
 * A live draft (PROTOCOL.md "Draft room"). Translates messages into rule calls; the StreamRoom
 * base persists the events before applying them and runs the pick clock.
 */
export class DraftRoom extends StreamRoom<DraftRoomState, DraftState, DraftEvent, PoolContext> {
  /** Every player of the sport, by id: what the rules pick from. */
  private pool: Pool = new Map();
  /** Unowned teams of a mock draft (`bots: true`), picked for by the server. */
  private bots: string[] = [];
  /** When a scheduled draft starts by itself (epoch ms); 0 when only the commissioner starts it. */
  private scheduledAt = 0;
  /** An F1 race draft: its race, and when it locks (epoch ms; the draft is finished by autopick then). */
  private race: { id: string; lockAt: number } | null = null;
  /** Each team's manager (user id), told when his team is on the clock and he is not here. */
  private owners = new Map<string, string>();
  /** The pending check whether the manager on the clock for `pick` is still away (tellAwayManagerSoon). */
  private awayCheck?: { pick: number; timer: NodeJS.Timeout };
  /** The rules' state the synced state was last synced from (sync skips what it still shares). */
  private synced?: DraftState;
  /** The synced teams by id (the list is fixed once the state is made): no walk through the schema array per pick. */
  private teamsById = new Map<string, DraftTeamState>();

  /** Seats a join at matchmaking, before a room is found or opened for it (rooms/base/admission.ts). */
  static override onAuth(token: string, options: unknown, _context: AuthContext): Promise<Seat> {
    return admitToDraft(token, options);
  }

  override async onCreate(options: unknown): Promise<void> {
    const parsed = draftJoinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(400, 'draftId must be a draft id');
    const loaded = await loadDraftForRoom(this.services.orm, parsed.data.draftId);
    if (!loaded) throw new ServerError(404, 'No such draft');
    const { race } = loaded.draft;
    if (race) {
      // An EntityManager only where one is read with (~50 µs a fork: 500 rooms opening after a restart).
      const em = this.services.orm.em.fork();
      this.pool = await racePool(em, loaded.draft, loaded.pool);
      this.race = { id: race, lockAt: await raceLockAt(em, race) };
    } else {
      this.pool = loaded.pool;
    }
    await this.restore(loaded.draft.id, rules.initialState(loaded.config));
    this.setState(createDraftState(this.rules, loaded.teams));
    this.teamsById = new Map(this.state.teams.map((team) => [team.id, team]));
    this.synced = this.rules;
    this.setLeague(loaded.draft.league, { draftId: loaded.draft.id });
    this.owners = ownersOf(loaded.teams);
    this.bots = loaded.draft.bots ? loaded.teams.filter((t) => !t.ownerId).map((t) => t.id) : [];
    this.scheduledAt = loaded.draft.scheduledAt?.getTime() ?? 0;
    await this.setMetadata({ draftId: loaded.draft.id });
    this.registerActions();
    this.begin();
    this.keepOpenWhileRacing();
    this.tellAwayManagerSoon(ON_THE_CLOCK_GRACE_AT_OPEN_MS);
  }

  /** A race draft runs with nobody in the room (absent managers are autopicked) until it is complete. */
  private keepOpenWhileRacing(): void {
    this.autoDispose = !this.race || this.rules.status === 'complete';
  }

  protected override periodic(): void {
    this.keepOpenWhileRacing();
  }

  /**
   * The race of this draft locks at `lockAt` (src/jobs/race-drafts.ts calls it, from any process,
   * at the lock, when the race moved and with each sweep): the clock re-arms. Arming it again for
   * the same time is harmless: a second lock, start or expiry finds nothing left to do.
   */
  raceLocked(lockAt: number): void {
    if (!this.race) return;
    this.race.lockAt = lockAt;
    this.afterChange();
  }

  private registerActions(): void {
    this.teamAction('pick', m.pick, (input, teamId, seat) =>
      this.run(seat, (ctx) => rules.pick(this.rules, { teamId, playerId: input.playerId, pick: input.pick }, ctx)));
    this.teamAction('queue', m.queue, (input, teamId, seat) =>
      this.run(seat, (ctx) => rules.setQueue(this.rules, { teamId, playerIds: input.playerIds }, ctx)));
    this.teamAction('autopick', m.autopick, (input, teamId, seat) =>
      this.run(seat, () => rules.setAutopick(this.rules, { teamId, enabled: input.enabled })));
    this.action('chat', m.chat, MEMBERS, (input, seat) => this.chat(input.text, seat));
    this.action('start', m.start, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => this.startWithBots(ctx)));
    this.action('pause', m.pause, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.pause(this.rules, ctx)));
    this.action('resume', m.resume, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.resume(this.rules, ctx)));
    this.action('undo', m.undo, COMMISSIONER, (_input, seat) => this.run(seat, (ctx) => rules.undo(this.rules, ctx)));
    this.action('pickFor', m.pickFor, COMMISSIONER, (input, seat) =>
      this.run(seat, (ctx) => rules.pick(this.rules, { teamId: input.teamId, playerId: input.playerId }, ctx)));
    this.action('setAutopick', m.setAutopick, COMMISSIONER, (input, seat) =>
      this.run(seat, () => rules.setAutopick(this.rules, input)));
  }

  private startWithBots(ctx: PoolContext): rules.Outcome {
    const started = rules.start(this.rules, ctx);
    if (rules.isRuleError(started)) return started;
    const botsOn: DraftEvent[] = this.bots
      .filter((teamId) => !this.rules.autopick.includes(teamId))
      .map((teamId) => ({ type: 'autopickSet', teamId, enabled: true }));
    return { events: [...botsOn, ...started.events] };
  }

  /**
   * After a pick (or the start) puts a team on the clock: its manager, when none of his clients is
   * in this room, gets an onTheClock notification (src/notifications/). Not for a team on autopick
   * (the server picks for it at once). Off the action queue: a notification never holds up a pick.
   */
  protected override committed(): void {
    this.tellAwayManagerSoon(ON_THE_CLOCK_GRACE_MS);
  }

  /**
   * Tells the manager on the clock, if he is still away `graceMs` from now and the same pick is still
   * his. A client that dropped for a moment (a page reload, a lost connection, a server restart) sees
   * the clock itself once back, and gets no notice for it. Also armed when the room opens, with a
   * longer grace: a pick committed just before a crash is announced once the room is back (the notice
   * is kept once per draft and pick, so one already sent is not sent again). A plain timer, not the
   * room's clock: a room whose last client left is disposed, and the manager away is still owed his notice.
   */
  private tellAwayManagerSoon(graceMs: number): void {
    const pick = this.rules.currentPick;
    // A commit that leaves the same pick on the clock (a queue edit) keeps the check already armed.
    if (this.awayCheck?.pick === pick) return;
    clearTimeout(this.awayCheck?.timer);
    this.awayCheck = undefined;
    if (!this.awayOnClock()) return;
    const timer = setTimeout(() => {
      this.awayCheck = undefined;
      const clock = this.rules.currentPick === pick ? this.awayOnClock() : null;
      if (!clock) return;
      const failed = (error: unknown) => this.log.warn({ err: error, roomId: this.roomId, userId: clock.userId }, 'on-the-clock notification not sent');
      // Guarded whole: the timer may fire after the room, or the process's database, has closed.
      try {
        notifyOnTheClock(this.services.orm.em.fork(), clock).catch(failed);
      } catch (error) {
        failed(error);
      }
    }, graceMs).unref();
    this.awayCheck = { pick, timer };
  }

  /** The league gave a team to another manager: the on-the-clock notices go to whoever manages it now. */
  protected override seatsChanged(): void {
    draftRoomReads(this.services.orm).teams(this.leagueId)
      .then((teams) => { this.owners = ownersOf(teams.map((team) => ({ id: team.id, ownerId: team.owner }))); })
      .catch((error: unknown) => this.log.error({ err: error, roomId: this.roomId }, 'reading the managers again failed'));
  }

  /** The clock to tell the manager on it about, or null when he is here, on autopick, or nobody is on it. */
  private awayOnClock(): OnTheClock | null {
    const teamId = rules.teamOnClock(this.rules);
    const userId = teamId ? this.owners.get(teamId) : undefined;
    if (this.rules.status !== 'live' || !teamId || !userId || this.rules.autopick.includes(teamId)) return null;
    if (this.syncedTeam(teamId)?.connected) return null;
    return { leagueId: this.leagueId, draftId: this.stream, teamId, userId, pick: this.rules.currentPick, deadline: this.rules.deadline };
  }

  protected fold(state: DraftState, events: DraftEvent[]): DraftState {
    return rules.replay(state, events);
  }

  protected projections(events: DraftEvent[], before: DraftState, after: DraftState, at: Date): Projection[] {
    const rosters = this.race ? racePicksWriter(this.leagueId, this.race.id) : undefined;
    return projectionsFor(this.stream, events, before, after, at, rosters);
  }

  protected sync(state: DraftState): boolean {
    const queuesChanged = syncDraftState(this.state, state, this.synced);
    this.synced = state;
    return queuesChanged;
  }

  /**
   * A scheduled draft starts at its scheduledAt (src/jobs/scheduled-drafts.ts opens the room then).
   * A team on autopick is picked for at once; otherwise the clock runs out at the deadline.
   */
  protected context(now: number): PoolContext {
    return { now, pool: this.pool };
  }

  /** What the clock does next; a race draft's lock comes first when it is due before that. */
  protected scheduled(): Scheduled<DraftEvent, PoolContext> | null {
    const next = this.nextOnClock();
    const lockAt = this.race?.lockAt ?? 0;
    if (lockAt === 0 || this.rules.status === 'complete' || (next !== null && next.at < lockAt)) return next;
    return { type: 'lock', at: lockAt, decide: (ctx) => rules.finishByAutopick(this.rules, ctx) };
  }

  private nextOnClock(): Scheduled<DraftEvent, PoolContext> | null {
    if (this.rules.status === 'scheduled' && this.scheduledAt > 0) {
      return { type: 'start', at: this.scheduledAt, decide: (ctx) => this.startWithBots(ctx) };
    }
    if (this.rules.status !== 'live') return null;
    // A log from before skips existed may leave a team on the clock with nothing to draft.
    if (rules.isStuck(this.rules, { pool: this.pool })) {
      return { type: 'skip', at: 0, decide: (ctx) => rules.skipIfStuck(this.rules, ctx) };
    }
    const onClock = rules.teamOnClock(this.rules);
    if (onClock && this.rules.autopick.includes(onClock)) {
      return { type: 'autopick', at: 0, decide: (ctx) => rules.autopickIfDue(this.rules, ctx) };
    }
    if (this.rules.deadline === 0) return null;
    return { type: 'expire', at: this.rules.deadline, decide: (ctx) => rules.expire(this.rules, ctx) };
  }

  protected syncedTeam(teamId: string) {
    return this.teamsById.get(teamId);
  }

  protected answer() {
    return { currentPick: this.rules.currentPick };
  }
}

/** Each managed team's manager, by team id. */
function ownersOf(teams: ReadonlyArray<{ id: string; ownerId: string | null }>): Map<string, string> {
  return new Map(teams.flatMap((team) => (team.ownerId ? [[team.id, team.ownerId] as const] : [])));
}
