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
import { f1Entities } from './f1.ts';
import { seasonEntities } from './season.ts';
import { Notification } from './notification.ts';
import { transactionEntities } from './transactions.ts';
import { baseballScheduleEntities } from './baseball-schedule.ts';

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
export * from './f1.ts';
export * from './season.ts';
export * from './notification.ts';
export * from './transactions.ts';
export * from './baseball-schedule.ts';

/** Every entity, for the ORM config. */
export const entities = [User, League, LeagueMember, Team, Player, RosterEntry, StreamEvent, Draft, DraftPickRecord, Game, PlayerGameLine, ...scoringEntities, ...jobEntities, RefreshToken, ApiKey, ...f1Entities, ...seasonEntities, Notification, ...transactionEntities, ...baseballScheduleEntities];
