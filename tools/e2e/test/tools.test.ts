// Every tool of the built server over stdio against the simulator over HTTP: each success and each error a caller can meet.
import { waitForAgentGone, waitForAgentStatus } from './support/agent-polling.js';
import { pollUntil } from '@fleet/tool-support';
import { expectProgressEndingReady } from './support/progress-expectations.js';
import { findLeaks } from './support/secret-leaks.js';
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { errorOf, structuredOf, textOf } from './support/tool-result.js';
import type {
  AgentDetailsResult,
  AgentLogOutput,
  AgentOutput,
  AgentResult,
  CreatedAgentResult,
  ListAgentsOutput,
  OnlineAgentResult,
  ProjectsOutput,
  RolesOutput,
  TaskHistoryOutput,
} from './support/tool-outputs.js';

const PROJECT = 'Claude Code';
const ROLES_OF_PROJECT = ['Implementer', 'Reviewer', 'Tester'];
/** The templates whose active version runs an AgentAPI app; Docker Dev runs none. */
const PROJECTS_THAT_RUN_AGENTS = ['AgentAPI Agent', 'Claude Code', 'Research Agent'];

describe('the twelve tools over stdio against the simulator (Coder v2.30.0)', () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 0.05, seed: 1 });
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);

  /**
   * The standard world's agents by status: several idle, one busy (working until interrupted), one stopped, one failed.
   * Busy and idle are what show_agent says (it asks AgentAPI); list_agents gives Coder's hint, the newest app status,
   * which can be a stale `working` on an idle agent. `listedBusy` keeps the list's own busy ones for its filter.
   */
  const seeded = { idle: [] as string[], busy: '', stopped: '', failed: '', listedBusy: [] as string[] };

  beforeAll(async () => {
    const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents'));
    const listed = (status: string) => agents.filter((agent) => agent.status === status).map((agent) => agent.name);
    const shown = await Promise.all(
      agents
        .filter((agent) => agent.status === 'idle' || agent.status === 'busy')
        .map(async (agent) => structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: agent.name })).agent),
    );
    const live = (status: string) => shown.filter((agent) => agent.status === status).map((agent) => agent.name);
    seeded.idle = live('idle');
    seeded.busy = live('busy')[0] ?? '';
    seeded.stopped = listed('stopped')[0] ?? '';
    seeded.failed = listed('failed')[0] ?? '';
    seeded.listedBusy = listed('busy');
  });

  test('the standard world offers the agents these tests need: three idle, one busy, one stopped, one failed', () => {
    expect(seeded.idle.length).toBeGreaterThanOrEqual(3);
    expect(seeded.busy).not.toBe('');
    expect(seeded.stopped).not.toBe('');
    expect(seeded.failed).not.toBe('');
  });

  describe('list_agents', () => {
    test('lists only the own AI agents, with a count that matches', async () => {
      const result = await call('list_agents');

      const { agents, total, counts } = structuredOf<ListAgentsOutput>(result);
      expect(total).toBe(agents.length);
      expect(counts.total).toBe(total);
      expect(agents.length).toBe(6);
      const names = agents.map((agent) => agent.name);
      // dev-box is the user's workspace without an AI task; other-agent belongs to another user.
      expect(names).not.toContain('dev-box');
      expect(names).not.toContain('other-agent');
      expect(textOf(result)).toContain(`${total} agents`);
    });

    test('filters by status: only busy agents come back', async () => {
      const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents', { status: 'busy' }));

      // The filter works on the list's own (Coder's) status: the agents the full list calls busy, the one AgentAPI calls busy among them.
      expect(agents.map((agent) => agent.name)).toEqual(seeded.listedBusy);
      expect(agents.map((agent) => agent.name)).toContain(seeded.busy);
      for (const agent of agents) expect(agent.status).toBe('busy');
      expect(agents.map((agent) => agent.name)).not.toContain(seeded.stopped);
    });

    test('filters by project, by display name', async () => {
      const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents', { project: PROJECT }));

      expect(agents.length).toBeGreaterThan(0);
      for (const agent of agents) expect(['Claude Code', 'claude-code']).toContain(agent.project);
    });

    test('an unknown project is NOT_FOUND listing the projects that exist', async () => {
      const error = errorOf(await call('list_agents', { project: 'no-such-project' }));

      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/Claude Code|claude-code/);
    });

    test('an unknown status is INVALID_INPUT naming the field', async () => {
      const error = errorOf(await call('list_agents', { status: 'sleeping' }));

      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('status');
    });
  });

  describe('show_agent', () => {
    test('shows an idle agent in full: workspace, URL, build, health', async () => {
      const name = seeded.idle[0] ?? '';

      const { agent } = structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: name }));

      expect(agent.name).toBe(name);
      expect(agent.status).toBe('idle');
      expect(agent.workspace_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(agent.url.startsWith(fleet().simulator.url)).toBe(true);
      expect(agent.build.transition).toBe('start');
      expect(agent.build.status).toBe('running');
      expect(agent.health.healthy).toBe(true);
    });

    test('an unknown agent is NOT_FOUND', async () => {
      const error = errorOf(await call('show_agent', { agent_name: 'no-such-agent' }));

      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toContain('no-such-agent');
    });

    test('a name Coder would refuse is INVALID_INPUT stating the rule', async () => {
      const error = errorOf(await call('show_agent', { agent_name: 'bad_name!' }));

      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/letters, digits/);
    });
  });

  describe('list_agent_projects and list_agent_roles', () => {
    test('list_agent_projects lists the templates that can run an agent and not the others', async () => {
      const { projects } = structuredOf<ProjectsOutput>(await call('list_agent_projects'));

      expect(projects.map((project) => project.display_name).sort()).toEqual(PROJECTS_THAT_RUN_AGENTS);
    });

    test("list_agent_roles lists the project's presets, the default marked, each with its system prompt", async () => {
      const { roles } = structuredOf<RolesOutput>(await call('list_agent_roles', { project: PROJECT }));

      expect(roles.map((role) => role.name).sort()).toEqual(ROLES_OF_PROJECT);
      expect(roles.filter((role) => role.is_default).map((role) => role.name)).toEqual(['Implementer']);
      for (const role of roles) expect(role.system_prompt).toEqual(expect.any(String));
    });

    test('list_agent_roles of an unknown project is NOT_FOUND listing the projects that exist', async () => {
      const error = errorOf(await call('list_agent_roles', { project: 'no-such-project' }));

      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/Claude Code|claude-code/);
    });

    test('list_agent_roles of an empty project is INVALID_INPUT', async () => {
      expect(errorOf(await call('list_agent_roles', { project: '  ' })).code).toBe('INVALID_INPUT');
    });
  });

  describe('create_agent', () => {
    test('without wait it returns once Coder accepted the build, and the agent then comes online', async () => {
      const result = await call('create_agent', { name: 'e2e-created', project: PROJECT, role: 'Tester', task: 'List the test files' });

      const { agent, online } = structuredOf<OnlineAgentResult>(result);
      expect(agent.name).toBe('e2e-created');
      expect(online).toBe(false);
      expect(['pending', 'starting']).toContain(agent.status);
      const ready = await waitForAgentStatus(fleet().session, 'e2e-created', ['idle', 'busy']);
      expect(ready.role).toBe('Tester');
    });

    /** What create_agent answered for e2e-waited: how its first task went. */
    let waitedFirstTask = '';

    test('with wait and a progress token it reports the steps in order, ending with ready, and returns the agent online', async () => {
      const waited = await fleet().session.callWithProgress('create_agent', {
        name: 'e2e-waited',
        project: PROJECT,
        role: 'Reviewer',
        task: 'Review the README',
        wait: true,
      });

      const { agent, online, first_task } = structuredOf<CreatedAgentResult>(waited.result);
      waitedFirstTask = first_task;
      expect(online).toBe(true);
      expect(['idle', 'busy']).toContain(agent.status);
      expect(agent.role).toBe('Reviewer');
      expectProgressEndingReady(waited);
    });

    test("show_agent lists the parameters the agent was created with (its role's among them); the first task went to Coder's task input and reached the agent", async () => {
      const { roles } = structuredOf<RolesOutput>(await call('list_agent_roles', { project: PROJECT }));
      const reviewerPrompt = roles.find((role) => role.name === 'Reviewer')?.system_prompt;
      expect(reviewerPrompt).toEqual(expect.any(String));

      const { agent } = structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: 'e2e-waited' }));

      expect(agent.parameters).toEqual(expect.arrayContaining([{ name: 'system_prompt', value: reviewerPrompt }]));
      // On 2.30 the template has no AI Prompt parameter: the first task is the Tasks API's input, which Coder delivers.
      expect(agent.parameters.map((parameter) => parameter.name)).not.toContain('AI Prompt');
      expect(waitedFirstTask).toBe('handed_to_coder');
      const delivered = await pollUntil(
        async () => {
          const log = structuredOf<AgentLogOutput>(await call('show_agent_log', { agent_name: 'e2e-waited', page_size: 100 }));
          return log.entries.find((entry) => entry.type === 'input' && entry.content.includes('Review the README'));
        },
        { description: "e2e-waited's first task in its log", timeoutMs: 10_000 },
      );
      expect(delivered.type).toBe('input');
    });

    test('with wait, a build that fails returns the agent failed with the build error, not online', async () => {
      const { agent, online } = structuredOf<OnlineAgentResult>(
        await call('create_agent', { name: 'fail-e2e-build', project: PROJECT, task: 'Anything', wait: true }),
      );

      expect(online).toBe(false);
      expect(agent.status).toBe('failed');
      expect(agent.build.error).toMatch(/simulated provisioning failure/);
    });

    test('a name that is taken, in any letter case, is CONFLICT', async () => {
      for (const name of [seeded.idle[0] ?? '', (seeded.idle[0] ?? '').toUpperCase()]) {
        const error = errorOf(await call('create_agent', { name, project: PROJECT, task: 'Anything' }));

        expect(error.code).toBe('CONFLICT');
        expect(error.message).toContain(name);
      }
    });

    test.each(['-leading-hyphen', 'double--hyphen', 'under_score', 'a'.repeat(33)])('the name %j is INVALID_INPUT stating the rule', async (name) => {
      const error = errorOf(await call('create_agent', { name, project: PROJECT, task: 'Anything' }));

      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/name/);
    });

    test('an empty or whitespace-only task is INVALID_INPUT', async () => {
      for (const task of ['', '   \n\t']) {
        const error = errorOf(await call('create_agent', { name: 'e2e-no-task', project: PROJECT, task }));

        expect(error.code).toBe('INVALID_INPUT');
        expect(error.message).toContain('task');
      }
    });

    test('an unknown project is NOT_FOUND listing the projects that exist', async () => {
      const error = errorOf(await call('create_agent', { name: 'e2e-lost', project: 'no-such-project', task: 'Anything' }));

      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/Claude Code|claude-code/);
    });

    test("an unknown role is NOT_FOUND listing the project's roles", async () => {
      const error = errorOf(await call('create_agent', { name: 'e2e-lost', project: PROJECT, role: 'Astronaut', task: 'Anything' }));

      expect(error.code).toBe('NOT_FOUND');
      for (const role of ROLES_OF_PROJECT) expect(error.message).toContain(role);
    });

    test('a template that cannot run an agent is refused, naming the missing AgentAPI app', async () => {
      const error = errorOf(await call('create_agent', { name: 'e2e-no-ai', project: 'Docker Dev', task: 'Anything' }));

      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('Docker Dev');
      expect(error.message).toMatch(/no app served by AgentAPI/);
      expect(error.message).not.toContain('AI Prompt');
      expect(errorOf(await call('show_agent', { agent_name: 'e2e-no-ai' })).code).toBe('NOT_FOUND');
    });
  });

  describe('start_agent_task', () => {
    test('sends a task to an idle agent, which becomes busy and then idle again', async () => {
      const name = seeded.idle[1] ?? '';

      const { agent } = structuredOf<AgentResult>(await call('start_agent_task', { agent_name: name, task: 'Count the TODO comments' }));

      expect(agent.name).toBe(name);
      expect(['busy', 'idle']).toContain(agent.status);
      const history = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: name, page_size: 100 }));
      expect(history.tasks.some((task) => task.message.includes('Count the TODO comments'))).toBe(true);
      await waitForAgentStatus(fleet().session, name, ['idle']);
    });

    test('a task for a busy agent is AGENT_BUSY', async () => {
      const error = errorOf(await call('start_agent_task', { agent_name: seeded.busy, task: 'Something else' }));

      expect(error.code).toBe('AGENT_BUSY');
      expect(error.message).toContain(seeded.busy);
    });

    test('a task for a stopped agent is AGENT_OFFLINE naming its status', async () => {
      const error = errorOf(await call('start_agent_task', { agent_name: seeded.stopped, task: 'Something' }));

      expect(error.code).toBe('AGENT_OFFLINE');
      expect(error.message).toContain('stopped');
    });

    test('a task for a failed agent is AGENT_OFFLINE naming its status', async () => {
      const error = errorOf(await call('start_agent_task', { agent_name: seeded.failed, task: 'Something' }));

      expect(error.code).toBe('AGENT_OFFLINE');
      expect(error.message).toContain('failed');
    });

    test('an empty task is INVALID_INPUT', async () => {
      expect(errorOf(await call('start_agent_task', { agent_name: seeded.idle[1], task: ' ' })).code).toBe('INVALID_INPUT');
    });

    test('an unknown agent is NOT_FOUND', async () => {
      expect(errorOf(await call('start_agent_task', { agent_name: 'no-such-agent', task: 'Something' })).code).toBe('NOT_FOUND');
    });
  });

  describe('cancel_agent_task', () => {
    test('cancelling an idle agent is INVALID_STATE, and nothing is sent to it', async () => {
      const name = seeded.idle[2] ?? '';
      const before = fleet().simulator.control.agentApi(name);
      expect(before).toBeDefined();

      const error = errorOf(await call('cancel_agent_task', { agent_name: name }));

      expect(error.code).toBe('INVALID_STATE');
      expect(error.message).toContain('idle');
      expect(fleet().simulator.control.agentApi(name)?.rawMessages).toBe(before?.rawMessages);
    });

    test('interrupts a busy agent, which returns to idle and reports the interruption', async () => {
      const { agent } = structuredOf<AgentResult>(await call('cancel_agent_task', { agent_name: seeded.busy }));

      expect([agent.name, agent.status]).toEqual([seeded.busy, 'idle']);
      await waitForAgentStatus(fleet().session, seeded.busy, ['idle']);
      const history = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: seeded.busy, page_size: 1 }));
      expect(history.tasks[0]?.state).toBe('idle');
      expect(history.tasks[0]?.message).toMatch(/interrupt/i);
    });

    test('an unknown agent is NOT_FOUND', async () => {
      expect(errorOf(await call('cancel_agent_task', { agent_name: 'no-such-agent' })).code).toBe('NOT_FOUND');
    });
  });

  describe('show_agent_task_history', () => {
    test('the first page holds 20 statuses, newest first, with the total and has_next', async () => {
      const history = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: seeded.idle[0] }));

      expect(history).toMatchObject({ agent_name: seeded.idle[0], page: 1, page_size: 20, has_previous: false });
      expect(history.total).toBeGreaterThan(20);
      expect(history.has_next).toBe(true);
      expect(history.tasks).toHaveLength(20);
      const times = history.tasks.map((task) => Date.parse(task.created_at));
      expect(times).toEqual([...times].sort((left, right) => right - left));
    });

    test('a later page continues where the previous ended', async () => {
      const first = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: seeded.idle[0], page_size: 10 }));
      const second = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: seeded.idle[0], page: 2, page_size: 5 }));

      expect(second.has_previous).toBe(true);
      expect(second.tasks.map((task) => task.id)).toEqual(first.tasks.slice(5, 10).map((task) => task.id));
    });

    test('a page past the end is empty and still gives the true total', async () => {
      const first = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: seeded.idle[0] }));

      const beyond = structuredOf<TaskHistoryOutput>(await call('show_agent_task_history', { agent_name: seeded.idle[0], page: 9999, page_size: 100 }));

      expect(beyond.tasks).toEqual([]);
      expect(beyond.total).toBe(first.total);
      expect(beyond.has_next).toBe(false);
    });

    test.each([{ page_size: 101 }, { page_size: 0 }, { page: 0 }, { page: -1 }])('paging %j is INVALID_INPUT', async (paging) => {
      const error = errorOf(await call('show_agent_task_history', { agent_name: seeded.idle[0], ...paging }));

      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain(Object.keys(paging)[0]);
    });

    test('an unknown agent is NOT_FOUND', async () => {
      expect(errorOf(await call('show_agent_task_history', { agent_name: 'no-such-agent' })).code).toBe('NOT_FOUND');
    });
  });

  describe('show_agent_log', () => {
    test('by default gives the latest message only, with the total', async () => {
      const log = structuredOf<AgentLogOutput>(await call('show_agent_log', { agent_name: seeded.idle[0] }));

      expect(log).toMatchObject({ agent_name: seeded.idle[0], page: 1, page_size: 1, has_previous: false });
      expect(log.entries).toHaveLength(1);
      expect(log.total).toBeGreaterThan(1);
      expect(log.has_next).toBe(true);
    });

    test('a bigger page holds inputs and outputs, newest first', async () => {
      const log = structuredOf<AgentLogOutput>(await call('show_agent_log', { agent_name: seeded.idle[0], page_size: 6 }));

      expect(log.entries).toHaveLength(6);
      expect(new Set(log.entries.map((entry) => entry.type))).toEqual(new Set(['input', 'output']));
      const times = log.entries.map((entry) => Date.parse(entry.time));
      expect(times).toEqual([...times].sort((left, right) => right - left));
    });

    test('a page past the end is empty and still gives the true total', async () => {
      const first = structuredOf<AgentLogOutput>(await call('show_agent_log', { agent_name: seeded.idle[0] }));

      const beyond = structuredOf<AgentLogOutput>(await call('show_agent_log', { agent_name: seeded.idle[0], page: 9999, page_size: 100 }));

      expect(beyond.entries).toEqual([]);
      expect(beyond.total).toBe(first.total);
    });

    test('a page size above 100 is INVALID_INPUT', async () => {
      const error = errorOf(await call('show_agent_log', { agent_name: seeded.idle[0], page_size: 500 }));

      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('page_size');
    });

    test('an unknown agent is NOT_FOUND', async () => {
      expect(errorOf(await call('show_agent_log', { agent_name: 'no-such-agent' })).code).toBe('NOT_FOUND');
    });
  });

  describe('restart_agent', () => {
    test('with wait, starts a stopped agent and reports the steps in order, ending with ready', async () => {
      const waited = await fleet().session.callWithProgress('restart_agent', { agent_name: seeded.stopped, wait: true });

      const { agent, online } = structuredOf<OnlineAgentResult>(waited.result);
      expect(online).toBe(true);
      expect(['idle', 'busy']).toContain(agent.status);
      expectProgressEndingReady(waited);
    });

    test('with wait, restarts a running agent: a new start build, online again', async () => {
      const name = seeded.idle[2] ?? '';
      const before = structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: name })).agent;

      const { agent, online } = structuredOf<OnlineAgentResult>(await call('restart_agent', { agent_name: name, wait: true }));

      expect(online).toBe(true);
      expect(agent.build.transition).toBe('start');
      expect(agent.build.number).toBeGreaterThan(before.build.number + 1);
    });

    test('without wait, returns once Coder accepted the build', async () => {
      const { agent, online } = structuredOf<OnlineAgentResult>(await call('restart_agent', { agent_name: seeded.failed }));

      expect(online).toBe(false);
      expect(['pending', 'starting', 'stopping', 'stopped']).toContain(agent.status);
      await waitForAgentStatus(fleet().session, seeded.failed, ['idle', 'busy']);
    });

    test('an unknown agent is NOT_FOUND', async () => {
      expect(errorOf(await call('restart_agent', { agent_name: 'no-such-agent' })).code).toBe('NOT_FOUND');
    });
  });

  describe('delete_agent', () => {
    test('deletes an agent: deleting at once, then gone from list_agents and NOT_FOUND for show_agent', async () => {
      const { agent } = structuredOf<AgentResult>(await call('delete_agent', { agent_name: 'e2e-created' }));

      expect(agent.name).toBe('e2e-created');
      expect(agent.status).toBe('deleting');
      await waitForAgentGone(fleet().session, 'e2e-created');
    });

    test('deletes an agent while it works', async () => {
      const name = seeded.idle[1] ?? '';
      const started = structuredOf<AgentResult>(await call('start_agent_task', { agent_name: name, task: 'Refactor everything' })).agent;
      expect(started.status).toBe('busy');

      const deleted: AgentOutput = structuredOf<AgentResult>(await call('delete_agent', { agent_name: name })).agent;

      expect(deleted.status).toBe('deleting');
      await waitForAgentGone(fleet().session, name);
    });

    test('an unknown agent, or one already deleted, is NOT_FOUND', async () => {
      expect(errorOf(await call('delete_agent', { agent_name: 'no-such-agent' })).code).toBe('NOT_FOUND');
      expect(errorOf(await call('delete_agent', { agent_name: 'e2e-created' })).code).toBe('NOT_FOUND');
    });
  });

  test('unknown arguments are INVALID_INPUT naming them', async () => {
    const error = errorOf(await call('list_agents', { colour: 'blue' }));

    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('colour');
  });

  test('no frame the server sent and no line it logged holds the session token', () => {
    const { session, server, simulator } = fleet();

    const leaks = findLeaks({ stdout: session.receivedFrames, stderr: server.stderr.lines() }, [simulator.token]);

    expect(session.receivedFrames.length).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });
});
