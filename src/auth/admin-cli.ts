/**
 * The operator's account commands, on the configured database like `npm run seed`:
 *   npm run admin -- grant <user> | revoke <user>     the admin role (ingest stat feeds, inspect jobs)
 *   npm run admin -- reset-password <user>            a generated password, printed; or one piped on stdin
 *   npm run admin -- lock <user> | unlock <user>      a locked user cannot sign in; his sessions end
 * Exit codes: 0 done (or already so), 1 no such user, 2 bad usage (or a weak password on stdin).
 */
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { loadConfigOrExit } from '../config.ts';
import { openStorage } from '../db/orm.ts';
import { resetPassword, setAdmin, setLocked } from './admin.ts';
import { newPassword } from './password-policy.ts';

const USAGE = 'usage: npm run admin -- grant|revoke|reset-password|lock|unlock <username>';
const COMMANDS = ['grant', 'revoke', 'reset-password', 'lock', 'unlock'] as const;
type Command = (typeof COMMANDS)[number];
const [command, username, ...rest] = process.argv.slice(2);
if (!COMMANDS.includes(command as Command) || !username || rest.length > 0) {
  console.error(USAGE);
  process.exit(2);
}

/** The password to set: piped on stdin (the operator chose it), else generated and printed once. */
async function chosenPassword(): Promise<{ password: string; generated: boolean }> {
  if (process.stdin.isTTY) return { password: randomBytes(18).toString('base64url'), generated: true };
  const piped = (await text(process.stdin)).replace(/\r?\n$/, '');
  if (piped === '') return { password: randomBytes(18).toString('base64url'), generated: true };
  const checked = newPassword.safeParse(piped);
  if (!checked.success) {
    console.error(`the password on stdin ${checked.error.issues[0].message}`);
    process.exit(2);
  }
  return { password: piped, generated: false };
}

async function run(cmd: Command): Promise<[ok: boolean, message: string]> {
  const password = cmd === 'reset-password' ? await chosenPassword() : undefined;
  const storage = await openStorage(loadConfigOrExit());
  try {
    const em = storage.orm.em.fork();
    const missing: [boolean, string] = [false, `no user named ${username}: they must register first`];
    if (cmd === 'grant' || cmd === 'revoke') {
      const change = await setAdmin(em, username, cmd === 'grant');
      if (change === 'no-such-user') return missing;
      if (change === 'unchanged') return [true, `${username} already ${cmd === 'grant' ? 'is' : 'is not'} an admin; nothing changed`];
      return [true, cmd === 'grant' ? `${username} is now an admin` : `${username} is no longer an admin`];
    }
    if (cmd === 'lock' || cmd === 'unlock') {
      const change = await setLocked(em, username, cmd === 'lock');
      if (change === 'no-such-user') return missing;
      if (change === 'unchanged') return [true, `${username} already ${cmd === 'lock' ? 'is' : 'is not'} locked; nothing changed`];
      return [true, cmd === 'lock' ? `${username} is locked; every session ended` : `${username} is unlocked`];
    }
    if ((await resetPassword(em, username, password!.password)) === 'no-such-user') return missing;
    return [true, password!.generated
      ? `new password for ${username} (shown once): ${password!.password}\nevery session of ${username} ended`
      : `password of ${username} set from stdin; every session of ${username} ended`];
  } finally {
    await storage.close();
  }
}

const [ok, message] = await run(command as Command);
(ok ? console.log : console.error)(message);
process.exit(ok ? 0 : 1);
