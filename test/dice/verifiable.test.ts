import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { DiceStream, MAX_SIDES, commitment, faceFromDigest, newSeed, roll, verifyRolls } from '../../src/dice/verifiable.ts';

const SEED = 'a1'.repeat(32);

describe('verifiable dice', () => {
  it('draws a fresh 32-byte hex seed each time', () => {
    const a = newSeed();
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(a, newSeed());
  });

  it('commits to the SHA-256 of the seed bytes', () => {
    assert.equal(commitment(SEED), createHash('sha256').update(Buffer.from(SEED, 'hex')).digest('hex'));
    assert.throws(() => commitment('not hex'), /32 bytes/);
  });

  it('is deterministic: the same seed, game and index give the same roll', () => {
    const first = Array.from({ length: 50 }, (_, n) => roll(SEED, 'g1', n, 20));
    assert.deepEqual(Array.from({ length: 50 }, (_, n) => roll(SEED, 'g1', n, 20)), first);
    assert.notDeepEqual(Array.from({ length: 50 }, (_, n) => roll(SEED, 'g2', n, 20)), first, 'another game, other rolls');
    for (const value of first) assert.ok(Number.isInteger(value) && value >= 1 && value <= 20);
  });

  it('is HMAC-SHA256(seed, "gameId:n") read as 32-bit words mapped to 1..sides', () => {
    for (let n = 0; n < 20; n++) {
      const digest = createHmac('sha256', Buffer.from(SEED, 'hex')).update(`g1:${n}`).digest();
      assert.equal(roll(SEED, 'g1', n, 6), faceFromDigest(digest, 6));
    }
  });

  it('rejects words past the last full multiple of sides instead of folding them (no modulo bias)', () => {
    // d6: 2^32 mod 6 = 4, so the top four words 0xFFFFFFFC..0xFFFFFFFF are never used.
    const words = (...values: number[]) => {
      const bytes = Buffer.alloc(4 * values.length);
      values.forEach((v, i) => bytes.writeUInt32BE(v, 4 * i));
      return bytes;
    };
    assert.equal(faceFromDigest(words(0xfffffffb), 6), 1 + (0xfffffffb % 6));
    assert.equal(faceFromDigest(words(0xfffffffc, 0xffffffff, 7), 6), 2, 'skips the rejected words');
    assert.equal(faceFromDigest(words(...new Array(8).fill(0xffffffff)), 6), null, 'all rejected: hash the next block');
    assert.equal(faceFromDigest(words(0xffffffff), 2), 2, 'a power of two rejects nothing');
    assert.throws(() => roll(SEED, 'g1', 0, MAX_SIDES + 1), /sides/);
    assert.throws(() => roll(SEED, 'g1', 0, 1), /sides/);
    assert.throws(() => roll(SEED, 'g1', -1, 6), /whole number/);
  });

  it('gives a fair d6: chi-square over 60,000 rolls', () => {
    const stream = new DiceStream(SEED, 'chi');
    const counts = new Array<number>(7).fill(0);
    const n = 60_000;
    for (let i = 0; i < n; i++) counts[stream.next(6)]++;
    const expected = n / 6;
    const chi = counts.slice(1).reduce((total, c) => total + (c - expected) ** 2 / expected, 0);
    // 5 degrees of freedom: P(chi2 > 20.52) = 0.001.
    assert.ok(chi < 20.52, `chi-square ${chi.toFixed(2)}`);
    assert.equal(stream.n, n);
  });

  it('keeps every roll with its index, and resumes from a stored count', () => {
    const stream = new DiceStream(SEED, 'g1');
    const values = [stream.next(6), stream.next(20), stream.next(6)];
    assert.deepEqual(stream.rolls, [{ n: 0, sides: 6, value: values[0] }, { n: 1, sides: 20, value: values[1] }, { n: 2, sides: 6, value: values[2] }]);
    const resumed = new DiceStream(SEED, 'g1', 1);
    assert.equal(resumed.next(20), values[1]);
    assert.equal(stream.commitment, commitment(SEED));
    assert.equal(stream.reveal(), SEED);
  });

  it('verifies honest rolls and finds tampering', () => {
    const stream = new DiceStream(SEED, 'g1');
    for (let i = 0; i < 30; i++) stream.next(i % 2 ? 20 : 6);
    const rolls = stream.rolls;
    assert.deepEqual(verifyRolls(SEED, commitment(SEED), 'g1', rolls), { ok: true, commitmentOk: true, mismatches: [] });
    const tampered = rolls.map((r) => (r.n === 7 ? { ...r, value: (r.value % r.sides) + 1 } : r));
    const check = verifyRolls(SEED, commitment(SEED), 'g1', tampered);
    assert.equal(check.ok, false);
    assert.deepEqual(check.mismatches.map((m) => [m.n, m.expected]), [[7, rolls[7].value]]);
    const otherSeed = 'b2'.repeat(32);
    const wrongSeed = verifyRolls(otherSeed, commitment(SEED), 'g1', rolls);
    assert.equal(wrongSeed.commitmentOk, false);
    assert.equal(wrongSeed.ok, false);
    assert.equal(verifyRolls(SEED, commitment(SEED), 'g2', rolls).ok, false, 'rolls of another game');
    assert.equal(verifyRolls(SEED, commitment(SEED), 'g1', [{ n: 0, sides: 1, value: 1 }]).ok, false);
  });
});
