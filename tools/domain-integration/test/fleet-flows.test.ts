// The flows that cross the domain, the client and Coder, on each generation of Coder the simulator plays.
import { createFleet } from '@fleet/fleet-domain';
import { FleetError, isOnline, type AgentProgress } from '@fleet/fleet-models';
import { eventually, rejectionOf, startSimulatedFleet, type SimulatedFleet } from './support/simulated-fleet.js';

describe.each(['v2.30.0', 'v2.27.1', 'v2.37.0'])('the fleet on Coder %s', (coderVersion) => {
  let world: SimulatedFleet;

  beforeAll(async () => {
    // Slow enough that an agent stays busy for a few hundred milliseconds, fast enough for a test.
    world = await startSimulatedFleet({ coderVersion, agents: 6, speed: 0.1 });
  });

  afterAll(() => world.close());

  const showStatus = (name: string) => world.fleet.agents.show(name).then((agent) => agent.status);

  it('lives an agent through create, tasks, cancel, history, log, restart and delete', async () => {
    const { fleet } = world;
    const name = 'flow-agent';

    // create with wait -> online, each step reported once in order
    const steps: AgentProgress[] = [];
    const { agent: created, firstTask } = await fleet.agents.create(
      { name, project: 'Claude Code', role: 'reviewer', task: 'Summarise the README.' },
      { wait: true, onProgress: (progress) => steps.push(progress) },
    );
    expect(isOnline(created.status)).toBe(true);
    expect(created).toMatchObject({ name, project: 'Claude Code', role: 'Reviewer', owner: 'fleet-dev' });
    // Coder hands the first task to the agent where it has a prompt channel; on 2.37+ Fleet sends it once AgentAPI is stable.
    const delivery = world.simulator.coderVersion.startsWith('v2.37') ? ['first_task_sent'] : [];
    expect(firstTask).toBe(delivery.length > 0 ? 'sent' : 'handed_to_coder');
    expect(steps.map((step) => step.step)).toEqual(['build_queued', 'build_running', 'agent_connecting', 'ready', ...delivery]);
    await eventually(() => showStatus(name), (status) => status === 'idle', { what: `${name} idle after its first task` });

    // start task -> busy -> idle
    const started = await fleet.tasks.start(name, 'Add a test for the parser.');
    expect(started.status).toBe('busy');
    expect(await showStatus(name)).toBe('busy');
    const busyAgain = (await rejectionOf(fleet.tasks.start(name, 'And another thing.'))) as FleetError;
    expect(busyAgain.code).toBe('AGENT_BUSY');
    await eventually(() => showStatus(name), (status) => status === 'idle', { what: `${name} idle after its task` });

    // cancel: refused while idle, interrupts while busy, then idle again
    expect(((await rejectionOf(fleet.tasks.cancel(name))) as FleetError).code).toBe('INVALID_STATE');
    await fleet.tasks.start(name, 'Refactor the whole code base.');
    await fleet.tasks.cancel(name);
    await eventually(() => showStatus(name), (status) => status === 'idle', { what: `${name} idle after the interrupt` });

    // history and log, newest first, paged
    const history = await fleet.tasks.history(name, { pageSize: 2 });
    expect(history.items[0]).toMatchObject({ state: 'idle', message: expect.stringContaining('Interrupted') });
    expect(history).toMatchObject({ page: 1, pageSize: 2, hasNext: true, hasPrevious: false });
    const pastTheEnd = await fleet.tasks.history(name, { page: 50, pageSize: 100 });
    expect(pastTheEnd.items).toEqual([]);
    expect(pastTheEnd.total).toBe(history.total);
    const log = await fleet.tasks.log(name);
    expect(log.pageSize).toBe(1);
    expect(log.items[0]?.type).toBe('output');
    const inputs = await fleet.tasks.log(name, { pageSize: 100 });
    expect(inputs.items.filter((entry) => entry.type === 'input').map((entry) => entry.content)).toEqual([
      'Refactor the whole code base.',
      'Add a test for the parser.',
      'Summarise the README.',
    ]);

    // restart with wait: both halves reported with growing progress, online again
    const restartSteps: AgentProgress[] = [];
    const restarted = await fleet.agents.restart(name, { wait: true, onProgress: (progress) => restartSteps.push(progress) });
    expect(isOnline(restarted.status)).toBe(true);
    expect(restartSteps.map((step) => step.progress)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(restarted.role).toBe('Reviewer');

    // delete, then the agent is gone
    expect((await fleet.agents.delete(name)).status).toBe('deleting');
    const gone = await eventually(
      () => fleet.agents.show(name).then(() => undefined, (error: unknown) => error),
      (error) => error instanceof FleetError && error.code === 'NOT_FOUND',
      { what: `${name} gone after its deletion` },
    );
    expect((gone as FleetError).message).toContain(`no agent named "${name}"`);
    expect(((await rejectionOf(fleet.tasks.start(name, 'Anything'))) as FleetError).code).toBe('NOT_FOUND');
  }, 20_000);

  it('refuses a second agent of the same name, also when two creates race', async () => {
    const { fleet } = world;
    const request = { name: 'twin-agent', project: 'claude-code', task: 'Hello.' };
    const outcomes = await Promise.allSettled([fleet.agents.create(request), fleet.agents.create(request)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(((await rejectionOf(fleet.agents.create({ ...request, name: 'TWIN-AGENT' }))) as FleetError).code).toBe('CONFLICT');
  });

  it('refuses what the rules forbid with the codes SPEC.md names', async () => {
    const { fleet } = world;
    const codeOf = async (promise: Promise<unknown>) => ((await rejectionOf(promise)) as FleetError).code;
    expect(await codeOf(fleet.agents.create({ name: 'x--y', project: 'claude-code', task: 'Hi' }))).toBe('INVALID_INPUT');
    expect(await codeOf(fleet.agents.create({ name: 'ok-name', project: 'docker-dev', task: 'Hi' }))).toBe('INVALID_INPUT');
    expect(await codeOf(fleet.agents.create({ name: 'ok-name', project: 'nope', task: 'Hi' }))).toBe('NOT_FOUND');
    expect(await codeOf(fleet.agents.create({ name: 'ok-name', project: 'claude-code', role: 'Boss', task: 'Hi' }))).toBe('NOT_FOUND');
    const stopped = (await fleet.agents.list({ status: 'stopped' })).page.items[0];
    expect(stopped).toBeDefined();
    expect(await codeOf(fleet.tasks.start(stopped?.name ?? '', 'Hi'))).toBe('AGENT_OFFLINE');
    expect(await codeOf(fleet.tasks.history('some-agent', { pageSize: 101 }))).toBe('INVALID_INPUT');
    expect(await codeOf(fleet.projects.roles('Docker Dev'))).toBe('INVALID_INPUT');
  });

  it('answers UNAUTHORIZED for a wrong token, telling how to set one', async () => {
    const intruder = createFleet({ url: world.simulator.url, token: 'wrong-token' });
    const error = (await rejectionOf(intruder.checkConnection())) as FleetError;
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain('CODER_SESSION_TOKEN');
  });
});
