import { Migration } from '@mikro-orm/migrations';

export class Migration20261203120000_Seasons extends Migration {

  override name = 'Migration20261203120000_Seasons';

  override up(): void | Promise<void> {
    this.addSql(`create table "seasons" ("id" uuid not null, "league_id" uuid not null, "number" int not null, "settings" jsonb not null, "status" text not null default 'regular', "seeds" jsonb null, "champion_id" uuid null, "created_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "seasons" add constraint "seasons_league_id_number_unique" unique ("league_id", "number");`);

    this.addSql(`create table "season_periods" ("id" uuid not null, "season_id" uuid not null, "number" int not null, "key" varchar(40) not null, "kind" text not null, "starts_at" timestamptz not null, "locks_at" timestamptz not null, "fixtures" jsonb not null, "finalized_at" timestamptz null, "refinalized" int not null default 0, "refinalized_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "season_periods_finalized_at_index" on "season_periods" ("finalized_at");`);
    this.addSql(`alter table "season_periods" add constraint "season_periods_season_id_number_unique" unique ("season_id", "number");`);

    this.addSql(`create table "matchups" ("id" uuid not null, "season_id" uuid not null, "period" int not null, "home_id" uuid not null, "away_id" uuid null, "playoff_round" int null, "bracket_slot" int null, "home_points" double precision null, "away_points" double precision null, "result" varchar(8) null, primary key ("id"));`);
    this.addSql(`alter table "matchups" add constraint "matchups_season_id_period_home_id_unique" unique ("season_id", "period", "home_id");`);

    this.addSql(`create table "lineups" ("id" uuid not null, "season_id" uuid not null, "period" int not null, "team_id" uuid not null, "starters" jsonb not null, "auto" boolean not null, "set_by_id" uuid null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "lineups" add constraint "lineups_season_id_period_team_id_unique" unique ("season_id", "period", "team_id");`);

    this.addSql(`alter table "seasons" add constraint "seasons_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "seasons" add constraint "seasons_champion_id_foreign" foreign key ("champion_id") references "teams" ("id") on delete set null;`);
    this.addSql(`alter table "seasons" add constraint "seasons_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "seasons" add constraint "seasons_status_check" check ("status" in ('regular', 'playoffs', 'complete'));`);

    this.addSql(`alter table "season_periods" add constraint "season_periods_season_id_foreign" foreign key ("season_id") references "seasons" ("id") on delete cascade;`);
    this.addSql(`alter table "season_periods" add constraint "season_periods_kind_check" check ("kind" in ('regular', 'playoff'));`);

    this.addSql(`alter table "matchups" add constraint "matchups_season_id_foreign" foreign key ("season_id") references "seasons" ("id") on delete cascade;`);
    this.addSql(`alter table "matchups" add constraint "matchups_home_id_foreign" foreign key ("home_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "matchups" add constraint "matchups_away_id_foreign" foreign key ("away_id") references "teams" ("id") on delete cascade;`);

    this.addSql(`alter table "lineups" add constraint "lineups_season_id_foreign" foreign key ("season_id") references "seasons" ("id") on delete cascade;`);
    this.addSql(`alter table "lineups" add constraint "lineups_team_id_foreign" foreign key ("team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "lineups" add constraint "lineups_set_by_id_foreign" foreign key ("set_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "season_periods" drop constraint "season_periods_season_id_foreign";`);
    this.addSql(`alter table "matchups" drop constraint "matchups_season_id_foreign";`);
    this.addSql(`alter table "lineups" drop constraint "lineups_season_id_foreign";`);

    this.addSql(`drop table if exists "seasons" cascade;`);
    this.addSql(`drop table if exists "season_periods" cascade;`);
    this.addSql(`drop table if exists "matchups" cascade;`);
    this.addSql(`drop table if exists "lineups" cascade;`);
  }

}
