import { Migration } from '@mikro-orm/migrations';

/** A scheduled baseball game's failed creations: when last tried (`problem` is its error) and when given up (its first pitch passed). */
export class Migration20261210100000_ScheduleRetries extends Migration {

  override name = 'Migration20261210100000_ScheduleRetries';

  override up(): void | Promise<void> {
    this.addSql(`alter table "baseball_schedule_games" add "tried_at" timestamptz null, add "failed_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "baseball_schedule_games" drop column "tried_at", drop column "failed_at";`);
  }

}
