/**
 * The peer benchmark's game: a snake draft written for boardgame.io 0.50.2, doing what a Clubhouse
 * draft pick checks — the player on the clock, the overall pick the client saw (stale), a known
 * player, not taken, a roster slot free (the same football pool and roster limits) — and nothing
 * it does not: no database, no pick clock, no queues. boardgame.io sends the whole JSON state to
 * every client after every move (its default, `deltaState` off).
 */
import { INVALID_MOVE } from './bgio.ts';
import type { Game } from 'boardgame.io';
import { SPORT_DEFAULTS } from '../../src/draft/config.ts';
import { slotFor, type SlotCounts } from '../../src/draft/roster.ts';
import { generateFootballPlayers } from '../../src/seed/index.ts';

export const GAME_NAME = 'snake-draft';

export interface PeerPick { overall: number; round: number; teamId: string; playerId: string; slot: string }
export interface PeerDraft { rounds: number; picks: PeerPick[] }
export interface PeerPlayer { id: string; positions: string[]; rank: number }

/** The seeded football pool, best rank first; the externalId stands for the id (no database here). */
export const PEER_POOL: PeerPlayer[] = generateFootballPlayers()
  .map((p) => ({ id: p.externalId!, positions: [...p.positions], rank: p.rank }))
  .sort((a, b) => a.rank - b.rank);
const byId = new Map(PEER_POOL.map((p) => [p.id, p]));
const rosterRules = SPORT_DEFAULTS.football.rosterRules;

/** The seat (0-based) on the clock at 0-based pick `index` of a snake draft of `teams`. */
export function seatAt(index: number, teams: number): number {
  const round = Math.floor(index / teams);
  const position = index % teams;
  return round % 2 === 0 ? position : teams - 1 - position;
}

/** How `teamId`'s picks fill the positions (each counted where it was slotted). */
export function countsOf(picks: readonly PeerPick[], teamId: string): SlotCounts {
  const counts: SlotCounts = new Map();
  for (const pick of picks) if (pick.teamId === teamId) counts.set(pick.slot, (counts.get(pick.slot) ?? 0) + 1);
  return counts;
}

/** The best-ranked player nobody has taken who fits `teamId`'s roster. */
export function bestAvailable(picks: readonly PeerPick[], teamId: string): PeerPlayer | undefined {
  const taken = new Set(picks.map((p) => p.playerId));
  const counts = countsOf(picks, teamId);
  return PEER_POOL.find((p) => !taken.has(p.id) && slotFor(rosterRules, counts, p.positions) !== null);
}

export const SnakeDraft: Game<PeerDraft> = {
  name: GAME_NAME,
  setup: (_context, setupData?: { rounds?: number }) => ({ rounds: setupData?.rounds ?? SPORT_DEFAULTS.football.rounds, picks: [] }),
  turn: {
    minMoves: 1,
    maxMoves: 1,
    order: {
      first: () => 0,
      next: ({ G, ctx }) => seatAt(G.picks.length, ctx.numPlayers),
    },
  },
  moves: {
    pick: {
      // The server decides: a client does not apply its own pick before the server has.
      client: false,
      move: ({ G, ctx, playerID }, playerId: string, overall: number) => {
        if (overall !== G.picks.length + 1) return INVALID_MOVE;
        const player = byId.get(playerId);
        if (!player || G.picks.some((p) => p.playerId === playerId)) return INVALID_MOVE;
        const slot = slotFor(rosterRules, countsOf(G.picks, playerID), player.positions);
        if (slot === null) return INVALID_MOVE;
        G.picks.push({ overall, round: Math.ceil(overall / ctx.numPlayers), teamId: playerID, playerId, slot });
      },
    },
  },
  endIf: ({ G, ctx }) => (G.picks.length >= G.rounds * ctx.numPlayers ? { complete: true } : undefined),
};
