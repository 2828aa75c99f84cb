import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { schema, t, type SchemaType } from '@colyseus/schema';
import { z } from 'zod';
import type { AuthContext } from '@colyseus/core';
import { LeagueRoom } from '../../../rooms/base/LeagueRoom.ts';
import { admit } from '../../../rooms/base/admission.ts';
import type { Seat, SeatRole } from '../../../rooms/base/seat.ts';
import { League } from '../../../src/db/entities/index.ts';
import { ruleError } from '../../../src/rules/rule-error.ts';

/** The smallest league room there is: a shared counter, enough to exercise LeagueRoom alone. */
export const CounterState = schema({
  count: t.int32().default(0),
  /** One line per applied action: `<username>+<amount>`. */
  log: t.array('string'),
  /** The event stream of this room (random per room), so tests can read it back from the database. */
  stream: t.string(),
}, 'CounterState');
export type CounterState = SchemaType<typeof CounterState>;

/** Handlers wait this long before reading the state, so any interleaving of actions would show. */
const RACE_WINDOW_MS = 5;
/** The amount the rule refuses: proves a RuleError reaches its sender only and changes nothing. */
export const UNLUCKY = 13;

const ACTORS: SeatRole[] = ['manager', 'commissioner'];
const EVERYONE: SeatRole[] = ['manager', 'commissioner', 'spectator'];

const messages = {
  add: z.object({ amount: z.number().int().min(1).max(100) }).strict(),
  fail: z.object({}).strict(),
  whoami: z.object({}).strict(),
};

/** A counter is its own stream: `counterId` (any new uuid makes a new room) in league `leagueId`. */
const joinOptions = z.object({ leagueId: z.uuid(), counterId: z.uuid(), spectate: z.boolean().optional() }).loose();
const admitToCounter = admit({
  options: joinOptions,
  invalid: 'leagueId and counterId must be ids',
  notFound: 'No such league',
  // The counter's stream names its league: the league, when it exists, is the stream's.
  streamOf: ({ leagueId }) => leagueId,
  leaguesOf: async (em, ids) => new Map((await em.find(League, { id: { $in: ids } })).map((league) => [league.id, league.id])),
});

/**
 * Test fixture (register with filterBy(['leagueId', 'counterId'])). Unlike a real room it takes `leagueId`
 * from the join options (real rooms load it from the database, by the stream's id); everything
 * else goes through the LeagueRoom base as a real room would.
 */
export class CounterRoom extends LeagueRoom<CounterState> {
  static override onAuth(token: string, options: unknown, _context: AuthContext): Promise<Seat> {
    return admitToCounter(token, options);
  }

  private seq = 0;
  /** Errors the base routed to onUncaughtException (tests check that crashes were contained here). */
  readonly uncaught: Array<{ message: string; method: string }> = [];

  override onCreate(options: unknown): void {
    const { leagueId, counterId } = joinOptions.parse(options);
    this.setState(new CounterState());
    this.state.stream = randomUUID();
    this.setLeague(leagueId, { leagueId, counterId });

    this.action('add', messages.add, { roles: ACTORS }, async (input, seat) => {
      await delay(RACE_WINDOW_MS);
      if (input.amount === UNLUCKY) return ruleError('UNLUCKY', `${UNLUCKY} is not allowed`);
      const before = this.state.count;
      const seq = this.seq + 1;
      await this.services.store.commit({
        stream: this.state.stream,
        events: [{ seq, type: 'added', payload: { amount: input.amount, before }, actor: seat.userId }],
      });
      this.seq = seq;
      this.state.count = before + input.amount;
      this.state.log.push(`${seat.username}+${input.amount}`);
      return { count: this.state.count };
    });

    // Two events with the same seq in one unit: the unique (stream, seq) constraint refuses the
    // whole transaction, whatever the stream already holds.
    this.action('fail', messages.fail, { roles: ACTORS }, async (_input, seat) => {
      await delay(RACE_WINDOW_MS);
      const seq = this.seq + 1;
      const event = { seq, type: 'added', payload: { amount: 1, before: this.state.count }, actor: seat.userId };
      await this.services.store.commit({ stream: this.state.stream, events: [event, { ...event }] });
      this.seq = seq;
      this.state.count += 1;
      return { count: this.state.count };
    });

    // Who the room seated (not when: decidedAt is matchmaking's clock).
    this.action('whoami', messages.whoami, { roles: EVERYONE }, (_input, { decidedAt: _decidedAt, ...seat }) => seat);

    // Outside the action wrapper: only the room's onUncaughtException stands between these and the process.
    this.onMessage('crash', () => { throw new Error('boom'); });
    this.onMessage('crashLater', () => {
      this.clock.setTimeout(() => { throw new Error('boom later'); }, 10);
    });
  }

  override onUncaughtException(error: Error, method: string): void {
    this.uncaught.push({ message: error.message, method });
    super.onUncaughtException(error, method);
  }
}
