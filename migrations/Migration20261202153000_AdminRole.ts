import { Migration } from '@mikro-orm/migrations';

export class Migration20261202153000_AdminRole extends Migration {

  override name = 'Migration20261202153000_AdminRole';

  override up(): void | Promise<void> {
    this.addSql(`alter table "users" add column "is_admin" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "users" drop column "is_admin";`);
  }

}
