/** `npm run seed`: loads the sample data into the configured database (idempotent). */
import { loadConfig } from '../config.ts';
import { openStorage } from './orm.ts';
import { seed } from './seed.ts';

const config = loadConfig();
const storage = await openStorage(config);
try {
  const result = await seed(storage.orm, { withLeagues: config.env !== 'production' });
  console.log(`seeded ${result.players} players and ${result.leagues} new sample leagues`);
} finally {
  await storage.close();
}
