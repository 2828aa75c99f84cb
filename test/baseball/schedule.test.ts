import assert from 'node:assert/strict';
import fc from 'fast-check';
import { seriesSchedule } from '../../src/baseball/schedule.ts';

const clubs = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

function perClub(games: ReturnType<typeof seriesSchedule>, ids: string[]) {
  return ids.map((id) => ({
    home: games.filter((g) => g.home === id).length,
    away: games.filter((g) => g.away === id).length,
  }));
}

describe('baseball season schedule: series of a balanced round robin', () => {
  it('gives 8 clubs 162 games each, 81 at home and 81 away, in series of 3 on consecutive days', () => {
    const ids = clubs(8);
    const games = seriesSchedule(ids, { gamesPerClub: 162, seriesLength: 3 });
    assert.equal(games.length, 8 * 162 / 2);
    for (const { home, away } of perClub(games, ids)) {
      assert.deepEqual([home, away], [81, 81]);
    }
    // Every pair meets 7 or 8 series (54 rounds over 7 opponents).
    const series = new Map<string, number>();
    for (const g of games.filter((x) => x.game === 1)) {
      const key = [g.home, g.away].sort().join('|');
      series.set(key, (series.get(key) ?? 0) + 1);
    }
    assert.equal(series.size, 28);
    assert.ok([...series.values()].every((n) => n === 7 || n === 8), [...series.values()].join(','));
    // Nobody plays twice on a day.
    const byDay = new Map<number, string[]>();
    for (const g of games) byDay.set(g.day, [...(byDay.get(g.day) ?? []), g.home, g.away]);
    for (const [day, playing] of byDay) assert.equal(new Set(playing).size, playing.length, `day ${day}`);
    assert.equal(Math.max(...byDay.keys()), 161);
  });

  it('plays every club gamesPerClub games for any even club count and series length, a short last series included', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }).map((n) => n * 2), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 4 }), (n, gamesPerClub, seriesLength) => {
      const ids = clubs(n);
      const games = seriesSchedule(ids, { gamesPerClub, seriesLength });
      for (const { home, away } of perClub(games, ids)) {
        assert.equal(home + away, gamesPerClub);
        // One extra series either way, and the short last series.
        assert.ok(Math.abs(home - away) <= 2 * seriesLength, `home ${home} / away ${away}`);
      }
      const days = new Set(games.map((g) => g.day));
      assert.equal(days.size, gamesPerClub, 'one game a day for everyone');
    }));
  });

  it('rests each club of an odd count one round per cycle', () => {
    const ids = clubs(5);
    const games = seriesSchedule(ids, { gamesPerClub: 30, seriesLength: 3 });
    // 10 rounds, 5 per cycle: each club rests 2 rounds, so plays 8 series = 24 games.
    for (const { home, away } of perClub(games, ids)) assert.equal(home + away, 24);
  });

  it('refuses a season of no games or series of no games', () => {
    assert.throws(() => seriesSchedule(clubs(4), { gamesPerClub: 0, seriesLength: 3 }));
    assert.throws(() => seriesSchedule(clubs(4), { gamesPerClub: 10, seriesLength: 0 }));
  });
});
