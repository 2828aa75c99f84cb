import { Migration } from '@mikro-orm/migrations';

export class Migration20261202155000_GameChallenges extends Migration {

  override name = 'Migration20261202155000_GameChallenges';

  override up(): void | Promise<void> {
    this.addSql(`alter table "games" drop constraint "games_status_check";`);
    this.addSql(`alter table "games" add "scheduled_at" timestamptz null, add "challenged_team_id" uuid null;`);
    // Existing games keep their first pitch: the open-game sweep reads the column, not the config.
    this.addSql(`update "games" set "scheduled_at" = to_timestamp(("config"->>'startAt')::bigint / 1000.0) where ("config"->>'startAt')::bigint > 0;`);
    this.addSql(`alter table "games" add constraint "games_challenged_team_id_foreign" foreign key ("challenged_team_id") references "teams" ("id") on delete set null;`);
    this.addSql(`create index "games_status_scheduled_at_index" on "games" ("status", "scheduled_at");`);
    this.addSql(`alter table "games" add constraint "games_status_check" check ("status" in ('proposed', 'declined', 'scheduled', 'live', 'final'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "games" drop constraint "games_challenged_team_id_foreign";`);

    this.addSql(`drop index "games_status_scheduled_at_index";`);
    this.addSql(`alter table "games" drop constraint "games_status_check";`);
    this.addSql(`delete from "games" where "status" in ('proposed', 'declined');`);
    this.addSql(`alter table "games" drop column "scheduled_at", drop column "challenged_team_id";`);
    this.addSql(`alter table "games" add constraint "games_status_check" check ("status" in ('scheduled', 'live', 'final'));`);
  }

}
