import { modeOf, type GameConfig } from '../../src/baseball/config.ts';
import { BEFORE_PARKS } from '../../src/baseball/ballparks.ts';
import type { LiveGame } from '../../src/baseball/live.ts';
import { currentBatterId, winExpectancy } from '../../src/baseball/index.ts';
import type { Play, Side, TeamState } from '../../src/baseball/types.ts';
import {
  BaseballLineScoreState, BaseballLineupState, BaseballParkState, BaseballPlayState, BaseballScoreState, BaseballSlotState, BaseballRoomState,
} from '../../schema/BaseballRoomState.ts';

export function createBaseballState(config: GameConfig): BaseballRoomState {
  const state = new BaseballRoomState();
  state.gameId = config.gameId;
  state.rules = config.rules.id;
  state.diceCommitment = config.diceCommitment;
  state.mode = modeOf(config);
  const park = config.park ?? BEFORE_PARKS;
  state.park = new BaseballParkState({ id: park.id, name: park.name, ...park.factors, bpHr: park.bp?.hr ?? 0, bpSingle: park.bp?.single ?? 0 });
  state.score = new BaseballScoreState({ away: 0, home: 0 });
  state.lineScore = new BaseballLineScoreState();
  state.lastPlay = new BaseballPlayState({ number: 0, text: '', result: '', runs: 0, at: 0 });
  state.bases.push('', '', '');
  for (const side of ['away', 'home'] as const) {
    state.lineups.push(new BaseballLineupState({
      side, id: config[side].teamId, name: config[side].name, ai: config[side].ai ?? '', connected: false, next: 0, pitcher: '', pending: '', autopilot: false,
    }));
  }
  return state;
}

/** Copies the live game into the synced state; the sealed defense decision only into its side's private field. */
export interface LastPlay { play: Play; at: number }

export function syncBaseballState(state: BaseballRoomState, live: LiveGame, names: ReadonlyMap<string, string>, last: LastPlay | undefined, seed: string): void {
  const { game } = live;
  state.status = live.status;
  state.startAt = live.startAt;
  state.forfeitedBy = live.forfeitedBy ?? '';
  state.autopilot = live.autopilot.length > 0;
  state.inning = game.inning;
  state.half = game.half;
  state.outs = game.outs;
  game.bases.forEach((runner, i) => { state.bases[i] = runner?.id ?? ''; });
  state.score.away = game.away.runs;
  state.score.home = game.home.runs;
  syncNumbers(state.lineScore.away, game.away.lineScore);
  syncNumbers(state.lineScore.home, game.home.lineScore);
  state.batter = live.status === 'final' || live.status === 'cancelled' ? '' : currentBatterId(game);
  state.pitcher = (game.half === 'top' ? game.home : game.away).pitcher.pitcherId;
  state.awaiting = live.awaiting;
  state.deadline = live.deadline;
  state.winProbability = live.status === 'final'
    ? (live.forfeitedBy ? Number(live.forfeitedBy === 'away') : Number(game.home.runs > game.away.runs))
    : winExpectancy({ inning: game.inning, half: game.half, outs: game.outs, onBaseCode: baseCode(game.bases), scoreDiff: game.home.runs - game.away.runs }, game.rules);
  state.diceSeed = live.status === 'final' ? seed : '';
  const fielding: Side = game.half === 'top' ? 'home' : 'away';
  for (const lineup of state.lineups) {
    const side = lineup.side as Side;
    syncLineup(lineup, game[side], names);
    lineup.pending = side === fielding && live.pendingDefense ? JSON.stringify(live.pendingDefense.decision) : '';
    lineup.autopilot = live.autopilot.includes(side);
  }
  if (last && last.play.number !== state.lastPlay.number) syncPlay(state.lastPlay, last);
}

function syncLineup(lineup: BaseballLineupState, team: TeamState, names: ReadonlyMap<string, string>): void {
  lineup.next = team.next;
  lineup.pitcher = team.pitcher.pitcherId;
  team.lineup.forEach((slot, i) => {
    const synced = lineup.players[i];
    if (!synced) {
      lineup.players.push(new BaseballSlotState({ playerId: slot.playerId, name: names.get(slot.playerId) ?? slot.playerId, position: slot.position }));
    } else if (synced.playerId !== slot.playerId || synced.position !== slot.position) {
      Object.assign(synced, { playerId: slot.playerId, name: names.get(slot.playerId) ?? slot.playerId, position: slot.position });
    }
  });
}

function syncPlay(synced: BaseballPlayState, { play, at }: LastPlay): void {
  synced.number = play.number;
  synced.at = at;
  synced.text = play.description;
  synced.result = play.code;
  synced.runs = play.runs;
  synced.dice.clear();
  synced.dice.push(...play.dice.map((d) => d.value));
  synced.sides.clear();
  synced.sides.push(...play.dice.map((d) => d.sides));
  synced.tactics.clear();
  synced.tactics.push(...(play.tactics ?? []));
}

function syncNumbers(target: { length: number; [i: number]: number; push(...v: number[]): number; pop(): number | undefined }, source: readonly number[]): void {
  while (target.length > source.length) target.pop();
  source.forEach((value, i) => { if (i >= target.length) target.push(value); else if (target[i] !== value) target[i] = value; });
}

function baseCode(bases: LiveGame['game']['bases']): number {
  return (bases[0] ? 1 : 0) | (bases[1] ? 2 : 0) | (bases[2] ? 4 : 0);
}
