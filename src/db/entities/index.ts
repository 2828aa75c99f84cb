import { User } from './user.ts';
import { League, LeagueMember, Team, RosterEntry } from './league.ts';
import { Player } from './player.ts';
import { StreamEvent } from './event-log.ts';
import { Draft, DraftPickRecord } from './draft.ts';
import { Game } from './game.ts';
import { scoringEntities } from './scoring.ts';
import { PlayerGameLine } from './stats.ts';
import { jobEntities } from './jobs.ts';
import { RefreshToken, ApiKey } from './session.ts';

export * from './user.ts';
export * from './league.ts';
export * from './player.ts';
export * from './event-log.ts';
export * from './draft.ts';
export * from './game.ts';
export * from './scoring.ts';
export * from './stats.ts';
export * from './jobs.ts';
export * from './session.ts';

/** Every entity, for the ORM config. */
export const entities = [User, League, LeagueMember, Team, Player, RosterEntry, StreamEvent, Draft, DraftPickRecord, Game, PlayerGameLine, ...scoringEntities, ...jobEntities, RefreshToken, ApiKey];
