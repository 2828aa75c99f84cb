import { Migration } from '@mikro-orm/migrations';

/** Game modes (only ranked games count), forfeits, and the suspended and cancelled statuses. */
export class Migration20261203160000_GameLifecycle extends Migration {

  override name = 'Migration20261203160000_GameLifecycle';

  override up(): void | Promise<void> {
    this.addSql(`alter table "games" drop constraint "games_status_check";`);
    this.addSql(`alter table "games" add constraint "games_status_check" check ("status" in ('proposed', 'declined', 'scheduled', 'live', 'suspended', 'final', 'cancelled'));`);
    this.addSql(`alter table "games" add "mode" text not null default 'ranked', add "forfeited_by_id" uuid null;`);
    this.addSql(`alter table "games" add constraint "games_mode_check" check ("mode" in ('ranked', 'friendly', 'practice'));`);
    this.addSql(`alter table "games" add constraint "games_forfeited_by_id_foreign" foreign key ("forfeited_by_id") references "teams" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "games" drop constraint "games_forfeited_by_id_foreign";`);
    this.addSql(`alter table "games" drop constraint "games_mode_check";`);
    this.addSql(`alter table "games" drop column "mode", drop column "forfeited_by_id";`);
    this.addSql(`alter table "games" drop constraint "games_status_check";`);
    this.addSql(`delete from "games" where "status" in ('suspended', 'cancelled');`);
    this.addSql(`alter table "games" add constraint "games_status_check" check ("status" in ('proposed', 'declined', 'scheduled', 'live', 'final'));`);
  }

}
