import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Verifiable dice (DESIGN.md "Dice"). At game start the server draws a secret seed and publishes
 * its commitment, SHA-256(seed). Roll n of a game is HMAC-SHA256(seed, `${gameId}:${n}`) mapped to
 * 1..sides without modulo bias. When the game ends the seed is revealed: anyone can check it
 * against the commitment and recompute every stored roll.
 *
 * The mapping: the HMAC is read as eight big-endian 32-bit words; a word is accepted when it is
 * below the largest multiple of `sides` that fits in 2^32 (so every face has the same number of
 * words) and the roll is 1 + word mod sides. If all eight are rejected (chance < (sides/2^32)^8:
 * never in practice) the next block is HMAC(seed, `${gameId}:${n}:${k}`), k = 1, 2, ...
 */

const SEED_BYTES = 32;
const WORD = 2 ** 32;
/** Dice larger than this are refused: rejection would stop being rare and no game needs them. */
export const MAX_SIDES = 2 ** 16;

/** 32 random bytes, hex. */
export function newSeed(): string {
  return randomBytes(SEED_BYTES).toString('hex');
}

/** SHA-256 of the seed's bytes, hex: published before the first roll. */
export function commitment(seed: string): string {
  return createHash('sha256').update(seedKey(seed)).digest('hex');
}

function seedKey(seed: string): Buffer {
  if (!/^[0-9a-f]{64}$/i.test(seed)) throw new Error('a dice seed is 32 bytes in hex (64 characters)');
  return Buffer.from(seed, 'hex');
}

function checkRoll(n: number, sides: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`roll index must be a whole number >= 0, got ${n}`);
  if (!Number.isInteger(sides) || sides < 2 || sides > MAX_SIDES) throw new Error(`a die has 2..${MAX_SIDES} sides, got ${sides}`);
}

/** Roll n (0-based) of a game with a die of `sides` faces: 1..sides. */
export function roll(seed: string, gameId: string, n: number, sides: number): number {
  checkRoll(n, sides);
  return rollWithKey(seedKey(seed), gameId, n, sides);
}

function rollWithKey(key: Buffer, gameId: string, n: number, sides: number): number {
  for (let block = 0; ; block++) {
    const message = block === 0 ? `${gameId}:${n}` : `${gameId}:${n}:${block}`;
    const face = faceFromDigest(createHmac('sha256', key).update(message).digest(), sides);
    if (face !== null) return face;
  }
}

/**
 * The first 32-bit word of the digest below the largest multiple of `sides` under 2^32, as a face
 * 1..sides; null when every word is rejected (the caller hashes the next block).
 */
export function faceFromDigest(digest: Uint8Array, sides: number): number | null {
  const limit = WORD - (WORD % sides);
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  for (let offset = 0; offset + 4 <= digest.byteLength; offset += 4) {
    const word = view.getUint32(offset);
    if (word < limit) return 1 + (word % sides);
  }
  return null;
}

export interface StoredRoll {
  n: number;
  sides: number;
  value: number;
}

/** A game's dice: `next(sides)` is roll n = 0, 1, 2, ... and every roll is kept for the record. */
export class DiceStream {
  readonly gameId: string;
  readonly commitment: string;
  readonly rolls: StoredRoll[] = [];
  /** The index of the next roll (a resumed game starts at its stored roll count). */
  n: number;
  #key: Buffer;
  #seed: string;

  constructor(seed: string, gameId: string, startAt = 0) {
    this.#key = seedKey(seed);
    this.#seed = seed;
    this.gameId = gameId;
    this.commitment = commitment(seed);
    this.n = startAt;
  }

  next(sides: number): number {
    checkRoll(this.n, sides);
    const value = rollWithKey(this.#key, this.gameId, this.n, sides);
    this.rolls.push({ n: this.n, sides, value });
    this.n++;
    return value;
  }

  /** The seed, for when the game is over: revealing it lets anyone verify every roll. */
  reveal(): string {
    return this.#seed;
  }
}

export interface Verification {
  ok: boolean;
  commitmentOk: boolean;
  mismatches: Array<StoredRoll & { expected: number | null; reason: string }>;
}

/** Checks a revealed seed against its commitment and recomputes every stored roll. */
export function verifyRolls(seed: string, expectedCommitment: string, gameId: string, rolls: readonly StoredRoll[]): Verification {
  let commitmentOk = false;
  try {
    const actual = Buffer.from(commitment(seed), 'hex');
    const claimed = Buffer.from(expectedCommitment, 'hex');
    commitmentOk = claimed.length === actual.length && timingSafeEqual(actual, claimed);
  } catch {
    return { ok: false, commitmentOk: false, mismatches: [] };
  }
  const key = seedKey(seed);
  const mismatches: Verification['mismatches'] = [];
  for (const r of rolls) {
    try {
      checkRoll(r.n, r.sides);
    } catch (error) {
      mismatches.push({ ...r, expected: null, reason: (error as Error).message });
      continue;
    }
    const expected = rollWithKey(key, gameId, r.n, r.sides);
    if (expected !== r.value) mismatches.push({ ...r, expected, reason: `roll ${r.n} (d${r.sides}) is ${expected}, not ${r.value}` });
  }
  return { ok: commitmentOk && mismatches.length === 0, commitmentOk, mismatches };
}
