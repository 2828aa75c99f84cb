import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Holds rows locked (FOR UPDATE) in a transaction of its own until `release`, as a slow commit of
 * another request would: whatever writes them waits, so a test can line a race up deterministically.
 */
export async function holdRows(em: EntityManager, sql: string, params: unknown[]): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let held!: () => void;
  const holding = new Promise<void>((resolve) => { held = resolve; });
  const done = em.fork().transactional(async (tx) => {
    await tx.execute(`${sql} for update`, params);
    held();
    await released;
  });
  await holding;
  return { release: async () => { release(); await done; } };
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
