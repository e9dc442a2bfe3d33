// Each of the twelve tools through a real SDK client, on the real fleet over recorded Coder answers: what a successful call returns, and what Coder was asked.
import {
  CODER_URL,
  inTurn,
  recordedAgentApiStatus,
  recordedBuildParameters,
  recordedCreatedTask,
  recordedCreatedWorkspace,
  recordedCreation,
  recordedPresets,
  recordedStartOf,
  recordedTaskLogs,
  recordedTasks,
  recordedTemplate,
  recordedWorkspace,
  type FakeAnswers,
  type RecordedGeneration,
} from '@fleet/coder-fakes';
import type { z } from 'zod';
import { CancelAgentTaskOutputSchema } from '../src/tools/cancel-agent-task.js';
import { CreateAgentOutputSchema } from '../src/tools/create-agent.js';
import { DeleteAgentOutputSchema } from '../src/tools/delete-agent.js';
import { ListAgentProjectsOutputSchema } from '../src/tools/list-agent-projects.js';
import { ListAgentRolesOutputSchema } from '../src/tools/list-agent-roles.js';
import { ListAgentsOutputSchema } from '../src/tools/list-agents.js';
import { RestartAgentOutputSchema } from '../src/tools/restart-agent.js';
import { ShowAgentOutputSchema } from '../src/tools/show-agent.js';
import { ShowAgentLogOutputSchema } from '../src/tools/show-agent-log.js';
import { ShowAgentTaskHistoryOutputSchema } from '../src/tools/show-agent-task-history.js';
import { StartAgentTaskOutputSchema } from '../src/tools/start-agent-task.js';
import { WaitForAgentsOutputSchema } from '../src/tools/wait-for-agents.js';
import { connectClient, type ConnectedClient } from './connected-client.js';
import { GENERATION, recordedFleet, type RecordedFleet } from './recorded-fleet.js';
import { summaryOf } from './tool-result.js';

let recorded: RecordedFleet;
let connected: ConnectedClient;

/** Connects a client to a server on the recorded fleet of `generation`, with `answers` in place of the recorded ones. */
async function serve(answers: FakeAnswers = {}, generation: RecordedGeneration = GENERATION): Promise<void> {
  recorded = recordedFleet({ generation, answers });
  connected = await connectClient(recorded.fleet);
}

afterEach(async () => {
  await connected.close();
});

async function callSuccessfully<Schema extends z.ZodObject>(name: string, args: Record<string, unknown>, schema: Schema): Promise<{ structured: z.output<Schema>; text: string }> {
  const result = await connected.call(name, args);
  expect(result.isError).toBeFalsy();
  // The text carries everything: a summary, then the whole structured result (summaryOf checks it).
  const text = summaryOf(result);
  expect(text.length).toBeGreaterThan(0);
  // strict(): a field the schema does not declare would be a mismatch too.
  return { structured: schema.strict().parse(result.structuredContent) as z.output<Schema>, text };
}

function recordedTask(name: string) {
  const task = recordedTasks(GENERATION).find((candidate) => candidate.name === name);
  if (task === undefined) throw new Error(`no recorded task ${name}`);
  return task;
}

function presetId(role: string): string | undefined {
  const version = recordedTemplate(GENERATION, 'claude-code').active_version_id;
  return recordedPresets(GENERATION, version).find((preset) => preset.Name === role)?.ID;
}

describe('list_agents', () => {
  test('returns every agent in snake_case with status, project, role and last task', async () => {
    await serve();
    const task = recordedTask('fix-login');

    const { structured, text } = await callSuccessfully('list_agents', {}, ListAgentsOutputSchema);

    expect(structured.total).toBe(6);
    expect(structured.agents.find((agent) => agent.name === 'fix-login')).toEqual({
      name: 'fix-login',
      status: 'busy',
      project: 'Claude Code',
      role: null,
      last_task: { state: 'working', message: task.current_state?.message, at: task.current_state?.timestamp },
      created_at: task.created_at,
      updated_at: task.updated_at,
    });
    expect(text).toContain(`fix-login: busy (Claude Code); last task working: "${task.current_state?.message}"`);
  });

  test('passes the status and project filters on: only the matching agents come back, counted among the project', async () => {
    await serve();

    const { structured, text } = await callSuccessfully('list_agents', { status: 'failed', project: ' Claude Code ' }, ListAgentsOutputSchema);

    expect(structured.agents.map((agent) => agent.name)).toEqual(['test-cache']);
    expect(structured.counts.total).toBe(4);
    expect(text).toContain('Agents with status failed, project "Claude Code", page 1 of 1 (1 agents in all, 20 a page)');
  });

  test('passes the page on', async () => {
    await serve();

    const { structured } = await callSuccessfully('list_agents', { page: 2, page_size: 4 }, ListAgentsOutputSchema);

    expect(structured).toMatchObject({ total: 6, page: 2, page_size: 4, has_next: false, has_previous: true });
    expect(structured.agents).toHaveLength(2);
  });

  test('reports an empty match plainly', async () => {
    await serve();

    const { structured, text } = await callSuccessfully('list_agents', { status: 'stopping' }, ListAgentsOutputSchema);

    expect(structured.agents).toEqual([]);
    expect(text).toContain('Agents with status stopping, page 1 of 1 (0 agents in all, 20 a page)');
  });
});

describe('show_agent', () => {
  test('returns the agent in full: workspace, build, parameters and health', async () => {
    await serve();
    const workspace = recordedWorkspace(GENERATION, 'fix-login');

    const { structured, text } = await callSuccessfully('show_agent', { agent_name: 'fix-login' }, ShowAgentOutputSchema);

    const url = `${CODER_URL.replace(/\/$/, '')}/@${workspace.owner_name}/fix-login`;
    expect(structured.agent).toMatchObject({
      name: 'fix-login',
      status: 'idle',
      workspace_id: workspace.id,
      url,
      build: { id: workspace.latest_build.id, number: workspace.latest_build.build_number, transition: 'start', status: 'running', job_status: 'succeeded', error: null },
      template_version_name: workspace.latest_build.template_version_name,
      health: { healthy: true, agent_status: 'connected', lifecycle_state: 'ready', reason: null },
    });
    expect(structured.agent.parameters).toEqual(recordedBuildParameters(GENERATION).map(({ name, value }) => ({ name, value })));
    expect(text).toContain(url);
  });
});

describe('create_agent', () => {
  test('without wait returns as soon as Coder accepted the task, with the agent not yet online', async () => {
    const created = recordedCreatedTask(GENERATION);
    // The tasks recording never read the task's workspace: the recorded create of the same version stands in for it.
    await serve({ createTask: async () => created, getWorkspace: async () => recordedCreatedWorkspace(GENERATION) });
    const task = created.initial_prompt;

    const { structured, text } = await callSuccessfully('create_agent', { name: created.name, project: 'Claude Code', task, role: 'Reviewer' }, CreateAgentOutputSchema);

    expect(recorded.coder.argsOf('createTask').map((args) => args.slice(0, 2))).toEqual([
      ['me', expect.objectContaining({ name: created.name, input: task, template_version_preset_id: presetId('Reviewer') })],
    ]);
    expect(structured).toMatchObject({ online: false, first_task: 'handed_to_coder', agent: { status: 'pending' } });
    expect(text).toContain('is being created (status pending)');
  });

  test('with wait returns the agent online', async () => {
    const generation = 'v2.27.1';
    await serve(recordedCreation(generation), generation);

    const { structured, text } = await callSuccessfully(
      'create_agent',
      { name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.', wait: true },
      CreateAgentOutputSchema,
    );

    expect(structured.online).toBe(true);
    expect(structured.agent).toMatchObject({ name: 'fleet-rec-workspace', status: 'busy' });
    expect(text).toContain('is online (busy)');
    expect(recorded.clock.sleeps.length).toBeGreaterThan(0);
  });
});

describe('delete_agent', () => {
  test('deletes a busy agent and returns it with status deleting', async () => {
    await serve({ deleteTask: async () => undefined });

    const { structured, text } = await callSuccessfully('delete_agent', { agent_name: 'refactor-billing' }, DeleteAgentOutputSchema);

    expect(recorded.coder.argsOf('deleteTask').map((args) => args.slice(0, 2))).toEqual([['me', recordedTask('refactor-billing').id]]);
    expect(structured.agent).toMatchObject({ name: 'refactor-billing', status: 'deleting' });
    expect(text).toBe('Agent refactor-billing is being deleted (status deleting).');
  });
});

describe('restart_agent', () => {
  test('restarts a stopped agent and, waiting, returns it online', async () => {
    const generation = 'v2.37.0';
    await serve(recordedStartOf(generation, 'review-webhooks'), generation);

    const { structured, text } = await callSuccessfully('restart_agent', { agent_name: 'review-webhooks', wait: true }, RestartAgentOutputSchema);

    expect(recorded.coder.argsOf('startWorkspace').map((args) => args[0])).toEqual([recordedWorkspace(generation, 'review-webhooks').id]);
    expect(recorded.coder.count('stopWorkspace')).toBe(0);
    expect(structured.online).toBe(true);
    expect(structured.agent).toMatchObject({ name: 'review-webhooks', status: 'idle' });
    expect(text).toBe('Agent review-webhooks is online again (idle).');
  });
});

describe('start_agent_task', () => {
  test('sends the task to an idle agent through AgentAPI, and the agent becomes busy', async () => {
    await serve();

    const { structured, text } = await callSuccessfully('start_agent_task', { agent_name: 'fix-login', task: 'Add a test for the redirect loop' }, StartAgentTaskOutputSchema);

    expect(recorded.coder.argsOf('sendAgentApiMessage').map((args) => args[1])).toEqual([{ content: 'Add a test for the redirect loop', type: 'user' }]);
    expect(structured.agent).toMatchObject({ name: 'fix-login', status: 'busy' });
    expect(text).toContain('Task sent to fix-login (now busy)');
  });
});

describe('cancel_agent_task', () => {
  test('interrupts a busy agent once, which becomes idle', async () => {
    await serve({ getAgentApiStatus: inTurn(recordedAgentApiStatus(GENERATION, 'running'), recordedAgentApiStatus(GENERATION, 'stable')) });

    const { structured, text } = await callSuccessfully('cancel_agent_task', { agent_name: 'fix-login' }, CancelAgentTaskOutputSchema);

    expect(recorded.coder.count('interruptAgentApi')).toBe(1);
    expect(structured.agent).toMatchObject({ name: 'fix-login', status: 'idle' });
    expect(text).toBe('Interrupted fix-login: it stopped and is idle.');
  });
});

describe('wait_for_agents', () => {
  test('returns once a named agent stopped working, with its last message', async () => {
    await serve();

    const { structured, text } = await callSuccessfully('wait_for_agents', { agent_names: ['fix-login'] }, WaitForAgentsOutputSchema);

    expect(structured).toMatchObject({
      condition_met: true,
      agents: [{ name: 'fix-login', status: 'idle', still_working: false, last_message: recordedTask('fix-login').current_state?.message }],
    });
    expect(text).toContain('An agent stopped working');
  });
});

describe('show_agent_task_history', () => {
  const newest = () => {
    const status = recordedWorkspace(GENERATION, 'refactor-billing').latest_app_status;
    if (status == null) throw new Error('refactor-billing reported no status');
    return status;
  };

  test('returns the first page of 20 statuses, newest first, with the paging fields', async () => {
    await serve();

    const { structured, text } = await callSuccessfully('show_agent_task_history', { agent_name: 'refactor-billing' }, ShowAgentTaskHistoryOutputSchema);

    expect(structured).toMatchObject({ agent_name: 'refactor-billing', total: 239, page: 1, page_size: 20, has_next: true, has_previous: false });
    expect(structured.tasks).toHaveLength(20);
    expect(structured.tasks[0]).toEqual({
      id: newest().id,
      state: newest().state,
      message: newest().message,
      uri: null,
      needs_user_attention: newest().needs_user_attention,
      created_at: newest().created_at,
    });
    expect(text).toContain('page 1 of 12 (239 statuses in all, 20 a page)');
  });

  test('returns an empty page with the true total past the end', async () => {
    await serve();

    const { structured, text } = await callSuccessfully('show_agent_task_history', { agent_name: 'refactor-billing', page: 99, page_size: 10 }, ShowAgentTaskHistoryOutputSchema);

    expect(structured).toMatchObject({ tasks: [], total: 239, page: 99, page_size: 10, has_next: false, has_previous: true });
    expect(text).toContain('(no statuses on this page)');
  });
});

describe('show_agent_log', () => {
  const logs = recordedTaskLogs(GENERATION);

  test('returns the latest message by default', async () => {
    await serve();
    const latest = logs[logs.length - 1];

    const { structured, text } = await callSuccessfully('show_agent_log', { agent_name: 'fix-login' }, ShowAgentLogOutputSchema);

    expect(structured).toMatchObject({ total: logs.length, page: 1, page_size: 1, has_next: true, has_previous: false });
    expect(structured.entries).toEqual([{ id: String(latest?.id), type: 'output', content: latest?.content, time: latest?.time }]);
    expect(text).toContain(`from the agent:\n${latest?.content.split('\n')[0]}`);
  });

  test('pages further back on request', async () => {
    await serve();

    const { structured } = await callSuccessfully('show_agent_log', { agent_name: 'fix-login', page: 2, page_size: 2 }, ShowAgentLogOutputSchema);

    expect(structured.entries.map((entry) => entry.id)).toEqual(logs.slice(0, -2).reverse().map((entry) => String(entry.id)));
    expect(structured).toMatchObject({ has_next: false, has_previous: true });
  });
});

describe('list_agent_projects', () => {
  test('returns the projects that can make agents', async () => {
    await serve();

    const { structured, text } = await callSuccessfully('list_agent_projects', {}, ListAgentProjectsOutputSchema);

    expect(structured.projects.map((project) => project.name)).toEqual(['agentapi-agent', 'claude-code', 'research-agent']);
    expect(structured.projects).toContainEqual(
      expect.objectContaining({ name: 'claude-code', display_name: 'Claude Code', template_id: recordedTemplate(GENERATION, 'claude-code').id }),
    );
    expect(text).toContain('Claude Code (claude-code)');
  });
});

describe('list_agent_roles', () => {
  test("returns the project's roles with the default marked", async () => {
    await serve();

    const { structured, text } = await callSuccessfully('list_agent_roles', { project: 'Claude Code' }, ListAgentRolesOutputSchema);

    expect(structured.project).toBe('Claude Code');
    expect(structured.roles.map((role) => [role.name, role.is_default])).toEqual([
      ['Implementer', true],
      ['Reviewer', false],
      ['Tester', false],
    ]);
    expect(text).toContain('- Implementer (default): Implements');
  });
});
