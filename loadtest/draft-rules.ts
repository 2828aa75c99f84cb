/**
 * What the draft rules cost per pick as a draft fills up, apart from the room, the database and the
 * network: `npm run bench:draft-rules [-- --drafts N]`. Each draft is played to the end by autopick, as
 * a room does it for a team on autopick: choose the player, check the pick, fold its events, ask
 * whether the next team is stuck. Prints µs per pick for the first, middle and last third of the
 * picks, for a 12-team × 15-round draft and a 32-team × 30-round one.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  chooseAutopick, initialState, isRuleError, isStuck, pick, replay, start, teamOnClock,
  type DraftConfig, type DraftState, type Pool, type PoolPlayer,
} from '../src/draft/index.ts';
import { seededRng, type Rng } from '../src/dice/rng.ts';

interface Size { teams: number; rounds: number; poolScale: number }
const SIZES: Size[] = [{ teams: 12, rounds: 15, poolScale: 1 }, { teams: 32, rounds: 30, poolScale: 4 }];
const COUNTS = { QB: 40, RB: 80, WR: 100, TE: 40, K: 25, DEF: 25 };
const MAX_PER_POSITION = (rounds: number) => ({ QB: Math.ceil(rounds / 5), RB: Math.ceil(rounds / 2.5), WR: Math.ceil(rounds / 2.5), TE: Math.ceil(rounds / 5), K: Math.ceil(rounds / 10), DEF: Math.ceil(rounds / 10) });

function pool(rng: Rng, scale: number): Pool {
  const players: PoolPlayer[] = [];
  for (const [position, count] of Object.entries(COUNTS)) {
    for (let i = 1; i <= count * scale; i++) {
      const flex = (position === 'RB' || position === 'WR') && rng.int(1, 5) === 1;
      players.push({ id: `${position.toLowerCase()}-${i}`, positions: flex ? [position, position === 'RB' ? 'WR' : 'RB'] : [position], rank: 0, adp: 0 });
    }
  }
  for (let i = players.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [players[i], players[j]] = [players[j], players[i]];
  }
  return new Map(players.map((p, i) => [p.id, { ...p, rank: i + 1, adp: i + 1 }]));
}

/** One draft to the end: the time of each pick in order, and of choosing each autopick. */
function playDraft(size: Size, rng: Rng): { picks: number[]; choices: number[] } {
  const players = pool(rng, size.poolScale);
  const config: DraftConfig = {
    draftId: 'bench', type: 'snake', rounds: size.rounds, pickSeconds: 60,
    order: Array.from({ length: size.teams }, (_, i) => `t${i + 1}`),
    rosterRules: { maxPerPosition: MAX_PER_POSITION(size.rounds) }, keepers: [], tradedPicks: [],
  };
  const ctx = { now: 0, pool: players };
  let state: DraftState = initialState(config);
  const started = start(state, ctx);
  if (isRuleError(started)) throw new Error(started.message);
  state = replay(state, started.events);
  const picks: number[] = [];
  const choices: number[] = [];
  while (state.status === 'live') {
    const choosing = performance.now();
    const teamId = teamOnClock(state)!;
    const playerId = chooseAutopick(state, teamId, players);
    if (playerId === null) throw new Error(`no autopick for ${teamId} at ${state.currentPick}`);
    const began = performance.now();
    choices.push(began - choosing);
    const outcome = pick(state, { teamId, playerId, pick: state.currentPick, auto: true }, ctx);
    if (isRuleError(outcome)) throw new Error(outcome.message);
    state = replay(state, outcome.events);
    isStuck(state, ctx);
    picks.push(performance.now() - began);
  }
  return { picks, choices };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Mean µs per item over each third of a draft's items. */
function byThirds(times: number[]): number[] {
  const third = Math.ceil(times.length / 3);
  return [0, 1, 2].map((t) => {
    const part = times.slice(t * third, (t + 1) * third);
    return (part.reduce((a, b) => a + b, 0) / part.length) * 1000;
  });
}

function main(): void {
  const { values } = parseArgs({ options: { drafts: { type: 'string', default: '20' } } });
  const drafts = Number(values.drafts);
  const rng = seededRng(1);
  console.log('µs per pick (median over drafts), by third of the draft: a pick (check, fold, stuck?) and choosing an autopick');
  console.log('draft      picks   pick: first  middle    last   autopick: first  middle    last   whole draft by autopick');
  for (const size of SIZES) {
    playDraft(size, rng); // warm-up
    const pickThirds: number[][] = [[], [], []];
    const choiceThirds: number[][] = [[], [], []];
    const wholes: number[] = [];
    for (let d = 0; d < drafts; d++) {
      const { picks, choices } = playDraft(size, rng);
      byThirds(picks).forEach((mean, t) => pickThirds[t].push(mean));
      byThirds(choices).forEach((mean, t) => choiceThirds[t].push(mean));
      wholes.push([...picks, ...choices].reduce((a, b) => a + b, 0));
    }
    const cells = (thirds: number[][]) => thirds.map((t) => median(t).toFixed(1).padStart(7)).join(' ');
    const label = `${size.teams} × ${size.rounds}`.padEnd(9);
    console.log(`${label} ${String(size.teams * size.rounds).padStart(6)}   ${cells(pickThirds)}   ${' '.repeat(8)}${cells(choiceThirds)}   ${median(wholes).toFixed(1).padStart(10)} ms`);
  }
}

main();
