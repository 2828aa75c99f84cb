import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection on demand, for load tests only (LOAD_ECHO_ROOM=true, which production
 * refuses): the harness scrapes `/metrics?gc=1` before and while its rooms are live, so "heap per
 * room" is live objects, not whatever garbage the last collection left. `--expose-gc` is set at
 * run time so `npm start` needs no node flag.
 */
export function loadTestCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
