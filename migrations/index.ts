import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122035332_Initial } from './Migration20261122035332_Initial.ts';
import { Migration20261122040006_Drafts } from './Migration20261122040006_Drafts.ts';
import { Migration20261122044930_AuctionPrice } from './Migration20261122044930_AuctionPrice.ts';
import { Migration20261122054859_Games } from './Migration20261122054859_Games.ts';
import { Migration20261122062715_PlayerGameLines } from './Migration20261122062715_PlayerGameLines.ts';
import { Migration20261122063039_Scoring } from './Migration20261122063039_Scoring.ts';
import { Migration20261122063430_Jobs } from './Migration20261122063430_Jobs.ts';
import { Migration20261202153000_AdminRole } from './Migration20261202153000_AdminRole.ts';
import { Migration20261202154000_Visibility } from './Migration20261202154000_Visibility.ts';
import { Migration20261202155000_GameChallenges } from './Migration20261202155000_GameChallenges.ts';
import { Migration20261202168000_Sessions } from './Migration20261202168000_Sessions.ts';
import { Migration20261203120000_Seasons } from './Migration20261203120000_Seasons.ts';
import { Migration20261203130000_Notifications } from './Migration20261203130000_Notifications.ts';
import { Migration20261203140000_Transactions } from './Migration20261203140000_Transactions.ts';
import { Migration20261203150000_F1RaceWeekends } from './Migration20261203150000_F1RaceWeekends.ts';
import { Migration20261203160000_GameLifecycle } from './Migration20261203160000_GameLifecycle.ts';
import { Migration20261204130000_TradedPicks } from './Migration20261204130000_TradedPicks.ts';
import { Migration20261204150000_BaseballSchedules } from './Migration20261204150000_BaseballSchedules.ts';
import { Migration20261205100000_BallparkResults } from './Migration20261205100000_BallparkResults.ts';
import { Migration20261210100000_ScheduleRetries } from './Migration20261210100000_ScheduleRetries.ts';
import { Migration20261211100000_LineScores } from './Migration20261211100000_LineScores.ts';
import { Migration20261212100000_StaleWaiverClaims } from './Migration20261212100000_StaleWaiverClaims.ts';
import { Migration20261213100000_TradeAcceptedAt } from './Migration20261213100000_TradeAcceptedAt.ts';

/**
 * Every migration, in order. `npm run migration:create -- Name` writes a new file here from the
 * entity changes; add it to this list (explicit, so the server never scans the disk for code to run).
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122035332_Initial', class: Migration20261122035332_Initial },
  { name: 'Migration20261122040006_Drafts', class: Migration20261122040006_Drafts },
  { name: 'Migration20261122044930_AuctionPrice', class: Migration20261122044930_AuctionPrice },
  { name: 'Migration20261122054859_Games', class: Migration20261122054859_Games },
  { name: 'Migration20261122062715_PlayerGameLines', class: Migration20261122062715_PlayerGameLines },
  { name: 'Migration20261122063039_Scoring', class: Migration20261122063039_Scoring },
  { name: 'Migration20261122063430_Jobs', class: Migration20261122063430_Jobs },
  { name: 'Migration20261202153000_AdminRole', class: Migration20261202153000_AdminRole },
  { name: 'Migration20261202154000_Visibility', class: Migration20261202154000_Visibility },
  { name: 'Migration20261202155000_GameChallenges', class: Migration20261202155000_GameChallenges },
  { name: 'Migration20261202168000_Sessions', class: Migration20261202168000_Sessions },
  { name: 'Migration20261203120000_Seasons', class: Migration20261203120000_Seasons },
  { name: 'Migration20261203130000_Notifications', class: Migration20261203130000_Notifications },
  { name: 'Migration20261203140000_Transactions', class: Migration20261203140000_Transactions },
  { name: 'Migration20261203150000_F1RaceWeekends', class: Migration20261203150000_F1RaceWeekends },
  { name: 'Migration20261203160000_GameLifecycle', class: Migration20261203160000_GameLifecycle },
  { name: 'Migration20261204130000_TradedPicks', class: Migration20261204130000_TradedPicks },
  { name: 'Migration20261204150000_BaseballSchedules', class: Migration20261204150000_BaseballSchedules },
  { name: 'Migration20261205100000_BallparkResults', class: Migration20261205100000_BallparkResults },
  { name: 'Migration20261210100000_ScheduleRetries', class: Migration20261210100000_ScheduleRetries },
  { name: 'Migration20261211100000_LineScores', class: Migration20261211100000_LineScores },
  { name: 'Migration20261212100000_StaleWaiverClaims', class: Migration20261212100000_StaleWaiverClaims },
  { name: 'Migration20261213100000_TradeAcceptedAt', class: Migration20261213100000_TradeAcceptedAt },
];
