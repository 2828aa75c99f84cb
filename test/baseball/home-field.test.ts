import assert from 'node:assert/strict';
import { HOME_EDGE, homePlayer } from '../../src/baseball/home-field.ts';
import { gameContext, simulateGame } from '../../src/baseball/game.ts';
import { gamePlayer } from '../../src/baseball/lineup.ts';
import { seededRng } from '../../src/dice/rng.ts';
import { expectedRates } from '../../src/baseball/expected.ts';
import { AVERAGE_PITCHER } from '../../src/baseball/norms.ts';
import { buildBatterCard, buildPitcherCard } from '../../src/baseball/cards.ts';
import { SBA, sampleClubs } from './fixtures.ts';

const clubs = sampleClubs();
const AVERAGE_PITCHER_CARD = buildPitcherCard(AVERAGE_PITCHER);

describe('home-field advantage', () => {
  it('gives the home club cards from slightly better ratings, and nothing else', () => {
    const hitter = clubs[0].players.find((p) => !p.ratings.pitching)!;
    const pitcher = clubs[0].players.find((p) => p.ratings.pitching)!;
    const home = homePlayer(hitter);
    assert.equal(home.ratings.batting.hrRate, hitter.ratings.batting.hrRate * HOME_EDGE.batting.hrRate);
    assert.equal(home.ratings.batting.kRate, hitter.ratings.batting.kRate * HOME_EDGE.batting.kRate);
    assert.deepEqual(home.ratings.fielding, hitter.ratings.fielding, 'fielding is the same at home');
    assert.equal(home.ratings.batting.speed, hitter.ratings.batting.speed);
    const road = expectedRates(gamePlayer(hitter).battingCard, AVERAGE_PITCHER_CARD);
    const atHome = expectedRates(home.battingCard, AVERAGE_PITCHER_CARD);
    assert.ok(atHome.avg > road.avg && atHome.hr > road.hr, 'his home card hits a little better');
    assert.ok(atHome.avg / road.avg < 1.02, 'by a little');
    assert.equal(homePlayer(pitcher).ratings.pitching!.hrRate, pitcher.ratings.pitching!.hrRate * HOME_EDGE.pitching.hrRate);
    assert.equal(homePlayer(hitter), home, 'built once per player');
  });

  it('plays the home club from its home cards in a game (batter cards with ballpark results)', () => {
    const [away, home] = clubs;
    const context = gameContext([away, home], home);
    const homeHitter = context.players.get(home.players[0].id)!;
    assert.deepEqual(homeHitter.ratings, homePlayer(home.players[0]).ratings);
    assert.deepEqual(homeHitter.battingCard, buildBatterCard(homePlayer(home.players[0]).ratings.batting, { ballpark: true }));
    const homePitcher = home.players.find((p) => p.ratings.pitching)!;
    assert.equal(context.players.get(homePitcher.id)!.pitchingCards, homePlayer(homePitcher).pitchingCards);
    assert.deepEqual(context.players.get(away.players[0].id)!.ratings, gamePlayer(away.players[0]).ratings);
  });

  it('lets home clubs win about 54 % of the time, as in MLB', () => {
    let homeWins = 0;
    const games = 1200;
    const rng = seededRng(11);
    for (let g = 0; g < games; g++) {
      // Every club at home as often as on the road against each other one.
      const home = clubs[g % clubs.length];
      const away = clubs[(g + 1 + (Math.floor(g / clubs.length) % (clubs.length - 1))) % clubs.length];
      const result = simulateGame(home, away, SBA, rng, { gameNumber: Math.floor(g / 4) });
      if (result.final.home.runs > result.final.away.runs) homeWins++;
    }
    const share = homeWins / games;
    assert.ok(share > 0.515 && share < 0.575, `home wins ${(100 * share).toFixed(1)} %`);
  });
});
