/**
 * `npm run migration:create [name]`: diffs the entities against a scratch embedded database that
 * has every existing migration applied, and writes the difference as a new file in migrations/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from './orm.ts';
import { startEmbeddedPostgres } from './embedded.ts';

const scratch = mkdtempSync(join(tmpdir(), 'clubhouse-migrate-'));
const db = await startEmbeddedPostgres(scratch);
try {
  const orm = await MikroORM.init(ormOptions({
    ...db.connection,
    pool: { min: 0, max: 1 },
  }));
  orm.config.get('migrations').path = join(import.meta.dirname, '../../migrations');
  orm.config.get('migrations').emit = 'ts';
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, false, process.argv[2]);
  console.log(result.fileName ? `wrote migrations/${result.fileName}; add it to migrations/index.ts` : 'no changes');
  await orm.close(true);
} finally {
  await db.stop();
  rmSync(scratch, { recursive: true, force: true });
}
