// The Tasks API of each Coder generation, and its absence on 2.37+.
import { routesFor } from '../src/index.js';
import type { CoderError, Task, Template, Workspace } from './support/coder-shapes.js';
import { openSession, waitFor, type SimulatorSession } from './support/simulator-session.js';

interface TaskList {
  tasks: Task[];
  count: number;
}

interface TaskLogs {
  logs: { id: number; content: string; type: string; time: string }[];
}

async function claudeCodeVersion(session: SimulatorSession): Promise<string> {
  const templates = await session.getJson<Template[]>('/api/v2/templates');
  return (templates.find((template) => template.name === 'claude-code') as Template).active_version_id;
}

describe('Tasks API on Coder 2.29–2.36 (/api/v2/tasks)', () => {
  let session: SimulatorSession;

  beforeAll(async () => {
    session = await openSession({ coderVersion: 'v2.30.0', speed: 0.05 });
  });

  afterAll(() => session.close());

  it('lists every AI workspace as a task, filters owner:me and answers 400 to an unknown filter', async () => {
    const all = await session.getJson<TaskList>('/api/v2/tasks');
    const mine = await session.getJson<TaskList>('/api/v2/tasks?q=owner:me');
    const bad = await session.call('GET', '/api/v2/tasks?q=colour:red');

    expect(all.count).toBe(7);
    expect(mine.count).toBe(6);
    expect(mine.tasks.every((task) => task.id !== task.workspace_id)).toBe(true);
    expect(bad.status).toBe(400);
    expect((bad.json as CoderError).message).toBe('Invalid task search query.');
  });

  it('gets a task by id or by name, with the app id Fleet needs and its current state', async () => {
    const [first] = (await session.getJson<TaskList>('/api/v2/tasks?q=owner:me%20status:active')).tasks;
    const byId = await session.getJson<Task>(`/api/v2/tasks/me/${first?.id ?? ''}`);
    const byName = await session.getJson<Task>(`/api/v2/tasks/fleet-dev/${first?.name ?? ''}`);
    const workspace = await session.getJson<Workspace>(`/api/v2/workspaces/${byId.workspace_id}`);

    expect(byId.status).toBe('active');
    expect(byName.id).toBe(byId.id);
    expect(byId.workspace_app_id).toBe(workspace.latest_build.resources[0]?.agents[0]?.apps[0]?.id);
    expect(workspace.task_id).toBe(byId.id);
    expect(byId.current_state?.state).toBe(workspace.latest_app_status?.state);
    expect((await session.call('GET', '/api/v2/tasks/me/no-such-task')).status).toBe(404);
  });

  it('task logs come from the conversation: user messages as input, agent messages as output', async () => {
    const [first] = (await session.getJson<TaskList>('/api/v2/tasks?q=owner:me%20status:active')).tasks;
    const logs = await session.getJson<TaskLogs>(`/api/v2/tasks/me/${first?.id ?? ''}/logs`);
    const messages = await session.getJson<{ messages: { role: string; content: string }[] }>(
      `/@fleet-dev/${first?.name ?? ''}/apps/ccw/messages`,
    );

    expect(logs.logs).toHaveLength(messages.messages.length);
    expect(logs.logs.map((entry) => entry.type)).toEqual(
      messages.messages.map((message) => (message.role === 'user' ? 'input' : 'output')),
    );
  });

  it('creates a task as a workspace with the input as its prompt, which the agent then works on', async () => {
    const created = await session.call('POST', '/api/v2/tasks/me', {
      input: 'Upgrade the logging library',
      name: 'upgrade-logging',
      template_version_id: await claudeCodeVersion(session),
    });
    const task = created.json as Task;

    const active = await waitFor('the task to be active', async () => {
      const current = await session.getJson<Task>(`/api/v2/tasks/me/${task.id}`);
      return current.status === 'active' ? current : undefined;
    });
    const logs = await session.getJson<TaskLogs>(`/api/v2/tasks/me/${task.id}/logs`);
    const workspace = await session.getJson<{ latest_build: { id: string } }>(`/api/v2/workspaces/${task.workspace_id ?? ''}`);
    const buildParameters = await session.getJson<{ name: string; value: string }[]>(
      `/api/v2/workspacebuilds/${workspace.latest_build.id}/parameters`,
    );

    expect(created.status).toBe(201);
    expect(task.initial_prompt).toBe('Upgrade the logging library');
    // 2.29+: the prompt is the task's input (coder_task), not an `AI Prompt` parameter.
    expect(buildParameters.map((parameter) => parameter.name)).not.toContain('AI Prompt');
    expect(task.status).toBe('initializing');
    expect(active.name).toBe('upgrade-logging');
    expect(logs.logs.find((entry) => entry.type === 'input')?.content).toBe('Upgrade the logging library');
  });

  it('generates a valid name when none is given and refuses an invalid one', async () => {
    const versionId = await claudeCodeVersion(session);

    const generated = await session.call('POST', '/api/v2/tasks/me', { input: 'Anything', template_version_id: versionId });
    const invalid = await session.call('POST', '/api/v2/tasks/me', { input: 'x', name: 'Not Valid', template_version_id: versionId });
    const notAi = await session.call('POST', '/api/v2/tasks/me', {
      input: 'x',
      template_version_id: (await session.getJson<Template[]>('/api/v2/templates')).find((template) => template.name === 'docker-dev')
        ?.active_version_id,
    });

    expect(generated.status).toBe(201);
    expect((generated.json as Task).name).toMatch(/^task-[a-z]+-[a-z]+-[0-9a-f]{4}$/);
    expect(invalid.status).toBe(400);
    expect(notAi.status).toBe(400);
    expect((notAi.json as CoderError).message).toBe('Template does not have a valid "coder_ai_task" resource.');
  });

  it('send delivers input to an idle agent, 502 while it works, 400 for empty input', async () => {
    const [idle] = (await session.getJson<TaskList>('/api/v2/tasks?q=owner:me%20status:active')).tasks.filter(
      (task) => task.current_state?.state !== 'working',
    );
    const path = `/api/v2/tasks/me/${idle?.id ?? ''}/send`;

    const empty = await session.call('POST', path, { input: '' });
    const sent = await session.call('POST', path, { input: 'Run the linter' });
    const busy = await session.call('POST', path, { input: 'And the tests' });

    expect(empty.status).toBe(400);
    expect(sent.status).toBe(204);
    expect(busy.status).toBe(502);
    expect(busy.json).toEqual({ message: 'Task app is not ready to accept input.', detail: 'Status: running' });
  });

  it('send to a task that is not active is a 400 naming its status', async () => {
    const [paused] = (await session.getJson<TaskList>('/api/v2/tasks?q=owner:me%20status:paused')).tasks;

    const result = await session.call('POST', `/api/v2/tasks/me/${paused?.id ?? ''}/send`, { input: 'Wake up' });

    expect(result.status).toBe(400);
    expect((result.json as CoderError).detail).toBe('Task status is "paused", it must be "active" to interact with the task.');
  });

  it('delete answers 202, removes the task at once and deletes its workspace', async () => {
    const [task] = (await session.getJson<TaskList>('/api/v2/tasks?q=owner:me%20status:active')).tasks;

    const deleted = await session.call('DELETE', `/api/v2/tasks/me/${task?.id ?? ''}`);
    const gone = await session.call('GET', `/api/v2/tasks/me/${task?.id ?? ''}`);
    await waitFor('the workspace to be deleted', async () => {
      const result = await session.call('GET', `/api/v2/workspaces/${task?.workspace_id ?? ''}`);
      return result.status === 410 ? true : undefined;
    });

    expect(deleted.status).toBe(202);
    expect(gone.status).toBe(404);
  });
});

describe('Tasks API on Coder 2.27 (/api/experimental/tasks)', () => {
  let session: SimulatorSession;

  beforeAll(async () => {
    session = await openSession({ coderVersion: 'v2.27.1' });
  });

  afterAll(() => session.close());

  it('serves the experimental paths, not /api/v2/tasks', async () => {
    const experimental = await session.call('GET', '/api/experimental/tasks');
    const stable = await session.call('GET', '/api/v2/tasks');

    expect(experimental.status).toBe(200);
    expect(stable.status).toBe(404);
    expect(stable.json).toEqual({ message: 'Route not found.' });
  });

  it('identifies a task by its workspace id, reports the workspace status, and 400s a non-UUID id', async () => {
    const { tasks } = await session.getJson<TaskList>('/api/experimental/tasks?q=owner:me');
    const running = tasks.find((task) => task.status === 'running') as Task;

    const byId = await session.getJson<Task>(`/api/experimental/tasks/me/${running.id}`);
    const byName = await session.call('GET', `/api/experimental/tasks/me/${running.name}`);

    expect(byId.id).toBe(byId.workspace_id);
    expect(byId.status).toBe('running');
    expect(byName.status).toBe(400);
  });

  it('builds carry ai_task_sidebar_app_id pointing at the AgentAPI app; workspaces have no task_id', async () => {
    const { tasks } = await session.getJson<TaskList>('/api/experimental/tasks?q=owner:me');
    const running = tasks.find((task) => task.status === 'running') as Task;

    const workspace = await session.getJson<Workspace>(`/api/v2/workspaces/${running.workspace_id}`);

    const appId = workspace.latest_build.resources[0]?.agents[0]?.apps.find((app) => app.slug === 'ccw')?.id;
    expect(workspace.latest_build.ai_task_sidebar_app_id).toBe(appId);
    expect(workspace).not.toHaveProperty('task_id');
  });

  it('creates, sends to and deletes tasks under the experimental path', async () => {
    const templates = await session.getJson<Template[]>('/api/v2/templates');
    const versionId = (templates.find((template) => template.name === 'claude-code') as Template).active_version_id;

    const created = await session.call('POST', '/api/experimental/tasks/me', { input: 'Hello', template_version_id: versionId });
    const task = created.json as Task;
    await waitFor('the agent to answer', async () => {
      const current = await session.getJson<Task>(`/api/experimental/tasks/me/${task.id}`);
      return current.current_state?.state === 'idle' ? current : undefined;
    });
    const sent = await session.call('POST', `/api/experimental/tasks/me/${task.id}/send`, { input: 'Thanks' });
    const deleted = await session.call('DELETE', `/api/experimental/tasks/me/${task.id}`);

    expect(created.status).toBe(201);
    expect(task.id).toBe(task.workspace_id);
    expect(sent.status).toBe(204);
    expect(deleted.status).toBe(202);
  });
});

describe('Coder 2.37+ has no Tasks API at all', () => {
  let session: SimulatorSession;

  beforeAll(async () => {
    session = await openSession({ coderVersion: 'v2.37.0' });
  });

  afterAll(() => session.close());

  it('answers both task paths as an unknown route, and serves no task route', async () => {
    const stable = await session.call('GET', '/api/v2/tasks');
    const experimental = await session.call('POST', '/api/experimental/tasks/me', { input: 'x' });

    expect(stable.status).toBe(404);
    expect(experimental.status).toBe(404);
    expect(routesFor('v2.37.0').filter((route) => route.includes('tasks'))).toEqual([]);
  });

  it('builds carry no ai_task_sidebar_app_id, no has_ai_task; workspaces no task_id; has-ai-task: is a 400', async () => {
    const agents = await session.getJson<{ workspaces: Workspace[] }>('/api/v2/workspaces?q=owner:me');
    const filtered = await session.call('GET', '/api/v2/workspaces?q=owner:me%20has-ai-task:true');
    const templates = await session.call('GET', '/api/v2/templates?q=has-ai-task:true');

    const [first] = agents.workspaces;
    expect(first?.latest_build).not.toHaveProperty('ai_task_sidebar_app_id');
    expect(first).not.toHaveProperty('task_id');
    expect(first?.latest_build).not.toHaveProperty('has_ai_task');
    expect(filtered.status).toBe(400);
    expect(filtered.json).toEqual({
      message: 'Invalid workspace search query.',
      validations: [{ field: 'has-ai-task', detail: 'Query param "has-ai-task" is not a valid query param' }],
    });
    expect(templates.status).toBe(400);
    expect(templates.json).toEqual({
      message: 'Invalid template search query.',
      validations: [{ field: 'has-ai-task', detail: 'Query param "has-ai-task" is not a valid query param' }],
    });
  });
});
