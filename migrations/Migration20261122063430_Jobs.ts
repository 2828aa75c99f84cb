import { Migration } from '@mikro-orm/migrations';

export class Migration20261122063430_Jobs extends Migration {

  override name = 'Migration20261122063430_Jobs';

  override up(): void | Promise<void> {
    this.addSql(`create table "failed_jobs" ("id" uuid not null, "queue" varchar(64) not null, "job_id" varchar(128) not null, "data" jsonb not null, "attempts" int not null, "max_attempts" int not null, "failed_reason" text not null, "created_at" timestamptz not null, "failed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "failed_jobs_queue_failed_at_index" on "failed_jobs" ("queue", "failed_at");`);
    this.addSql(`alter table "failed_jobs" add constraint "failed_jobs_queue_job_id_unique" unique ("queue", "job_id");`);

    this.addSql(`create table "league_standings" ("id" uuid not null, "league_id" uuid not null, "computed_at" timestamptz not null, "basis" varchar(100) not null, "payload" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "league_standings" add constraint "league_standings_league_id_unique" unique ("league_id");`);

    this.addSql(`alter table "league_standings" add constraint "league_standings_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "failed_jobs" cascade;`);
    this.addSql(`drop table if exists "league_standings" cascade;`);
  }

}
