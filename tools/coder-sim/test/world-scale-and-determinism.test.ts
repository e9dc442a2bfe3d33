// The standard world: agent states, payload sizes, long histories, determinism and 1,000 agents.
import { agentApiAppOf, type Workspace, type WorkspacesResponse } from './support/coder-shapes.js';
import { openSession, type SimulatorSession } from './support/simulator-session.js';

const KILOBYTE = 1024;

describe('the standard world', () => {
  let session: SimulatorSession;
  let agents: WorkspacesResponse;

  beforeAll(async () => {
    session = await openSession();
    agents = await session.getJson<WorkspacesResponse>('/api/v2/workspaces?q=owner:me%20has-ai-task:true');
  });

  afterAll(() => session.close());

  it('has six agents: most running and idle, one busy, one stopped, one failed; one idle agent shows a stale working', () => {
    const states = agents.workspaces.map((workspace) =>
      workspace.latest_build.status === 'running'
        ? workspace.latest_app_status?.state === 'working'
          ? 'says-working'
          : 'idle'
        : workspace.latest_build.status,
    );

    expect(agents.count).toBe(6);
    // The busy agent and agent 4, whose last `working` self-report landed after it went idle (AgentAPI is stable).
    expect(states.filter((state) => state === 'idle')).toHaveLength(2);
    expect(states.filter((state) => state === 'says-working')).toHaveLength(2);
    expect(states.filter((state) => state === 'stopped')).toHaveLength(1);
    expect(states.filter((state) => state === 'failed')).toHaveLength(1);
  });

  it('a running agent with a realistic history weighs 50–140 KB as a workspace, like a real one', () => {
    const realistic = agents.workspaces.filter((workspace) => {
      const statuses = agentApiAppOf(workspace)?.statuses.length ?? 0;
      return statuses >= 150 && statuses < 1_000;
    });

    expect(realistic.length).toBeGreaterThan(0);
    for (const workspace of realistic) {
      const size = Buffer.byteLength(JSON.stringify(workspace));
      expect(size).toBeGreaterThanOrEqual(50 * KILOBYTE);
      expect(size).toBeLessThanOrEqual(140 * KILOBYTE);
    }
  });

  it('one agent carries a long history: 1,000+ app statuses and 1,000+ conversation messages', async () => {
    const long = agents.workspaces.find((workspace) => (agentApiAppOf(workspace)?.statuses.length ?? 0) >= 1_000) as Workspace;

    const messages = await session.getJson<{ messages: unknown[] }>(`/@fleet-dev/${long.name}/apps/ccw/messages`);

    expect(agentApiAppOf(long)?.statuses.length).toBeGreaterThanOrEqual(1_000);
    expect(messages.messages.length).toBeGreaterThanOrEqual(1_000);
  });

  it('app statuses are listed newest first and the newest is the latest_app_status', () => {
    for (const workspace of agents.workspaces.filter((candidate) => agentApiAppOf(candidate))) {
      const statuses = agentApiAppOf(workspace)?.statuses ?? [];
      const times = statuses.map((status) => Date.parse(status.created_at));
      expect([...times].sort((first, second) => second - first)).toEqual(times);
      expect(statuses[0]).toEqual(workspace.latest_app_status);
    }
  });
});

describe('seeding', () => {
  it('the same seed gives the same world; another seed gives other ids', async () => {
    const first = await openSession({ seed: 42 });
    const second = await openSession({ seed: 42 });
    const other = await openSession({ seed: 43 });
    try {
      const read = (session: SimulatorSession): Promise<string> =>
        session.call('GET', '/api/v2/workspaces?q=owner:me').then((result) => result.text);

      const [firstWorld, secondWorld, otherWorld] = await Promise.all([read(first), read(second), read(other)]);

      expect(firstWorld).toBe(secondWorld);
      expect(JSON.parse(otherWorld)).not.toEqual(JSON.parse(firstWorld));
    } finally {
      await Promise.all([first.close(), second.close(), other.close()]);
    }
  });

  it('a world of 1,000 agents lists and pages correctly and streams the full list', async () => {
    const session = await openSession({ world: { agents: 1_000, longHistoryAgents: 3 } });
    try {
      const page = await session.getJson<WorkspacesResponse>('/api/v2/workspaces?q=owner:me%20has-ai-task:true&limit=25&offset=975');
      const full = await session.call('GET', '/api/v2/workspaces?q=owner:me%20has-ai-task:true');
      const list = full.json as WorkspacesResponse;

      expect(page.count).toBe(1_000);
      expect(page.workspaces).toHaveLength(25);
      expect(list.count).toBe(1_000);
      expect(list.workspaces).toHaveLength(1_000);
      expect(new Set(list.workspaces.map((workspace) => workspace.name)).size).toBe(1_000);
      // Honest payloads: a full list of 1,000 agents runs to tens of megabytes, as on a real deployment.
      expect(Buffer.byteLength(full.text)).toBeGreaterThan(50 * 1024 * KILOBYTE);
      expect(session.simulator.control.stats().bytesSent).toBeGreaterThanOrEqual(Buffer.byteLength(full.text));
    } finally {
      await session.close();
    }
  }, 30_000);
});
