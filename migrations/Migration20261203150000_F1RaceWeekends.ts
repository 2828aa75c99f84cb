import { Migration } from '@mikro-orm/migrations';

export class Migration20261203150000_F1RaceWeekends extends Migration {

  override name = 'Migration20261203150000_F1RaceWeekends';

  override up(): void | Promise<void> {
    this.addSql(`create table "f1_races" ("id" uuid not null, "season" int not null, "round" int not null, "name" varchar(60) not null, "circuit" varchar(80) not null, "country" varchar(60) not null, "period" varchar(40) not null, "starts_at" timestamptz not null, "locks_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "f1_races" add constraint "f1_races_period_unique" unique ("period");`);
    this.addSql(`alter table "f1_races" add constraint "f1_races_season_round_unique" unique ("season", "round");`);

    this.addSql(`create table "race_picks" ("id" bigserial primary key, "league_id" uuid not null, "race_id" uuid not null, "team_id" uuid not null, "player_id" uuid not null, "draft_id" uuid not null, "overall" int not null, "auto" boolean not null, "picked_at" timestamptz not null);`);
    this.addSql(`create index "race_picks_team_id_index" on "race_picks" ("team_id");`);
    this.addSql(`create index "race_picks_race_id_player_id_index" on "race_picks" ("race_id", "player_id");`);
    this.addSql(`alter table "race_picks" add constraint "race_picks_league_id_race_id_player_id_unique" unique ("league_id", "race_id", "player_id");`);

    this.addSql(`create table "f1_league_settings" ("id" uuid not null, "league_id" uuid not null, "season" int not null, "draft_lead_minutes" int not null, "order_mode" text not null, "pick_seconds" int not null, "base_order" jsonb not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "f1_league_settings" add constraint "f1_league_settings_league_id_unique" unique ("league_id");`);

    this.addSql(`alter table "drafts" add "race_id" uuid null;`);
    this.addSql(`alter table "drafts" add constraint "drafts_race_id_foreign" foreign key ("race_id") references "f1_races" ("id") on delete cascade;`);
    this.addSql(`create unique index "drafts_league_id_race_id_unique" on "drafts" ("league_id", "race_id") where race_id is not null;`);

    this.addSql(`alter table "race_picks" add constraint "race_picks_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "race_picks" add constraint "race_picks_race_id_foreign" foreign key ("race_id") references "f1_races" ("id") on delete cascade;`);
    this.addSql(`alter table "race_picks" add constraint "race_picks_team_id_foreign" foreign key ("team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "race_picks" add constraint "race_picks_player_id_foreign" foreign key ("player_id") references "players" ("id");`);

    this.addSql(`alter table "f1_league_settings" add constraint "f1_league_settings_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "f1_league_settings" add constraint "f1_league_settings_order_mode_check" check ("order_mode" in ('rotate', 'standings'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "race_picks" drop constraint "race_picks_race_id_foreign";`);
    this.addSql(`alter table "drafts" drop constraint "drafts_race_id_foreign";`);

    this.addSql(`drop table if exists "f1_races" cascade;`);
    this.addSql(`drop table if exists "race_picks" cascade;`);
    this.addSql(`drop table if exists "f1_league_settings" cascade;`);

    this.addSql(`drop index "drafts_league_id_race_id_unique";`);
    this.addSql(`alter table "drafts" drop column "race_id";`);
  }

}
