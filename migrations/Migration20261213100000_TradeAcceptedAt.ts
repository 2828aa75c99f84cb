import { Migration } from '@mikro-orm/migrations';

/**
 * When the receiving team accepted a trade: an offer never accepted stays the two teams' business
 * whatever became of it (a voided offer was shown to every viewer). Trades that were accepted get
 * the best time known: in review or decided after it (a void one that had a league review), as of
 * their decision or else their creation. A void one of unknown history stays private.
 */
export class Migration20261213100000_TradeAcceptedAt extends Migration {

  override name = 'Migration20261213100000_TradeAcceptedAt';

  override up(): void | Promise<void> {
    this.addSql(`alter table "trades" add "accepted_at" timestamptz null;`);
    this.addSql(`update "trades" set "accepted_at" = coalesce("decided_at", "created_at")
      where "status" in ('review', 'executed', 'vetoed') or ("status" = 'void' and "review_ends_at" is not null);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "trades" drop column "accepted_at";`);
  }

}
