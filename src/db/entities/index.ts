import { User } from './user.ts';
import { League, LeagueMember, Team, RosterEntry } from './league.ts';
import { Player } from './player.ts';
import { StreamEvent } from './event-log.ts';
import { Draft, DraftPickRecord } from './draft.ts';
import { Game } from './game.ts';

export * from './user.ts';
export * from './league.ts';
export * from './player.ts';
export * from './event-log.ts';
export * from './draft.ts';
export * from './game.ts';

/** Every entity, for the ORM config. */
export const entities = [User, League, LeagueMember, Team, Player, RosterEntry, StreamEvent, Draft, DraftPickRecord, Game];
