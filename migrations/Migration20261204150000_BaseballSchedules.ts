import { Migration } from '@mikro-orm/migrations';

/** A baseball league's season schedule and its games, created by a job shortly before they are played; a team's ballpark. */
export class Migration20261204150000_BaseballSchedules extends Migration {

  override name = 'Migration20261204150000_BaseballSchedules';

  override up(): void | Promise<void> {
    this.addSql(`create table "baseball_schedules" ("id" uuid not null, "league_id" uuid not null, "settings" jsonb not null, "created_by" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "baseball_schedules" add constraint "baseball_schedules_league_id_unique" unique ("league_id");`);
    this.addSql(`alter table "baseball_schedules" add constraint "baseball_schedules_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);

    this.addSql(`create table "baseball_schedule_games" ("id" uuid not null, "league_id" uuid not null, "round" int not null, "number" int not null, "day" int not null, "home_team_id" uuid not null, "away_team_id" uuid not null, "scheduled_at" timestamptz not null, "game_id" uuid null, "problem" text null, primary key ("id"));`);
    this.addSql(`alter table "baseball_schedule_games" add constraint "baseball_schedule_games_league_id_round_number_home_team_id_unique" unique ("league_id", "round", "number", "home_team_id");`);
    this.addSql(`alter table "baseball_schedule_games" add constraint "baseball_schedule_games_game_id_unique" unique ("game_id");`);
    this.addSql(`create index "baseball_schedule_games_league_id_scheduled_at_index" on "baseball_schedule_games" ("league_id", "scheduled_at");`);
    this.addSql(`alter table "baseball_schedule_games" add constraint "baseball_schedule_games_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "baseball_schedule_games" add constraint "baseball_schedule_games_home_team_id_foreign" foreign key ("home_team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "baseball_schedule_games" add constraint "baseball_schedule_games_away_team_id_foreign" foreign key ("away_team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "baseball_schedule_games" add constraint "baseball_schedule_games_game_id_foreign" foreign key ("game_id") references "games" ("id") on delete set null;`);

    this.addSql(`alter table "teams" add "park" varchar(40) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "teams" drop column "park";`);
    this.addSql(`drop table if exists "baseball_schedule_games" cascade;`);
    this.addSql(`drop table if exists "baseball_schedules" cascade;`);
  }

}
