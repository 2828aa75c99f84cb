import { Migration } from '@mikro-orm/migrations';

/**
 * Scores stored once per stat line and rules content (`line_scores`), attributed to teams when
 * read, instead of one `fantasy_scores` row per league and line (src/scoring/score-events.ts).
 *
 * Who earned a scored line in a league: the team holding the player now, unless the league has a
 * `score_attributions` row for it (a team, or null for nobody). The rows are written when the
 * default would stop being true: a roster trigger freezes a leaving player's scored lines to the
 * team he leaves and marks the scored lines of a player nobody held as nobody's before he joins;
 * the score job writes race-weekend attributions (src/f1/attribution.ts). `fantasy_scores` becomes
 * a view with its former columns, so every reader reads what it read before.
 */
export class Migration20261211100000_LineScores extends Migration {

  override name = 'Migration20261211100000_LineScores';

  override up(): void | Promise<void> {
    this.addSql(`alter table "scoring_rules" add "rules_key" varchar(32) generated always as (md5("rules"::text)) stored;`);
    this.addSql(`alter table "stat_events" add "scored_at" timestamptz null;`);
    this.addSql(`create index "stat_events_player_id_period_index" on "stat_events" ("player_id", "period");`);
    this.addSql(`create index "roster_entries_current_player_index" on "roster_entries" ("player_id") where "released_at" is null;`);

    this.addSql(`create table "line_scores" ("stat_event_id" uuid not null, "rules_key" varchar(32) not null, "points" double precision not null, "breakdown" jsonb not null, "scored_at" timestamptz not null, primary key ("stat_event_id", "rules_key"));`);
    this.addSql(`alter table "line_scores" add constraint "line_scores_stat_event_id_foreign" foreign key ("stat_event_id") references "stat_events" ("id") on delete cascade;`);
    this.addSql(`create table "score_attributions" ("league_id" uuid not null, "stat_event_id" uuid not null, "team_id" uuid null, primary key ("league_id", "stat_event_id"));`);
    this.addSql(`create index "score_attributions_stat_event_id_index" on "score_attributions" ("stat_event_id");`);
    this.addSql(`alter table "score_attributions" add constraint "score_attributions_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "score_attributions" add constraint "score_attributions_stat_event_id_foreign" foreign key ("stat_event_id") references "stat_events" ("id") on delete cascade;`);
    this.addSql(`alter table "score_attributions" add constraint "score_attributions_team_id_foreign" foreign key ("team_id") references "teams" ("id") on delete set null;`);

    // The stored scores, once per line and rules content; every existing attribution kept as it is.
    this.addSql(`insert into "line_scores" select distinct on (s.stat_event_id, v.rules_key) s.stat_event_id, v.rules_key, s.points, s.breakdown, s.scored_at
      from "fantasy_scores" s join "scoring_rules" v on v.league_id = s.league_id and v.version = s.rules_version
      order by s.stat_event_id, v.rules_key, s.scored_at desc;`);
    this.addSql(`update "stat_events" e set "scored_at" = coalesce((select min(s.scored_at) from "fantasy_scores" s where s.stat_event_id = e.id), e.received_at);`);
    // Only where the team that earned a line is not the one holding its player now (the default).
    this.addSql(`insert into "score_attributions" select distinct on (s.league_id, s.stat_event_id) s.league_id, s.stat_event_id, s.team_id from "fantasy_scores" s
      where not exists (select 1 from "roster_entries" r where r.team_id = s.team_id and r.player_id = s.player_id and r.released_at is null)
      order by s.league_id, s.stat_event_id, s.scored_at desc;`);
    this.addSql(`insert into "score_attributions" select t.league_id, e.id, null
      from "stat_events" e join "roster_entries" r on r.player_id = e.player_id and r.released_at is null join "teams" t on t.id = r.team_id
     where not exists (select 1 from "fantasy_scores" s where s.league_id = t.league_id and s.stat_event_id = e.id)
      on conflict do nothing;`);
    this.addSql(`drop table "fantasy_scores" cascade;`);

    this.addSql(`create view "score_owners" as ${SCORE_OWNERS};`);
    this.addSql(`create view "fantasy_scores" as ${FANTASY_SCORES};`);

    this.addSql(`create function "roster_scores_keep"() returns trigger language plpgsql as $$
begin
  -- A stay that ends (released or deleted): the scored lines it held stay with its team.
  if tg_op <> 'INSERT' and old.released_at is null
     and (tg_op = 'DELETE' or new.released_at is not null or new.team_id <> old.team_id or new.player_id <> old.player_id) then
    insert into score_attributions (league_id, stat_event_id, team_id)
    select t.league_id, e.id, old.team_id from teams t join leagues l on l.id = t.league_id
      join stat_events e on e.player_id = old.player_id and e.sport = l.sport and e.scored_at is not null
     where t.id = old.team_id
    on conflict do nothing;
  end if;
  -- A stay that begins: scored lines of the player that nobody in the league held stay nobody's.
  if tg_op <> 'DELETE' and new.released_at is null
     and (tg_op = 'INSERT' or old.released_at is not null or new.team_id <> old.team_id or new.player_id <> old.player_id) then
    insert into score_attributions (league_id, stat_event_id, team_id)
    select t.league_id, e.id, (select r.team_id from roster_entries r join teams o on o.id = r.team_id
                                 where r.player_id = new.player_id and r.released_at is null and o.league_id = t.league_id and r.id <> new.id limit 1)
      from teams t join leagues l on l.id = t.league_id
      join stat_events e on e.player_id = new.player_id and e.sport = l.sport and e.scored_at is not null
     where t.id = new.team_id
    on conflict do nothing;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "roster_scores_keep" after insert or update or delete on "roster_entries" for each row execute function "roster_scores_keep"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger "roster_scores_keep" on "roster_entries";`);
    this.addSql(`drop function "roster_scores_keep"();`);
    this.addSql(`create table "fantasy_scores_table" as select * from "fantasy_scores";`);
    this.addSql(`drop view "fantasy_scores";`);
    this.addSql(`drop view "score_owners";`);
    this.addSql(`alter table "fantasy_scores_table" rename to "fantasy_scores";`);
    this.addSql(`alter table "fantasy_scores" add primary key ("id"), alter "team_id" set not null, alter "scored_at" set not null;`);
    this.addSql(`create index "fantasy_scores_team_id_index" on "fantasy_scores" ("team_id");`);
    this.addSql(`create index "fantasy_scores_stat_event_id_index" on "fantasy_scores" ("stat_event_id");`);
    this.addSql(`create index "fantasy_scores_league_id_rules_version_period_index" on "fantasy_scores" ("league_id", "rules_version", "period");`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_league_id_stat_event_id_rules_version_unique" unique ("league_id", "stat_event_id", "rules_version");`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_league_id_foreign" foreign key ("league_id") references "leagues" ("id") on delete cascade;`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_team_id_foreign" foreign key ("team_id") references "teams" ("id") on delete cascade;`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_player_id_foreign" foreign key ("player_id") references "players" ("id");`);
    this.addSql(`alter table "fantasy_scores" add constraint "fantasy_scores_stat_event_id_foreign" foreign key ("stat_event_id") references "stat_events" ("id") on delete cascade;`);
    this.addSql(`drop table "score_attributions";`);
    this.addSql(`drop table "line_scores";`);
    this.addSql(`drop index "roster_entries_current_player_index";`);
    this.addSql(`drop index "stat_events_player_id_period_index";`);
    this.addSql(`alter table "stat_events" drop column "scored_at";`);
    this.addSql(`alter table "scoring_rules" drop column "rules_key";`);
  }

}

/** Who earned each scored line in each league (this migration's version of src/db/entities/scoring.ts SCORE_OWNERS). */
const SCORE_OWNERS = `select t.league_id, r.team_id, e.id as stat_event_id, e.player_id, e.period, e.occurred_at
  from roster_entries r join teams t on t.id = r.team_id join leagues l on l.id = t.league_id
  join stat_events e on e.player_id = r.player_id and e.sport = l.sport
 where r.released_at is null and e.scored_at is not null
   and not exists (select 1 from score_attributions x where x.league_id = t.league_id and x.stat_event_id = e.id)
union all
select x.league_id, x.team_id, e.id, e.player_id, e.period, e.occurred_at
  from score_attributions x join stat_events e on e.id = x.stat_event_id
 where x.team_id is not null and e.scored_at is not null`;

/** This migration's version of src/db/entities/scoring.ts FANTASY_SCORES. */
const FANTASY_SCORES = `select overlay(overlay(k.h placing '3' from 13) placing substr('89ab', (('x' || substr(k.h, 17, 1))::bit(4)::int & 3) + 1, 1) from 17)::uuid as id,
       o.league_id, o.team_id, o.player_id, o.stat_event_id, v.version as rules_version, o.period, s.points, s.breakdown, s.scored_at
  from score_owners o join scoring_rules v on v.league_id = o.league_id
  join line_scores s on s.stat_event_id = o.stat_event_id and s.rules_key = v.rules_key
  cross join lateral (select md5(o.league_id::text || o.stat_event_id::text || v.version::text) as h) k`;
