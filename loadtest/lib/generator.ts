/**
 * A load-generator process (forked by harness.ts): sets up its share of rooms, says ready, opens
 * them when told (draft starts: outside the measured phase), waits for go (so every generator's
 * measured phase starts together; with a warm-up, the phase opens when told, the rooms acting
 * meanwhile), drives its rooms until they finish or the duration runs out, then sends back its
 * Part. One generator's event loop saturates before the server does; several spread the clients
 * over cores.
 */
import './node-websocket.ts'; // first: the SDK must load after it (see there)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { kinds } from '../kinds/index.ts';
import { toPart } from './part.ts';
import { watchGcPauses } from './gc-pauses.ts';
import { sleep } from './stats.ts';
import type { GeneratorMessage, SetupMessage } from './harness.ts';

const inbox: unknown[] = [];
const waiting: Array<(message: unknown) => void> = [];
process.on('message', (message) => {
  const waiter = waiting.shift();
  if (waiter) waiter(message);
  else inbox.push(message);
});
// The coordinator gone (killed, crashed): nobody will read the figures.
process.on('disconnect', () => process.exit(1));

const next = (): Promise<unknown> => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise((resolve) => waiting.push(resolve)));
const send = (message: GeneratorMessage) => new Promise<void>((resolve, reject) => {
  process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
});

async function main(): Promise<void> {
  const { kind: name, baseUrl, rooms, options } = (await next()) as SetupMessage;
  const run = kinds[name].run(baseUrl, rooms, options);
  const setupStarted = performance.now();
  const ready = await run.setup();
  const setupS = (performance.now() - setupStarted) / 1000;
  await send({ type: 'ready', ...ready, setupS });
  await next(); // open
  const openStarted = performance.now();
  await run.open?.();
  await send({ type: 'opened', openS: (performance.now() - openStarted) / 1000 });
  await next(); // go
  // With a warm-up the phase opens later, when the coordinator says so; without, now.
  let measuring = options.warmupS > 0 ? null : measure();
  let startedAt = await run.start();
  let actionsBefore = 0;
  if (!measuring) {
    // The rooms act until the coordinator, having read the server's figures, says the phase opens.
    await next(); // measure
    if (!run.actionsSoFar) throw new Error(`${name} cannot count its actions so far: no warm-up`);
    actionsBefore = run.actionsSoFar();
    run.recorder.startMeasuring();
    measuring = measure();
    startedAt = Date.now();
  }
  const deadline = startedAt + options.durationS * 1000;
  while (Date.now() < deadline && !(await run.done())) await sleep(50);
  const endedAt = Date.now();
  const { cpuSeconds, stalls, pauseSpans } = measuring.stop();
  // The phase is over: the coordinator reads the server's figures while every client is still
  // connected, then says close (12,000 clients leaving is not the phase's work).
  await send({ type: 'ended' });
  await next(); // close
  const counted = await run.finish();
  const part = toPart(run.recorder, { ...ready, ...counted, actions: counted.actions - actionsBefore, ...stalls, startedAt, endedAt, cpuSeconds, setupS }, pauseSpans);
  await send({ type: 'done', part });
}

/** Starts watching this process for the measured phase: its CPU, its event-loop delay and its GC pauses. */
function measure() {
  // A saturated generator shows here before anywhere else: its stalls inflate the latencies it measures.
  // Sampled every 10 ms like the server's prom-client figure, so both read ~10 ms when idle.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const gcPauses = watchGcPauses();
  const cpuBefore = process.cpuUsage();
  return {
    stop() {
      const cpu = process.cpuUsage(cpuBefore);
      lag.disable();
      // The generator's own stalls in the phase: event-loop delay, and the GC pauses among its causes.
      const { spans: pauseSpans, ...pauses } = gcPauses();
      const stalls = { loopLagP99Ms: lag.percentile(99) / 1e6, loopLagMaxMs: lag.max / 1e6, gcPauses: pauses };
      return { cpuSeconds: (cpu.user + cpu.system) / 1e6, stalls, pauseSpans };
    },
  };
}

main().then(() => process.exit(0), async (error: Error) => {
  await send({ type: 'error', message: error.stack ?? error.message }).catch(() => undefined);
  process.exit(1);
});
