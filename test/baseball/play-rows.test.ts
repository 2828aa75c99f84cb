import assert from 'node:assert/strict';
import type { GameConfig } from '../../src/baseball/config.ts';
import { runExpectancy } from '../../src/baseball/expectancy.ts';
import { simulateGame } from '../../src/baseball/game.ts';
import { buildLineup } from '../../src/baseball/lineup.ts';
import type { LiveEvent } from '../../src/baseball/live.ts';
import { playRecord, type PlayRow } from '../../src/baseball/play-rows.ts';
import { seededRng } from '../../src/dice/rng.ts';
import type { LeagueRules } from '../../src/baseball/types.ts';
import { PD, SBA, sampleClubs } from './fixtures.ts';

const clubs = sampleClubs();

/** A simulated game as a room would have logged it (one turn holding every engine event), and its config. */
function loggedGame(rules: LeagueRules, seed: number) {
  const [away, home] = [clubs[seed % clubs.length], clubs[(seed + 1) % clubs.length]];
  const result = simulateGame(home, away, rules, seededRng(seed));
  const side = (club: typeof away) => ({ teamId: club.id, name: club.name ?? club.id, setup: buildLineup(club, rules, 0), players: [...club.players], ai: 'balanced' as const });
  const config: GameConfig = { gameId: 'g', leagueId: 'l', rules, away: side(away), home: side(home), paceMs: 0, decisionMs: 0, startAt: 0, diceCommitment: '' };
  const events: LiveEvent[] = [{ type: 'turn', at: 0, defense: {}, offense: {}, auto: { defense: true, offense: true }, events: result.events, rolls: 0 }];
  return { config, events, result };
}

const bitsOf = (row: PlayRow) => [row.onFirstFinal, row.onSecondFinal, row.onThirdFinal, row.batterFinal]
  .reduce((code: number, final) => (final && final <= 3 ? code | (1 << (final - 1)) : code), 0);

describe('the play record (pure)', () => {
  for (const rules of [SBA, PD]) {
    it(`gives every ${rules.id} play its runners before and after, agreeing with the stored codes and runs`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const { config, events, result } = loggedGame(rules, seed);
        const { plays } = playRecord(config, events);
        assert.equal(plays.length, result.plays.length);
        for (const row of plays) {
          const before = [row.onFirstId, row.onSecondId, row.onThirdId].reduce((code: number, id, i) => (id ? code | (1 << i) : code), 0);
          assert.equal(before, row.onBaseCode, `play ${row.number}: runners before match onBaseCode`);
          // The engine clears the bases with the third out (onBaseCodeAfter 0); the finals keep who was left on.
          const walkOff = row === plays.at(-1); // the runners behind the winning run stop where the game ends
          if (row.outsBefore + row.outs < 3 && !walkOff) assert.equal(bitsOf(row), row.onBaseCodeAfter, `play ${row.number} (${row.code}): finals match onBaseCodeAfter`);
          const scored = [row.onFirstFinal, row.onSecondFinal, row.onThirdFinal, row.batterFinal].filter((f) => f === 4).length;
          assert.equal(scored, row.runs, `play ${row.number} (${row.code}): runners scoring = runs`);
          assert.ok(row.battingOrder >= 1 && row.battingOrder <= 9);
          assert.equal(row.battingTeamId, row.half === 'top' ? config.away.teamId : config.home.teamId);
        }
      }
    });
  }

  it('adds up RE24 over a half-inning to its runs less the run expectancy it started from', () => {
    let halves = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { config, events } = loggedGame(SBA, seed);
      const { plays } = playRecord(config, events);
      const byHalf = new Map<string, PlayRow[]>();
      for (const row of plays) byHalf.set(`${row.inning}${row.half}`, [...(byHalf.get(`${row.inning}${row.half}`) ?? []), row]);
      for (const rows of byHalf.values()) {
        const last = rows.at(-1)!;
        if (last.outsBefore + last.outs < 3) continue; // a walk-off ends the half early
        const sum = rows.reduce((total, row) => total + row.re24, 0);
        const runs = rows.reduce((total, row) => total + row.runs, 0);
        assert.ok(Math.abs(sum - (runs - runExpectancy(0, rows[0].onBaseCode))) < 0.002, `RE24 of a half sums to ${sum}, runs ${runs}`);
        halves++;
      }
    }
    assert.ok(halves > 300);
  });

  it('flags the first play of each half, tied games and the plays that put the batting team ahead', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { config, events, result } = loggedGame(SBA, seed);
      const { plays } = playRecord(config, events);
      plays.forEach((row, i) => {
        const prev = plays[i - 1];
        assert.equal(row.isNewInning, !prev || prev.inning !== row.inning || prev.half !== row.half);
        assert.equal(row.isTied, row.awayScore === row.homeScore);
      });
      const final = result.final;
      const winnerHalf = final.home.runs > final.away.runs ? 'bottom' : 'top';
      const goAheads = plays.filter((row) => row.isGoAhead);
      assert.ok(goAheads.length >= 1, 'the winner took the lead at some play');
      assert.equal(goAheads.at(-1)!.half, winnerHalf, 'the last go-ahead play was the winner\'s');
      for (const row of goAheads) assert.ok(row.runs > 0);
    }
  });

  it('lists every substitution with who came in, for whom, when, and after which play', () => {
    let seen = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { config, events, result } = loggedGame(SBA, seed);
      const { substitutions, plays } = playRecord(config, events);
      const engine = result.events.filter((e) => e.type !== 'play');
      assert.equal(substitutions.length, engine.length);
      for (const sub of substitutions) {
        assert.ok(sub.afterPlay >= 0 && sub.afterPlay <= plays.length);
        assert.notEqual(sub.inId, sub.outId);
        if (sub.kind === 'pitcher') assert.equal(sub.position, 'P');
        if (sub.kind === 'pinchHitter') {
          const next = plays.find((p) => p.number === sub.afterPlay + 1)!;
          assert.equal(next.batterId, sub.inId, 'a pinch hitter bats in the next play');
          assert.equal(next.battingOrder, sub.battingOrder);
        }
        seen++;
      }
    }
    assert.ok(seen > 40, `substitutions seen: ${seen}`);
  });
});
