import type { ArraySchema } from '@colyseus/schema';
import type { DraftState } from '../../src/draft/index.ts';
import { teamOnClock, totalPicks } from '../../src/draft/index.ts';
import { DraftPickState, DraftSkipState, DraftRoomState, DraftTeamState, DraftTradedPickState } from '../../schema/DraftRoomState.ts';

/** Builds the synced state for a draft whose rules' state was just loaded or replayed. */
export function createDraftState(rules: DraftState, teams: Array<{ id: string; name: string }>): DraftRoomState {
  const state = new DraftRoomState();
  state.draftId = rules.config.draftId;
  state.type = rules.config.type;
  state.rounds = rules.config.rounds;
  state.pickSeconds = rules.config.pickSeconds;
  state.totalPicks = totalPicks(rules.config);
  const names = new Map(teams.map((team) => [team.id, team.name]));
  rules.config.order.forEach((teamId, index) => {
    state.teams.push(new DraftTeamState({ id: teamId, name: names.get(teamId) ?? teamId, slot: index + 1, connected: false, autopick: false }));
  });
  for (const traded of rules.config.tradedPicks) state.tradedPicks.push(new DraftTradedPickState({ ...traded }));
  syncDraftState(state, rules);
  return state;
}

/**
 * Copies the rules' state into the synced state, touching only what changed so the delta
 * stays small: picks are appended or trimmed (undo), scalars assigned. `previous`: the rules'
 * state this synced state was last synced from. The reducer replaces a list only when it changes
 * (src/draft/state.ts), so a list it still shares is already in sync and is not compared again
 * (a pick then costs no walk over the teams' queues). Returns whether a queue (private: only its
 * owner's view holds it) changed.
 */
export function syncDraftState(state: DraftRoomState, rules: DraftState, previous?: DraftState): boolean {
  state.status = rules.status;
  state.currentPick = rules.currentPick;
  state.onClock = teamOnClock(rules) ?? '';
  state.deadline = rules.deadline;
  state.remainingMs = rules.remainingMs;
  if (previous?.picks !== rules.picks) syncPicks(state, rules, previous);
  if (previous?.skips !== rules.skips) syncSkips(state, rules);
  if (previous && previous.autopick === rules.autopick && previous.queues === rules.queues) return false;
  const autopick = new Set(rules.autopick);
  let queuesChanged = false;
  for (const team of state.teams) {
    team.autopick = autopick.has(team.id);
    const queue = rules.queues[team.id] ?? [];
    if (sameList(team.queue, queue)) continue;
    // Edited in place: the array instance stays the one the owner's view already holds.
    team.queue.clear();
    team.queue.push(...queue);
    queuesChanged = true;
  }
  return queuesChanged;
}

function sameList(synced: ArraySchema<string>, wanted: string[]): boolean {
  return synced.length === wanted.length && wanted.every((id, i) => synced[i] === id);
}

/**
 * Picks change at the end only (a pick appends, an undo removes the last), so the common case
 * appends the new tail; anything else (a keeper-aware undo, a replay) rebuilds from the first
 * difference.
 */
function syncPicks(state: DraftRoomState, rules: DraftState, previous?: DraftState): void {
  const synced = state.picks;
  // The common case, a pick appended after the last one synced: no read through the synced array
  // (each is a Proxy trap), just the new element.
  const before = previous?.picks;
  if (before && synced.length === before.length && rules.picks.length === before.length + 1
    && (before.length === 0 || rules.picks[before.length - 1] === before[before.length - 1])) {
    synced.push(pickState(rules.picks[before.length]));
    return;
  }
  let same = Math.min(synced.length, rules.picks.length);
  const last = same - 1;
  if (last >= 0 && !samePick(synced[last], rules.picks[last])) {
    same = 0;
    while (same < last && samePick(synced[same], rules.picks[same])) same++;
  }
  while (synced.length > same) synced.pop();
  for (let i = same; i < rules.picks.length; i++) synced.push(pickState(rules.picks[i]));
}

/** Field by field: no intermediate object for the schema to walk (a pick's hot path). */
function pickState(pick: DraftState['picks'][number]): DraftPickState {
  const state = new DraftPickState();
  state.overall = pick.overall;
  state.round = pick.round;
  state.teamId = pick.teamId;
  state.playerId = pick.playerId;
  state.auto = pick.auto;
  state.keeper = pick.keeper;
  return state;
}

function samePick(synced: DraftPickState, pick: DraftState['picks'][number]): boolean {
  return synced.overall === pick.overall && synced.playerId === pick.playerId;
}

/** Skips are few and change only at the end (a skip appends, an undo trims): rebuilt when they differ. */
function syncSkips(state: DraftRoomState, rules: DraftState): void {
  const same = state.skips.length === rules.skips.length
    && rules.skips.every((skip, i) => state.skips[i].overall === skip.overall && state.skips[i].teamId === skip.teamId);
  if (same) return;
  state.skips.clear();
  for (const skip of rules.skips) state.skips.push(new DraftSkipState({ ...skip }));
}
