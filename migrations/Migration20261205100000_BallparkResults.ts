import { Migration } from '@mikro-orm/migrations';

/** Ballpark results in a player's game line: home runs, fly outs, singles and line outs (0 for games before them). */
export class Migration20261205100000_BallparkResults extends Migration {

  override name = 'Migration20261205100000_BallparkResults';

  override up(): void | Promise<void> {
    this.addSql(`alter table "player_game_lines" add "bphr" int not null default 0, add "bpfo" int not null default 0, add "bp1b" int not null default 0, add "bplo" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "player_game_lines" drop column "bphr", drop column "bpfo", drop column "bp1b", drop column "bplo";`);
  }

}
