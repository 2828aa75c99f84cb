import { Migration } from '@mikro-orm/migrations';

/**
 * Future draft picks as trade assets (the picks each side of a trade moves), the season a draft
 * is for (its traded picks are that season's), and notifications of executed trades and waiver results.
 */
export class Migration20261204130000_TradedPicks extends Migration {

  override name = 'Migration20261204130000_TradedPicks';

  override up(): void | Promise<void> {
    this.addSql(`alter table "trades" add "gives_picks" jsonb not null default '[]', add "gets_picks" jsonb not null default '[]';`);
    this.addSql(`alter table "drafts" add "season" int null;`);
    this.addSql(`alter table "notifications" drop constraint "notifications_kind_check";`);
    this.addSql(`alter table "notifications" add constraint "notifications_kind_check" check ("kind" in ('draftStarting', 'onTheClock', 'lineupNotSet', 'periodFinal', 'playoffResult', 'tradeExecuted', 'waiverResult'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notifications" drop constraint "notifications_kind_check";`);
    this.addSql(`alter table "notifications" add constraint "notifications_kind_check" check ("kind" in ('draftStarting', 'onTheClock', 'lineupNotSet', 'periodFinal', 'playoffResult'));`);
    this.addSql(`alter table "drafts" drop column "season";`);
    this.addSql(`alter table "trades" drop column "gives_picks", drop column "gets_picks";`);
  }

}
