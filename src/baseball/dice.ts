import type { Rng } from '../dice/rng.ts';
import type { DieRoll } from './types.ts';

/**
 * Where the engine's dice come from: live games use the verifiable DiceStream (src/dice/verifiable.ts),
 * simulations and tests a seeded Rng, replays the rolls stored with a play. Rules only ever ask
 * for the next roll, so the same rule code serves all three.
 */
export interface Dice {
  /** The next roll of a die with `sides` faces: 1..sides. */
  next(sides: number): number;
}

/** Dice from an Rng (seeded in tests and simulations). */
export function rngDice(rng: Rng): Dice {
  return { next: (sides) => rng.int(1, sides) };
}

/** Replays stored rolls in order; refuses a roll of another die or past the end (the play changed). */
export function replayDice(rolls: readonly DieRoll[]): Dice {
  let index = 0;
  return {
    next(sides) {
      const roll = rolls[index++];
      if (!roll) throw new Error(`replayDice: no roll left for a d${sides}`);
      if (roll.sides !== sides) throw new Error(`replayDice: roll ${index} is a d${roll.sides}, asked for a d${sides}`);
      return roll.value;
    },
  };
}

/** Fixed rolls for tests, in order, any die (a scripted scenario reads like the dice on the table). */
export function scriptedDice(values: readonly number[]): Dice {
  let index = 0;
  return {
    next(sides) {
      if (index >= values.length) throw new Error(`scriptedDice: no value left for a d${sides}`);
      const value = values[index++];
      if (!Number.isInteger(value) || value < 1 || value > sides) throw new Error(`scriptedDice: ${value} is not a d${sides} roll`);
      return value;
    },
  };
}
