// cancel sends the interrupt within 5 s of the call even while Coder is slow to answer other requests.
import { eventually, startSimulatedFleet, type SimulatedFleet } from './support/simulated-fleet.js';

const INTERRUPT = 'POST /@{user}/{workspace}.{agent}/apps/{app}/message';

describe('cancel while Coder is slow elsewhere', () => {
  let world: SimulatedFleet;

  beforeAll(async () => {
    world = await startSimulatedFleet({ coderVersion: 'v2.30.0', agents: 6, speed: 0.01 });
  });

  afterAll(() => world.close());

  it('interrupts the busy agent without queueing behind slow list and build requests', async () => {
    const { fleet, simulator } = world;
    const agents = (await fleet.agents.list({ pageSize: 100 })).page.items;
    const busy = agents.find((agent) => agent.status === 'busy')?.name ?? '';
    const idle = agents.find((agent) => agent.status === 'idle')?.name ?? '';
    simulator.control.setFaults([
      { path: '^/api/v2/(workspaces|tasks)$', delayMs: 8_000 },
      { path: '^/api/v2/workspaces/[^/]+/builds$', delayMs: 8_000 },
      { path: '^/api/v2/workspacebuilds/', delayMs: 8_000 },
    ]);
    const slowCalls = new AbortController();
    let slowCallsSettled = false;
    const slow = Promise.allSettled([
      fleet.agents.list({}, { signal: slowCalls.signal }),
      fleet.agents.restart(idle, { signal: slowCalls.signal }),
    ]).then(() => {
      slowCallsSettled = true;
    });
    simulator.control.resetStats();

    const calledAt = performance.now();
    const cancelled = await fleet.tasks.cancel(busy);
    const elapsedMs = performance.now() - calledAt;

    expect(cancelled.name).toBe(busy);
    expect(simulator.control.stats().byRoute[INTERRUPT]).toBe(1);
    expect(slowCallsSettled).toBe(false);
    expect(elapsedMs).toBeLessThan(5_000);
    // The simulated agent took the Ctrl+C: it stops working and reports so.
    const history = await eventually(
      () => fleet.tasks.history(busy, { pageSize: 1 }),
      (page) => page.items[0]?.message.includes('Interrupted') === true,
      { what: `${busy} reporting the interrupt` },
    );
    expect(history.items[0]?.state).toBe('idle');

    slowCalls.abort(new Error('test over'));
    simulator.control.clearFaults();
    await slow;
  });
});
