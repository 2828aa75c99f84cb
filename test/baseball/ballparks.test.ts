import assert from 'node:assert/strict';
import { BALLPARKS, BEFORE_PARKS, NEUTRAL_PARK, ballpark, parkBatting, parkPlayer } from '../../src/baseball/ballparks.ts';
import { homePlayer } from '../../src/baseball/home-field.ts';
import { gameContext, simulateGame } from '../../src/baseball/game.ts';
import { gamePlayer, type Club } from '../../src/baseball/lineup.ts';
import { gameContextOf } from '../../src/baseball/service.ts';
import { expectedRates } from '../../src/baseball/expected.ts';
import { AVERAGE_PITCHER } from '../../src/baseball/norms.ts';
import { NEUTRAL_BALLPARK_RATINGS, batterCardProbabilities, buildBatterCard, buildPitcherCard } from '../../src/baseball/cards.ts';
import { boxScore } from '../../src/baseball/stats.ts';
import { resolvePlateAppearance, resolveStoredPlay } from '../../src/baseball/play.ts';
import { scriptedDice } from '../../src/baseball/dice.ts';
import type { Ballpark } from '../../src/baseball/ballparks.ts';
import type { CardResult } from '../../src/baseball/types.ts';
import type { GameConfig } from '../../src/baseball/config.ts';
import { buildLineup } from '../../src/baseball/lineup.ts';
import { seededRng } from '../../src/dice/rng.ts';
import { createHash } from 'node:crypto';
import { BATTER_ROLL, PD, SBA, Scenario, bases, sampleClubs } from './fixtures.ts';

const clubs = sampleClubs();
const AVERAGE_PITCHER_CARD = buildPitcherCard(AVERAGE_PITCHER);
const hitters = clubs.flatMap((c) => c.players).filter((p) => !p.ratings.pitching);
const park = (id: string) => BALLPARKS.find((p) => p.id === id)!;

describe('ballparks', () => {
  it('has a catalog whose every factor averages 1 and every ballpark rating 10, so a league hosting evenly keeps its rates', () => {
    assert.equal(new Set(BALLPARKS.map((p) => p.id)).size, BALLPARKS.length);
    for (const factor of ['single', 'double', 'triple', 'hr'] as const) {
      const mean = BALLPARKS.reduce((sum, p) => sum + p.factors[factor], 0) / BALLPARKS.length;
      assert.ok(Math.abs(mean - 1) < 1e-9, `${factor} averages ${mean}`);
    }
    for (const rating of ['hr', 'single'] as const) {
      assert.equal(BALLPARKS.reduce((sum, p) => sum + p.bp![rating], 0) / BALLPARKS.length, 10, `BP ${rating} ratings average 10`);
    }
    assert.deepEqual(NEUTRAL_PARK.bp, NEUTRAL_BALLPARK_RATINGS);
    assert.deepEqual(park('thin-air').bp, { hr: 18, single: 20 }, "a hitters' park turns most ballpark results into hits");
    assert.deepEqual(park('deep-center').bp, { hr: 2, single: 6 }, "a pitchers' park few");
    assert.equal(ballpark('thin-air').name, 'Thin Air Field');
    assert.equal(ballpark(null), NEUTRAL_PARK);
    assert.equal(ballpark('no-such-park'), NEUTRAL_PARK);
  });

  it('keeps a card with ballpark results at the expected results of the card without them, in a neutral park', () => {
    for (const hitter of [hitters[0], hitters[7], hitters[20], hitters[33]]) {
      const plain = batterCardProbabilities(hitter.ratings.batting);
      const bp = batterCardProbabilities(hitter.ratings.batting, { ballpark: true });
      const at = (card: Map<CardResult, number>, o: CardResult) => card.get(o) ?? 0;
      assert.ok(at(bp, 'BP-HR') > 0 && at(bp, 'BP-1B') > 0, 'the card carries both ballpark results');
      const half = NEUTRAL_BALLPARK_RATINGS.hr / 20;
      assert.ok(Math.abs(at(bp, 'HR') + half * at(bp, 'BP-HR') - at(plain, 'HR')) < 1e-12, 'homers: sure ones + half the BP HR');
      assert.ok(Math.abs(at(bp, '1B') + half * at(bp, 'BP-1B') - at(plain, '1B')) < 1e-12, 'singles: sure ones + half the BP 1B');
      const flies = (card: Map<CardResult, number>) => at(card, 'FB-A') + at(card, 'FB-B') + at(card, 'FB-C');
      assert.ok(Math.abs(flies(bp) + (1 - half) * (at(bp, 'BP-HR') + at(bp, 'BP-1B')) - flies(plain)) < 1e-12, 'fly outs: the rest');
      for (const o of ['2B', '3B', 'BB', 'HBP', 'K', 'GB-A', 'GB-B', 'GB-C'] as const) assert.equal(at(bp, o), at(plain, o), o);
      // Laid out on the card's rows and d20 splits, each rate stays within that rounding.
      const before = expectedRates(buildBatterCard(hitter.ratings.batting), AVERAGE_PITCHER_CARD);
      const after = expectedRates(buildBatterCard(hitter.ratings.batting, { ballpark: true }), AVERAGE_PITCHER_CARD);
      for (const rate of ['hr', 'single', 'double', 'bb', 'k', 'avg'] as const) {
        assert.ok(Math.abs(after[rate] - before[rate]) < 0.0015, `${rate}: ${before[rate].toFixed(4)} -> ${after[rate].toFixed(4)}`);
      }
    }
  });

  it("moves a hitter's rates against an average pitcher by the park's factors: homers and singles by its ballpark ratings", () => {
    const thinAir = park('thin-air');
    const deep = park('deep-center');
    for (const hitter of [hitters[0], hitters[7], hitters[20]]) {
      const neutral = expectedRates(parkPlayer(hitter, NEUTRAL_PARK, false).battingCard, AVERAGE_PITCHER_CARD);
      for (const inPark of [thinAir, deep]) {
        const rates = expectedRates(parkPlayer(hitter, inPark, false).battingCard, AVERAGE_PITCHER_CARD, {}, inPark.bp);
        // His ballpark homers are his HR rate: every hitter's move by the factor (within the rating's and the card's rounding).
        assert.ok(Math.abs(rates.hr / neutral.hr - inPark.factors.hr) < 0.03, `${inPark.id} HR ×${(rates.hr / neutral.hr).toFixed(3)}`);
        assert.ok(Math.sign(rates.triple - neutral.triple) === Math.sign(inPark.factors.triple - 1), `3B ×${rates.triple / neutral.triple}`);
        assert.ok(Math.abs(rates.bb / neutral.bb - 1) < 0.02 && Math.abs(rates.k / neutral.k - 1) < 0.02, 'walks and strikeouts are his');
      }
      // Triples (a few in a thousand PAs) within 10 % of the factor: the card's d20 splits round such small rates.
      const thinTriples = expectedRates(parkPlayer(hitter, thinAir, false).battingCard, AVERAGE_PITCHER_CARD, {}, thinAir.bp).triple;
      assert.ok(Math.abs(thinTriples / neutral.triple - thinAir.factors.triple) < 0.1 * thinAir.factors.triple, `3B ×${thinTriples / neutral.triple}`);
      const high = expectedRates(parkPlayer(hitter, thinAir, false).battingCard, AVERAGE_PITCHER_CARD, {}, thinAir.bp);
      const low = expectedRates(parkPlayer(hitter, deep, false).battingCard, AVERAGE_PITCHER_CARD, {}, deep.bp);
      assert.ok(high.single > neutral.single && neutral.single > low.single && high.avg > low.avg, 'more singles in the hitters\' park');
    }
    const pitcher = clubs[0].players.find((p) => p.ratings.pitching)!;
    assert.equal(parkPlayer(pitcher, thinAir, false).pitchingCards, gamePlayer(pitcher).pitchingCards, 'a pitcher pitches from his own cards');
    assert.equal(parkPlayer(pitcher, thinAir, true).pitchingCards, homePlayer(pitcher).pitchingCards, 'with the home edge at home');
  });

  it('builds park cards once per player, park and side, the park on top of the home edge', () => {
    const hitter = hitters[3];
    const deep = park('deep-center');
    assert.equal(parkPlayer(hitter, deep, true), parkPlayer(hitter, deep, true));
    assert.notEqual(parkPlayer(hitter, deep, true), parkPlayer(hitter, deep, false));
    const atHome = parkPlayer(hitter, deep, true).ratings.batting;
    assert.equal(atHome.tripleRate, homePlayer(hitter).ratings.batting.tripleRate * deep.factors.triple, 'the park on top of the home edge');
    assert.equal(atHome.hrRate, homePlayer(hitter).ratings.batting.hrRate * deep.factors.hr, 'his ratings as he hits there (what the AI reckons with)');
    assert.deepEqual(parkPlayer(hitter, deep, true).battingCard, buildBatterCard(parkBatting(homePlayer(hitter).ratings.batting, {
      factors: { ...deep.factors, hr: 1, single: 1 },
    }), { ballpark: true }), 'his card: doubles and triples by the factors, homers and singles by the ballpark ratings');
  });

  describe('a ballpark result in play', () => {
    const thinAir = park('thin-air');
    const deep = park('deep-center');
    const inPark = (s: Scenario, p: Ballpark) => ({ ...s.ctx, ballpark: p.bp });

    it("makes a BP HR rolled 15 on the park's d20 a home run in a hitters' park and a fly out in a pitchers' park", () => {
      const s = new Scenario().set('a1', { batting: 'BP-HR' });
      const state = s.state();
      const homer = resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL, 15]), inPark(s, thinAir));
      assert.equal(homer.outcome, 'BP-HR');
      assert.deepEqual([homer.code, homer.hr, homer.h, homer.bphr, homer.bpfo, homer.runs], ['HR', 1, 1, 1, 0, 1]);
      assert.match(homer.description, /ballpark home run \(park d20 15 <= 18\)/);
      assert.deepEqual(homer.dice.at(-1), { sides: 20, value: 15 }, "the park's roll is kept with the play");
      const out = resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL, 15]), inPark(s, deep));
      assert.deepEqual([out.code, out.hr, out.h, out.bphr, out.bpfo, out.outs], ['FO', 0, 0, 0, 1, 1]);
      assert.match(out.description, /ballpark fly out: park d20 15 > 2/);
      assert.deepEqual(resolveStoredPlay(state, homer, inPark(s, thinAir)), homer, 'the play re-resolves from its own dice');
      assert.deepEqual(resolveStoredPlay(state, out, inPark(s, deep)), out);
      const neutral = resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL, 10]), s.ctx);
      assert.equal(neutral.bphr, 1, 'a context without a park rates it as a neutral park: 10 is a homer');
      assert.equal(resolvePlateAppearance(state, scriptedDice([...BATTER_ROLL, 11]), s.ctx).bpfo, 1, 'and 11 is not');
    });

    it('plays a BP fly out as a deep fly (the runner on 3rd tags) and a BP line out as a liner (runners hold)', () => {
      const s = new Scenario().set('a1', { batting: 'BP-HR' }).set('a2', { batting: 'BP-1B' });
      const sacFly = resolvePlateAppearance(s.state(PD, { bases: bases('', '', 'a9') }), scriptedDice([...BATTER_ROLL, 20]), inPark(s, deep));
      assert.deepEqual([sacFly.code, sacFly.bpfo, sacFly.runs, sacFly.rbi], ['SF', 1, 1, 1]);
      const second = { ...s.state(PD, { bases: bases('', '', 'a8') }), away: { ...s.state().away, next: 1 } };
      const single = resolvePlateAppearance(second, scriptedDice([...BATTER_ROLL, 14]), inPark(s, park('green-wall')));
      assert.deepEqual([single.code, single.bp1b, single.h, single.runs], ['1B', 1, 1, 1]);
      assert.match(single.description, /ballpark single/);
      const lined = resolvePlateAppearance(second, scriptedDice([...BATTER_ROLL, 15]), inPark(s, park('green-wall')));
      assert.deepEqual([lined.code, lined.bplo, lined.h, lined.runs, lined.outs, lined.onBaseCodeAfter], ['FO', 1, 0, 0, 1, 4]);
      assert.match(lined.description, /lines out \(ballpark line out: park d20 15 > 14\)/);
    });

    it('counts ballpark results in the batting and pitching lines', () => {
      const s = new Scenario().set('a1', { batting: 'BP-HR' }).set('a2', { batting: 'BP-1B' });
      const first = resolvePlateAppearance(s.state(), scriptedDice([...BATTER_ROLL, 20]), inPark(s, thinAir));
      const state2 = { ...s.state(), outs: 1, away: { ...s.state().away, next: 1 } };
      const second = resolvePlateAppearance(state2, scriptedDice([...BATTER_ROLL, 3]), inPark(s, thinAir));
      const box = boxScore([first, second]);
      const line = (id: string) => box.away.batting.find((b) => b.playerId === id)!;
      assert.deepEqual([line('a1').bphr, line('a1').bpfo, line('a1').hr], [0, 1, 0]);
      assert.deepEqual([line('a2').bp1b, line('a2').bplo, line('a2').h], [1, 0, 1]);
      const pitcher = box.home.pitching[0];
      assert.deepEqual([pitcher.bphr, pitcher.bpfo, pitcher.bp1b, pitcher.bplo], [0, 1, 1, 0]);
      // A play stored before ballpark results has none of the fields: it counts as none.
      const { bphr, bpfo, bp1b, bplo, ...old } = second;
      assert.equal(boxScore([old]).home.pitching[0].bp1b, 0);
    });
  });

  it('plays a stored game in the park it was created with; a game stored before ballpark results (or parks) as it was played', () => {
    const [away, home] = clubs;
    const side = (club: Club) => ({ teamId: club.id, name: club.id, setup: buildLineup(club, SBA), players: [...club.players], ai: null });
    const config: GameConfig = { gameId: 'g', leagueId: 'l', rules: SBA, away: side(away), home: side(home), paceMs: 0, decisionMs: 1000, startAt: 0, diceCommitment: '' };
    const hitter = home.players.find((p) => !p.ratings.pitching)!;
    const noBallparkResults = (card: { columns: readonly (readonly { a: string; b: string }[])[] }) =>
      card.columns.every((rows) => rows.every((row) => !row.a.startsWith('BP-') && !row.b.startsWith('BP-')));
    // Before parks: home cards, no ballpark results, no ratings.
    const beforeParks = gameContextOf(config);
    assert.equal(beforeParks.players.get(hitter.id), homePlayer(hitter));
    assert.equal(beforeParks.ballpark, undefined);
    // A park stored before ballpark results (no `bp`): all four factors on cards without them, as it was played.
    const { bp, ...oldBandbox } = park('bandbox');
    const old = gameContextOf({ ...config, park: oldBandbox });
    assert.deepEqual(old.players.get(hitter.id)!.battingCard, buildBatterCard(parkBatting(homePlayer(hitter).ratings.batting, oldBandbox)));
    assert.ok(noBallparkResults(old.players.get(hitter.id)!.battingCard));
    assert.equal(old.ballpark, undefined);
    // Today's park: ballpark results and the park's ratings.
    const bandbox = park('bandbox');
    const today = gameContextOf({ ...config, park: bandbox });
    assert.equal(today.players.get(hitter.id), parkPlayer(hitter, bandbox, true));
    assert.ok(!noBallparkResults(today.players.get(hitter.id)!.battingCard));
    assert.deepEqual(today.ballpark, bp);
    assert.equal(gameContext([away, { ...home, park: bandbox }], { ...home, park: bandbox }).players.get(away.players[0].id), parkPlayer(away.players[0], bandbox, false));
  });

  it('plays a game from before ballpark results exactly as the engine before them did (same dice, same plays)', () => {
    // Fingerprints of the plays (SHA-256 of their JSON) the engine of commit 61ba3e7, before ballpark
    // results, played with these clubs, parks and dice; the parks as such games stored them (no `bp`).
    const golden = [
      { park: 'thin-air', rules: SBA, plays: 85, sha: '6ff488d02fb54d983a86077c9f31f0be766739c0a4b53074b0cc1076ae662402' },
      { park: 'deep-center', rules: PD, plays: 71, sha: '068b866747b3d3c8ba2e7184d4fa27c8307612b288e645a41180df5d1ce5f877' },
      { park: null, rules: SBA, plays: 91, sha: '526a034e6cee6f61b39461cfba9b704f13e682d8a10b1784a8d6b627a0510637' },
    ];
    for (const game of golden) {
      const { bp, ...before } = game.park ? park(game.park) : BEFORE_PARKS;
      const stored: Ballpark = before;
      const result = simulateGame({ ...clubs[1], park: stored }, clubs[0], game.rules, seededRng(2026), { gameNumber: 3 });
      // Plays of today carry the ballpark counts (all 0 here): without them, they are the plays of then.
      const then = result.plays.map(({ bphr, bpfo, bp1b, bplo, ...play }) => {
        assert.equal(bphr! + bpfo! + bp1b! + bplo!, 0);
        return play;
      });
      assert.equal(then.length, game.plays, `${game.park}: plays`);
      assert.equal(createHash('sha256').update(JSON.stringify(then)).digest('hex'), game.sha, `${game.park}: the same plays`);
    }
  });

  it("scores more runs and homers in a hitters' park than in a pitchers' park over the same games, and turns more ballpark results into hits", () => {
    const [away, home] = clubs;
    const tally = (id: string) => {
      const rng = seededRng(11);
      const host = { ...home, park: park(id) };
      const t = { runs: 0, hr: 0, bphr: 0, bpfo: 0, bp1b: 0, bplo: 0 };
      for (let g = 0; g < 300; g++) {
        const result = simulateGame(host, away, SBA, rng, { gameNumber: g });
        t.runs += result.final.home.runs + result.final.away.runs;
        for (const p of result.plays) {
          t.hr += p.hr; t.bphr += p.bphr ?? 0; t.bpfo += p.bpfo ?? 0; t.bp1b += p.bp1b ?? 0; t.bplo += p.bplo ?? 0;
        }
        const box = boxScore(result.plays);
        const boxed = [...box.away.batting, ...box.home.batting].reduce((n, line) => n + line.bphr, 0);
        assert.equal(boxed, result.plays.reduce((n, p) => n + (p.bphr ?? 0), 0), 'the box counts every ballpark homer');
      }
      return { ...t, runs: t.runs / 300, hr: t.hr / 300 };
    };
    const thin = tally('thin-air');
    const deep = tally('deep-center');
    // MLB's friendliest park plays about 1.5-2 runs a game above its least friendly; 300 games each keep the noise near 0.3.
    assert.ok(thin.runs - deep.runs > 0.8, `runs: ${thin.runs.toFixed(2)} against ${deep.runs.toFixed(2)}`);
    assert.ok(thin.hr / deep.hr > 1.3, `HR: ${thin.hr.toFixed(2)} against ${deep.hr.toFixed(2)} (factors 1.20 and 0.80)`);
    // Ratings 18 and 2 of 20: 90 % and 10 % of BP HR are homers; BP 1B 20 and 6: 100 % and 30 % singles (within 3 standard errors).
    const near = (hit: number, out: number, p: number, what: string) => {
      const n = hit + out;
      assert.ok(n > 100 && Math.abs(hit / n - p) < 3 * Math.sqrt((p * (1 - p)) / n), `${what}: ${hit} of ${n} hits, rated ${p}`);
    };
    near(thin.bphr, thin.bpfo, 0.9, 'BP HR at Thin Air Field');
    near(deep.bphr, deep.bpfo, 0.1, 'BP HR at Deep Center Stadium');
    near(deep.bp1b, deep.bplo, 0.3, 'BP 1B at Deep Center Stadium');
    assert.ok(thin.bp1b > 100 && thin.bplo === 0, 'every BP 1B a single at Thin Air Field (rated 20)');
  });
});
