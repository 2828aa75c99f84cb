/**
 * The checks of a room after its process was killed, against what is stored (REST) and what its
 * clients saw before the kill: every acknowledged action is stored; every play seen is stored as
 * seen; the rebuilt room starts from everything seen; a clock that was running kept its deadline
 * (same position on the clock, same deadline) or ran out exactly once (the position moved on and
 * the stored history has no gap nor double); the stored history is whole.
 */
import type { Api } from './rest.ts';
import type { Ack, Item, Snapshot } from './chaos-bots.ts';
import { sleep } from './stats.ts';

export interface ItemCheck {
  acks: number;
  missing: string[];
  /** 'none': no clock was running; 'kept': same deadline; 'moved-on': it ran out (or someone acted) once. */
  deadline: 'none' | 'kept' | 'moved-on' | 'changed';
  plays: number;
  differ: string[];
  broken: string[];
}

type View = any;

function ackStored(ack: Ack, view: View): boolean {
  switch (ack.kind) {
    case 'pick': return view.picks.some((p: any) => p.overall === ack.overall && p.teamId === ack.teamId && p.playerId === ack.playerId);
    case 'nominate': return view.lots.some((l: any) => l.number === ack.lot && l.playerId === ack.playerId && l.nominator === ack.teamId);
    case 'bid': return view.lots.some((l: any) => l.number === ack.lot && l.bids.some((b: any) => b.teamId === ack.teamId && b.amount === ack.amount));
    case 'decision': return view.plays.length >= ack.play;
  }
}

/** Whole histories: numbered 1..n, nothing twice. */
function invariants(item: Item, view: View): string[] {
  const problems: string[] = [];
  const numbered = (numbers: number[], what: string) => {
    if (numbers.some((n, i) => n !== i + 1)) problems.push(`${what} not numbered 1..n: ${numbers.join(',')}`);
  };
  if (item.kind === 'draft') {
    numbered(view.picks.map((p: any) => p.overall), 'picks');
    if (new Set(view.picks.map((p: any) => p.playerId)).size !== view.picks.length) problems.push('a player picked twice');
  } else if (item.kind === 'auction') {
    numbered(view.lots.map((l: any) => l.number), 'lots');
    const sold = view.lots.filter((l: any) => l.status === 'sold');
    if (new Set(sold.map((l: any) => l.playerId)).size !== sold.length) problems.push('a player sold twice');
    const spent = new Map<string, number>();
    for (const lot of sold) spent.set(lot.winner, (spent.get(lot.winner) ?? 0) + lot.price);
    for (const [team, total] of spent) if (total > view.config.budget) problems.push(`team ${team} spent ${total}`);
  } else {
    numbered(view.plays.map((p: any) => p.number), 'plays');
  }
  return problems.map((p) => `${item.kind} ${item.id}: ${p}`);
}

/** The rebuilt room against the last state seen before the kill. */
function rebuiltChecks(item: Item, before: Snapshot | undefined, rebuilt: Snapshot | undefined): Pick<ItemCheck, 'deadline' | 'broken'> {
  if (!before || !rebuilt) return { deadline: 'none', broken: [] };
  const broken: string[] = [];
  if (rebuilt.progress < before.progress) broken.push(`${item.kind} ${item.id}: rebuilt at ${rebuilt.progress}, ${before.progress} seen before`);
  before.entries.forEach((entry, i) => {
    if (rebuilt.entries[i] !== entry) broken.push(`${item.kind} ${item.id}: rebuilt room lacks ${entry}`);
  });
  if (before.done || before.deadline === 0) return { deadline: 'none', broken };
  if (rebuilt.position !== before.position) return { deadline: 'moved-on', broken };
  return { deadline: rebuilt.deadline === before.deadline ? 'kept' : 'changed', broken };
}

/** Everything about one room of the killed process; `before` is its watcher's last state before the kill. */
export async function checkItem(api: Api, token: string, item: Item, before: Snapshot | undefined): Promise<ItemCheck> {
  // Taken before the read: the bots keep acting, and what they hear of later may be stored later.
  const acks = [...item.acks];
  const plays = [...item.plays];
  const view = await api.rest('GET', item.roomName === 'baseball' ? `/api/v1/games/${item.id}` : `/api/v1/drafts/${item.id}`, token);
  const missing = acks.filter((ack) => !ackStored(ack, view)).map((ack) => `${item.kind} ${item.id}: ${JSON.stringify(ack)}`);
  const differ: string[] = [];
  for (const [number, seen] of plays) {
    const stored = view.plays[number - 1];
    const same = stored && stored.code === seen.result && stored.dice.map((d: any) => d.value).join() === seen.dice.join();
    if (!same) differ.push(`game ${item.id}: play ${number} seen ${seen.result} ${seen.dice.join('-')}, stored ${stored?.code ?? 'nothing'}`);
  }
  const rebuilt = rebuiltChecks(item, before, item.rebuilt);
  return { acks: acks.length, missing, deadline: rebuilt.deadline, plays: plays.length, differ, broken: [...invariants(item, view), ...rebuilt.broken] };
}

/** How many plays a game has stored, and whether it is over. */
export async function gameProgress(api: Api, token: string, gameId: string): Promise<{ plays: number; final: boolean }> {
  const view = await api.rest('GET', `/api/v1/games/${gameId}`, token);
  return { plays: view.plays.length, final: view.status === 'final' };
}

/** Waits until an unwatched game has played on past `plays` (or ended); false if it never did. */
export async function playsOn(api: () => Api, token: string, gameId: string, plays: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const now = await gameProgress(api(), token, gameId).catch(() => undefined);
    if (now && (now.final || now.plays > plays)) return true;
    await sleep(250);
  }
  return false;
}
