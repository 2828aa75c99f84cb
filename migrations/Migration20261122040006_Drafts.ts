import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040006_Drafts extends Migration {

  override name = 'Migration20261122040006_Drafts';

  override up(): void | Promise<void> {
    this.addSql(`create table "drafts" ("id" uuid not null, "league_id" uuid not null, "sport" text not null, "kind" text not null, "config" jsonb not null, "bots" boolean not null default false, "status" text not null default 'scheduled', "scheduled_at" timestamptz null, "created_by" uuid not null, "created_at" timestamptz not null, "completed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "drafts_league_id_index" on "drafts" ("league_id");`);

    this.addSql(`create table "draft_picks" ("id" bigserial primary key, "draft_id" uuid not null, "overall" int not null, "round" int not null, "team_id" uuid not null, "player_id" uuid not null, "auto" boolean not null, "keeper" boolean not null, "picked_at" timestamptz not null);`);
    this.addSql(`alter table "draft_picks" add constraint "draft_picks_draft_id_overall_unique" unique ("draft_id", "overall");`);
    this.addSql(`alter table "draft_picks" add constraint "draft_picks_draft_id_player_id_unique" unique ("draft_id", "player_id");`);

    this.addSql(`alter table "drafts" add constraint "drafts_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "drafts" add constraint "drafts_sport_check" check ("sport" in ('football', 'f1', 'baseball'));`);
    this.addSql(`alter table "drafts" add constraint "drafts_kind_check" check ("kind" in ('snake', 'linear', '3rr', 'auction'));`);
    this.addSql(`alter table "drafts" add constraint "drafts_status_check" check ("status" in ('scheduled', 'live', 'paused', 'complete'));`);

    this.addSql(`alter table "draft_picks" add constraint "draft_picks_draft_id_foreign" foreign key ("draft_id") references "drafts" ("id") on delete cascade;`);
    this.addSql(`alter table "draft_picks" add constraint "draft_picks_team_id_foreign" foreign key ("team_id") references "teams" ("id");`);
    this.addSql(`alter table "draft_picks" add constraint "draft_picks_player_id_foreign" foreign key ("player_id") references "players" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "draft_picks" drop constraint "draft_picks_draft_id_foreign";`);

    this.addSql(`drop table if exists "drafts" cascade;`);
    this.addSql(`drop table if exists "draft_picks" cascade;`);
  }

}
