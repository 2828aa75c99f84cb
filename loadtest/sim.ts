/**
 * Baseball engine simulation: AI-vs-AI games between the sample league's clubs (src/seed/baseball.ts),
 * every roll from one seeded Rng; prints the league's batting line against MLB target ranges, a
 * card-fidelity check and the engine's speed.
 *
 *   npm run sim -- --games 10000 [--seed 1] [--rules SBA|PD] [--style safe|balanced|aggressive] [--league-seed 1] [--fidelity-pas 1000000]
 *
 * Every game is managed by the AI (src/baseball/ai.ts) on both sides, in the --style given
 * (balanced by default): every plate appearance is a turn of aiDefense -> aiOffense -> playTurn.
 *
 * 1. League table: runs per team-game, AVG, OBP, SLG, K%, BB%, HR/PA, SB per team-game, each with
 *    its MLB range and IN/OUT; then context figures (errors, double plays, pitching changes...) and
 *    what the managers did: steal attempts (not counting a missed hit-and-run's runner, whose
 *    steals and caught-stealings do count in SB and CS), hit-and-runs (each call once: the PA, or
 *    the runner's steal when the batter missed the pitch; how many were missed and how many of
 *    those runners were safe), bunts, intentional walks, infield in, runners held, pinch hitters
 *    and runners, per team-game.
 * 2. Card fidelity: three sample batters (the league's HR leader, its AVG leader and its median
 *    hitter) bat --fidelity-pas times against a league-average pitcher card with average defence;
 *    their AVG and HR/PA against their input ratings, within 5 % (relative) = IN. The exact
 *    expectation computed from the cards is shown beside the rolled figure. A million PAs keep the
 *    dice's own noise (one standard error: 1.2 % of a .0075 HR rate) well inside the 5 %.
 * 3. Speed: plate appearances per second on this one thread, for whole games (state, both AI
 *    managers, substitutions, play records) and for resolving PAs alone (the fidelity runs).
 *
 * Calibration figures and their history: docs/baseball.md.
 */
import { parseArgs } from 'node:util';
import {
  AI_STYLES, AVERAGE_PITCHER, FIELD_POSITIONS, LEAGUES, buildBatterCard, buildPitcherCard, expectedRates, gameContext, initialState,
  resolvePlateAppearance, rngDice, simulateGame, type Club, type ClubPlayer, type FieldPosition,
  type GamePlayer, type LeagueRules, type Play,
} from '../src/baseball/index.ts';
import { battingValue } from '../src/baseball/lineup.ts';
import { seededRng } from '../src/dice/rng.ts';
import type { BaseballRatings } from '../src/players/types.ts';
import { generateBaseballTeams } from '../src/seed/baseball.ts';

const { values: args } = parseArgs({
  options: {
    games: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    rules: { type: 'string', default: 'SBA' },
    style: { type: 'string', default: 'balanced' },
    'league-seed': { type: 'string', default: '1' },
    'fidelity-pas': { type: 'string', default: '1000000' },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`sim: ${message}`);
  process.exit(2);
}

function intArg(name: keyof typeof args, min: number, max: number): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min || value > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}

const games = intArg('games', 1, 1_000_000);
const seed = intArg('seed', 0, 2 ** 31 - 1);
const leagueSeed = intArg('league-seed', 0, 2 ** 31 - 1);
const fidelityPas = intArg('fidelity-pas', 1000, 10_000_000);
const rules: LeagueRules = LEAGUES[String(args.rules).toUpperCase() as LeagueRules['id']] ?? fail('--rules must be SBA or PD');
const style = AI_STYLES.find((s) => s === args.style) ?? fail(`--style must be one of ${AI_STYLES.join(', ')}`);

// ------------------------------------------------------------------------------------------ league

const league = generateBaseballTeams(leagueSeed);
const clubs: Club[] = league.clubs.map((club) => ({
  id: club.id,
  name: club.name,
  players: league.players
    .filter((p) => p.team === club.id)
    .sort((a, b) => a.externalId.localeCompare(b.externalId)) // roster order: rotation, bullpen
    .map((p): ClubPlayer => ({ id: p.externalId, name: p.name, positions: p.positions, ratings: p.attributes as unknown as BaseballRatings })),
}));

// ------------------------------------------------------------------------------------------- games

const totals = {
  pa: 0, ab: 0, h: 0, double: 0, triple: 0, hr: 0, bb: 0, so: 0, hbp: 0, sac: 0, sb: 0, cs: 0, runs: 0, e: 0,
  gidp: 0, wp: 0, pb: 0, balk: 0, pickoff: 0, pitches: 0, ibb: 0,
};
type Counted = keyof typeof totals;
const counted = Object.keys(totals) as Counted[];
let extraInnings = 0;
let homeWins = 0;
let pitchingChanges = 0;
const substitutions = { pinchHitter: 0, pinchRunner: 0, defense: 0 };
/** Plate appearances played with each tactic (Play.tactics), and steal attempts that were not a hit-and-run's. */
const tactics = new Map<string, number>();
let steals = 0;
let stolen = 0;
/** Hit-and-runs the batter missed (the runner's steal is a play of its own), and how many of those runners were safe. */
let missedHitAndRuns = 0;
let missedStolen = 0;
let innings = 0;
let starterOuts = 0;

gameContext(clubs); // builds every card once, before the clock starts
const rng = seededRng(seed);
const started = performance.now();
for (let g = 0; g < games; g++) {
  // Every pairing in turn (8 clubs: 56 ordered pairs); each club starts its rotation in order.
  const home = clubs[g % clubs.length];
  const away = clubs[(g + 1 + (Math.floor(g / clubs.length) % (clubs.length - 1))) % clubs.length];
  const result = simulateGame(home, away, rules, rng, { gameNumber: Math.floor(g / 4), styles: { home: style, away: style } });
  const starters = new Set([result.initial.away.pitcher.pitcherId, result.initial.home.pitcher.pitcherId]);
  for (const play of result.plays) {
    for (const key of counted) totals[key] += (play as Play)[key] as number;
    if (starters.has(play.pitcherId)) starterOuts += play.outs;
    if (play.kind === 'pa') for (const t of play.tactics) tactics.set(t, (tactics.get(t) ?? 0) + 1);
    else if (play.tactics.includes('hit-and-run')) {
      // A hit-and-run that did not end in the PA: the batter missed (the runner's steal) or a wild pitch, passed ball or balk.
      tactics.set('hit-and-run', (tactics.get('hit-and-run') ?? 0) + 1);
      if (play.kind === 'steal') { missedHitAndRuns++; missedStolen += play.sb; }
    }
    if (play.kind === 'steal' && !play.tactics.includes('hit-and-run')) { steals++; stolen += play.sb; }
  }
  if (result.final.inning > rules.innings) extraInnings++;
  if (result.final.home.runs > result.final.away.runs) homeWins++;
  for (const event of result.events) {
    if (event.type === 'pitchingChange') pitchingChanges++;
    else if (event.type === 'substitution') substitutions[event.kind]++;
  }
  innings += result.final.inning;
}
const gameSeconds = (performance.now() - started) / 1000;

// ------------------------------------------------------------------------------------------- table

interface Row { name: string; text: string; min: number; max: number; range: string }
const teamGames = 2 * games;
const obpDenominator = totals.ab + totals.bb + totals.hbp + totals.sac;
const totalBases = totals.h + totals.double + 2 * totals.triple + 3 * totals.hr;
const avg = (x: number) => x.toFixed(3).replace(/^0/, '');
const rows: Row[] = [
  { name: 'Runs per team-game', text: (totals.runs / teamGames).toFixed(2), min: 4.0, max: 5.0, range: '4.0-5.0' },
  { name: 'AVG', text: avg(totals.h / totals.ab), min: 0.235, max: 0.26, range: '.235-.260' },
  { name: 'OBP', text: avg((totals.h + totals.bb + totals.hbp) / obpDenominator), min: 0.305, max: 0.33, range: '.305-.330' },
  { name: 'SLG', text: avg(totalBases / totals.ab), min: 0.38, max: 0.43, range: '.380-.430' },
  { name: 'K%', text: ((100 * totals.so) / totals.pa).toFixed(1), min: 19, max: 25, range: '19-25' },
  { name: 'BB%', text: ((100 * totals.bb) / totals.pa).toFixed(1), min: 7, max: 10, range: '7-10' },
  { name: 'HR/PA %', text: ((100 * totals.hr) / totals.pa).toFixed(2), min: 2.3, max: 3.6, range: '2.3-3.6' },
  { name: 'SB per team-game', text: (totals.sb / teamGames).toFixed(2), min: 0.4, max: 1.0, range: '0.4-1.0' },
];
/** Judged on the figure as printed (AVG to three decimals, like a box score). */
function verdict(r: Row): 'IN' | 'OUT' {
  const shown = Number(r.text.startsWith('.') ? `0${r.text}` : r.text);
  return shown >= r.min && shown <= r.max ? 'IN' : 'OUT';
}

console.log(`\n${games} games, ${rules.id} rules (${rules.designatedHitter ? 'DH' : 'pitchers bat'}), ${style} AI on both sides, seed ${seed}, league seed ${leagueSeed}\n`);
console.log(`${'metric'.padEnd(20)} ${'value'.padStart(7)}   ${'MLB range'.padEnd(10)} result`);
for (const r of rows) console.log(`${r.name.padEnd(20)} ${r.text.padStart(7)}   ${r.range.padEnd(10)} ${verdict(r)}`);
const per = (x: number) => (x / teamGames).toFixed(2);
console.log(`\ncontext (per team-game): PA ${per(totals.pa)}, errors ${per(totals.e)}, GIDP ${per(totals.gidp)}, CS ${per(totals.cs)}, `
  + `WP ${per(totals.wp)}, PB ${per(totals.pb)}, balks ${per(totals.balk)}, pickoffs ${per(totals.pickoff)}, pitching changes ${per(pitchingChanges)}`);
const tactic = (name: string) => per(tactics.get(name) ?? 0);
console.log(`manager (per team-game): steal attempts ${per(steals)} (${avg(stolen / Math.max(1, steals))} safe), hit-and-runs ${tactic('hit-and-run')} `
  + `(${per(missedHitAndRuns)} missed, ${avg(missedStolen / Math.max(1, missedHitAndRuns))} safe), `
  + `bunts ${tactic('bunt')}, intentional walks ${per(totals.ibb)}, infield in ${tactic('infield in')}, runners held ${tactic('hold')}, `
  + `pinch hitters ${per(substitutions.pinchHitter)}, pinch runners ${per(substitutions.pinchRunner)}, defensive subs ${per(substitutions.defense)}`);
console.log(`starter IP ${(starterOuts / 3 / teamGames).toFixed(2)}, pitches/PA ${(totals.pitches / totals.pa).toFixed(2)}, innings/game ${(innings / games).toFixed(2)}, `
  + `extra innings ${((100 * extraInnings) / games).toFixed(1)} %, home wins ${((100 * homeWins) / games).toFixed(1)} %`);
const out = rows.filter((r) => verdict(r) === 'OUT').map((r) => r.name);
console.log(out.length === 0 ? 'all rows IN' : `OUT: ${out.join(', ')}`);

// ---------------------------------------------------------------------------------------- fidelity

const hitters = clubs.flatMap((c) => c.players).filter((p) => !p.ratings.pitching);
const byValue = [...hitters].sort((a, b) => battingValue(b.ratings.batting) - battingValue(a.ratings.batting));
const samples: [string, ClubPlayer][] = [
  ['HR leader', [...hitters].sort((a, b) => b.ratings.batting.hrRate - a.ratings.batting.hrRate)[0]],
  ['AVG leader', [...hitters].sort((a, b) => b.ratings.batting.avg - a.ratings.batting.avg)[0]],
  ['median hitter', byValue[Math.floor(byValue.length / 2)]],
];

const averagePitcherCard = buildPitcherCard(AVERAGE_PITCHER);
const averageFielding = Object.fromEntries(FIELD_POSITIONS.map((p) => [p, { range: 3 as const, error: 0 }]));

/** A bare game where `batter` is always up against the league-average pitcher and fielders. */
function fidelityRun(batter: ClubPlayer, pas: number): { avg: number; hr: number; seconds: number } {
  const players = new Map<string, GamePlayer>();
  const fielder = { battingCard: buildBatterCard(batter.ratings.batting), pitchingCards: [] };
  players.set(batter.id, { id: batter.id, name: batter.name, ratings: batter.ratings, ...fielder });
  players.set('avg-p', {
    id: 'avg-p', name: 'League-average pitcher', ratings: { batting: batter.ratings.batting, pitching: AVERAGE_PITCHER, fielding: averageFielding },
    battingCard: fielder.battingCard, pitchingCards: [averagePitcherCard],
  });
  players.set('avg-f', { id: 'avg-f', name: 'League-average fielder', ratings: { batting: batter.ratings.batting, fielding: averageFielding, passedBall: 2 }, ...fielder });
  const fielders = Object.fromEntries(FIELD_POSITIONS.map((p) => [p, p === 'P' ? 'avg-p' : 'avg-f'])) as Record<FieldPosition, string>;
  const team = { clubId: 'x', lineup: Array.from({ length: 9 }, () => ({ playerId: batter.id, position: 'DH' as const })), fielders, bullpen: [] };
  const state = initialState(rules, team, team);
  const ctx = { players };
  const dice = rngDice(seededRng(seed));
  let ab = 0;
  let h = 0;
  let hr = 0;
  const t0 = performance.now();
  for (let i = 0; i < pas; i++) {
    const play = resolvePlateAppearance(state, dice, ctx);
    ab += play.ab;
    h += play.h;
    hr += play.hr;
  }
  return { avg: h / ab, hr: hr / pas, seconds: (performance.now() - t0) / 1000 };
}

console.log(`\ncard fidelity: ${fidelityPas.toLocaleString('en-US')} PAs each against a league-average pitcher card (average defence)`);
console.log(`${'batter'.padEnd(34)} ${'AVG in'.padStart(7)} ${'cards'.padStart(7)} ${'rolled'.padStart(7)} ${'off'.padStart(6)}   ${'HR in'.padStart(7)} ${'cards'.padStart(7)} ${'rolled'.padStart(7)} ${'off'.padStart(6)}  result`);
let resolveSeconds = 0;
let resolvePas = 0;
for (const [label, batter] of samples) {
  const b = batter.ratings.batting;
  const exact = expectedRates(buildBatterCard(b), averagePitcherCard);
  const rolled = fidelityRun(batter, fidelityPas);
  resolveSeconds += rolled.seconds;
  resolvePas += fidelityPas;
  const avgOff = rolled.avg / b.avg - 1;
  const hrOff = rolled.hr / b.hrRate - 1;
  const ok = Math.abs(avgOff) <= 0.05 && Math.abs(hrOff) <= 0.05;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
  console.log(`${`${label}: ${batter.name}`.padEnd(34)} ${avg(b.avg).padStart(7)} ${avg(exact.avg).padStart(7)} ${avg(rolled.avg).padStart(7)} ${pct(avgOff).padStart(6)}   `
    + `${b.hrRate.toFixed(4).padStart(7)} ${exact.hr.toFixed(4).padStart(7)} ${rolled.hr.toFixed(4).padStart(7)} ${pct(hrOff).padStart(6)}  ${ok ? 'IN' : 'OUT'}`);
}

// ------------------------------------------------------------------------------------------- speed

const gamePas = totals.pa;
console.log(`\nspeed (one thread): whole games ${Math.round(gamePas / gameSeconds).toLocaleString('en-US')} PA/s `
  + `(${gamePas.toLocaleString('en-US')} PAs in ${gameSeconds.toFixed(2)} s, ${Math.round(games / gameSeconds).toLocaleString('en-US')} games/s); `
  + `resolving PAs alone ${Math.round(resolvePas / resolveSeconds).toLocaleString('en-US')} PA/s; target >= 100,000 PA/s`);
