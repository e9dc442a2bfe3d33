// What a model sees through the built server (Coder v2.30.0): complete and portable results, pages with counts, and waiting instead of polling.
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { unportableSpots } from './support/schema-portability.js';
import { errorOf, structuredOf, textOf } from './support/tool-result.js';
import type {
  AgentDetailsResult,
  AgentLogOutput,
  ListAgentsOutput,
  TaskHistoryOutput,
  WaitForAgentsOutput,
} from './support/tool-outputs.js';

describe('what a model sees (Coder v2.30.0)', () => {
  // At speed 1 a task keeps its agent busy for 3.5 to 6.5 s: long enough to time a wait out.
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 1, seed: 5, world: { agents: 9, longHistoryAgents: 0 } });
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);
  const showStatus = async (name: string) => structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: name })).agent.status;

  /** Agents AgentAPI calls idle, each test taking its own. */
  let idle: string[] = [];
  beforeAll(async () => {
    const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents', { page_size: 100 }));
    const statuses = await Promise.all(agents.filter((agent) => agent.status === 'idle').map(async (agent) => [agent.name, await showStatus(agent.name)] as const));
    idle = statuses.filter(([, status]) => status === 'idle').map(([name]) => name);
  });
  const takeIdleAgent = () => {
    const name = idle.shift();
    if (name === undefined) throw new Error('no idle agent left in the simulated fleet');
    return name;
  };

  test('every tool is described in portable schemas, with the errors it answers named and its annotations true', async () => {
    const { tools } = await fleet().session.client.listTools();

    expect(tools).toHaveLength(12);
    for (const tool of tools) {
      expect([tool.name, unportableSpots(tool.inputSchema), unportableSpots(tool.outputSchema)]).toEqual([tool.name, [], []]);
    }
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('show_agent_task_history')?.description).toMatch(/Errors: .*AGENT_OFFLINE/);
    expect(byName.get('cancel_agent_task')?.annotations?.destructiveHint).toBe(true);
    const agentOutput = JSON.stringify(byName.get('list_agents')?.outputSchema);
    expect(agentOutput).toContain('always null in list_agents on Coder 2.29–2.36');
  });

  test('a text-only client gets everything: show_agent\'s text holds its parameters and health, after a readable summary', async () => {
    const result = await call('show_agent', { agent_name: idle[0] });

    const text = textOf(result);
    const [summary] = text.split('\n\n');
    expect(summary?.length).toBeLessThan(text.length / 2);
    expect(text).toContain('"parameters":[');
    expect(text).toContain('"health":{');
    expect(text.length).toBeGreaterThan(JSON.stringify(result.structuredContent).length);
  });

  test('history and log answer with the agent\'s own name, whatever case it was asked in', async () => {
    const name = idle[0] ?? '';

    const history = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: name.toUpperCase() }));
    const log = structuredOf<AgentLogOutput>(await call('show_agent_log', { agent_name: name.toUpperCase() }));

    expect([history.agent_name, log.agent_name]).toEqual([name, name]);
  });

  test('list_agents pages the fleet, counts it by status in every answer, and has a compact form', async () => {
    const first = structuredOf<ListAgentsOutput>(await call('list_agents', { page_size: 4 }));
    const second = structuredOf<ListAgentsOutput>(await call('list_agents', { page: 2, page_size: 4, compact: true }));
    const stopped = structuredOf<ListAgentsOutput>(await call('list_agents', { status: 'stopped', page_size: 1 }));

    expect(first).toMatchObject({ page: 1, page_size: 4, has_next: true, has_previous: false });
    expect(first.agents).toHaveLength(4);
    expect(second.agents.every((agent) => Object.keys(agent).sort().join() === 'name,project,status')).toBe(true);
    expect(new Set([...first.agents, ...second.agents].map((agent) => agent.name)).size).toBe(first.agents.length + second.agents.length);
    const counted = Object.values(first.counts.by_status).reduce<number>((sum, count) => sum + (count ?? 0), 0);
    expect(counted).toBe(first.total);
    expect(stopped.counts).toEqual(first.counts);
    expect(stopped.total).toBe(first.counts.by_status.stopped);
    expect(errorOf(await call('list_agents', { status: 'deleted' })).code).toBe('INVALID_INPUT');
  });

  test('wait_for_agents returns when the agent finishes its task, with progress on the way', async () => {
    const name = takeIdleAgent();
    await call('start_agent_task', { agent_name: name, task: 'Tidy the changelog.' });

    const waited = await fleet().session.callWithProgress('wait_for_agents', { agent_names: [name] });

    const answer = structuredOf<WaitForAgentsOutput>(waited.result);
    expect(answer).toMatchObject({ condition_met: true, agents: [{ name, status: 'idle', still_working: false }] });
    expect(answer.poll_interval_seconds).toBeGreaterThan(0);
    expect(answer.poll_interval_seconds).toBeLessThanOrEqual(5);
    expect(waited.sent.length).toBeGreaterThan(1);
    const progress = waited.sent.map((step) => step.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(waited.sent[0]?.message).toContain(`still working: ${name} (busy)`);
  });

  test('wait_for_agents says when time ran out, and sees an agent asking for permission as waiting', async () => {
    const name = takeIdleAgent();
    await call('start_agent_task', { agent_name: name, task: 'Run the migration on staging [needs-permission]' });

    const early = structuredOf<WaitForAgentsOutput>(await call('wait_for_agents', { agent_names: [name], timeout_seconds: 1 }));
    expect(early).toMatchObject({ condition_met: false, agents: [{ name, still_working: true }] });
    const asked = structuredOf<WaitForAgentsOutput>(await call('wait_for_agents', { agent_names: [name] }));
    expect(asked.agents[0]).toMatchObject({ name, status: 'waiting', still_working: false });
    expect(await showStatus(name)).toBe('waiting');

    await call('start_agent_task', { agent_name: name, task: '1' });
    const answered = structuredOf<WaitForAgentsOutput>(await call('wait_for_agents', { agent_names: [name] }));
    expect(answered.agents[0]).toMatchObject({ status: 'idle' });
  });

  test('a cancelled wait stops polling Coder at once', async () => {
    const name = takeIdleAgent();
    await call('start_agent_task', { agent_name: name, task: 'Read the whole codebase.' });
    const controller = new AbortController();

    const waiting = fleet().session.client.callTool({ name: 'wait_for_agents', arguments: { agent_names: [name] } }, undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    controller.abort();
    await expect(waiting).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 200));
    fleet().simulator.control.resetStats();
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    expect(fleet().simulator.control.requests().filter((request) => request.path.startsWith('/api/v2/tasks'))).toEqual([]);
  });

  test('wait_for_agents names the agents that do not exist and refuses a wait beyond ten minutes', async () => {
    const unknown = errorOf(await call('wait_for_agents', { agent_names: [idle[0], 'no-such-agent'] }));
    const tooLong = errorOf(await call('wait_for_agents', { timeout_seconds: 601 }));

    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain('"no-such-agent"');
    expect(tooLong.code).toBe('INVALID_INPUT');
  });
});
