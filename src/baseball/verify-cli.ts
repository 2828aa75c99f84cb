/**
 * Checks a finished game's dice without trusting the server's own verdict:
 *
 *   npm run dice:verify -- --url http://127.0.0.1:2567 --game <id> [--token <jwt> | --username u --password p]
 *
 * It fetches the game's public play-by-play (GET /api/v1/games/:id), numbers the dice of the
 * plays 0, 1, 2, ... in play order (as the game rolled them), checks SHA-256(seed) against the
 * commitment published before the first roll, and recomputes every roll here from the revealed
 * seed: roll n = HMAC-SHA256(seed, `${gameId}:${n}`) mapped to the die (src/dice/verifiable.ts).
 * Prints "N rolls verified, commitment OK" and exits 0, or prints what does not match and exits 1.
 */
import { parseArgs } from 'node:util';
import { verifyRolls, type StoredRoll, type Verification } from '../dice/verifiable.ts';

interface GameDice {
  id: string;
  status: string;
  diceCommitment: string;
  diceSeed: string | null;
  plays: Array<{ dice: Array<{ sides: number; value: number }> }>;
}

/** The game's rolls numbered as they were rolled, and what recomputing them says. */
export function verifyGameDice(game: GameDice): { rolls: number; verification: Verification } | { error: string } {
  if (!game.diceSeed) return { error: `game ${game.id} is ${game.status}: its dice seed is revealed when it is final` };
  let n = 0;
  const rolls: StoredRoll[] = game.plays.flatMap((play) => play.dice.map((d) => ({ n: n++, sides: d.sides, value: d.value })));
  return { rolls: rolls.length, verification: verifyRolls(game.diceSeed, game.diceCommitment, game.id, rolls) };
}

/** The lines to print: one when all is well, else the commitment verdict and each bad roll. */
export function report(result: ReturnType<typeof verifyGameDice>): { ok: boolean; lines: string[] } {
  if ('error' in result) return { ok: false, lines: [result.error] };
  const { rolls, verification: v } = result;
  if (v.ok) return { ok: true, lines: [`${rolls} rolls verified, commitment OK`] };
  return {
    ok: false,
    lines: [
      v.commitmentOk ? 'commitment OK' : 'commitment MISMATCH: SHA-256 of the revealed seed is not the published commitment',
      `${v.mismatches.length} of ${rolls} rolls do not match the seed`,
      ...v.mismatches.map((m) => `  ${m.reason}`),
    ],
  };
}

async function call(url: string, path: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(new URL(path, url), init);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function tokenFor(url: string, args: { token?: string; username?: string; password?: string }): Promise<string> {
  if (args.token) return args.token;
  if (!args.username || !args.password) throw new Error('give --token, or --username and --password');
  const body = JSON.stringify({ username: args.username, password: args.password });
  return (await call(url, '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).token;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:2567' },
      game: { type: 'string' },
      token: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.game) throw new Error('--game <id> is required');
  const token = await tokenFor(values.url, values);
  const game = await call(values.url, `/api/v1/games/${encodeURIComponent(values.game)}`, { headers: { authorization: `Bearer ${token}` } });
  const { ok, lines } = report(verifyGameDice(game));
  for (const line of lines) console.log(line);
  return ok ? 0 : 1;
}

if (import.meta.main) {
  main().then((code) => { process.exitCode = code; }, (error: Error) => {
    console.error(`dice:verify: ${error.message}`);
    process.exitCode = 1;
  });
}
