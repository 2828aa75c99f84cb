/**
 * A peer server for `--peer`: another framework's server running the same game, started here on
 * this box (loopback) for the length of its run, so one command measures ours and the peer's under
 * the same load. Only boardgame.io so far (loadtest/peer/bgio-server.ts).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.ts';

/** The peers by `--peer` name: its server script and the load kind that drives it. */
export const PEERS: Record<string, { script: string; kind: string }> = {
  bgio: { script: fileURLToPath(new URL('../peer/bgio-server.ts', import.meta.url)), kind: 'bgio' },
};

const START_TIMEOUT_MS = 20_000;

export interface RunningPeer {
  url: string;
  kind: string;
  stop(): void;
}

/** Starts the peer on `port` and resolves once its /health answers; throws if it does not. */
export async function startPeer(name: string, port: number): Promise<RunningPeer> {
  const peer = PEERS[name];
  if (!peer) throw new Error(`no peer "${name}" (known: ${Object.keys(PEERS).join(', ')})`);
  // process.execPath: the Node that runs this script (24 through npm), not the shell's.
  const child = spawn(process.execPath, [peer.script], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited: number | null | undefined;
  child.on('exit', (code) => { exited = code; });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => { if (child.exitCode === null) child.kill(); };
  for (const until = Date.now() + START_TIMEOUT_MS; Date.now() < until && exited === undefined;) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return { url, kind: peer.kind, stop };
    await sleep(200);
  }
  stop();
  throw new Error(`the ${name} peer did not answer on ${url}/health${exited !== undefined ? ` (exited ${exited})` : ''}`);
}
