import { z } from 'zod';
import type { DefenseDecision, OffenseDecision } from '../../src/baseball/types.ts';
import { chat, id } from '../base/messages.ts';
import type { Decision } from '../../src/baseball/live.ts';

/**
 * Every message a baseball room accepts (PROTOCOL.md "Baseball room"); `{}` is "no change, play on".
 * Bases and fielding positions are only shaped here (a whole number, a short name): which ones are
 * legal is the rules' to say, with INVALID_BASE and INVALID_POSITION as PROTOCOL lists them.
 */
const base = z.number().int();
const position = z.string().min(1).max(8);

/** The last play the client has seen (PROTOCOL.md): another one is refused with STALE. */
const play = z.number().int().min(0).optional();

const defense = z.object({
  play,
  infieldIn: z.boolean().optional(),
  holdRunners: z.boolean().optional(),
  intentionalWalk: z.boolean().optional(),
  pitcher: id.optional(),
  fielders: z.record(position, id).optional(),
  doubleSwitch: id.optional(),
}).strict();

const offense = z.object({
  play,
  /** The base to steal: 2 (the runner on 1st goes) or 3 (the runner on 2nd goes). */
  steal: base.optional(),
  bunt: z.boolean().optional(),
  hitAndRun: z.boolean().optional(),
  pinchHitter: id.optional(),
  pinchRunner: z.object({ base, playerId: id }).strict().optional(),
}).strict();

export const baseballMessages = {
  defense,
  offense,
  chat,
};

/** The engine's decisions from the messages (a missing field is "no"; the engine names steals by the base left). */
export function toDefense({ play, ...input }: z.infer<typeof defense>): Decision<DefenseDecision> {
  return { play, decision: dropUndefined({ ...input, fielders: input.fielders as DefenseDecision['fielders'] }) };
}

export function toOffense({ play, steal, pinchRunner, ...rest }: z.infer<typeof offense>): Decision<OffenseDecision> {
  // Bases unchecked here: the rules refuse any but 1st-3rd (INVALID_BASE).
  const runner = pinchRunner as OffenseDecision['pinchRunner'];
  return { play, decision: dropUndefined({ ...rest, pinchRunner: runner, steal: steal === undefined ? undefined : (steal - 1) as 1 | 2 }) };
}

/** Decisions are stored in the log: no undefined keys (they would not survive JSON anyway). */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
