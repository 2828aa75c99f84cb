import { Migration } from '@mikro-orm/migrations';

export class Migration20261122035332_Initial extends Migration {

  override name = 'Migration20261122035332_Initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "players" ("id" uuid not null, "external_id" varchar(64) not null, "sport" text not null, "name" varchar(80) not null, "positions" text[] not null, "team" varchar(40) not null, "rank" int not null, "adp" double precision not null, "attributes" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "players" add constraint "players_external_id_unique" unique ("external_id");`);
    this.addSql(`create index "players_sport_rank_index" on "players" ("sport", "rank");`);

    this.addSql(`create table "stream_events" ("id" bigserial primary key, "stream" uuid not null, "seq" int not null, "type" varchar(40) not null, "payload" jsonb not null, "actor" uuid null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "stream_events" add constraint "stream_events_stream_seq_unique" unique ("stream", "seq");`);

    this.addSql(`create table "users" ("id" uuid not null, "username" varchar(32) not null, "password_hash" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);

    this.addSql(`create table "leagues" ("id" uuid not null, "name" varchar(80) not null, "sport" text not null, "invite_code" varchar(16) not null, "created_by_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "leagues" add constraint "leagues_invite_code_unique" unique ("invite_code");`);

    this.addSql(`create table "teams" ("id" uuid not null, "league_id" uuid not null, "name" varchar(60) not null, "owner_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "teams_owner_id_index" on "teams" ("owner_id");`);
    this.addSql(`alter table "teams" add constraint "teams_league_id_name_unique" unique ("league_id", "name");`);

    this.addSql(`create table "roster_entries" ("id" uuid not null, "team_id" uuid not null, "player_id" uuid not null, "acquired_via" text not null, "source_id" uuid null, "acquired_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "roster_entries_team_id_index" on "roster_entries" ("team_id");`);
    this.addSql(`alter table "roster_entries" add constraint "roster_entries_team_id_player_id_unique" unique ("team_id", "player_id");`);

    this.addSql(`create table "league_members" ("id" uuid not null, "league_id" uuid not null, "user_id" uuid not null, "role" text not null, "joined_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "league_members" add constraint "league_members_league_id_user_id_unique" unique ("league_id", "user_id");`);

    this.addSql(`alter table "players" add constraint "players_sport_check" check ("sport" in ('football', 'f1', 'baseball'));`);

    this.addSql(`alter table "leagues" add constraint "leagues_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id");`);
    this.addSql(`alter table "leagues" add constraint "leagues_sport_check" check ("sport" in ('football', 'f1', 'baseball'));`);

    this.addSql(`alter table "teams" add constraint "teams_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "teams" add constraint "teams_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "roster_entries" add constraint "roster_entries_team_id_foreign" foreign key ("team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "roster_entries" add constraint "roster_entries_player_id_foreign" foreign key ("player_id") references "players" ("id");`);
    this.addSql(`alter table "roster_entries" add constraint "roster_entries_acquired_via_check" check ("acquired_via" in ('draft', 'auction', 'keeper', 'commissioner'));`);

    this.addSql(`alter table "league_members" add constraint "league_members_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "league_members" add constraint "league_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "league_members" add constraint "league_members_role_check" check ("role" in ('commissioner', 'manager'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "roster_entries" drop constraint "roster_entries_player_id_foreign";`);
    this.addSql(`alter table "leagues" drop constraint "leagues_created_by_id_foreign";`);
    this.addSql(`alter table "teams" drop constraint "teams_owner_id_foreign";`);
    this.addSql(`alter table "league_members" drop constraint "league_members_user_id_foreign";`);
    this.addSql(`alter table "teams" drop constraint "teams_league_id_foreign";`);
    this.addSql(`alter table "league_members" drop constraint "league_members_league_id_foreign";`);
    this.addSql(`alter table "roster_entries" drop constraint "roster_entries_team_id_foreign";`);

    this.addSql(`drop table if exists "players" cascade;`);
    this.addSql(`drop table if exists "stream_events" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "leagues" cascade;`);
    this.addSql(`drop table if exists "teams" cascade;`);
    this.addSql(`drop table if exists "roster_entries" cascade;`);
    this.addSql(`drop table if exists "league_members" cascade;`);
  }

}
