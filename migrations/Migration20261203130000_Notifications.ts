import { Migration } from '@mikro-orm/migrations';

export class Migration20261203130000_Notifications extends Migration {

  override name = 'Migration20261203130000_Notifications';

  override up(): void | Promise<void> {
    this.addSql(`create table "notifications" ("id" uuid not null, "user_id" uuid not null, "league_id" uuid null, "kind" text not null, "payload" jsonb not null, "dedupe_key" varchar(200) null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "notifications_user_id_created_at_id_index" on "notifications" ("user_id", "created_at", "id");`);
    this.addSql(`alter table "notifications" add constraint "notifications_user_id_dedupe_key_unique" unique ("user_id", "dedupe_key");`);

    this.addSql(`alter table "notifications" add constraint "notifications_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_kind_check" check ("kind" in ('draftStarting', 'onTheClock', 'lineupNotSet', 'periodFinal', 'playoffResult'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notifications" cascade;`);
  }

}
