import type { App } from '../../src/app.ts';
import { League, Player, RosterEntry, type BaseballRulesId } from '../../src/db/entities/index.ts';
import { DiceStream } from '../../src/dice/verifiable.ts';
import { isRuleError } from '../../src/rules/rule-error.ts';
import * as live from '../../src/baseball/live.ts';
import { gameProjections } from '../../src/baseball/projections.ts';
import { createGame, gameContextOf, loadGameForRoom, type NewGameInput } from '../../src/baseball/service.ts';
import type { TestServer } from './server.ts';
import { leagueWithManagers, roomSuite } from './league-rooms.ts';

/** A clock far from now, one second a play: playOutGame's games end in a known order. */
const PLAYED_FROM = Date.UTC(2030, 3, 1);
/** No game has this many decisions: a safety net against a loop that never ends. */
const MAX_STEPS = 5000;

/**
 * A baseball league whose first `owned` teams have managers, each team rostered with one of the
 * sample clubs (26 carded players), run by a fresh commissioner.
 */
export async function baseballLeague(server: TestServer, options: { rules?: BaseballRulesId; teams?: number; owned?: number } = {}) {
  const league = await leagueWithManagers(server, { sport: 'baseball', teams: options.teams ?? 2, owned: options.owned });
  if (options.rules) await server.app.storage.orm.em.fork().nativeUpdate(League, { id: league.leagueId }, { baseballRules: options.rules });
  await rosterClubs(server.app, league.teamIds);
  return league;
}

/** Team i gets the players of sample club i. */
async function rosterClubs(app: App, teamIds: string[]): Promise<void> {
  const em = app.storage.orm.em.fork();
  const players = await em.find(Player, { sport: 'baseball' }, { orderBy: { externalId: 'asc' } });
  const clubs = [...new Set(players.map((p) => p.team))].sort();
  teamIds.forEach((teamId, i) => {
    for (const p of players.filter((player) => player.team === clubs[i])) em.create(RosterEntry, { team: teamId, player: p.id, acquiredVia: 'commissioner' });
  });
  await em.flush();
}

/** A game stored as POST stores it, but without opening its room (nothing plays it but the test). */
export function storedGame(app: App, leagueId: string, userId: string, input: NewGameInput): Promise<string> {
  return createGame(app.storage.orm.em.fork(), leagueId, userId, input);
}

/**
 * Plays a game to the end as its room would with nobody deciding: the AI decides every side on
 * expiry, the game's own verifiable dice roll. Continues from whatever the game's log holds, and
 * commits each step through the event store with the room's projections (status, score, winner,
 * box), so the games row ends final as a room leaves it.
 */
export async function playOutGame(app: App, gameId: string): Promise<void> {
  const loaded = await loadGameForRoom(app.storage.orm.em.fork(), gameId);
  if (!loaded) throw new Error(`no game ${gameId}`);
  const ctx = gameContextOf(loaded.config);
  let state = live.replayLive(live.initialLive(loaded.config), loaded.events);
  const plays = live.playsOf(loaded.events);
  // Numbered from 1, as the rooms number their streams.
  let seq = loaded.events.length + 1;
  let now = PLAYED_FROM;
  for (let step = 0; state.status !== 'final'; step++) {
    if (step > MAX_STEPS) throw new Error(`game ${gameId} did not end in ${MAX_STEPS} steps`);
    now += 1000;
    const dice = new DiceStream(loaded.seed, gameId, state.rolls);
    const outcome = state.status === 'scheduled' ? live.start(state, { now }) : live.expire(state, { now, dice, game: ctx });
    if (isRuleError(outcome)) throw new Error(`game ${gameId}: ${outcome.code} ${outcome.message}`);
    const after = live.replayLive(state, outcome.events);
    plays.push(...live.playsOf(outcome.events));
    await app.store.commit({
      stream: gameId,
      events: outcome.events.map((event) => ({ seq: seq++, type: event.type, payload: event as unknown as Record<string, unknown>, actor: null })),
      projections: gameProjections(state, after, plays, new Date(now)),
    });
    state = after;
  }
}

/** Stores and plays out one game per [home, away] pair, in order; their ids. */
export async function playedGames(app: App, leagueId: string, userId: string, pairs: ReadonlyArray<readonly [string, string]>): Promise<string[]> {
  const ids: string[] = [];
  for (const [homeTeamId, awayTeamId] of pairs) {
    const gameId = await storedGame(app, leagueId, userId, { homeTeamId, awayTeamId });
    await playOutGame(app, gameId);
    ids.push(gameId);
  }
  return ids;
}

/** The hooks of a baseball room test file (roomSuite) and a join of a game's room by id. */
export function gameRoomSuite() {
  const { suite, join } = roomSuite('baseball');
  const joinGame = (token: string, gameId: string, extra: Record<string, unknown> = {}) => join(token, '', { gameId, ...extra });
  return { suite, joinGame };
}
