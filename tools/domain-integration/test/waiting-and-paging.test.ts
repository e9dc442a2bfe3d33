// Waiting for agents and paging the fleet against the simulator, on each generation: what a real Coder would answer, not a fake.
import { startSimulatedFleet, type SimulatedFleet } from './support/simulated-fleet.js';

describe.each(['v2.30.0', 'v2.27.1', 'v2.37.0'])('on Coder %s', (coderVersion) => {
  let world: SimulatedFleet;

  beforeAll(async () => {
    world = await startSimulatedFleet({ coderVersion, agents: 23, speed: 0.1 });
  });

  afterAll(() => world.close());

  it('pages cover the fleet once, and the counts agree with the pages', async () => {
    const { fleet } = world;
    const first = await fleet.agents.list({ pageSize: 7 });
    const pages = [first];
    for (let page = 2; page <= Math.ceil(first.page.total / 7); page += 1) {
      pages.push(await fleet.agents.list({ page, pageSize: 7 }));
    }
    const names = pages.flatMap((list) => list.page.items.map((agent) => agent.name));

    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(first.page.total);
    expect(first.counts.total).toBe(first.page.total);
    const stopped = await fleet.agents.list({ status: 'stopped', pageSize: 100 });
    expect(stopped.page.items.every((agent) => agent.status === 'stopped')).toBe(true);
    expect(first.counts.byStatus.stopped).toBe(stopped.page.total);
  });

  it('waits for a working agent until it finishes its task, and sees a permission question as waiting', async () => {
    const { fleet } = world;
    const idle = (await fleet.agents.list({ status: 'idle', pageSize: 100 })).page.items;
    const candidates = await Promise.all(idle.map((agent) => fleet.agents.show(agent.name)));
    const [worker, asker] = candidates.filter((agent) => agent.status === 'idle').map((agent) => agent.name);
    if (worker === undefined || asker === undefined) throw new Error('the simulated fleet has fewer than two idle agents');

    await fleet.tasks.start(worker, 'Tidy the changelog.');
    const finished = await fleet.agents.waitFor({ names: [worker], timeoutMs: 60_000 });
    expect(finished).toMatchObject({ met: true, agents: [{ name: worker, status: 'idle', stillWorking: false }] });

    await fleet.tasks.start(asker, 'Run the migration on staging [needs-permission]');
    const asked = await fleet.agents.waitFor({ names: [asker], timeoutMs: 60_000 });
    expect(asked.agents[0]).toMatchObject({ name: asker, status: 'waiting', stillWorking: false });
    expect((await fleet.agents.show(asker)).status).toBe('waiting');

    await fleet.tasks.start(asker, '1');
    const answered = await fleet.agents.waitFor({ names: [asker], timeoutMs: 60_000 });
    expect(answered.agents[0]).toMatchObject({ status: 'idle' });
  });
});
