/**
 * The chaos loop behind `npm run chaos` and test/rooms/chaos.test.ts. Each round: top the world up
 * (chaos-world.ts), let the bots act for a random while, SIGKILL the process hosting the most
 * rooms, wait until every client of its rooms has failed over to another process (the rooms are
 * rebuilt there from their logs), restart the killed process, and check each of its rooms
 * (chaos-verify.ts) and that its unwatched AI games play on by themselves.
 */
import { seededRng, type Rng } from '../../src/dice/rng.ts';
import type { Cluster } from './chaos-cluster.ts';
import { World, type Population } from './chaos-world.ts';
import type { Item, Snapshot } from './chaos-bots.ts';
import type { FailoverSeat } from './chaos-seat.ts';
import { checkItem, gameProgress, playsOn } from './chaos-verify.ts';
import { percentile, sleep } from './stats.ts';

export interface ChaosOptions {
  cluster: Cluster;
  kills: number;
  population: Population;
  seed: number;
  /** The kill comes this long (a random ms in [min, max]) after the round's rooms are all live. */
  activeMs: [number, number];
  log?: (line: string) => void;
}

export interface RoundReport {
  round: number;
  victim: string;
  pid: number | undefined;
  hosting: Record<Item['kind'], number>;
  acks: number;
  missing: string[];
  /** Rooms whose clock was running at the kill: kept its deadline, or moved on once (ran out, or acted on). */
  deadlines: number;
  movedOn: number;
  changed: string[];
  plays: number;
  differ: string[];
  broken: string[];
  aiGames: number;
  stalled: string[];
  seats: number;
  rejoinFailures: number;
  /** Why each client that did not rejoin did not: its kind, whether it saw the drop, its failed attempts. */
  notRejoined: string[];
  rejoinMs: number[];
  /** Through which process the clients rejoined, by name. */
  via: Record<string, number>;
  restartMs: number;
}

/** A kill's failover must be over by then (the seats give up after 30 s themselves). */
const FAILOVER_TIMEOUT_MS = 40_000;
/** An orphaned AI game must have played on by then: sweep (1 s) + dead-process check (rooms/base/dead-processes.ts) + restore, on a busy box. */
const AI_RESUME_TIMEOUT_MS = 20_000;

export function roundFailed(r: RoundReport): boolean {
  return r.missing.length + r.changed.length + r.differ.length + r.broken.length + r.stalled.length + r.rejoinFailures > 0;
}

/** A seat that did not fail over, in words: did it see the drop, did it give up, what its attempts met since the kill. */
function whyNotRejoined(seat: FailoverSeat, before: { kind: string; failures: number; drops: number; attempts: Map<string, number> }): string {
  const codes = seat.closeCodes.slice(before.drops);
  const attempts = [...seat.failedAttempts].map(([reason, n]) => [reason, n - (before.attempts.get(reason) ?? 0)] as const).filter(([, n]) => n > 0);
  return `${before.kind} client ${codes.length > 0 ? `dropped (close ${codes.join(', ')})` : 'saw no drop'}` +
    `${seat.rejoinFailures > before.failures ? ', gave up' : ''}` +
    `${attempts.length > 0 ? `, attempts refused: ${attempts.map(([reason, n]) => `${reason} ×${n}`).join(', ')}` : ', no attempt refused'}`;
}

export function roundLine(r: RoundReport): string {
  const h = r.hosting;
  const ms = (p: number) => `${percentile([...r.rejoinMs].sort((a, b) => a - b), p) ?? '-'}`;
  const via = Object.entries(r.via).map(([name, n]) => `${n} via ${name}`).join(', ') || 'none';
  return `round ${r.round}: killed ${r.victim} (pid ${r.pid}) hosting ${h.draft} drafts, ${h.auction} auctions, ${h.game + h['ai-game']} games ` +
    `(${h['ai-game']} AI-vs-AI); ${r.acks} acknowledged actions checked, ${r.missing.length} missing; ` +
    `${r.deadlines} deadlines checked, ${r.changed.length} moved (${r.deadlines - r.movedOn - r.changed.length} kept, ${r.movedOn} ran out or were acted on once during failover); ` +
    `${r.plays} plays seen checked, ${r.differ.length} differ; ${r.aiGames} AI games played on by themselves, ${r.stalled.length} stalled; ` +
    `${r.seats - r.rejoinFailures}/${r.seats} clients rejoined (${via}), rejoin p50 ${ms(50)} ms p95 ${ms(95)} ms; ` +
    `${r.broken.length} broken histories; restarted in ${r.restartMs} ms` +
    (r.notRejoined.length > 0 ? `; not rejoined: ${r.notRejoined.join('; ')}` : '');
}

export async function runChaos(options: ChaosOptions): Promise<{ rounds: RoundReport[]; finalMissing: string[]; finalAcks: number }> {
  const { cluster, log = () => undefined } = options;
  const rng = seededRng(options.seed);
  const world = new World(cluster.api, cluster.servers, options.population, rng);
  await world.setup();
  const rounds: RoundReport[] = [];
  try {
    for (let n = 1; n <= options.kills; n++) {
      const report = await round(n, options, world, rng, !rounds.some((r) => r.aiGames > 0));
      rounds.push(report);
      log(roundLine(report));
      for (const problem of [...report.missing, ...report.changed, ...report.differ, ...report.broken, ...report.stalled]) log(`  ${problem}`);
    }
    // Every room of the run, killed or not, finished or not, has its acknowledged actions checked at the end.
    const finalMissing: string[] = [];
    let finalAcks = 0;
    for (const item of [...world.items, ...world.retired].filter((i) => i.kind !== 'ai-game')) {
      const check = await checkItem(cluster.api(), world.token, item, undefined);
      finalAcks += check.acks;
      finalMissing.push(...check.missing);
    }
    return { rounds, finalMissing, finalAcks };
  } finally {
    await world.close();
  }
}

async function round(n: number, options: ChaosOptions, world: World, rng: Rng, wantAiGame: boolean): Promise<RoundReport> {
  const { cluster } = options;
  await world.replenish();
  await sleep(rng.int(options.activeMs[0], options.activeMs[1]));

  // The victim: the process hosting the most of this run's rooms; until a round has killed one
  // hosting an AI-vs-AI game (which must play on by itself elsewhere), one hosting such a game.
  const listings = await cluster.listings();
  const hostOf = new Map(listings.map((l) => [l.id, l.node]));
  const hostsAiGame = (node: number) => world.items.some((item) => item.kind === 'ai-game' && hostOf.get(item.id) === node);
  const scores = cluster.nodes.map((_, i) => world.items.filter((item) => hostOf.get(item.id) === i).length +
    (wantAiGame && hostsAiGame(i) ? world.items.length : 0));
  const victim = scores.indexOf(Math.max(...scores));
  const onVictim = world.items.filter((item) => hostOf.get(item.id) === victim);
  const aiBefore = new Map<Item, number>();
  for (const item of onVictim.filter((i) => i.kind === 'ai-game')) aiBefore.set(item, (await gameProgress(cluster.api(), world.token, item.id)).plays);
  const before = new Map<Item, Snapshot | undefined>();
  const rejoinsBefore = new Map(onVictim.flatMap((item) => item.seats.map((seat) => [seat, {
    kind: item.kind, rejoins: seat.rejoins, failures: seat.rejoinFailures, drops: seat.closeCodes.length, attempts: new Map(seat.failedAttempts),
  }] as const)));
  const failedOver = (seat: FailoverSeat) => seat.rejoins > rejoinsBefore.get(seat)!.rejoins;
  const gaveUp = (seat: FailoverSeat) => seat.rejoinFailures > rejoinsBefore.get(seat)!.failures;
  for (const item of onVictim) {
    before.set(item, item.last && { ...item.last });
    item.rebuilt = undefined;
  }
  const node = cluster.nodes[victim];
  const pid = node.pid;
  await node.kill();

  // Every client of the killed rooms fails over (or gives up); then the process comes back.
  const seats = [...rejoinsBefore.keys()];
  const until = Date.now() + FAILOVER_TIMEOUT_MS;
  while (Date.now() < until && seats.some((seat) => !failedOver(seat) && !gaveUp(seat))) await sleep(50);
  const restartStarted = Date.now();
  const restarted = cluster.restart(victim).then(() => Date.now() - restartStarted);
  restarted.catch(() => undefined); // awaited below; a failed check must not leave it unhandled

  const report: RoundReport = {
    round: n, victim: cluster.name(victim), pid, hosting: { draft: 0, auction: 0, game: 0, 'ai-game': 0 },
    acks: 0, missing: [], deadlines: 0, movedOn: 0, changed: [], plays: 0, differ: [], broken: [], aiGames: 0, stalled: [],
    seats: seats.length, rejoinFailures: 0, notRejoined: [], rejoinMs: [], via: {}, restartMs: 0,
  };
  for (const seat of seats) {
    if (!failedOver(seat)) {
      report.rejoinFailures++;
      report.notRejoined.push(whyNotRejoined(seat, rejoinsBefore.get(seat)!));
    } else {
      report.rejoinMs.push(seat.rejoinMs.at(-1)!);
      const name = cluster.name(cluster.servers().indexOf(seat.via));
      report.via[name] = (report.via[name] ?? 0) + 1;
    }
  }
  for (const item of onVictim) {
    report.hosting[item.kind]++;
    if (item.kind === 'ai-game') {
      report.aiGames++;
      if (!(await playsOn(cluster.api, world.token, item.id, aiBefore.get(item)!, AI_RESUME_TIMEOUT_MS))) report.stalled.push(`AI game ${item.id} did not play on`);
      continue;
    }
    const check = await checkItem(cluster.api(), world.token, item, before.get(item));
    report.acks += check.acks;
    report.missing.push(...check.missing);
    report.plays += check.plays;
    report.differ.push(...check.differ);
    report.broken.push(...check.broken);
    if (check.deadline !== 'none') report.deadlines++;
    if (check.deadline === 'moved-on') report.movedOn++;
    if (check.deadline === 'changed') report.changed.push(`${item.kind} ${item.id}: deadline ${before.get(item)!.deadline} became ${item.rebuilt!.deadline}`);
  }
  report.restartMs = await restarted;
  return report;
}
