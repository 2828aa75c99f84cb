/**
 * One load harness for drafts, auctions, baseball games and the bare echo room, against a running
 * server; spreads the rooms over several load-generator processes and prints a table and one JSON
 * summary line: clients, actions/s, action → other clients latency p50/p95/p99, errors, server RSS
 * and CPU (from /metrics), the generators' own CPU and event-loop delay (a saturated generator, not
 * the server, would then be setting the latency).
 *
 *   npm run load -- --kind draft --url http://127.0.0.1:2567 --rooms 1000 --generators 2 \
 *     --pick-delay-ms 1000 --pick-jitter-ms 2000 --duration-s 60 --baseline
 *
 * Common options (defaults): --kind draft|auction|baseball|echo|bgio, --url http://127.0.0.1:2567 (a
 * loopback server only; several processes of one deployment comma-separated: generator i drives
 * the i-th (mod n), their /metrics are summed), --rooms 10, --generators 2 (processes; a room's clients all live in one),
 * --duration-s (per kind: draft/echo 60, auction 120, baseball 300; the phase ends earlier when
 * every room is finished), --warmup-s 0 (draft, echo, bgio: seconds each phase's rooms act before
 * its measured window opens; nothing of them is measured but their errors), --setup-concurrency 16 (REST calls in flight per generator; joins a
 * quarter of that), --baseline (draft only: then the same rooms × clients through the echo room
 * with the same turns and think time, and the ratio draft / echo), --peer bgio --peer-port 2569
 * (draft only: then the same load on a boardgame.io 0.50.2 server started on that port for the
 * run, loadtest/peer/, and the ratio draft / bgio), --repeat 1 (the whole comparison N times, then
 * the medians of the runs' figures).
 *
 * Kind options:
 *   draft     --teams 12 --rounds 15 --pick-delay-ms 0 --pick-jitter-ms 0 (think time: delay + 0..jitter)
 *   auction   --teams 12 --slots 6 --budget 200 --min-bid 1 --increment 1 --nomination-seconds 10
 *             --bid-seconds 3 --reset-floor-seconds 1 --snipe-jitter-ms 300 --react-ms 150
 *             --proxy-percent 20 --sniper-percent 10 --max-sends-per-s 20 --database-url (default
 *             $DATABASE_URL: then the outcome is verified in the database, exit 1 on a violation)
 *   baseball  --spectators 2 --pace-ms 0 --rules SBA|PD --lead-s 0
 *   bgio      the draft's options, against a running `npm run peer:bgio` (PORT)
 *   echo      --clients 12 --actions 180 --think-ms 0 --jitter-ms 0 (needs LOAD_ECHO_ROOM=true)
 *
 * What each kind does and how its latency is measured: the top of loadtest/kinds/<kind>.ts.
 * Each client holds a socket here and one in the server (1,000 drafts × 12 = 12,000 each side):
 * raise the open-file limit of this shell and the server's (`ulimit -n 65536`).
 */
import { main } from './lib/load-cli.ts';

main({ tool: 'load' });
