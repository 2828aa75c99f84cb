import { Migration } from '@mikro-orm/migrations';

export class Migration20261202154000_Visibility extends Migration {

  override name = 'Migration20261202154000_Visibility';

  override up(): void | Promise<void> {
    // Existing leagues become private: nobody's league is shown to strangers by this upgrade.
    this.addSql(`alter table "leagues" add "visibility" text not null default 'private';`);
    this.addSql(`alter table "leagues" add constraint "leagues_visibility_check" check ("visibility" in ('public', 'private'));`);

    // A manager who won the join race twice keeps his oldest team; the others are open again,
    // else the unique index below could not be built on such data.
    this.addSql(`update "teams" t set "owner_id" = null where "owner_id" is not null and exists (select 1 from "teams" o where o."league_id" = t."league_id" and o."owner_id" = t."owner_id" and (o."created_at", o."id") < (t."created_at", t."id"));`);
    this.addSql(`create unique index "teams_league_id_owner_id_unique" on "teams" ("league_id", "owner_id") where owner_id is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "leagues" drop constraint "leagues_visibility_check";`);
    this.addSql(`alter table "leagues" drop column "visibility";`);

    this.addSql(`drop index "teams_league_id_owner_id_unique";`);
  }

}
