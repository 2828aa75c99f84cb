import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities/index.ts';
import { migrationsList } from '../../migrations/index.ts';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.ts';
import { log } from '../log.ts';

export type Orm = MikroORM;

export interface Storage {
  orm: MikroORM;
  embedded: boolean;
  close(): Promise<void>;
}

/** ORM options shared by the server and the migration CLI. */
export function ormOptions(extra: Partial<Options> = {}): Options {
  return {
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    // Plain objects (defineEntity without classes) are the entities; no reflection needed.
    discovery: { warnWhenNoEntities: true },
    debug: false,
    logger: (message: string) => log.debug({ orm: true }, message),
    ...extra,
  };
}

/**
 * Opens the database named by config (real PostgreSQL with DATABASE_URL, else embedded PGlite
 * in DATA_DIR) and applies pending migrations before anything else touches it.
 */
export async function openStorage(config: Config): Promise<Storage> {
  let embedded: EmbeddedPostgres | undefined;
  const connection = config.database.url
    ? { clientUrl: config.database.url }
    : (embedded = await startEmbeddedPostgres(config.dataDir)).connection;
  try {
    const orm = await MikroORM.init(ormOptions({ ...connection, pool: { min: 0, max: config.database.poolSize } }));
    await orm.migrator.up();
    return {
      orm,
      embedded: embedded !== undefined,
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
