// The whole story a user lives through, on each Coder generation the simulator plays: from the projects to a deleted agent.
import { waitForAgentGone } from './support/agent-polling.js';
import { expectProgressEndingReady } from './support/progress-expectations.js';
import { findLeaks } from './support/secret-leaks.js';
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { structuredOf, textOf } from './support/tool-result.js';
import type {
  AgentDetailsResult,
  AgentLogOutput,
  AgentResult,
  ListAgentsOutput,
  OnlineAgentResult,
  ProjectsOutput,
  RolesOutput,
  TaskHistoryOutput,
  WaitForAgentsOutput,
} from './support/tool-outputs.js';

/** One release per generation: experimental Tasks API, Tasks API in v2, no Tasks API at all. */
const GENERATIONS = ['v2.27.1', 'v2.30.0', 'v2.34.3', 'v2.37.0'];
const AGENT = 'story-agent';
const FIRST_TASK = 'Summarise the open issues';
const SECOND_TASK = 'Write a migration guide for the tasks API';

describe.each(GENERATIONS)('the full story on Coder %s', (coderVersion) => {
  // Slow enough that a task keeps the agent busy for half a second: watching it and cancelling it cannot race its end.
  const fleet = useStdioFleet({ coderVersion, speed: 0.25, seed: 3 });
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);

  test('lists the projects that can run an agent', async () => {
    const { projects } = structuredOf<ProjectsOutput>(await call('list_agent_projects'));

    expect(projects.map((project) => project.display_name)).toContain('Claude Code');
  });

  test('lists the roles of Claude Code', async () => {
    const { roles } = structuredOf<RolesOutput>(await call('list_agent_roles', { project: 'Claude Code' }));

    expect(roles.map((role) => role.name)).toContain('Reviewer');
  });

  test('creates an agent, waiting with progress until it is online', async () => {
    const waited = await fleet().session.callWithProgress('create_agent', {
      name: AGENT,
      project: 'Claude Code',
      role: 'Reviewer',
      task: FIRST_TASK,
      wait: true,
    });

    const { agent, online } = structuredOf<OnlineAgentResult>(waited.result);
    expect(online).toBe(true);
    expect(agent).toMatchObject({ name: AGENT, role: 'Reviewer' });
    expectProgressEndingReady(waited);
    const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents'));
    expect(agents.map((listed) => listed.name)).toContain(AGENT);
  });

  test('the agent works on its first task: wait_for_agents returns once it is idle', async () => {
    const { agents, condition_met } = structuredOf<WaitForAgentsOutput>(await call('wait_for_agents', { agent_names: [AGENT], timeout_seconds: 30 }));

    expect(condition_met).toBe(true);
    expect(agents[0]).toMatchObject({ name: AGENT, status: 'idle', still_working: false });
    // A real task ends on the screen watcher's `idle` (or a forced `working` self-report after it), never `complete`.
    expect(agents[0]?.last_message).toBeTruthy();
  });

  test('gives the agent a task and watches it busy', async () => {
    const started = structuredOf<AgentResult>(await call('start_agent_task', { agent_name: AGENT, task: SECOND_TASK })).agent;
    const shown = structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: AGENT })).agent;

    expect(started.status).toBe('busy');
    expect(shown.status).toBe('busy');
    expect(shown.last_task?.state).toBe('working');
  });

  test('reads the task history, newest first: the new task on top of the first one', async () => {
    const history = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: AGENT }));

    expect(history.tasks[0]?.state).toBe('working');
    const messages = history.tasks.map((task) => task.message).join('\n');
    expect(messages).toContain(SECOND_TASK);
    expect(messages).toContain(FIRST_TASK);
  });

  test('reads the log: the newest entry is the task it was given', async () => {
    const log = structuredOf<AgentLogOutput>(await call('show_agent_log', { agent_name: AGENT, page_size: 3 }));

    expect(log.entries[0]).toMatchObject({ type: 'input', content: SECOND_TASK });
    expect(log.total).toBeGreaterThanOrEqual(3);
  });

  test('cancels the task: the agent returns to idle', async () => {
    const result = await call('cancel_agent_task', { agent_name: AGENT });

    expect(textOf(result)).toContain(AGENT);
    const { agents } = structuredOf<WaitForAgentsOutput>(await call('wait_for_agents', { agent_names: [AGENT], timeout_seconds: 30 }));
    expect(agents[0]).toMatchObject({ status: 'idle' });
    expect(structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: AGENT })).agent.last_task?.state).toBe('idle');
  });

  test('restarts the agent, waiting with progress until it is online again', async () => {
    const waited = await fleet().session.callWithProgress('restart_agent', { agent_name: AGENT, wait: true });

    expect(structuredOf<OnlineAgentResult>(waited.result).online).toBe(true);
    expectProgressEndingReady(waited);
  });

  test('deletes the agent: it leaves the fleet', async () => {
    const { agent } = structuredOf<AgentResult>(await call('delete_agent', { agent_name: AGENT }));

    expect(agent.status).toBe('deleting');
    await waitForAgentGone(fleet().session, AGENT);
  });

  test('no frame the server sent and no line it logged holds the session token', () => {
    const { session, server, simulator } = fleet();

    expect(findLeaks({ stdout: session.receivedFrames, stderr: server.stderr.lines() }, [simulator.token])).toEqual([]);
  });
});
