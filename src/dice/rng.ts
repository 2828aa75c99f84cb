import { randomInt } from 'node:crypto';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

/**
 * Where randomness comes from. Rules never call Math.random: they receive an Rng,
 * so live play uses a secure source and tests and generators use a seeded one.
 */
export interface Rng {
  /** A uniformly random integer in [min, max], both included. */
  int(min: number, max: number): number;
}

/** Deterministic: the same seed always yields the same sequence (tests, sample data). */
export function seededRng(seed: number): Rng {
  const generator = xoroshiro128plus(seed);
  return { int: (min, max) => uniformInt(generator, min, max) };
}

/** Cryptographically secure and unbiased (node:crypto.randomInt). */
export function secureRng(): Rng {
  return { int: (min, max) => randomInt(min, max + 1) };
}

/** Picks one element uniformly. */
export function pickOne<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pickOne of an empty list');
  return items[rng.int(0, items.length - 1)];
}

/** Fisher-Yates shuffle into a new array. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
