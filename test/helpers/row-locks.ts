import type { EntityManager } from '@mikro-orm/postgresql';
import { POOL_SIZE } from './server.ts';

/**
 * `it` for a race lined up by holding another transaction open: the held transaction, the request
 * that waits for it and the check of who waits each need a connection of their own, which a pool of
 * one (TEST_DB_POOL_SIZE=1, the second CI pass) cannot give. The main pass runs them.
 */
export const itRace: Mocha.TestFunction | Mocha.PendingTestFunction = Number(POOL_SIZE) > 1 ? it : it.skip;

/** Transactions still held when a test ends (it failed before releasing them): rolled back, or they block every later test. */
const held = new Set<(commit?: boolean) => Promise<void>>();
afterEach(async () => {
  for (const release of [...held]) await release(false);
});

/**
 * Runs `work` in a transaction of its own and keeps that transaction open until `release`, as a
 * slow commit of another request would: whatever waits for its locks waits, so a test can line a
 * race up deterministically. `release(false)` rolls it back instead of committing.
 */
export async function holdTransaction(em: EntityManager, work: (tx: EntityManager) => Promise<unknown>): Promise<{ release: (commit?: boolean) => Promise<void> }> {
  let finish!: (commit: boolean) => void;
  const finished = new Promise<boolean>((resolve) => { finish = resolve; });
  let started!: () => void;
  const holding = new Promise<void>((resolve) => { started = resolve; });
  const done = em.fork().transactional(async (tx) => {
    await work(tx);
    started();
    if (!(await finished)) throw new RolledBack();
  }).catch((error: unknown) => {
    if (!(error instanceof RolledBack)) throw error;
  });
  await Promise.race([holding, done]);
  const release = async (commit = true) => {
    held.delete(release);
    finish(commit);
    await done;
  };
  held.add(release);
  return { release };
}

class RolledBack extends Error {}

/** Holds the rows a `select` names locked (FOR UPDATE) until `release` (see holdTransaction). */
export function holdRows(em: EntityManager, sql: string, params: unknown[]): Promise<{ release: (commit?: boolean) => Promise<void> }> {
  return holdTransaction(em, (tx) => tx.execute(`${sql} for update`, params));
}

/** Resolves once `count` statements of this database wait for a lock (the race's steps are lined up). */
export async function lockWaiters(em: EntityManager, count: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await em.fork().execute<Array<{ n: string }>>(
      `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (Number(row.n) >= count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} statements waiting for a lock, saw ${row.n}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
