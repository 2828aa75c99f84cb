/**
 * Checks a finished auction load against the database: in one snapshot, for the run's auctions
 * only, replays the event log (stream_events 'nominated' / 'bid' / 'lotClosed' / 'lotCancelled' /
 * 'undone') and checks: no player has two draft_picks rows in one draft nor was sold twice in the
 * log; every bid beats the previous high by the increment and lands on an open lot; every
 * lotClosed names the lot's last bid (team and price); every draft_picks row is a sold lot at its
 * last accepted bid; each team's spend <= budget and purchases <= slots; lotClosed events - undone
 * = draft_picks rows; and the bids the load generators saw accepted are in the log.
 */
import pg from 'pg';

export interface Verification {
  drafts: number;
  lots: number;
  doubleWinners: number;
  bidsInLog: number;
  proxyBidsInLog: number;
  lotsClosedInLog: number;
  undoneInLog: number;
  violations: string[];
}

interface LotLog { playerId: string; lastBidder: string; lastAmount: number; status: 'open' | 'sold' | 'cancelled' | 'undone' }

/**
 * Reads this run's auctions back in one snapshot and checks the outcome against the event log.
 * `acceptedByHand` is how many manual bids this process saw accepted; the log must hold at least
 * that many (more only by bids whose reply was lost: TIMEOUT / CLOSED).
 */
export async function verify(databaseUrl: string, draftIds: string[], acceptedByHand: number, unanswered: number): Promise<Verification> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('begin isolation level repeatable read read only');
    const drafts = await db.query<{ id: string; config: { budget: number; rosterSlots: number; increment: number } }>(
      'select id, config from drafts where id = any($1::uuid[])', [draftIds]);
    const picks = await db.query<{ draft_id: string; overall: number; team_id: string; player_id: string; price: number | null }>(
      'select draft_id, overall, team_id, player_id, price from draft_picks where draft_id = any($1::uuid[]) order by draft_id, overall', [draftIds]);
    const doubles = await db.query<{ draft_id: string; player_id: string; n: number }>(
      'select draft_id, player_id, count(*)::int as n from draft_picks where draft_id = any($1::uuid[]) group by 1, 2 having count(*) > 1', [draftIds]);
    const events = await db.query<{ stream: string; seq: number; type: string; payload: any }>(
      `select stream, seq, type, payload from stream_events
        where stream = any($1::uuid[]) and type = any($2::text[]) order by stream, seq`,
      [draftIds, ['nominated', 'bid', 'lotClosed', 'lotCancelled', 'undone']]);
    await db.query('commit');

    const violations: string[] = [];
    const result: Verification = {
      drafts: drafts.rows.length, lots: picks.rows.length, doubleWinners: doubles.rows.length,
      bidsInLog: 0, proxyBidsInLog: 0, lotsClosedInLog: 0, undoneInLog: 0, violations,
    };
    for (const d of doubles.rows) violations.push(`draft ${d.draft_id}: player ${d.player_id} has ${d.n} draft_picks rows`);
    if (drafts.rows.length !== draftIds.length) violations.push(`${draftIds.length - drafts.rows.length} of this run's auctions are missing from drafts`);

    const eventsOf = Map.groupBy(events.rows, (e) => e.stream);
    const picksOf = Map.groupBy(picks.rows, (p) => p.draft_id);
    for (const draft of drafts.rows) {
      const { budget, rosterSlots, increment } = draft.config;
      const where = `draft ${draft.id}`;
      const lots = new Map<number, LotLog>();
      const owner = new Map<string, number>();
      let closed = 0;
      let undone = 0;
      for (const { seq, type, payload } of eventsOf.get(draft.id) ?? []) {
        const at = `${where} seq ${seq}`;
        if (type === 'nominated') {
          const lot = payload.lot;
          if (lots.has(lot.number)) violations.push(`${at}: lot ${lot.number} nominated twice`);
          if (owner.has(lot.playerId)) violations.push(`${at}: lot ${lot.number} nominates ${lot.playerId}, already sold in lot ${owner.get(lot.playerId)}`);
          lots.set(lot.number, { playerId: lot.playerId, lastBidder: lot.highBidder, lastAmount: lot.highBid, status: 'open' });
          continue;
        }
        const lot = lots.get(payload.lot);
        if (!lot) {
          violations.push(`${at}: ${type} for lot ${payload.lot}, which was never nominated`);
          continue;
        }
        switch (type) {
          case 'bid':
            result.bidsInLog++;
            if (payload.proxy) result.proxyBidsInLog++;
            if (lot.status !== 'open') violations.push(`${at}: bid ${payload.amount} on lot ${payload.lot} after it was ${lot.status}`);
            if (payload.amount < lot.lastAmount + increment) {
              violations.push(`${at}: bid ${payload.amount} on lot ${payload.lot} does not beat the high bid ${lot.lastAmount} by ${increment}`);
            }
            lot.lastBidder = payload.teamId;
            lot.lastAmount = payload.amount;
            break;
          case 'lotClosed':
            closed++;
            if (lot.status !== 'open') violations.push(`${at}: lot ${payload.lot} closed while ${lot.status}`);
            if (payload.price !== lot.lastAmount || payload.teamId !== lot.lastBidder || payload.playerId !== lot.playerId) {
              violations.push(`${at}: lot ${payload.lot} closed to ${payload.teamId} at ${payload.price}; its last bid was ${lot.lastBidder} at ${lot.lastAmount}`);
            }
            if (owner.has(lot.playerId)) {
              result.doubleWinners++;
              violations.push(`${at}: player ${lot.playerId} sold twice (lots ${owner.get(lot.playerId)} and ${payload.lot})`);
            }
            owner.set(lot.playerId, payload.lot);
            lot.status = 'sold';
            break;
          case 'lotCancelled':
            lot.status = 'cancelled';
            break;
          case 'undone':
            undone++;
            if (lot.status !== 'sold') violations.push(`${at}: undo of lot ${payload.lot}, which was ${lot.status}`);
            owner.delete(lot.playerId);
            lot.status = 'undone';
            break;
        }
      }
      result.lotsClosedInLog += closed;
      result.undoneInLog += undone;

      const rows = picksOf.get(draft.id) ?? [];
      const spend = new Map<string, { dollars: number; players: number }>();
      for (const row of rows) {
        const lot = lots.get(row.overall);
        if (!lot || lot.status !== 'sold') {
          violations.push(`${where}: draft_picks row for lot ${row.overall} (${row.player_id}), which the log has ${lot ? lot.status : 'never opened'}`);
        } else if (row.price !== lot.lastAmount || row.team_id !== lot.lastBidder || row.player_id !== lot.playerId) {
          violations.push(`${where}: draft_picks lot ${row.overall} = ${row.team_id} buys ${row.player_id} at ${row.price}; ` +
            `the log's last accepted bid is ${lot.lastBidder} at ${lot.lastAmount} for ${lot.playerId}`);
        }
        const team = spend.get(row.team_id) ?? { dollars: 0, players: 0 };
        team.dollars += row.price ?? 0;
        team.players++;
        spend.set(row.team_id, team);
      }
      for (const [teamId, team] of spend) {
        if (team.dollars > budget) violations.push(`${where}: team ${teamId} spent ${team.dollars} of a ${budget} budget`);
        if (team.players > rosterSlots) violations.push(`${where}: team ${teamId} bought ${team.players} players for ${rosterSlots} slots`);
      }
      if (closed - undone !== rows.length) {
        violations.push(`${where}: ${closed} lotClosed - ${undone} undone events but ${rows.length} draft_picks rows`);
      }
    }
    const byHand = result.bidsInLog - result.proxyBidsInLog;
    if (byHand < acceptedByHand) violations.push(`${acceptedByHand} bids were acknowledged as accepted but the log holds only ${byHand} hand bids`);
    if (byHand > acceptedByHand + unanswered) {
      violations.push(`the log holds ${byHand} hand bids but only ${acceptedByHand} were acknowledged (${unanswered} went unanswered)`);
    }
    return result;
  } finally {
    await db.end().catch(() => undefined);
  }
}
