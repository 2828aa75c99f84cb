import { z } from 'zod';
import type { MikroORM } from '@mikro-orm/postgresql';
import { finishReview } from '../transactions/trade-service.ts';
import { AppError } from '../errors.ts';
import type { Jobs, QueueDefinition, Scheduling } from './types.ts';
import { log } from '../log.ts';

/**
 * A trade accepted in a league-veto league executes when its review window ends, unless vetoed
 * first: the trade-review job does it then (src/transactions/trade-service.ts `finishReview`,
 * idempotent). The sweep re-adds the job of every trade in review at boot and every minute, as the
 * waiver runs' sweep does (waiver-runs.ts).
 */

export const TRADE_SWEEP_EVERY_MS = 60_000;
const tradeReviewData = z.object({ leagueId: z.uuid(), tradeId: z.uuid() });

export function tradeReviewQueue(orm: MikroORM, now: () => number): QueueDefinition<z.infer<typeof tradeReviewData>, unknown> {
  return {
    name: 'trade-review', data: tradeReviewData, attempts: 5, backoffMs: 1000, concurrency: 2, keepCompleted: 0,
    process: async ({ leagueId, tradeId }) => {
      try {
        return await finishReview(orm.em.fork(), leagueId, tradeId, now());
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return { skipped: error.code }; // an archived league
        throw error;
      }
    },
  };
}

export function tradeSweepQueue(orm: MikroORM, now: () => number): QueueDefinition<Record<string, never>, { trades: number }> {
  return {
    name: 'trade-sweep', data: z.object({}).strict(), attempts: 3, backoffMs: 5000, concurrency: 1, keepCompleted: 0,
    process: async (_data, job) => {
      const rows = await orm.em.fork().getConnection().execute<Array<{ id: string; league_id: string; review_ends_at: Date }>>(
        `select id, league_id, review_ends_at from trades where status = 'review' and review_ends_at is not null`);
      for (const row of rows) await scheduleTradeReview(job.jobs, row.league_id, row.id, new Date(row.review_ends_at), now());
      return { trades: rows.length };
    },
  };
}

export function scheduleTradeReview(jobs: Jobs, leagueId: string, tradeId: string, endsAt: Date, now: number): Promise<string> {
  return jobs.add('trade-review', { leagueId, tradeId }, { jobId: `trade-review-${tradeId}`, delayMs: Math.max(0, endsAt.getTime() - now) });
}

/** After an acceptance into a league review is committed. A failure is logged (the sweep adds the job). */
export async function tradeReviewScheduled({ jobs, now }: Scheduling, leagueId: string, trade: { id: string; reviewEndsAt: string | null }): Promise<void> {
  if (!trade.reviewEndsAt) return;
  try {
    await scheduleTradeReview(jobs, leagueId, trade.id, new Date(trade.reviewEndsAt), now());
  } catch (error) {
    log.error({ err: error, tradeId: trade.id }, 'trade review not scheduled: the sweep schedules it');
  }
}
