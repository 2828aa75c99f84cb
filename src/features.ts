import { defineRoom, type RegisteredHandler } from '@colyseus/core';
import { DraftRoom } from '../rooms/DraftRoom.ts';
import { AuctionRoom } from '../rooms/AuctionRoom.ts';
import { BaseballRoom } from '../rooms/BaseballRoom.ts';
import { LeagueLiveRoom } from '../rooms/LeagueLiveRoom.ts';
import { echoRoomDefinition } from '../rooms/EchoRoom.ts';
import type { ApiDeps } from './http/api.ts';
import { draftRoutes } from './http/routes/drafts.ts';
import { gameRoutes } from './http/routes/games.ts';
import { rosterRoutes } from './http/routes/rosters.ts';
import { scoringRoutes } from './http/routes/scoring.ts';
import { statsRoutes } from './http/routes/stats.ts';
import { ingestRoutes } from './http/routes/ingest.ts';
import { f1Routes } from './http/routes/f1.ts';
import { seasonRoutes } from './http/routes/seasons.ts';
import { baseballScheduleRoutes } from './http/routes/baseball-schedule.ts';
import { transactionRoutes } from './http/routes/transactions.ts';
import { tradeRoutes } from './http/routes/trades.ts';
import { leagueAdminRoutes } from './http/routes/league-admin.ts';

/**
 * The room kinds and the REST routers of the game features. One list, so adding a kind
 * (draft, auction, baseball) is one line here plus its own folders.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- room classes differ in their state types
export function roomDefinitions(): Record<string, RegisteredHandler<any>> {
  return {
    // One room per draft: joinOrCreate('draft', {draftId}) finds it or restores it from the log.
    draft: defineRoom(DraftRoom).filterBy(['draftId']),
    auction: defineRoom(AuctionRoom).filterBy(['draftId']),
    // One room per game; POST /games opens it so the game plays with nobody in it.
    baseball: defineRoom(BaseballRoom).filterBy(['gameId']),
    // One room per league: live points, matchups and the user's notifications.
    league: defineRoom(LeagueLiveRoom).filterBy(['leagueId']),
    ...echoRoomDefinition(), // load-test baseline, only with LOAD_ECHO_ROOM=true (rooms/EchoRoom.ts)
  };
}

export const apiRouters: NonNullable<ApiDeps['routers']> = [
  (deps) => ['/', draftRoutes(deps)],
  (deps) => ['/', gameRoutes(deps)],
  (deps) => ['/', baseballScheduleRoutes(deps)],
  (deps) => ['/', rosterRoutes(deps)],
  (deps) => ['/', scoringRoutes(deps)],
  (deps) => ['/', statsRoutes(deps)],
  (deps) => ['/', ingestRoutes(deps)],
  (deps) => ['/', f1Routes(deps)],
  (deps) => ['/', seasonRoutes(deps)],
  (deps) => ['/', transactionRoutes(deps)],
  (deps) => ['/', tradeRoutes(deps)],
  (deps) => ['/', leagueAdminRoutes(deps)],
];
