import { CompiledQuery, type Kysely } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs one statement with its parameters bound by the driver (`$1`, `$2`, … in `sql`), on the
 * manager's transaction when it has one. MikroORM's `execute` splices every parameter into the SQL
 * text first (`formatQuery`): for a statement carrying tens of thousands of values as arrays that
 * costs more CPU than the statement itself. Arrays go as PostgreSQL arrays (`$1::uuid[]`).
 */
export async function executeBound<Row = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const connection = em.getConnection();
  const ctx = em.getTransactionContext<Kysely<unknown>>() ?? connection.getClient();
  const result = await ctx.executeQuery<Row>(CompiledQuery.raw(sql, [...params]));
  return result.rows;
}
