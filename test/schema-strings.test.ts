import assert from 'node:assert/strict';
import { Encoder, Reflection, decode, encode, type Decoder } from '@colyseus/schema';
import { loadTestCollector } from '../src/http/load-gc.ts';
import { DraftPickState, DraftRoomState } from '../schema/DraftRoomState.ts';

/**
 * patches/@colyseus+schema+5.0.34.patch: the decoder builds each string from its code units at once,
 * where it appended one character at a time and every decoded id kept a rope of ~24 cons-strings.
 * Every client (browser, load generator) decodes with it.
 */
describe('schema string decoding (patched)', () => {
  const roundTrip = (value: string) => {
    const bytes: number[] = [];
    const it = { offset: 0 };
    encode.string(bytes as never, value, it);
    const read = { offset: 0 };
    const out = decode.string(Uint8Array.from(bytes), read);
    assert.equal(read.offset, bytes.length, `offset after ${JSON.stringify(value.slice(0, 12))}`);
    return out;
  };

  it('decodes ASCII, accents, CJK, emoji and long strings exactly as written', () => {
    const long = `${'x'.repeat(5000)}é${'😀'.repeat(3000)}`;
    for (const value of ['', 'a', 'live', '4ac37e30-8bd7-49e6-8ab2-7c90daacaa8d', 'Zoë Ångström', '大谷翔平', '😀 𝄞 clef', long]) {
      assert.equal(roundTrip(value), value);
    }
  });

  it('skips the rest of a string at an invalid byte, moving past its length as before', () => {
    const bytes = Uint8Array.from([0x61, 0x62, 0xff, 0x63, 0x64]);
    const it = { offset: 0 };
    const originalError = console.error;
    console.error = () => {};
    try {
      assert.equal(decode.utf8Read(bytes, it, 5), 'ab');
    } finally {
      console.error = originalError;
    }
    assert.equal(it.offset, 5);
  });

  it('keeps a decoded pick small: no rope of one string per character', () => {
    const gc = loadTestCollector();
    const state = new DraftRoomState();
    const encoder = new Encoder(state);
    const clients: Decoder[] = Array.from({ length: 50 }, () => {
      const decoder = Reflection.decode(Reflection.encode(encoder)) as Decoder;
      decoder.decode(encoder.encodeAll());
      return decoder;
    });
    gc();
    const before = process.memoryUsage().heapUsed;
    const picks = 120;
    for (let overall = 1; overall <= picks; overall++) {
      state.picks.push(new DraftPickState({ overall, round: 1, teamId: crypto.randomUUID(), playerId: crypto.randomUUID(), auto: false, keeper: false }));
      state.onClock = crypto.randomUUID();
      const patch = encoder.encode();
      encoder.discardChanges();
      for (const client of clients) client.decode(patch);
    }
    gc();
    const perPick = (process.memoryUsage().heapUsed - before) / (clients.length * picks);
    assert.equal((clients[0].state as DraftRoomState).picks.length, picks);
    // Unpatched: ~1,900 bytes per decoded pick per client (two ids of 36 characters as ropes); patched ~400.
    assert.ok(perPick < 1000, `a decoded pick keeps ${Math.round(perPick)} bytes per client`);
  });
});
