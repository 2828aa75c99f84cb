import assert from 'node:assert/strict';
import { currentRace } from '../../src/league-live/race-board.ts';

describe("League room: an F1 league's current race (pure)", () => {
  const at = (minutes: number) => new Date(Date.UTC(2034, 4, 1) + minutes * 60_000).toISOString();
  const races = [
    { id: 'r1', round: 1, name: 'One', period: 'one-2034', startsAt: at(60), locksAt: at(0), scored: false },
    { id: 'r2', round: 2, name: 'Two', period: 'two-2034', startsAt: at(1060), locksAt: at(1000), scored: false },
    { id: 'r3', round: 3, name: 'Three', period: 'three-2034', startsAt: at(2060), locksAt: at(2000), scored: false },
  ];
  const now = (minutes: number) => Date.parse(at(minutes));

  it('is none before the first lock, then the last race whose lock has passed', () => {
    assert.equal(currentRace(races, now(-1)), null);
    assert.equal(currentRace(races, now(0))?.id, 'r1', 'at the lock itself');
    assert.equal(currentRace(races, now(1500))?.id, 'r2');
    assert.equal(currentRace(races, now(5000))?.id, 'r3');
  });

  it('is a later race as soon as it has a scored result, even before its lock', () => {
    const scoredEarly = races.map((r) => (r.id === 'r3' ? { ...r, scored: true } : r));
    assert.equal(currentRace(scoredEarly, now(10))?.id, 'r3');
    // An older race scored late does not move it back.
    const lateOld = races.map((r) => (r.id === 'r1' ? { ...r, scored: true } : r));
    assert.equal(currentRace(lateOld, now(1500))?.id, 'r2');
  });
});
