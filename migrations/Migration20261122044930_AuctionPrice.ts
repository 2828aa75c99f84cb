import { Migration } from '@mikro-orm/migrations';

export class Migration20261122044930_AuctionPrice extends Migration {

  override name = 'Migration20261122044930_AuctionPrice';

  override up(): void | Promise<void> {
    this.addSql(`alter table "draft_picks" add "price" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "draft_picks" drop column "price";`);
  }

}
