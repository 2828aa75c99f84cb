import { Migration } from '@mikro-orm/migrations';

export class Migration20261122054859_Games extends Migration {

  override name = 'Migration20261122054859_Games';

  override up(): void | Promise<void> {
    this.addSql(`create table "games" ("id" uuid not null, "league_id" uuid not null, "home_team_id" uuid not null, "away_team_id" uuid not null, "rules" text not null, "status" text not null default 'scheduled', "config" jsonb not null, "dice_seed" varchar(64) not null, "away_score" int not null default 0, "home_score" int not null default 0, "inning" int not null default 1, "winner_id" uuid null, "box" jsonb null, "created_by" uuid not null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "games_league_id_status_index" on "games" ("league_id", "status");`);

    this.addSql(`alter table "leagues" add "baseball_rules" text not null default 'SBA';`);
    this.addSql(`alter table "leagues" add constraint "leagues_baseball_rules_check" check ("baseball_rules" in ('SBA', 'PD'));`);

    this.addSql(`alter table "games" add constraint "games_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "games" add constraint "games_home_team_id_foreign" foreign key ("home_team_id") references "teams" ("id");`);
    this.addSql(`alter table "games" add constraint "games_away_team_id_foreign" foreign key ("away_team_id") references "teams" ("id");`);
    this.addSql(`alter table "games" add constraint "games_winner_id_foreign" foreign key ("winner_id") references "teams" ("id") on delete set null;`);
    this.addSql(`alter table "games" add constraint "games_rules_check" check ("rules" in ('SBA', 'PD'));`);
    this.addSql(`alter table "games" add constraint "games_status_check" check ("status" in ('scheduled', 'live', 'final'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "games" cascade;`);

    this.addSql(`alter table "leagues" drop constraint "leagues_baseball_rules_check";`);
    this.addSql(`alter table "leagues" drop column "baseball_rules";`);
  }

}
