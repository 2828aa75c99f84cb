/**
 * `npm run admin -- grant <user>` / `revoke <user>`: the operator's way to make a user an admin
 * (ingest stat feeds, inspect jobs), on the configured database like `npm run seed`.
 * Exit codes: 0 done (or already so), 1 no such user, 2 bad usage.
 */
import { loadConfigOrExit } from '../config.ts';
import { openStorage } from '../db/orm.ts';
import { setAdmin, type RoleChange } from './admin.ts';

const USAGE = 'usage: npm run admin -- grant <username> | revoke <username>';
const [command, username, ...rest] = process.argv.slice(2);
if ((command !== 'grant' && command !== 'revoke') || !username || rest.length > 0) {
  console.error(USAGE);
  process.exit(2);
}

const MESSAGES: Record<RoleChange, string> = {
  granted: `${username} is now an admin`,
  revoked: `${username} is no longer an admin`,
  unchanged: `${username} already ${command === 'grant' ? 'is' : 'is not'} an admin; nothing changed`,
  'no-such-user': `no user named ${username}: they must register first`,
};

const storage = await openStorage(loadConfigOrExit());
let change: RoleChange;
try {
  change = await setAdmin(storage.orm.em.fork(), username, command === 'grant');
} finally {
  await storage.close();
}
(change === 'no-such-user' ? console.error : console.log)(MESSAGES[change]);
process.exit(change === 'no-such-user' ? 1 : 0);
