import { Migration } from '@mikro-orm/migrations';

/**
 * Pending waiver claims whose player is no longer on waivers: the commissioner put him on a team,
 * which ended his waiver period without a run, and before that also failed the claims on him. They
 * fail now as they would have then (`PLAYER_TAKEN`), so none applies to a later waiver period.
 */
export class Migration20261212100000_StaleWaiverClaims extends Migration {

  override name = 'Migration20261212100000_StaleWaiverClaims';

  override up(): void | Promise<void> {
    this.addSql(`update "waiver_claims" as c set "status" = 'failed', "reason" = 'PLAYER_TAKEN', "processed_at" = now()
      where c."status" = 'pending' and not exists (
        select 1 from "waiver_players" as w where w."league_id" = c."league_id" and w."player_id" = c."player_id" and w."status" = 'waiting');`);
  }

  override down(): void | Promise<void> {
    // Data only: the claims it failed cannot be told from others failed the same way.
  }

}
