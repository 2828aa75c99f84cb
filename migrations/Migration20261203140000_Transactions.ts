import { Migration } from '@mikro-orm/migrations';

export class Migration20261203140000_Transactions extends Migration {

  override name = 'Migration20261203140000_Transactions';

  override up(): void | Promise<void> {
    this.addSql(`create table "trades" ("id" uuid not null, "league_id" uuid not null, "from_team_id" uuid not null, "to_team_id" uuid not null, "gives" text[] not null, "gets" text[] not null, "from_drops" text[] not null, "to_drops" text[] not null, "status" text not null default 'proposed', "reason" text null, "counter_of" uuid null, "vetoes" text[] not null default '{}', "review_ends_at" timestamptz null, "created_by" uuid not null, "created_at" timestamptz not null, "decided_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "trades_league_id_status_index" on "trades" ("league_id", "status");`);

    this.addSql(`create table "team_waiver_states" ("team_id" uuid not null, "priority" int not null, "faab_spent" int not null default 0, primary key ("team_id"));`);

    this.addSql(`create table "league_transactions" ("id" serial primary key, "league_id" uuid not null, "type" text not null, "actor" uuid null, "team_ids" text[] not null, "moves" jsonb not null, "reason" text null, "details" jsonb null, "created_at" timestamptz not null);`);
    this.addSql(`create index "league_transactions_league_id_id_index" on "league_transactions" ("league_id", "id");`);

    this.addSql(`create table "waiver_claims" ("id" uuid not null, "league_id" uuid not null, "team_id" uuid not null, "player_id" uuid not null, "drop_player_id" uuid null, "bid" int null, "status" text not null default 'pending', "reason" varchar(40) null, "run" uuid null, "created_by" uuid not null, "created_at" timestamptz not null, "processed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "waiver_claims_league_id_status_index" on "waiver_claims" ("league_id", "status");`);
    this.addSql(`create unique index "waiver_claims_team_id_player_id_pending_unique" on "waiver_claims" ("team_id", "player_id") where status = 'pending';`);

    this.addSql(`create table "waiver_players" ("id" uuid not null, "league_id" uuid not null, "player_id" uuid not null, "from_team_id" uuid null, "clears_at" timestamptz not null, "status" text not null default 'waiting', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "waiver_players_status_clears_at_index" on "waiver_players" ("status", "clears_at");`);
    this.addSql(`create unique index "waiver_players_league_id_player_id_waiting_unique" on "waiver_players" ("league_id", "player_id") where status = 'waiting';`);

    this.addSql(`create table "waiver_runs" ("id" uuid not null, "league_id" uuid not null, "run_at" timestamptz not null, "processed_at" timestamptz not null, "results" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "waiver_runs" add constraint "waiver_runs_league_id_run_at_unique" unique ("league_id", "run_at");`);

    this.addSql(`alter table "leagues" add "transaction_settings" jsonb null, add "archived_at" timestamptz null;`);

    this.addSql(`alter table "roster_entries" drop constraint "roster_entries_team_id_player_id_unique";`);
    this.addSql(`alter table "roster_entries" drop constraint "roster_entries_acquired_via_check";`);
    this.addSql(`alter table "roster_entries" add "released_at" timestamptz null, add "acquired_by" int null, add "released_by" int null;`);
    this.addSql(`create unique index "roster_entries_team_id_player_id_current_unique" on "roster_entries" ("team_id", "player_id") where released_at is null;`);
    this.addSql(`alter table "roster_entries" add constraint "roster_entries_acquired_via_check" check ("acquired_via" in ('draft', 'auction', 'keeper', 'commissioner', 'free_agent', 'waiver', 'trade'));`);

    this.addSql(`alter table "trades" add constraint "trades_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "trades" add constraint "trades_from_team_id_foreign" foreign key ("from_team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "trades" add constraint "trades_to_team_id_foreign" foreign key ("to_team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "trades" add constraint "trades_status_check" check ("status" in ('proposed', 'review', 'executed', 'rejected', 'countered', 'cancelled', 'vetoed', 'void'));`);

    this.addSql(`alter table "team_waiver_states" add constraint "team_waiver_states_team_id_foreign" foreign key ("team_id") references "teams" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "league_transactions" add constraint "league_transactions_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "league_transactions" add constraint "league_transactions_type_check" check ("type" in ('add', 'drop', 'claim', 'trade', 'draft', 'commissioner', 'admin'));`);

    this.addSql(`alter table "waiver_claims" add constraint "waiver_claims_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "waiver_claims" add constraint "waiver_claims_team_id_foreign" foreign key ("team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "waiver_claims" add constraint "waiver_claims_player_id_foreign" foreign key ("player_id") references "players" ("id");`);
    this.addSql(`alter table "waiver_claims" add constraint "waiver_claims_drop_player_id_foreign" foreign key ("drop_player_id") references "players" ("id") on delete set null;`);
    this.addSql(`alter table "waiver_claims" add constraint "waiver_claims_status_check" check ("status" in ('pending', 'won', 'lost', 'failed', 'cancelled'));`);

    this.addSql(`alter table "waiver_players" add constraint "waiver_players_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "waiver_players" add constraint "waiver_players_player_id_foreign" foreign key ("player_id") references "players" ("id");`);
    this.addSql(`alter table "waiver_players" add constraint "waiver_players_from_team_id_foreign" foreign key ("from_team_id") references "teams" ("id") on delete set null;`);
    this.addSql(`alter table "waiver_players" add constraint "waiver_players_status_check" check ("status" in ('waiting', 'processed'));`);

    this.addSql(`alter table "waiver_runs" add constraint "waiver_runs_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);

    // `?teamId=` of the transactions list: "team_ids @> array[...]".
    this.addSql(`create index "league_transactions_team_ids_index" on "league_transactions" using gin ("team_ids");`);
    // Existing rosters become the log's first entries, oldest first, each roster row pointing at its entry.
    this.addSql(`insert into "league_transactions" ("league_id", "type", "actor", "team_ids", "moves", "reason", "details", "created_at")
      select t."league_id",
        case when r."acquired_via" = 'commissioner' then 'commissioner' else 'draft' end,
        null, array[r."team_id"::text],
        jsonb_build_array(jsonb_build_object('playerId', r."player_id", 'fromTeamId', null, 'toTeamId', r."team_id")),
        'on the roster before the transaction log',
        jsonb_build_object('migrated', true, 'rosterEntryId', r."id", 'acquiredVia', r."acquired_via", 'sourceId', r."source_id"),
        r."acquired_at"
      from "roster_entries" r join "teams" t on t."id" = r."team_id"
      order by r."acquired_at", r."id";`);
    this.addSql(`update "roster_entries" r set "acquired_by" = lt."id" from "league_transactions" lt
      where lt."details"->>'migrated' = 'true' and (lt."details"->>'rosterEntryId')::uuid = r."id";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "trades" cascade;`);
    this.addSql(`drop table if exists "team_waiver_states" cascade;`);
    this.addSql(`drop table if exists "league_transactions" cascade;`);
    this.addSql(`drop table if exists "waiver_claims" cascade;`);
    this.addSql(`drop table if exists "waiver_players" cascade;`);
    this.addSql(`drop table if exists "waiver_runs" cascade;`);

    this.addSql(`alter table "leagues" drop column "transaction_settings", drop column "archived_at";`);

    this.addSql(`drop index "roster_entries_team_id_player_id_current_unique";`);
    this.addSql(`alter table "roster_entries" drop constraint "roster_entries_acquired_via_check";`);
    this.addSql(`alter table "roster_entries" drop column "released_at", drop column "acquired_by", drop column "released_by";`);
    this.addSql(`alter table "roster_entries" add constraint "roster_entries_team_id_player_id_unique" unique ("team_id", "player_id");`);
    this.addSql(`alter table "roster_entries" add constraint "roster_entries_acquired_via_check" check ("acquired_via" in ('draft', 'auction', 'keeper', 'commissioner'));`);
  }

}
