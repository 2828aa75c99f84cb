/**
 * Verifies a final game's dice in the browser, written from docs/PROTOCOL.md "Dice" (not from the
 * server's code): the seed is 64 hex characters whose 32 decoded bytes are both the SHA-256 input
 * (the commitment) and the HMAC-SHA-256 key; roll n's message is the UTF-8 text `${gameId}:${n}`
 * (block k ≥ 1: `${gameId}:${n}:${k}`); the digest is eight big-endian 32-bit words, the first word
 * below 2^32 − (2^32 mod sides) gives 1 + word mod sides, and if none does the next block is tried.
 */
const WORD = 2 ** 32;

export interface RollToCheck { n: number; sides: number; value: number }
export interface DiceReport { commitmentOk: boolean; rolls: number; mismatches: Array<RollToCheck & { expected: number }> }

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('the seed is not 64 hex characters');
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

const toHex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function rollFace(key: CryptoKey, gameId: string, n: number, sides: number): Promise<number> {
  const limit = WORD - (WORD % sides);
  for (let block = 0; ; block++) {
    const message = block === 0 ? `${gameId}:${n}` : `${gameId}:${n}:${block}`;
    const digest = new DataView(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
    for (let offset = 0; offset < 32; offset += 4) {
      const word = digest.getUint32(offset, false);
      if (word < limit) return 1 + (word % sides);
    }
  }
}

/** The plays' dice numbered 0, 1, 2, … in play order, recomputed from the revealed seed. */
export async function verifyDice(seed: string, commitment: string, gameId: string, plays: Array<{ dice: Array<{ sides: number; value: number }> }>): Promise<DiceReport> {
  const seedBytes = hexBytes(seed);
  const commitmentOk = toHex(await crypto.subtle.digest('SHA-256', seedBytes)) === commitment.toLowerCase();
  const key = await crypto.subtle.importKey('raw', seedBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  let n = 0;
  const rolls = plays.flatMap((play) => play.dice.map((d) => ({ n: n++, sides: d.sides, value: d.value })));
  const mismatches: DiceReport['mismatches'] = [];
  for (const roll of rolls) {
    const expected = await rollFace(key, gameId, roll.n, roll.sides);
    if (expected !== roll.value) mismatches.push({ ...roll, expected });
  }
  return { commitmentOk, rolls: rolls.length, mismatches };
}
