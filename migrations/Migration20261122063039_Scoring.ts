import { Migration } from '@mikro-orm/migrations';

export class Migration20261122063039_Scoring extends Migration {

  override name = 'Migration20261122063039_Scoring';

  override up(): void | Promise<void> {
    this.addSql(`create table "stat_events" ("id" uuid not null, "event_key" varchar(128) not null, "player_id" uuid not null, "sport" text not null, "period" varchar(40) not null, "stats" jsonb not null, "occurred_at" timestamptz not null, "received_at" timestamptz not null, "revision" int not null default 1, "payload_hash" varchar(64) not null, "history" jsonb not null, "revised_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "stat_events" add constraint "stat_events_event_key_unique" unique ("event_key");`);
    this.addSql(`create index "stat_events_player_id_index" on "stat_events" ("player_id");`);
    this.addSql(`create index "stat_events_sport_period_index" on "stat_events" ("sport", "period");`);

    this.addSql(`create table "scoring_rules" ("id" uuid not null, "league_id" uuid not null, "version" int not null, "preset" varchar(16) null, "rules" jsonb not null, "created_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "scoring_rules" add constraint "scoring_rules_league_id_version_unique" unique ("league_id", "version");`);

    this.addSql(`create table "league_scoring" ("id" uuid not null, "league_id" uuid not null, "active_version" int not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "league_scoring" add constraint "league_scoring_league_id_unique" unique ("league_id");`);

    this.addSql(`create table "fantasy_scores" ("id" uuid not null, "league_id" uuid not null, "team_id" uuid not null, "player_id" uuid not null, "stat_event_id" uuid not null, "rules_version" int not null, "period" varchar(40) not null, "points" double precision not null, "breakdown" jsonb not null, "scored_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "fantasy_scores_team_id_index" on "fantasy_scores" ("team_id");`);
    this.addSql(`create index "fantasy_scores_stat_event_id_index" on "fantasy_scores" ("stat_event_id");`);
    this.addSql(`create index "fantasy_scores_league_id_rules_version_period_index" on "fantasy_scores" ("league_id", "rules_version", "period");`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_league_id_stat_event_id_rules_version_unique" unique ("league_id", "stat_event_id", "rules_version");`);

    this.addSql(`alter table "stat_events" add constraint "stat_events_player_id_foreign" foreign key ("player_id") references "players" ("id");`);
    this.addSql(`alter table "stat_events" add constraint "stat_events_sport_check" check ("sport" in ('football', 'f1'));`);

    this.addSql(`alter table "scoring_rules" add constraint "scoring_rules_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "scoring_rules" add constraint "scoring_rules_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "league_scoring" add constraint "league_scoring_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);

    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_team_id_foreign" foreign key ("team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_player_id_foreign" foreign key ("player_id") references "players" ("id");`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_stat_event_id_foreign" foreign key ("stat_event_id") references "stat_events" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "fantasy_scores" drop constraint "fantasy_scores_stat_event_id_foreign";`);

    this.addSql(`drop table if exists "stat_events" cascade;`);
    this.addSql(`drop table if exists "scoring_rules" cascade;`);
    this.addSql(`drop table if exists "league_scoring" cascade;`);
    this.addSql(`drop table if exists "fantasy_scores" cascade;`);
  }

}
