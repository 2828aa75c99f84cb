import { Migration } from '@mikro-orm/migrations';

export class Migration20261122062715_PlayerGameLines extends Migration {

  override name = 'Migration20261122062715_PlayerGameLines';

  override up(): void | Promise<void> {
    this.addSql(`create table "player_game_lines" ("id" bigserial primary key, "game_id" uuid not null, "league_id" uuid not null, "team_id" uuid not null, "player_id" uuid not null, "season" int not null, "kind" text not null, "finished_at" timestamptz not null, "pa" int not null default 0, "ab" int not null default 0, "r" int not null default 0, "h" int not null default 0, "double" int not null default 0, "triple" int not null default 0, "hr" int not null default 0, "rbi" int not null default 0, "bb" int not null default 0, "so" int not null default 0, "hbp" int not null default 0, "sac" int not null default 0, "sf" int not null default 0, "sb" int not null default 0, "cs" int not null default 0, "gidp" int not null default 0, "outs" int not null default 0, "bf" int not null default 0, "er" int not null default 0, "wp" int not null default 0, "balk" int not null default 0, "pitches" int not null default 0, "gs" int not null default 0, "w" int not null default 0, "l" int not null default 0, "sv" int not null default 0);`);
    this.addSql(`create index "player_game_lines_league_id_season_kind_index" on "player_game_lines" ("league_id", "season", "kind");`);
    this.addSql(`create index "player_game_lines_player_id_season_index" on "player_game_lines" ("player_id", "season");`);
    this.addSql(`alter table "player_game_lines" add constraint "player_game_lines_game_id_player_id_kind_unique" unique ("game_id", "player_id", "kind");`);

    this.addSql(`alter table "player_game_lines" add constraint "player_game_lines_game_id_foreign" foreign key ("game_id") references "games" ("id") on delete cascade;`);
    this.addSql(`alter table "player_game_lines" add constraint "player_game_lines_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "player_game_lines" add constraint "player_game_lines_team_id_foreign" foreign key ("team_id") references "teams" ("id");`);
    this.addSql(`alter table "player_game_lines" add constraint "player_game_lines_player_id_foreign" foreign key ("player_id") references "players" ("id");`);
    this.addSql(`alter table "player_game_lines" add constraint "player_game_lines_kind_check" check ("kind" in ('batting', 'pitching'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "player_game_lines" cascade;`);
  }

}
