import assert from 'node:assert/strict';
import fc from 'fast-check';
import { meetings, roundRobin } from '../../src/season/schedule.ts';

const teams = (n: number) => Array.from({ length: n }, (_, i) => `t${String(i).padStart(2, '0')}`);

describe('season schedule: balanced round robin', () => {
  it('every pair meets ⌊N/(T−1)⌋ or ⌈N/(T−1)⌉ times and every team plays once a week (even T)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 }).map((h) => h * 2), fc.integer({ min: 1, max: 30 }), (t, weeks) => {
      const schedule = roundRobin(teams(t), weeks);
      assert.equal(schedule.length, weeks);
      for (const week of schedule) {
        const playing = week.flatMap((p) => [p.home, p.away]);
        assert.equal(playing.length, t);
        assert.equal(new Set(playing).size, t, 'a team twice in one week');
        assert.ok(playing.every((id) => id !== null), 'no byes with an even count');
      }
      const counts = meetings(schedule);
      const low = Math.floor(weeks / (t - 1));
      const high = Math.ceil(weeks / (t - 1));
      for (let a = 0; a < t; a++) {
        for (let b = a + 1; b < t; b++) {
          const n = counts.get(`${teams(t)[a]}|${teams(t)[b]}`) ?? 0;
          assert.ok(n === low || n === high, `pair ${a}-${b} met ${n} times over ${weeks} weeks (want ${low}..${high})`);
        }
      }
    }));
  });

  it('odd team counts: one bye a week, byes spread evenly, pairs balanced over T-week cycles', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }).map((h) => h * 2 + 1), fc.integer({ min: 1, max: 30 }), (t, weeks) => {
      const schedule = roundRobin(teams(t), weeks);
      const byes = new Map<string, number>();
      for (const week of schedule) {
        const resting = week.filter((p) => p.away === null);
        assert.equal(resting.length, 1);
        byes.set(resting[0].home, (byes.get(resting[0].home) ?? 0) + 1);
        assert.equal(new Set(week.flatMap((p) => [p.home, p.away]).filter(Boolean)).size, t);
      }
      const perTeam = teams(t).map((id) => byes.get(id) ?? 0);
      assert.ok(Math.max(...perTeam) - Math.min(...perTeam) <= 1, `byes ${perTeam}`);
      const counts = meetings(schedule);
      for (const n of counts.values()) assert.ok(n >= Math.floor(weeks / t) && n <= Math.ceil(weeks / t));
    }));
  });

  it('home and away games differ by at most one per cycle for each team', () => {
    const schedule = roundRobin(teams(12), 22);
    for (const id of teams(12)) {
      const home = schedule.flat().filter((p) => p.home === id).length;
      const away = schedule.flat().filter((p) => p.away === id).length;
      assert.ok(Math.abs(home - away) <= 2, `${id}: ${home} home, ${away} away`);
    }
  });

  it('refuses a league of one team', () => {
    assert.throws(() => roundRobin(['solo'], 3), /two teams/);
  });
});
