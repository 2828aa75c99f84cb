import assert from 'node:assert/strict';
import { generateFootballPlayers } from '../../src/seed/football.ts';
import { weekFeed, weekFixtures } from '../../src/seed/football-feed.ts';
import { statEventInput } from '../../src/scoring/ingest.ts';

const players = generateFootballPlayers();
const sunday = (week: number) => new Date(Date.parse('2026-09-13T00:00:00Z') + (week - 1) * 7 * 86_400_000);

describe('sample football feed generator', () => {
  it('gives each playing club one kickoff in its week, none to clubs on their bye', () => {
    for (let week = 1; week <= 17; week++) {
      const fixtures = weekFixtures(players, week, sunday(week));
      const resting = new Set(players.filter((p) => p.attributes.byeWeek === week).map((p) => p.team));
      const clubs = new Set(players.map((p) => p.team));
      assert.equal(Object.keys(fixtures).length, clubs.size - resting.size, `week ${week}`);
      for (const club of resting) assert.equal(fixtures[club], undefined);
      for (const at of Object.values(fixtures)) {
        const offset = Date.parse(at) - sunday(week).getTime();
        assert.ok(offset >= 17 * 3600_000 && offset < 3 * 86_400_000, 'Sunday afternoon to Monday night');
      }
    }
  });

  it('gives every player of a playing club one valid stat line at his kickoff, the same on every run', () => {
    const fixtures = weekFixtures(players, 6, sunday(6));
    const lines = weekFeed(players, 2026, 6, fixtures);
    assert.deepEqual(weekFeed(players, 2026, 6, fixtures), lines, 'deterministic');
    assert.equal(lines.length, players.filter((p) => fixtures[p.team]).length);
    const teamOf = new Map(players.map((p) => [p.externalId, p.team]));
    for (const line of lines) {
      assert.ok(statEventInput.safeParse(line).success, JSON.stringify(line));
      assert.equal(line.period, '2026-W06');
      assert.equal(line.occurredAt, fixtures[teamOf.get(line.playerExternalId)!]);
    }
    assert.equal(new Set(lines.map((l) => l.key)).size, lines.length);
    assert.notDeepEqual(weekFeed(players, 2026, 7, fixtures).map((l) => l.stats), lines.map((l) => l.stats), 'another week, other stats');
  });
});
