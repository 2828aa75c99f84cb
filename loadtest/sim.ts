/**
 * Baseball engine simulation: AI-vs-AI games between the sample league's clubs (src/seed/baseball.ts),
 * every roll from one seeded Rng; prints the league's batting line against MLB target ranges, a
 * card-fidelity check and the engine's speed.
 *
 *   npm run sim -- --games 10000 [--seed 1] [--rules SBA|PD] [--style safe|balanced|aggressive] [--league-seed 1] [--fidelity-pas 1000000] [--parks on|off]
 *   npm run sim -- --season [--games-per-club 162] [--series-length 3] (a season instead: loadtest/season.ts)
 *
 * Every game is managed by the AI (src/baseball/ai.ts) on both sides, in the --style given
 * (balanced by default): every plate appearance is a turn of aiDefense -> aiOffense -> playTurn.
 *
 * 1. League table: runs per team-game, AVG, OBP, SLG, K%, BB%, HR/PA, SB per team-game (its range
 *    by style: what a club managed that way believably steals), BABIP, ISO, GIDP per chance (runner
 *    on 1st, under two outs), SB success, the share of team-games shut out and of 10+ runs,
 *    extra-inning games, starter innings and home wins, each with its MLB range and IN/OUT; then
 *    context figures (errors, double plays, pitching changes...) and
 *    what the managers did (and, with parks, the park effect check: runs and HR per game at each
 *    club's park, src/baseball/ballparks.ts; the clubs play in the catalog's parks in order): steal attempts (not counting a missed hit-and-run's runner, whose
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
import { BALLPARKS } from '../src/baseball/ballparks.ts';
import { seededRng } from '../src/dice/rng.ts';
import type { BaseballRatings } from '../src/players/types.ts';
import { sampleClubs } from '../src/seed/baseball.ts';
import { printSeason, simulateSeason } from './season.ts';
import type { Substitution } from '../src/baseball/types.ts';

const { values: args } = parseArgs({
  options: {
    games: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    rules: { type: 'string', default: 'SBA' },
    style: { type: 'string', default: 'balanced' },
    'league-seed': { type: 'string', default: '1' },
    'fidelity-pas': { type: 'string', default: '1000000' },
    season: { type: 'boolean', default: false },
    'games-per-club': { type: 'string', default: '162' },
    'series-length': { type: 'string', default: '3' },
    parks: { type: 'string', default: 'on' },
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

const parks = args.parks === 'on' ? true : args.parks === 'off' ? false : fail('--parks must be on or off');
// Club i plays its home games in the catalog's park i (src/baseball/ballparks.ts).
const clubs: Club[] = sampleClubs(leagueSeed).map((club, i) => (parks ? { ...club, park: BALLPARKS[i % BALLPARKS.length] } : club));

// A season instead of the calibration run: standings and leaders (loadtest/season.ts).
if (args.season) {
  const options = { clubs, rules, seed, style, gamesPerClub: intArg('games-per-club', 1, 1000), seriesLength: intArg('series-length', 1, 7) };
  printSeason(options, simulateSeason(options), new Map(clubs.flatMap((c) => c.players.map((p) => [p.id, p.name] as const))));
  process.exit(0);
}

// ------------------------------------------------------------------------------------------- games

const totals = {
  pa: 0, ab: 0, h: 0, double: 0, triple: 0, hr: 0, bb: 0, so: 0, hbp: 0, sac: 0, sb: 0, cs: 0, runs: 0, e: 0,
  gidp: 0, wp: 0, pb: 0, balk: 0, pickoff: 0, pitches: 0, ibb: 0, bphr: 0, bpfo: 0, bp1b: 0, bplo: 0,
};
type Counted = keyof typeof totals;
const counted = Object.keys(totals) as Counted[];
let extraInnings = 0;
let homeWins = 0;
let pitchingChanges = 0;
const substitutions: Record<Substitution['kind'], number> = { pinchHitter: 0, pinchRunner: 0, defense: 0, dhTakesField: 0, doubleSwitch: 0 };
/** Plate appearances played with each tactic (Play.tactics), and steal attempts that were not a hit-and-run's. */
const tactics = new Map<string, number>();
let steals = 0;
let stolen = 0;
/** Hit-and-runs the batter missed (the runner's steal is a play of its own), and how many of those runners were safe. */
let missedHitAndRuns = 0;
let missedStolen = 0;
let innings = 0;
let starterOuts = 0;
let sacrificeFlies = 0;
/** Plate appearances with a runner on 1st and fewer than two outs: the chances for a double play. */
let gidpChances = 0;
let shutouts = 0;
let tenRunGames = 0;
/** Per home club (its park): games, runs, home runs and ballpark results of both clubs. */
interface ParkTally { games: number; runs: number; hr: number; bphr: number; bpfo: number; bp1b: number; bplo: number }
const atPark = new Map<string, ParkTally>();

for (const club of clubs) gameContext(clubs, club); // builds every card (road and home) once, before the clock starts
const rng = seededRng(seed);
const started = performance.now();
const startedCpu = process.cpuUsage();
for (let g = 0; g < games; g++) {
  // Every pairing in turn (8 clubs: 56 ordered pairs); each club starts its rotation in order.
  const home = clubs[g % clubs.length];
  const away = clubs[(g + 1 + (Math.floor(g / clubs.length) % (clubs.length - 1))) % clubs.length];
  const result = simulateGame(home, away, rules, rng, { gameNumber: Math.floor(g / 4), styles: { home: style, away: style } });
  const starters = new Set([result.initial.away.pitcher.pitcherId, result.initial.home.pitcher.pitcherId]);
  for (const play of result.plays) {
    for (const key of counted) totals[key] += ((play as Play)[key] as number | undefined) ?? 0;
    if (starters.has(play.pitcherId)) starterOuts += play.outs;
    if (play.kind === 'pa') {
      if (play.code === 'SF') sacrificeFlies++;
      if ((play.onBaseCode & 1) !== 0 && play.outsBefore < 2) gidpChances++;
    }
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
  for (const runs of [result.final.home.runs, result.final.away.runs]) {
    if (runs === 0) shutouts++;
    if (runs >= 10) tenRunGames++;
  }
  for (const event of result.events) {
    if (event.type === 'pitchingChange') pitchingChanges++;
    else if (event.type === 'substitution') substitutions[event.kind]++;
  }
  innings += result.final.inning;
  const park = atPark.get(home.id) ?? { games: 0, runs: 0, hr: 0, bphr: 0, bpfo: 0, bp1b: 0, bplo: 0 };
  park.games++;
  park.runs += result.final.home.runs + result.final.away.runs;
  for (const play of result.plays) {
    park.hr += play.hr;
    park.bphr += play.bphr ?? 0; park.bpfo += play.bpfo ?? 0; park.bp1b += play.bp1b ?? 0; park.bplo += play.bplo ?? 0;
  }
  atPark.set(home.id, park);
}
const gameSeconds = (performance.now() - started) / 1000;
const gameCpuSeconds = cpuSecondsSince(startedCpu);

/** CPU seconds this process used since `from` (user + system): the speed whatever else loads the box. */
function cpuSecondsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

// ------------------------------------------------------------------------------------------- table

interface Row { name: string; text: string; min: number; max: number; range: string }
const teamGames = 2 * games;
const obpDenominator = totals.ab + totals.bb + totals.hbp + totals.sac;
const totalBases = totals.h + totals.double + 2 * totals.triple + 3 * totals.hr;
const avg = (x: number) => x.toFixed(3).replace(/^0/, '');
const pct = (x: number) => (100 * x).toFixed(1);
/**
 * What a club managed in this style believably does, judged against the spread of MLB clubs
 * (2015-2023) rather than the league average: SB per team-game (about 0.2 to 1.2) and starter
 * innings (about 4.5, an opener-minded staff, to 6.5, a workhorse one), double plays per chance (8 to 13 %).
 * Balanced: the league's.
 */
const STYLE_RANGES: Record<typeof style, { sb: [number, number]; starterIp: [number, number]; gidp: [number, number] }> = {
  safe: { sb: [0.2, 0.7], starterIp: [4.5, 5.5], gidp: [9, 13] },
  balanced: { sb: [0.4, 1.0], starterIp: [5.0, 6.0], gidp: [9, 13] },
  // A club that hits-and-runs often grounds into fewer double plays (its runner is off with the pitch).
  aggressive: { sb: [0.7, 1.2], starterIp: [5.5, 6.5], gidp: [8, 12] },
};
const [sbMin, sbMax] = STYLE_RANGES[style].sb;
const [ipMin, ipMax] = STYLE_RANGES[style].starterIp;
const [dpMin, dpMax] = STYLE_RANGES[style].gidp;
const rows: Row[] = [
  { name: 'Runs per team-game', text: (totals.runs / teamGames).toFixed(2), min: 4.0, max: 5.0, range: '4.0-5.0' },
  { name: 'AVG', text: avg(totals.h / totals.ab), min: 0.235, max: 0.26, range: '.235-.260' },
  { name: 'OBP', text: avg((totals.h + totals.bb + totals.hbp) / obpDenominator), min: 0.305, max: 0.33, range: '.305-.330' },
  { name: 'SLG', text: avg(totalBases / totals.ab), min: 0.38, max: 0.43, range: '.380-.430' },
  { name: 'K%', text: ((100 * totals.so) / totals.pa).toFixed(1), min: 19, max: 25, range: '19-25' },
  { name: 'BB%', text: ((100 * totals.bb) / totals.pa).toFixed(1), min: 7, max: 10, range: '7-10' },
  { name: 'HR/PA %', text: ((100 * totals.hr) / totals.pa).toFixed(2), min: 2.3, max: 3.6, range: '2.3-3.6' },
  { name: 'SB per team-game', text: (totals.sb / teamGames).toFixed(2), min: sbMin, max: sbMax, range: `${sbMin.toFixed(1)}-${sbMax.toFixed(1)}` },
  // (H - HR) / (AB - K - HR + SF): hits on balls in play.
  { name: 'BABIP', text: avg((totals.h - totals.hr) / (totals.ab - totals.so - totals.hr + sacrificeFlies)), min: 0.285, max: 0.305, range: '.285-.305' },
  { name: 'ISO', text: avg((totalBases - totals.h) / totals.ab), min: 0.135, max: 0.185, range: '.135-.185' },
  { name: 'GIDP per chance %', text: pct(totals.gidp / gidpChances), min: dpMin, max: dpMax, range: `${dpMin}-${dpMax}` },
  { name: 'SB success %', text: pct(totals.sb / Math.max(1, totals.sb + totals.cs)), min: 68, max: 82, range: '68-82' },
  { name: 'Shutouts % (team)', text: pct(shutouts / teamGames), min: 4, max: 8, range: '4-8' },
  { name: '10+ runs % (team)', text: pct(tenRunGames / teamGames), min: 4, max: 8, range: '4-8' },
  { name: 'Extra innings %', text: pct(extraInnings / games), min: 7, max: 11, range: '7-11' },
  { name: 'Starter IP', text: (starterOuts / 3 / teamGames).toFixed(2), min: ipMin, max: ipMax, range: `${ipMin.toFixed(1)}-${ipMax.toFixed(1)}` },
  { name: 'Home wins %', text: pct(homeWins / games), min: 52.5, max: 55, range: '52.5-55.0' },
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
console.log(`pitches/PA ${(totals.pitches / totals.pa).toFixed(2)}, innings/game ${(innings / games).toFixed(2)}, sacrifice flies ${per(sacrificeFlies)}, GIDP chances ${per(gidpChances)}`);
const out = rows.filter((r) => verdict(r) === 'OUT').map((r) => r.name);
console.log(out.length === 0 ? 'all rows IN' : `OUT: ${out.join(', ')}`);
/** "BP HR 0.52 a game, 48 % homers": how often a park's ballpark results came up and how many it turned into hits. */
const ballparkRates = (t: Pick<ParkTally, 'games' | 'bphr' | 'bpfo' | 'bp1b' | 'bplo'>) =>
  `BP HR ${((t.bphr + t.bpfo) / t.games).toFixed(2)}/game ${pct(t.bphr / Math.max(1, t.bphr + t.bpfo))} % homers, `
  + `BP 1B ${((t.bp1b + t.bplo) / t.games).toFixed(2)}/game ${pct(t.bp1b / Math.max(1, t.bp1b + t.bplo))} % singles`;
console.log(`ballpark results (both clubs, per game): ${ballparkRates({ ...totals, games })}; `
  + `bphr ${(totals.bphr / games).toFixed(2)}, bpfo ${(totals.bpfo / games).toFixed(2)}, bp1b ${(totals.bp1b / games).toFixed(2)}, bplo ${(totals.bplo / games).toFixed(2)}`);
if (parks) {
  // Both clubs' runs and homers per game at each park, friendliest first: the factors should order them.
  const byPark = clubs.map((club) => ({ name: club.park!.name, hrFactor: club.park!.factors.hr, ...atPark.get(club.id)! }))
    .filter((p) => p.games > 0).sort((a, b) => b.runs / b.games - a.runs / a.games);
  const line = (p: (typeof byPark)[number]) => `${p.name} (HR ×${p.hrFactor}) ${(p.runs / p.games).toFixed(2)} runs, ${(p.hr / p.games).toFixed(2)} HR per game`;
  console.log(`park effect (both clubs, ${byPark[0]?.games ?? 0}+ games each): most friendly ${line(byPark[0])}; least ${line(byPark.at(-1)!)}`);
  console.log(`  every park, runs per game: ${byPark.map((p) => `${p.name} ${(p.runs / p.games).toFixed(2)}`).join(', ')}`);
  // Each park's ballpark ratings (d20: BP HR homers, BP 1B singles) against what its ballpark results did.
  console.log('  ballpark results per park (ratings on the d20; rolled):');
  for (const p of byPark) {
    const club = clubs.find((c) => c.park!.name === p.name)!;
    console.log(`    ${p.name.padEnd(20)} BP HR <= ${String(club.park!.bp!.hr).padStart(2)}, BP 1B <= ${String(club.park!.bp!.single).padStart(2)}: ${ballparkRates(p)}`);
  }
}

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
  const fielder = { battingCard: buildBatterCard(batter.ratings.batting, { ballpark: true }), pitchingCards: [] };
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

console.log(`\ncard fidelity: ${fidelityPas.toLocaleString('en-US')} PAs each against a league-average pitcher card (average defence, neutral park's ballpark results)`);
console.log(`${'batter'.padEnd(34)} ${'AVG in'.padStart(7)} ${'cards'.padStart(7)} ${'rolled'.padStart(7)} ${'off'.padStart(6)}   ${'HR in'.padStart(7)} ${'cards'.padStart(7)} ${'rolled'.padStart(7)} ${'off'.padStart(6)}  result`);
let resolveSeconds = 0;
let resolvePas = 0;
for (const [label, batter] of samples) {
  const b = batter.ratings.batting;
  const exact = expectedRates(buildBatterCard(b, { ballpark: true }), averagePitcherCard);
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
  + `(${gamePas.toLocaleString('en-US')} PAs in ${gameSeconds.toFixed(2)} s, ${Math.round(games / gameSeconds).toLocaleString('en-US')} games/s; `
  + `${Math.round(gamePas / gameCpuSeconds).toLocaleString('en-US')} PA per CPU-second, ${gameCpuSeconds.toFixed(2)} CPU s); `
  + `resolving PAs alone ${Math.round(resolvePas / resolveSeconds).toLocaleString('en-US')} PA/s; target >= 100,000 PA/s`);
