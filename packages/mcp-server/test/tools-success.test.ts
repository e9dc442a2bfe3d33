// Each of the twelve tools, on a fake fleet through a real SDK client: what a successful call returns.
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
import { connectClient, type ConnectedClient } from './connected-client.js';
import { FakeFleet } from './fake-fleet.js';
import { summaryOf } from './tool-result.js';

let fleet: FakeFleet;
let connected: ConnectedClient;

beforeEach(async () => {
  fleet = new FakeFleet();
  connected = await connectClient(fleet);
});

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

describe('list_agents', () => {
  test('returns every agent in snake_case with status, project, role and last task', async () => {
    const { structured, text } = await callSuccessfully('list_agents', {}, ListAgentsOutputSchema);

    expect(structured.total).toBe(3);
    expect(structured.agents[0]).toEqual({
      name: 'review-api-docs',
      status: 'busy',
      project: 'Claude Code',
      role: 'Reviewer',
      last_task: { state: 'working', message: 'Comparing docs/reference/api/workspaces.md with swagger.json', at: '2025-10-21T12:00:00.000Z' },
      created_at: '2025-10-21T09:14:02.511Z',
      updated_at: '2025-10-21T12:00:00.000Z',
    });
    expect(text).toContain('review-api-docs: busy (Claude Code, Reviewer)');
  });

  test('passes the status and project filters to the service and reports an empty match plainly', async () => {
    const { structured, text } = await callSuccessfully('list_agents', { status: 'failed', project: ' Claude Code ' }, ListAgentsOutputSchema);

    expect(fleet.callsTo('agents.list')[0]?.args[0]).toEqual({ status: 'failed', project: 'Claude Code', page: 1, pageSize: 20 });
    expect(structured.agents).toEqual([]);
    expect(text).toContain('Agents with status failed, project "Claude Code", page 1 of 1 (0 agents in all, 20 a page)');
  });
});

describe('show_agent', () => {
  test('returns the agent in full: workspace, build, parameters and health', async () => {
    const { structured, text } = await callSuccessfully('show_agent', { agent_name: 'fix-login-bug' }, ShowAgentOutputSchema);

    expect(structured.agent).toMatchObject({
      name: 'fix-login-bug',
      status: 'idle',
      workspace_id: '4a6d3b2f-0c8e-4d3f-9a2b-3c4d5e6f7081',
      url: 'https://coder.example.com/@alice/fix-login-bug',
      build: { number: 3, transition: 'start', status: 'running', job_status: 'succeeded', error: null },
      template_version_name: 'clever-hopper3',
      health: { healthy: true, agent_status: 'connected', lifecycle_state: 'ready', reason: null },
    });
    expect(structured.agent.parameters).toContainEqual({ name: 'AI Prompt', value: 'Fixed the redirect loop after login; tests pass' });
    expect(text).toContain('https://coder.example.com/@alice/fix-login-bug');
  });
});

describe('create_agent', () => {
  test('without wait returns as soon as the build is accepted, with the agent not yet online', async () => {
    const { structured, text } = await callSuccessfully(
      'create_agent',
      { name: 'write-changelog', project: 'Claude Code', task: 'Write the changelog for v0.2.0', role: 'Developer' },
      CreateAgentOutputSchema,
    );

    expect(fleet.callsTo('agents.create')[0]?.args[0]).toEqual({ name: 'write-changelog', project: 'Claude Code', task: 'Write the changelog for v0.2.0', role: 'Developer' });
    expect(fleet.callsTo('agents.create')[0]?.args[1]).toMatchObject({ wait: false });
    expect(structured.online).toBe(false);
    expect(structured.agent).toMatchObject({ name: 'write-changelog', status: 'starting', role: 'Developer' });
    expect(text).toContain('is being created (status starting)');
  });

  test('with wait returns the agent online', async () => {
    const { structured, text } = await callSuccessfully(
      'create_agent',
      { name: 'write-changelog', project: 'claude-code', task: 'Write the changelog', wait: true },
      CreateAgentOutputSchema,
    );

    expect(fleet.callsTo('agents.create')[0]?.args[1]).toMatchObject({ wait: true });
    expect(structured.online).toBe(true);
    expect(structured.agent.status).toBe('busy');
    expect(text).toContain('is online (busy)');
  });
});

describe('delete_agent', () => {
  test('deletes a busy agent and returns it with status deleting', async () => {
    const { structured, text } = await callSuccessfully('delete_agent', { agent_name: 'review-api-docs' }, DeleteAgentOutputSchema);

    expect(structured.agent).toMatchObject({ name: 'review-api-docs', status: 'deleting' });
    expect(fleet.agentsByName.has('review-api-docs')).toBe(false);
    expect(text).toBe('Agent review-api-docs is being deleted (status deleting).');
  });
});

describe('restart_agent', () => {
  test('restarts a stopped agent and, waiting, returns it online', async () => {
    const { structured, text } = await callSuccessfully('restart_agent', { agent_name: 'triage-issues', wait: true }, RestartAgentOutputSchema);

    expect(structured.online).toBe(true);
    expect(structured.agent.status).toBe('idle');
    expect(text).toBe('Agent triage-issues is online again (idle).');
  });
});

describe('start_agent_task', () => {
  test('sends the task to an idle agent, which becomes busy', async () => {
    const { structured, text } = await callSuccessfully('start_agent_task', { agent_name: 'fix-login-bug', task: 'Add a test for the redirect loop' }, StartAgentTaskOutputSchema);

    expect(fleet.callsTo('tasks.start')[0]?.args.slice(0, 2)).toEqual(['fix-login-bug', 'Add a test for the redirect loop']);
    expect(structured.agent).toMatchObject({ name: 'fix-login-bug', status: 'busy', last_task: { state: 'working', message: 'Add a test for the redirect loop' } });
    expect(text).toContain('Task sent to fix-login-bug (now busy)');
  });
});

describe('cancel_agent_task', () => {
  test('interrupts a busy agent, which becomes idle', async () => {
    const { structured, text } = await callSuccessfully('cancel_agent_task', { agent_name: 'review-api-docs' }, CancelAgentTaskOutputSchema);

    expect(structured.agent).toMatchObject({ name: 'review-api-docs', status: 'idle' });
    expect(text).toBe('Interrupted review-api-docs: it stopped and is idle.');
  });
});

describe('show_agent_task_history', () => {
  test('returns the first page of 20 statuses, newest first, with the paging fields', async () => {
    const { structured, text } = await callSuccessfully('show_agent_task_history', { agent_name: 'review-api-docs' }, ShowAgentTaskHistoryOutputSchema);

    expect(fleet.callsTo('tasks.history')[0]?.args[1]).toMatchObject({ page: 1, pageSize: 20 });
    expect(structured).toMatchObject({ agent_name: 'review-api-docs', total: 45, page: 1, page_size: 20, has_next: true, has_previous: false });
    expect(structured.tasks).toHaveLength(20);
    expect(structured.tasks[0]).toEqual({
      id: 'review-api-docs-status-45',
      state: 'working',
      message: 'Reading the API reference for workspaces',
      uri: 'https://github.com/coder/coder/blob/main/docs/reference/api/workspaces.md',
      needs_user_attention: false,
      created_at: '2025-10-21T12:00:00.000Z',
    });
    expect(text).toContain('page 1 of 3 (45 statuses in all, 20 a page)');
  });

  test('returns an empty page with the true total past the end', async () => {
    const { structured, text } = await callSuccessfully('show_agent_task_history', { agent_name: 'review-api-docs', page: 9, page_size: 10 }, ShowAgentTaskHistoryOutputSchema);

    expect(structured).toMatchObject({ tasks: [], total: 45, page: 9, page_size: 10, has_next: false, has_previous: true });
    expect(text).toContain('(no statuses on this page)');
  });
});

describe('show_agent_log', () => {
  test('returns the latest message by default', async () => {
    const { structured, text } = await callSuccessfully('show_agent_log', { agent_name: 'review-api-docs' }, ShowAgentLogOutputSchema);

    expect(fleet.callsTo('tasks.log')[0]?.args[1]).toMatchObject({ page: 1, pageSize: 1 });
    expect(structured).toMatchObject({ total: 4, page: 1, page_size: 1, has_next: true, has_previous: false });
    expect(structured.entries).toEqual([
      {
        id: 'review-api-docs-4',
        type: 'output',
        content: 'I found 3 endpoints whose examples are out of date: GET /workspaces, POST /workspacebuilds, GET /templates/{id}. Shall I open a pull request?',
        time: '2025-10-21T11:58:40.000Z',
      },
    ]);
    expect(text).toContain('from the agent:\nI found 3 endpoints');
  });

  test('pages further back on request', async () => {
    const { structured } = await callSuccessfully('show_agent_log', { agent_name: 'review-api-docs', page: 2, page_size: 2 }, ShowAgentLogOutputSchema);

    expect(structured.entries.map((entry) => entry.id)).toEqual(['review-api-docs-2', 'review-api-docs-1']);
    expect(structured).toMatchObject({ has_next: false, has_previous: true });
  });
});

describe('list_agent_projects', () => {
  test('returns the projects that can make agents', async () => {
    const { structured, text } = await callSuccessfully('list_agent_projects', {}, ListAgentProjectsOutputSchema);

    expect(structured.projects).toEqual([
      expect.objectContaining({ name: 'claude-code', display_name: 'Claude Code', template_id: '0f0a3c8e-1b2d-4e5f-8a9b-1c2d3e4f5a6b' }),
    ]);
    expect(text).toContain('Claude Code (claude-code)');
  });
});

describe('list_agent_roles', () => {
  test("returns the project's roles with the default marked", async () => {
    const { structured, text } = await callSuccessfully('list_agent_roles', { project: 'Claude Code' }, ListAgentRolesOutputSchema);

    expect(structured.project).toBe('Claude Code');
    expect(structured.roles.map((role) => [role.name, role.is_default])).toEqual([
      ['Reviewer', true],
      ['Developer', false],
    ]);
    expect(text).toContain('- Reviewer (default): Reviews changes');
  });
});
