import assert from 'node:assert/strict';
import { PING_SLICE_MS, pingSlices, SpreadPingTransport } from '../../../rooms/base/spread-ping-transport.ts';

/** Slices per period in these tests (a 1 s period): the logic is the same for any count. */
const SLICES = pingSlices(1000);

/** Slices in the 200 ms period of the timer test. */
const SLICES_OF_200_MS = pingSlices(200);

/** A socket as the transport sees it: counts its pings, answers them (a pong resets pingCount) unless mute. */
class FakeSocket {
  pingCount = 0;
  pings = 0;
  terminated = false;
  private readonly mute: boolean;
  constructor(mute = false) { this.mute = mute; }
  ping() { this.pings++; if (!this.mute) queueMicrotask(() => { this.pingCount = 0; }); }
  terminate() { this.terminated = true; }
}

function transportWith(sockets: FakeSocket[]) {
  const transport = new SpreadPingTransport({ noServer: true } as never) as any;
  transport.wss.clients = new Set(sockets);
  const round = async (from = 0) => {
    for (let slice = from; slice < SLICES; slice++) {
      transport.pingSlice(slice, SLICES, 2);
      await Promise.resolve();
    }
  };
  return { transport, round };
}

describe('keep-alive pings spread over the ping period', () => {
  it(`cuts the period into slices of ${PING_SLICE_MS} ms: a few dozen pings a tick at 12,000 clients`, () => {
    assert.equal(pingSlices(10_000), 10_000 / PING_SLICE_MS);
    assert.ok(12_000 / pingSlices(10_000) <= 100);
    assert.equal(pingSlices(10), 1);
  });

  it('visits only its own slice: a tick does not walk every socket', () => {
    const sockets = Array.from({ length: 10 * SLICES }, () => new FakeSocket());
    const { transport } = transportWith(sockets);
    transport.pingSlice(0, SLICES, 2);
    let visited = 0;
    const clients: Set<FakeSocket> = transport.wss.clients;
    const has = clients.has.bind(clients);
    clients.has = (socket: FakeSocket) => { visited++; return has(socket); };
    clients[Symbol.iterator] = () => { throw new Error('a tick after the first walked every socket'); };
    transport.pingSlice(1, SLICES, 2);
    assert.equal(visited, 10);
    assert.equal(sockets.filter((s) => s.pings === 1).length, 20);
  });

  it('forgets a socket that left, at its slice\'s next turn', () => {
    const sockets = Array.from({ length: SLICES }, () => new FakeSocket());
    const { transport } = transportWith(sockets);
    transport.pingSlice(0, SLICES, 2);
    (transport.wss.clients as Set<FakeSocket>).delete(sockets[3]);
    transport.pingSlice(3, SLICES, 2);
    assert.equal(sockets[3].pings, 0);
    assert.equal(transport.slices[3].size, 0);
  });

  it('pings every socket exactly once per period, a slice at a time', async () => {
    const sockets = Array.from({ length: 53 }, () => new FakeSocket());
    const { transport, round } = transportWith(sockets);
    transport.pingSlice(0, SLICES, 2);
    const first = sockets.filter((s) => s.pings === 1).length;
    assert.ok(first >= 2 && first <= 3, `one slice pings about 1/${SLICES} of the sockets, pinged ${first}`);
    await round(1);
    assert.deepEqual(sockets.map((s) => s.pings), sockets.map(() => 1));
    await round();
    await round();
    assert.deepEqual(sockets.map((s) => s.pings), sockets.map(() => 3));
    assert.ok(sockets.every((s) => !s.terminated));
  });

  it('never pings a socket twice in a period when others come and go, so no answering socket is dropped', async () => {
    const sockets = Array.from({ length: 40 }, () => new FakeSocket());
    const { transport, round } = transportWith(sockets);
    for (let period = 0; period < 5; period++) {
      for (let slice = 0; slice < SLICES; slice++) {
        // Churn: one leaves, one joins, at every tick.
        const clients: Set<FakeSocket> = transport.wss.clients;
        clients.delete([...clients][slice % clients.size]);
        const joined = new FakeSocket();
        clients.add(joined);
        sockets.push(joined);
        transport.pingSlice(slice, SLICES, 2);
        await Promise.resolve();
      }
    }
    await round();
    assert.ok(sockets.every((s) => s.pings <= 6), `at most one ping per period: ${Math.max(...sockets.map((s) => s.pings))}`);
    assert.ok(sockets.every((s) => !s.terminated));
  });

  it('drops a socket that missed two pongs in a row, at its third turn, and only it', async () => {
    const mute = new FakeSocket(true);
    const others = Array.from({ length: 30 }, () => new FakeSocket());
    const { round } = transportWith([mute, ...others]);
    await round();
    await round();
    assert.equal(mute.terminated, false, 'two unanswered pings are tolerated');
    await round();
    assert.equal(mute.terminated, true);
    assert.equal(mute.pings, 2);
    assert.ok(others.every((s) => !s.terminated && s.pings === 3));
  });

  it('runs the slices on its own timer, one period per ping interval', async () => {
    // Counted in the timer's ticks, not in wall time: a busy box delays a tick, never runs one early.
    const sockets = Array.from({ length: 25 }, () => new FakeSocket());
    const { transport } = transportWith(sockets);
    const ticks = SLICES_OF_200_MS + SLICES_OF_200_MS / 2;
    const started = performance.now();
    const ticked = new Promise<void>((resolve) => {
      const pingSlice = transport.pingSlice.bind(transport);
      transport.pingSlice = (...args: [number, number, number]) => {
        pingSlice(...args);
        if (transport.tick < ticks) return;
        clearInterval(transport.pingInterval);
        resolve();
      };
    });
    transport.autoTerminateUnresponsiveClients(200, 2);
    await ticked;
    assert.ok(performance.now() - started >= (ticks - 1) * PING_SLICE_MS, 'one slice per PING_SLICE_MS, never faster');
    const pings = sockets.map((s) => s.pings);
    assert.deepEqual(pings, sockets.map((_, i) => (i % SLICES_OF_200_MS < ticks - SLICES_OF_200_MS ? 2 : 1)),
      `each socket pinged once a period, the first half of the slices twice in 1.5 periods: ${pings.join(',')}`);
  });
});
